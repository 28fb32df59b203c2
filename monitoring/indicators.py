"""The year's indicators, computed from the data in ONE place: the page, the PDF and the Excel
export all read :func:`compute_indicators` (or, once the year is approved, its frozen copy).

Stage 1 of the target model's monitoring is the quality of the program's implementation, stage 2
its influence on the participants.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.utils import timezone

from monitoring.models import (
    Answer,
    Invitation,
    ManualIndicator,
    MonitoringYear,
    Question,
    Questionnaire,
)
from monitoring.models.year import Stage, academic_year_bounds
from pairs.models import Pair, PairMember, ProgramItem
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap.models import Activity, Roadmap, YearMark

PERCENT, COUNT, PEOPLE, POINTS = "%", "шт.", "чел.", "балл"


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    title: str
    stage: int
    unit: str
    value: Decimal | None
    target: Decimal | None = None

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def reached(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target


# code -> (title, stage, unit), in the order of the report.
COMPUTED = {
    "pairs_formed": ("Сформировано наставнических пар", Stage.QUALITY, COUNT),
    "groups_formed": ("Сформировано наставнических групп", Stage.QUALITY, COUNT),
    "mentors_in_bank": ("Наставников в банке наставников", Stage.QUALITY, PEOPLE),
    "mentees_in_bank": ("Наставляемых в банке наставляемых", Stage.QUALITY, PEOPLE),
    "young_teachers_mentees": (
        "Доля педагогов в возрасте до 35 лет, участвующих в программе как наставляемые",
        Stage.QUALITY,
        PERCENT,
    ),
    "mentees_with_pair": (
        "Доля наставляемых из банка, закреплённых за наставником",
        Stage.QUALITY,
        PERCENT,
    ),
    "roadmap_on_time": (
        "Доля мероприятий дорожной карты, выполненных в срок",
        Stage.QUALITY,
        PERCENT,
    ),
    "program_items_done": (
        "Доля выполненных мероприятий персонализированных программ наставничества",
        Stage.QUALITY,
        PERCENT,
    ),
    "survey_participation": (
        "Доля участников, ответивших на анкеты мониторинга",
        Stage.INFLUENCE,
        PERCENT,
    ),
    "mentor_satisfaction": (
        "Средняя удовлетворённость наставников программой (от 1 до 10)",
        Stage.INFLUENCE,
        POINTS,
    ),
    "mentee_satisfaction": (
        "Средняя удовлетворённость наставляемых программой (от 1 до 10)",
        Stage.INFLUENCE,
        POINTS,
    ),
}

# Pairs that were formed: proposals that never got an order do not count.
FORMED_STATUSES = (
    Pair.Status.FIXED,
    Pair.Status.ACTIVE,
    Pair.Status.COMPLETED,
    Pair.Status.ENDED_EARLY,
)


def _decimal(value, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _share(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal; no value when there is nothing to divide."""
    return _decimal(100 * part / whole) if whole else None


def year_pairs(organisation, start: date, end: date):
    """Pairs and groups formed that worked during the year (their period overlaps it)."""
    return Pair.objects.filter(
        organisation=organisation,
        status__in=FORMED_STATUSES,
        period_start__lte=end,
        period_end__gte=start,
    ).annotate(
        mentor_count=Count("members", filter=Q(members__role=PairMember.Role.MENTOR)),
        mentee_count=Count("members", filter=Q(members__role=PairMember.Role.MENTEE)),
    )


def _pairs_and_groups(organisation, start, end) -> tuple[int, int]:
    pairs = groups = 0
    for mentors, mentees in year_pairs(organisation, start, end).values_list(
        "mentor_count", "mentee_count"
    ):
        if mentors > 1 or mentees > 1:
            groups += 1
        else:
            pairs += 1
    return pairs, groups


def _young_teachers_mentees(organisation, start, end) -> Decimal | None:
    young = (
        Person.objects.filter(organisation=organisation, anonymised_at__isnull=True)
        .teachers()
        .under_35(on=start)
        .not_withdrawn()
    )
    mentees = young.filter(
        Q(
            pk__in=PairMember.objects.filter(
                role=PairMember.Role.MENTEE,
                pair__in=year_pairs(organisation, start, end).values("pk"),
            ).values("person")
        )
        | Q(
            pk__in=MenteeRequest.objects.filter(person__organisation=organisation)
            .in_bank()
            .values("person")
        )
    )
    return _share(mentees.count(), young.count())


def _mentees_with_pair(organisation) -> Decimal | None:
    in_bank = MenteeRequest.objects.filter(person__organisation=organisation).in_bank()
    paired = in_bank.filter(
        person__in=PairMember.objects.filter(
            role=PairMember.Role.MENTEE,
            pair__organisation=organisation,
            pair__status__in=FORMED_STATUSES,
        ).values("person")
    )
    return _share(paired.count(), in_bank.count())


def roadmap_activities_due(organisation, start: date, end: date, today: date):
    """(activity, due date, done on time) for every activity of the school's approved roadmaps
    that fell due in the year by ``today``: dated activities by their due date, yearly ones by
    their occurrence in this year. Done means accepted by the curator; on time, not after the
    due date (the time the curator accepted it, stored on the activity)."""
    last_day = min(end, today)
    roadmaps = Roadmap.objects.filter(
        organisation=organisation,
        status__in=[Roadmap.Status.APPROVED, Roadmap.Status.ARCHIVED, Roadmap.Status.CLOSED],
    )
    rows = []
    dated = Activity.objects.filter(
        stage__roadmap__in=roadmaps,
        deadline_kind="date",
        deadline_due__gte=start,
        deadline_due__lte=last_day,
    ).exclude(status=Activity.Status.CANCELLED)
    for activity in dated:
        done_at = activity.accepted_at
        on_time = (
            activity.status == Activity.Status.DONE
            and done_at is not None
            and timezone.localdate(done_at) <= activity.deadline_due
        )
        rows.append((activity, activity.deadline_due, on_time))
    yearly = (
        Activity.objects.filter(stage__roadmap__in=roadmaps, deadline_kind="yearly")
        .exclude(status=Activity.Status.CANCELLED)
        .select_related("stage__roadmap")
        .prefetch_related("year_marks")
    )
    for activity in yearly:
        tracking = {y.key: y for y in activity.stage.roadmap.tracking_years()}
        year = tracking.get(start.year)
        if year is None:
            continue
        due = activity.due_for_year(year)
        if not (start <= due <= last_day):
            continue
        mark = next((m for m in activity.year_marks.all() if m.year == start.year), None)
        on_time = (
            mark is not None
            and mark.status == YearMark.Status.DONE
            and mark.accepted_at is not None
            and timezone.localdate(mark.accepted_at) <= due
        )
        rows.append((activity, due, on_time))
    return rows


def _roadmap_on_time(organisation, start, end, today) -> Decimal | None:
    rows = roadmap_activities_due(organisation, start, end, today)
    return _share(sum(1 for *_, on_time in rows if on_time), len(rows))


def _program_items_done(organisation, start, end, today) -> Decimal | None:
    items = ProgramItem.objects.filter(
        program__pair__organisation=organisation,
        due__gte=start,
        due__lte=min(end, today),
    )
    counts = items.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False)))
    return _share(counts["done"], counts["total"])


def _survey_participation(organisation, start, end) -> Decimal | None:
    invitations = Invitation.objects.filter(
        campaign__organisation=organisation,
        campaign__starts_on__gte=start,
        campaign__starts_on__lte=end,
    )
    counts = invitations.aggregate(total=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    return _share(counts["answered"], counts["total"])


def satisfaction_answers(organisation, start, end, for_role: str):
    """Answers to the satisfaction questions of the year's campaigns for a role."""
    return Answer.objects.filter(
        response__campaign__organisation=organisation,
        response__campaign__starts_on__gte=start,
        response__campaign__starts_on__lte=end,
        question__kind=Question.Kind.SCALE,
        question__measure=Question.Measure.SATISFACTION,
        question__questionnaire__for_role=for_role,
        number__isnull=False,
    )


def _satisfaction(organisation, start, end, for_role) -> Decimal | None:
    average = satisfaction_answers(organisation, start, end, for_role).aggregate(
        average=Avg("number")
    )["average"]
    return _decimal(average, "0.01")


def compute_indicators(*, organisation, year: int, today: date | None = None):
    """Every indicator of the academic year starting in ``year``, computed now: the computed
    ones first (with the targets the curator set), then those entered by hand."""
    today = today or timezone.localdate()
    start, end = academic_year_bounds(organisation, year)
    pairs, groups = _pairs_and_groups(organisation, start, end)
    values = {
        "pairs_formed": Decimal(pairs),
        "groups_formed": Decimal(groups),
        "mentors_in_bank": Decimal(
            MentorProfile.objects.filter(person__organisation=organisation).in_bank().count()
        ),
        "mentees_in_bank": Decimal(
            MenteeRequest.objects.filter(person__organisation=organisation).in_bank().count()
        ),
        "young_teachers_mentees": _young_teachers_mentees(organisation, start, end),
        "mentees_with_pair": _mentees_with_pair(organisation),
        "roadmap_on_time": _roadmap_on_time(organisation, start, end, today),
        "program_items_done": _program_items_done(organisation, start, end, today),
        "survey_participation": _survey_participation(organisation, start, end),
        "mentor_satisfaction": _satisfaction(
            organisation, start, end, Questionnaire.ForRole.MENTOR
        ),
        "mentee_satisfaction": _satisfaction(
            organisation, start, end, Questionnaire.ForRole.MENTEE
        ),
    }
    monitoring_year = MonitoringYear.objects.filter(organisation=organisation, year=year).first()
    targets, manual = {}, []
    if monitoring_year is not None:
        targets = dict(monitoring_year.targets.values_list("code", "target"))
        manual = list(ManualIndicator.objects.filter(monitoring_year=monitoring_year))
    result = [
        IndicatorValue(code, title, int(stage), unit, values[code], targets.get(code))
        for code, (title, stage, unit) in COMPUTED.items()
    ]
    result += [
        IndicatorValue(item.code, item.title, item.stage, item.unit, item.value, item.target)
        for item in manual
    ]
    return result
