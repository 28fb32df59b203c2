"""«Новый учебный год»: each step previewed, then run once (or skipped) in its own transaction.

A step writes its :class:`YearStep` row in the same transaction as what it creates; the school's
row is locked first, so a double click or a second tab waits and then finds the step done.
Nothing of the past year is changed: its roadmap, pairs, orders, campaigns and monitoring are
only read (the banks are the school's current state, not a record of the year).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from mentoring_portal.russian import gendered
from monitoring.models import Campaign, IndicatorTarget, ManualIndicator, MonitoringYear
from monitoring.services import campaign_start
from pairs.models import Program, ProgramItem
from participants.models import MenteeRequest, MentorProfile, Organisation, Person
from roadmap.deadlines.shifting import shift_deadline, shift_deadline_text, shift_year
from roadmap.models import Activity, Roadmap, Stage
from roadmap.services import roadmap_create
from school_year import years
from school_year.models import PairContinuation, YearStep

Step = YearStep.Step


@dataclass
class Preview:
    """What a step would do: rows to show, warnings to check, and whether there is anything."""

    rows: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows


# ---------------------------------------------------------------- the roadmap


def source_roadmap(organisation, year: int) -> Roadmap | None:
    """Last year's roadmap: the one in force during the year before ``year``."""
    return Roadmap.objects.in_force(organisation, during=years.bounds(organisation, year - 1))


def preview_roadmap(organisation, year: int) -> Preview:
    source = source_roadmap(organisation, year)
    if source is None:
        return Preview(note="Дорожной карты прошлого года нет: новая будет создана из шаблона.")
    rows, warnings = [], []
    activities = (
        Activity.objects.filter(stage__roadmap=source)
        .select_related("stage")
        .prefetch_related("responsible_people")
        .order_by("stage__order", "stage__pk", "order", "pk")
    )
    for activity in activities:
        moved = shift_deadline(
            activity.deadline, period_start=source.period_start, period_end=source.period_end
        )
        left = [p for p in activity.responsible_people.all() if p.left_on is not None]
        rows.append(
            {"activity": activity, "moved": moved.deadline, "exact": moved.exact, "left": left}
        )
        if not moved.exact:
            warnings.append(f"«{activity.title[:80]}»: {moved.deadline.note}")
        for person in left:
            warnings.append(
                f"«{activity.title[:80]}»: {person.short_name} "
                f"{gendered(person, 'выбыл', 'выбыла')} — не будет "
                f"{gendered(person, 'назначен', 'назначена')}."
            )
    return Preview(rows=rows, warnings=warnings, note=f"Из дорожной карты «{source.title}».")


def _copy_roadmap(organisation, year: int, source: Roadmap, by) -> Roadmap:
    start, end = years.bounds(organisation, year)
    period_start = shift_year(source.period_start)
    period_end = shift_year(source.period_end)
    roadmap = Roadmap.objects.create(
        organisation=organisation,
        title=shift_deadline_text(source.title),
        period_start=period_start,
        period_end=period_end,
        created_by=by,
    )
    stages = source.stages.prefetch_related("activities__responsible_people").order_by(
        "order", "pk"
    )
    for stage in stages:
        new_stage = Stage.objects.create(roadmap=roadmap, order=stage.order, title=stage.title)
        for activity in stage.activities.all():
            moved = shift_deadline(
                activity.deadline,
                period_start=source.period_start,
                period_end=source.period_end,
            )
            copy = Activity(
                stage=new_stage,
                order=activity.order,
                title=activity.title,
                result_form=activity.result_form,
                responsible_roles=activity.responsible_roles,
                notes=activity.notes,
            )
            copy.apply_deadline(moved.deadline)
            copy.save()
            copy.responsible_people.set(
                [p for p in activity.responsible_people.all() if p.left_on is None]
            )
    return roadmap


def run_roadmap(organisation, year: int, by, *, from_template: bool = False) -> tuple[str, Roadmap]:
    source = None if from_template else source_roadmap(organisation, year)
    if source is None:
        start, end = years.bounds(organisation, year)
        roadmap = roadmap_create(
            organisation=organisation,
            title=f"Дорожная карта реализации программы наставничества на "
            f"{years.year_label(year)} учебный год",
            period_start=start,
            period_end=end,
            from_template=True,
            by=by,
        )
        return "Создана из шаблона целевой модели (черновик).", roadmap
    roadmap = _copy_roadmap(organisation, year, source, by)
    count = Activity.objects.filter(stage__roadmap=roadmap).count()
    return (
        f"Скопирована из «{source.title}»: {count} мероприятий, сроки перенесены на год, "
        "статусы сброшены, подтверждения остались в прошлом году (черновик).",
        roadmap,
    )


# ---------------------------------------------------------------- the banks


def _bank_rows(organisation, year: int):
    start, end = years.bounds(organisation, year)
    rows = []
    for model, label in ((MentorProfile, "наставник"), (MenteeRequest, "наставляемый")):
        entries = (
            model.objects.filter(
                person__organisation=organisation, status__in=model.IN_BANK_STATUSES
            )
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        valid_at_start = set(
            Person.objects.filter(organisation=organisation)
            .with_valid_consent(on=start)
            .values_list("pk", flat=True)
        )
        for entry in entries:
            person = entry.person
            if person.left_on is not None:
                verdict = f"{gendered(person, 'выбыл', 'выбыла')} — исключается из банка"
            elif person.pk not in valid_at_start:
                verdict = "согласие не действует на начало года — исключается до нового согласия"
            else:
                verdict = "остаётся"
            rows.append(
                {"entry": entry, "side": label, "verdict": verdict, "stays": verdict == "остаётся"}
            )
    return rows


def preview_banks(organisation, year: int) -> Preview:
    rows = _bank_rows(organisation, year)
    renew = MenteeRequest.objects.filter(
        person__organisation=organisation, status=MenteeRequest.Status.FINISHED
    ).count()
    note = (
        f"Запросов наставляемых, закончивших наставничество: {renew} — им можно предложить "
        "подать новый запрос."
    )
    return Preview(rows=rows, note=note)


def run_banks(organisation, year: int, by) -> tuple[str, None]:
    label = years.year_label(year)
    stays = excluded = 0
    for row in _bank_rows(organisation, year):
        entry = row["entry"]
        if row["stays"]:
            stays += 1
            continue
        type(entry).objects.filter(pk=entry.pk).update(
            status=type(entry).Status.EXCLUDED,
            curator_comment=f"Исключён при переходе на {label} учебный год: {row['verdict']}.",
        )
        excluded += 1
    return f"Остаются в банках: {stays}; исключены: {excluded}.", None


# ---------------------------------------------------------------- continuing pairs


def _continuations(organisation, year: int):
    start, end = years.bounds(organisation, year)
    return (
        PairContinuation.objects.filter(
            new_pair__organisation=organisation,
            new_pair__period_start__gte=start,
            new_pair__period_start__lte=end,
        )
        .select_related("old_pair__program", "new_pair", "order")
        .prefetch_related("old_pair__members__person", "old_pair__program__items")
        .order_by("pk")
    )


def preview_pairs(organisation, year: int) -> Preview:
    rows = []
    for item in _continuations(organisation, year):
        program = getattr(item.old_pair, "program", None)
        open_items = [i for i in program.items.all() if not i.is_done] if program else []
        rows.append({"continuation": item, "open_items": open_items})
    note = "Пары продолжаются со страницы «Итоги года» (кнопка «Продолжить»)."
    return Preview(rows=rows, note=note)


def run_pairs(organisation, year: int, by) -> tuple[str, None]:
    made = 0
    for item in _continuations(organisation, year):
        new_pair = item.new_pair
        if Program.objects.filter(pair=new_pair).exists():
            continue
        old = getattr(item.old_pair, "program", None)
        program = Program.objects.create(
            pair=new_pair,
            goals=old.goals if old else new_pair.goal,
            tasks=old.tasks if old else "",
        )
        if old:
            ProgramItem.objects.bulk_create(
                ProgramItem(
                    program=program,
                    title=i.title,
                    expected_result=i.expected_result,
                    due=shift_year(i.due),
                )
                for i in old.items.all()
                if not i.is_done
            )
        made += 1
    return f"Программы продолжающихся пар: {made} (невыполненное перенесено на год).", None


# ---------------------------------------------------------------- campaigns


def _last_campaigns(organisation, year: int):
    start, end = years.bounds(organisation, year - 1)
    return (
        Campaign.objects.in_year(organisation, start, end)
        .select_related("questionnaire")
        .order_by("starts_on", "pk")
    )


def preview_campaigns(organisation, year: int) -> Preview:
    rows = [
        {"campaign": c, "starts_on": shift_year(c.starts_on), "ends_on": shift_year(c.ends_on)}
        for c in _last_campaigns(organisation, year)
    ]
    return Preview(rows=rows)


def _audience(campaign: Campaign) -> str:
    if campaign.audience != Campaign.Audience.CHOSEN:
        return campaign.audience
    if campaign.questionnaire.for_role == "mentee":
        return Campaign.Audience.MENTEES
    return Campaign.Audience.MENTORS


def run_campaigns(organisation, year: int, by) -> tuple[str, None]:
    made = 0
    for old in _last_campaigns(organisation, year):
        campaign_start(
            questionnaire=old.questionnaire,
            starts_on=shift_year(old.starts_on),
            ends_on=shift_year(old.ends_on),
            audience=_audience(old),
            anonymous=old.anonymous,
            by=by,
        )
        made += 1
    return f"Запланировано анкетирований: {made}.", None


# ---------------------------------------------------------------- monitoring


def preview_monitoring(organisation, year: int) -> Preview:
    last = MonitoringYear.objects.filter(organisation=organisation, year=year - 1).first()
    if last is None:
        return Preview(note="Мониторинга прошлого года нет: год будет создан без целевых значений.")
    rows = [{"code": t.code, "target": t.target} for t in last.targets.order_by("code")]
    rows += [{"code": m.title, "target": m.target} for m in last.manual_indicators.all()]
    return Preview(rows=rows, note=f"Целевые значения из мониторинга {last.label}.")


def run_monitoring(organisation, year: int, by) -> tuple[str, None]:
    current, created = MonitoringYear.objects.get_or_create(organisation=organisation, year=year)
    if not created:
        return "Мониторинг года уже был создан раньше: оставлен как есть.", None
    last = MonitoringYear.objects.filter(organisation=organisation, year=year - 1).first()
    if last is None:
        return "Создан мониторинг года без целевых значений.", None
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(monitoring_year=current, code=t.code, target=t.target)
        for t in last.targets.all()
    )
    ManualIndicator.objects.bulk_create(
        ManualIndicator(
            monitoring_year=current,
            order=m.order,
            title=m.title,
            stage=m.stage,
            unit=m.unit,
            target=m.target,
        )
        for m in last.manual_indicators.all()
    )
    return f"Создан мониторинг {current.label} с целевыми значениями {last.label}.", None


# ---------------------------------------------------------------- running a step


@dataclass(frozen=True)
class StepSpec:
    step: str
    preview: Callable
    run: Callable


STEPS = (
    StepSpec(Step.ROADMAP, preview_roadmap, run_roadmap),
    StepSpec(Step.BANKS, preview_banks, run_banks),
    StepSpec(Step.PAIRS, preview_pairs, run_pairs),
    StepSpec(Step.CAMPAIGNS, preview_campaigns, run_campaigns),
    StepSpec(Step.MONITORING, preview_monitoring, run_monitoring),
)
SPECS = {spec.step: spec for spec in STEPS}


def step_run(
    *, organisation, year: int, step: str, by, skip: bool = False, **options
) -> tuple[YearStep, bool]:
    """Run (or skip) ``step`` of opening ``year``; returns (the step's row, whether this call
    did it). A step already done or skipped is not run again."""
    if step not in SPECS:
        raise ServiceError("Нет такого шага.", code="no_step")
    with transaction.atomic():
        # Serialise the school's year change: a second request waits here, then finds the row.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        existing = YearStep.objects.filter(organisation=organisation, year=year, step=step).first()
        if existing is not None:
            return existing, False
        if skip:
            summary, roadmap = "Шаг пропущен.", None
        else:
            summary, roadmap = SPECS[step].run(organisation, year, by, **options)
        row = YearStep.objects.create(
            organisation=organisation,
            year=year,
            step=step,
            outcome=YearStep.Outcome.SKIPPED if skip else YearStep.Outcome.DONE,
            summary=summary,
            roadmap=roadmap,
            done_by=by,
            done_at=timezone.now(),
        )
    return row, True


def steps_state(organisation, year: int) -> list[dict]:
    done = {
        row.step: row
        for row in YearStep.objects.filter(organisation=organisation, year=year).select_related(
            "roadmap"
        )
    }
    return [
        {
            "step": spec.step,
            "label": Step(spec.step).label,
            "row": done.get(spec.step),
        }
        for spec in STEPS
    ]


def new_year_start(organisation, year: int) -> date:
    return years.bounds(organisation, year)[0]
