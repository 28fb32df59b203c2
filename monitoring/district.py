"""The district table: one row per school of a department, built by ONE function
(:func:`district_rows`) that the coordinator's page, the home panel and the district workbook
all read, so that a figure is the same in each.

Every figure is one grouped query over all the schools (or a grouped computation from
:mod:`monitoring.figures`), never a query per school: thirty schools cost what two cost.
For a year whose monitoring the school approved, its frozen figures are shown (what it reported),
not a live recount.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.utils import timezone

from monitoring.figures import TRACKED_ROADMAP_STATUSES, school_figures, share
from monitoring.indicators import values_of
from monitoring.models import IndicatorSnapshot, MonitoringYear
from monitoring.models.year import academic_year_bounds
from pairs.models import Pair
from participants.filters import filter_consent_state
from participants.models import Organisation, Person
from roadmap.deadlines import DeadlineKind
from roadmap.models import Activity, Roadmap

# The federal target: at least 70 % of pupils aged 10–18 in forms of mentoring.
PUPILS_TARGET = Decimal(70)
FORM_TITLE = re.compile(r"«(.+)»")

# column key -> (header, how it is computed: the header's tooltip)
COLUMNS = {
    "school": ("Школа", "Краткое наименование образовательной организации."),
    "roadmap": (
        "Дорожная карта",
        "Дорожная карта, действующая в учебном году (утверждённая, в архиве или закрытая), "
        "и дата её утверждения.",
    ),
    "done": (
        "Выполнено, %",
        "Мероприятия этой дорожной карты, выполнение которых куратор принял, — от всех её "
        "мероприятий, кроме отменённых.",
    ),
    "overdue": (
        "Просрочено, %",
        "Мероприятия утверждённой дорожной карты, не выполненные (и без отчёта на проверке) "
        "после своего срока на сегодня, — от всех её мероприятий, кроме отменённых.",
    ),
    "mentors": (
        "Наставники",
        "В банке наставников: анкеты, принятые в банк, у участников с действующим согласием.",
    ),
    "mentees": (
        "Наставляемые",
        "В банке наставляемых: запросы, принятые в банк, у участников с действующим согласием.",
    ),
    "pairs": (
        "Пары и группы",
        "Пары и группы, закреплённые приказом, чей период пересекается с учебным годом; "
        "ниже — по формам наставничества.",
    ),
    "young": (
        "Молодые педагоги, %",
        "Педагоги моложе 35 лет на начало учебного года, наставляемые в паре этого года или в "
        "банке наставляемых, — от всех педагогов моложе 35 лет.",
    ),
    "pupils": (
        "Обучающиеся, %",
        "Обучающиеся от 10 до 18 лет на начало учебного года в парах и группах этого года "
        "(наставляемые или наставники) — от всех обучающихся этого возраста. "
        "Федеральный ориентир — не менее 70 %.",
    ),
    "consents": (
        "Нет согласия",
        "Участники без действующего согласия на обработку персональных данных (не отзывавшие "
        "его) — на сегодня.",
    ),
    "monitoring": (
        "Мониторинг",
        "Утверждён ли отчёт мониторинга учебного года; срок — последний день учебного года.",
    ),
    "changed": (
        "Изменено",
        "Когда в школе последний раз меняли участников, дорожную карту, мероприятия, пары или "
        "мониторинг.",
    ),
}


@dataclass
class DistrictRow:
    """One school's line of the district table (see :data:`COLUMNS`)."""

    school: Organisation
    year: int
    today: date
    roadmap: Roadmap | None = None
    activities: int = 0  # not cancelled
    done: int = 0
    overdue: int = 0
    # indicator code -> value: computed now, or frozen when the year's monitoring is approved
    values: dict[str, Decimal | None] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    consents_missing: int = 0
    monitoring: MonitoringYear | None = None
    last_change: datetime | None = None

    @property
    def frozen(self) -> bool:
        return self.monitoring is not None and self.monitoring.is_approved

    @property
    def roadmap_approved_on(self) -> date | None:
        roadmap = self.roadmap
        if roadmap is None:
            return None
        if roadmap.approval_document_date:
            return roadmap.approval_document_date
        return timezone.localdate(roadmap.approved_at) if roadmap.approved_at else None

    @property
    def done_percent(self) -> Decimal | None:
        return share(self.done, self.activities)

    @property
    def overdue_percent(self) -> Decimal | None:
        return share(self.overdue, self.activities)

    def value(self, code: str) -> Decimal | None:
        return self.values.get(code)

    @property
    def mentors(self):
        return self.value("mentors_in_bank")

    @property
    def mentees(self):
        return self.value("mentees_in_bank")

    @property
    def pairs(self) -> int:
        return int((self.value("pairs_formed") or 0) + (self.value("groups_formed") or 0))

    @property
    def young(self):
        return self.value("young_teachers_mentees")

    @property
    def pupils(self):
        return self.value("pupils_involved")

    @property
    def pupils_below_target(self) -> bool:
        return self.pupils is not None and self.pupils < PUPILS_TARGET

    @property
    def monitoring_due(self) -> date:
        return academic_year_bounds(self.school, self.year)[1]

    @property
    def monitoring_late(self) -> bool:
        return not self.frozen and self.today > self.monitoring_due

    @property
    def lags(self) -> list[str]:
        """Why the school is marked in the table (empty: it keeps up)."""
        reasons = []
        if self.roadmap is None:
            reasons.append("нет утверждённой дорожной карты")
        if self.overdue:
            reasons.append(f"просрочено мероприятий: {self.overdue}")
        if self.monitoring_late:
            reasons.append(f"мониторинг не утверждён к {self.monitoring_due:%d.%m.%Y}")
        return reasons

    def sort_value(self, key: str):
        """The value the table sorts by for a column key."""
        return {
            "school": self.school.short_name.lower(),
            "roadmap": self.roadmap_approved_on,
            "done": self.done_percent,
            "overdue": self.overdue_percent,
            "mentors": self.mentors,
            "mentees": self.mentees,
            "pairs": self.pairs,
            "young": self.young,
            "pupils": self.pupils,
            "consents": self.consents_missing,
            "monitoring": self.monitoring.approved_at if self.frozen else None,
            "changed": self.last_change,
            "lags": len(self.lags),
        }[key]


SORT_KEYS = (*COLUMNS, "lags")


def sort_rows(rows: list[DistrictRow], sort: str) -> tuple[list[DistrictRow], str]:
    """Rows in the order a column asks (``pupils``, ``-pupils``); empty values last. An unknown
    key falls back to the school's name. Returns the rows and the key applied."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        key, descending = "school", False
    present = [row for row in rows if row.sort_value(key) is not None]
    empty = [row for row in rows if row.sort_value(key) is None]
    present.sort(key=lambda row: (row.sort_value(key), row.school.short_name), reverse=descending)
    empty.sort(key=lambda row: row.school.short_name)
    return present + empty, ("-" if descending else "") + key


def department_schools(department: Organisation):
    return Organisation.objects.filter(parent=department, kind=Organisation.Kind.SCHOOL).order_by(
        "short_name"
    )


def district_rows(department, year: int, *, today=None, schools=None) -> list[DistrictRow]:
    """The district table of the academic year starting in ``year``: a row per school of the
    ``department`` (or of ``schools``, a queryset of them), in the order of their names."""
    today = today or timezone.localdate()
    schools = list(schools if schools is not None else department_schools(department))
    rows = {school.pk: DistrictRow(school, year, today) for school in schools}
    if not rows:
        return []
    ids = list(rows)
    _add_monitoring(rows, ids, year)
    _add_roadmaps(rows, ids, year, today)
    _add_consents(rows, ids)
    _add_last_change(rows, ids)
    return list(rows.values())


def _add_monitoring(rows, ids, year) -> None:
    """The year's monitoring of each school; an approved one's frozen figures, the others'
    computed now (one set of grouped queries for all of them)."""
    for monitoring in MonitoringYear.objects.filter(organisation_id__in=ids, year=year):
        rows[monitoring.organisation_id].monitoring = monitoring
    frozen = [pk for pk, row in rows.items() if row.frozen]
    snapshots = IndicatorSnapshot.objects.filter(
        monitoring_year__organisation_id__in=frozen, monitoring_year__year=year
    ).values_list("monitoring_year__organisation_id", "code", "title", "value")
    for pk, code, title, value in snapshots:
        row = rows[pk]
        if code.startswith(("pairs_form_", "pairs_kind_")):
            match = FORM_TITLE.search(title)
            breakdown = row.by_form if code.startswith("pairs_form_") else row.by_kind
            breakdown[match.group(1) if match else title] = int(value or 0)
        else:
            row.values[code] = value
    live = [row.school for row in rows.values() if not row.frozen]
    for pk, figures in school_figures(live, year, rows[ids[0]].today).items():
        rows[pk].values = values_of(figures)
        rows[pk].by_form = dict(figures.by_form)
        rows[pk].by_kind = dict(figures.by_kind)


def _in_force(roadmap, school, year) -> bool:
    start, end = academic_year_bounds(school, year)
    return roadmap.period_start <= end and roadmap.period_end >= start


def _add_roadmaps(rows, ids, year, today) -> None:
    """The roadmap in force during the year (as ``Roadmap.objects.in_force(during=…)`` picks
    it), its activities done, and those overdue today."""
    roadmaps = (
        Roadmap.objects.filter(organisation_id__in=ids, status__in=TRACKED_ROADMAP_STATUSES)
        .filter(period_start__lte=date(year + 1, 12, 31), period_end__gte=date(year, 1, 1))
        .order_by("-status", "-period_start", "-revision")
    )
    for roadmap in roadmaps:
        row = rows[roadmap.organisation_id]
        if row.roadmap is None and _in_force(roadmap, row.school, year):
            row.roadmap = roadmap
    chosen = {row.roadmap.pk: row for row in rows.values() if row.roadmap is not None}
    if not chosen:
        return
    counts = (
        Activity.objects.filter(stage__roadmap_id__in=chosen)
        .exclude(status=Activity.Status.CANCELLED)
        .order_by()
        .values("stage__roadmap_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=Activity.Status.DONE)))
    )
    for count in counts:
        row = chosen[count["stage__roadmap_id"]]
        row.activities, row.done = count["total"], count["done"]
    # Dated and permanent activities are overdue by their due date alone: counted in SQL.
    # Yearly ones are checked year by year, as the roadmap page does: only they are loaded.
    tracked = [pk for pk, row in chosen.items() if row.roadmap.is_tracked]
    open_activities = Activity.objects.filter(stage__roadmap_id__in=tracked).exclude(
        status__in=[Activity.Status.DONE, Activity.Status.CANCELLED, Activity.Status.REPORTED]
    )
    late = (
        open_activities.filter(
            Q(deadline_kind=DeadlineKind.DATE)
            | Q(deadline_kind=DeadlineKind.PERMANENT, status=Activity.Status.PLANNED),
            deadline_due__lt=today,
        )
        .order_by()
        .values("stage__roadmap_id")
        .annotate(n=Count("pk"))
    )
    for count in late:
        chosen[count["stage__roadmap_id"]].overdue += count["n"]
    yearly = (
        open_activities.filter(deadline_kind=DeadlineKind.YEARLY)
        .select_related("stage")
        .prefetch_related("year_marks")
    )
    for activity in yearly:
        row = chosen[activity.stage.roadmap_id]
        if activity.is_overdue(row.roadmap, today):
            row.overdue += 1


def _add_consents(rows, ids) -> None:
    """People without a consent in force (and who never withdrew one), as the curator's home
    panel and the list «Согласие: нет» count them."""
    people = Person.objects.filter(
        organisation_id__in=ids, anonymised_at__isnull=True
    ).with_consent_state()
    missing = (
        filter_consent_state(people, "missing")
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("pk"))
    )
    for count in missing:
        rows[count["organisation_id"]].consents_missing = count["n"]


def _add_last_change(rows, ids) -> None:
    """The latest change recorded in the history of a school's people, roadmaps, activities,
    pairs and monitoring: one grouped query per kind of record."""
    histories = (
        (Person.history.model, "organisation_id"),
        (Roadmap.history.model, "organisation_id"),
        (Activity.history.model, "stage__roadmap__organisation_id"),
        (Pair.history.model, "organisation_id"),
        (MonitoringYear.history.model, "organisation_id"),
    )
    for model, path in histories:
        latest = (
            model.objects.filter(**{f"{path}__in": ids})
            .order_by()
            .values(path)
            .annotate(last=Max("history_date"))
        )
        for entry in latest:
            row = rows[entry[path]]
            if row.last_change is None or entry["last"] > row.last_change:
                row.last_change = entry["last"]
