"""The computed indicators of many schools at once: one grouped query per figure, whatever the
number of schools (a school's year page asks for one school, the district table for thirty, a
region for three hundred — the same queries).

:func:`school_figures` returns, per school, the plain numbers the indicators are made of; the
year page (:func:`monitoring.indicators.compute_indicators`), the district table and the
district workbook all read them, so that a figure is the same everywhere.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.utils import timezone

from monitoring.models import Answer, Invitation, Question, Questionnaire
from monitoring.models.year import academic_year_bounds
from pairs.models import Pair, PairMember, ProgramItem
from participants.models import MenteeRequest, MentorProfile, Person
from participants.models.person import years_ago
from roadmap.models import Activity, Roadmap

# Pairs that were formed: proposals that never got an order do not count.
FORMED_STATUSES = (
    Pair.Status.FIXED,
    Pair.Status.ACTIVE,
    Pair.Status.COMPLETED,
    Pair.Status.ENDED_EARLY,
)
TRACKED_ROADMAP_STATUSES = (
    Roadmap.Status.APPROVED,
    Roadmap.Status.ARCHIVED,
    Roadmap.Status.CLOSED,
)
# The pupils the federal target counts (at least 70 % of pupils aged 10–18 in mentoring).
PUPIL_MIN_AGE, PUPIL_MAX_AGE = 10, 18


def decimal(value, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal; no value when there is nothing to divide."""
    return decimal(100 * part / whole) if whole else None


@dataclass
class Figures:
    """The counts behind one school's indicators for one academic year."""

    pairs: int = 0
    groups: int = 0
    # form name -> pairs and groups; kind name -> pairs and groups
    by_form: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    mentors_in_bank: int = 0
    mentees_in_bank: int = 0
    mentees_in_bank_paired: int = 0
    young_teachers: int = 0
    young_teachers_mentees: int = 0
    young_teachers_with_mentor: int = 0
    pupils: int = 0
    pupils_mentees: int = 0
    pupils_mentors: int = 0
    pupils_involved: int = 0
    # form name -> (pupils as mentees, pupils as mentors)
    pupils_by_form: dict[str, list[int]] = field(default_factory=dict)
    activities_due: int = 0
    activities_on_time: int = 0
    program_items_due: int = 0
    program_items_done: int = 0
    invited: int = 0
    answered: int = 0
    # questionnaire's role -> (invited, answered)
    invited_by_role: dict[str, tuple[int, int]] = field(default_factory=dict)
    mentor_satisfaction: Decimal | None = None
    mentee_satisfaction: Decimal | None = None


def formed_pairs_of(organisation_ids, start: date, end: date):
    """Pairs and groups formed that worked during the year (their period overlaps it), without
    the member counts: what subqueries filter by (a subquery of the annotated queryset groups
    every pair of the district again for each row: 3 s for a region's pupils on SQLite)."""
    return Pair.objects.filter(
        organisation_id__in=organisation_ids,
        status__in=FORMED_STATUSES,
        period_start__lte=end,
        period_end__gte=start,
    )


def year_pairs_of(organisation_ids, start: date, end: date):
    """Pairs and groups formed that worked during the year (their period overlaps it)."""
    return formed_pairs_of(organisation_ids, start, end).annotate(
        mentor_count=Count("members", filter=Q(members__role=PairMember.Role.MENTOR)),
        mentee_count=Count("members", filter=Q(members__role=PairMember.Role.MENTEE)),
    )


def school_figures(organisations, year: int, today: date | None = None) -> dict[int, Figures]:
    """:class:`Figures` of the academic year starting in ``year``, per organisation pk.

    Schools are grouped by the month their academic year starts in (September almost always):
    one set of queries per such month, not per school.
    """
    today = today or timezone.localdate()
    by_month = defaultdict(list)
    for organisation in organisations:
        by_month[organisation.academic_year_start_month or 9].append(organisation)
    result = {}
    for members in by_month.values():
        start, end = academic_year_bounds(members[0], year)
        ids = [organisation.pk for organisation in members]
        result.update(_figures(ids, start, end, today))
    return result


def _grouped(queryset, key: str, **aggregates) -> dict:
    return {row[key]: row for row in queryset.order_by().values(key).annotate(**aggregates)}


def _figures(ids, start, end, today) -> dict[int, Figures]:
    figures = {pk: Figures() for pk in ids}
    _count_pairs(figures, year_pairs_of(ids, start, end))
    pairs = formed_pairs_of(ids, start, end)
    _count_banks(figures, ids, pairs)
    _count_young_teachers(figures, ids, start, pairs)
    _count_pupils(figures, ids, start, pairs)
    for pk, (due, on_time) in _roadmap_counts(ids, start, end, today).items():
        figures[pk].activities_due, figures[pk].activities_on_time = due, on_time
    items = _grouped(
        ProgramItem.objects.filter(
            program__pair__organisation_id__in=ids, due__gte=start, due__lte=min(end, today)
        ),
        "program__pair__organisation_id",
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False)),
    )
    for pk, row in items.items():
        figures[pk].program_items_due, figures[pk].program_items_done = row["total"], row["done"]
    invitations = (
        Invitation.objects.filter(
            campaign__organisation_id__in=ids,
            campaign__starts_on__gte=start,
            campaign__starts_on__lte=end,
        )
        .order_by()
        .values("campaign__organisation_id", "campaign__questionnaire__for_role")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    )
    for row in invitations:
        school = figures[row["campaign__organisation_id"]]
        school.invited += row["total"]
        school.answered += row["answered"]
        # By role too: a satisfaction with no answers says how many of whom were asked.
        school.invited_by_role[row["campaign__questionnaire__for_role"]] = (
            row["total"],
            row["answered"],
        )
    satisfaction = (
        satisfaction_answers_of(ids, start, end)
        .order_by()
        .values("response__campaign__organisation_id", "question__questionnaire__for_role")
        .annotate(average=Avg("number"))
    )
    for row in satisfaction:
        attribute = {
            Questionnaire.ForRole.MENTOR: "mentor_satisfaction",
            Questionnaire.ForRole.MENTEE: "mentee_satisfaction",
        }.get(row["question__questionnaire__for_role"])
        if attribute:
            pk = row["response__campaign__organisation_id"]
            setattr(figures[pk], attribute, decimal(row["average"], "0.01"))
    return figures


def _count_pairs(figures, pairs) -> None:
    rows = pairs.values_list(
        "organisation_id", "form__name", "kind__name", "mentor_count", "mentee_count"
    )
    for pk, form, kind, mentors, mentees in rows:
        school = figures[pk]
        if mentors > 1 or mentees > 1:
            school.groups += 1
        else:
            school.pairs += 1
        school.by_form[form] = school.by_form.get(form, 0) + 1
        kind = kind or "Вид не указан"
        school.by_kind[kind] = school.by_kind.get(kind, 0) + 1


def _mentees_of(pairs):
    return PairMember.objects.filter(
        role=PairMember.Role.MENTEE, pair__in=pairs.values("pk")
    ).values("person")


def _count_banks(figures, ids, pairs) -> None:
    mentors = _grouped(
        MentorProfile.objects.filter(person__organisation_id__in=ids).in_bank(),
        "person__organisation_id",
        n=Count("pk"),
    )
    # In the bank, and «закреплён» only by a pair of THIS year: a pair of another year does not
    # make this year's share (else «0 пар» could stand next to «66,7 % закреплены»).
    mentees = _grouped(
        MenteeRequest.objects.filter(person__organisation_id__in=ids).in_bank(),
        "person__organisation_id",
        n=Count("pk"),
        paired=Count("pk", filter=Q(person__in=_mentees_of(pairs))),
    )
    for pk, school in figures.items():
        school.mentors_in_bank = mentors.get(pk, {}).get("n", 0)
        school.mentees_in_bank = mentees.get(pk, {}).get("n", 0)
        school.mentees_in_bank_paired = mentees.get(pk, {}).get("paired", 0)


def _people(ids):
    return Person.objects.filter(organisation_id__in=ids, anonymised_at__isnull=True)


def _count_young_teachers(figures, ids, start, pairs) -> None:
    young = _people(ids).teachers().under_35(on=start).not_withdrawn()
    in_pair = Q(pk__in=_mentees_of(pairs))
    in_bank = Q(
        pk__in=MenteeRequest.objects.filter(person__organisation_id__in=ids)
        .in_bank()
        .values("person")
    )
    rows = _grouped(
        young,
        "organisation_id",
        n=Count("pk"),
        mentees=Count("pk", filter=in_pair | in_bank),
        with_mentor=Count("pk", filter=in_pair),
    )
    for pk, row in rows.items():
        school = figures[pk]
        school.young_teachers = row["n"]
        school.young_teachers_mentees = row["mentees"]
        school.young_teachers_with_mentor = row["with_mentor"]


def pupils_of(ids, on: date):
    """Pupils aged 10 to 18 (inclusive) on ``on``; a pupil without a birth date is not counted."""
    return (
        _people(ids)
        .filter(
            category=Person.Category.STUDENT,
            birth_date__gt=years_ago(on, PUPIL_MAX_AGE + 1),
            birth_date__lte=years_ago(on, PUPIL_MIN_AGE),
        )
        .not_withdrawn()
    )


def _count_pupils(figures, ids, start, pairs) -> None:
    pupils = pupils_of(ids, start)
    members = PairMember.objects.filter(pair__in=pairs.values("pk"))
    as_mentee = Q(pk__in=members.filter(role=PairMember.Role.MENTEE).values("person"))
    as_mentor = Q(pk__in=members.filter(role=PairMember.Role.MENTOR).values("person"))
    rows = _grouped(
        pupils,
        "organisation_id",
        n=Count("pk"),
        mentees=Count("pk", filter=as_mentee),
        mentors=Count("pk", filter=as_mentor),
        involved=Count("pk", filter=as_mentee | as_mentor),
    )
    for pk, row in rows.items():
        school = figures[pk]
        school.pupils, school.pupils_involved = row["n"], row["involved"]
        school.pupils_mentees, school.pupils_mentors = row["mentees"], row["mentors"]
    # From the pupils' side (their conditions filter the main table): the other way round,
    # SQLite ran the consent EXISTS of the pupils' subquery for every pair member (3 s a region).
    by_form = (
        pupils.filter(pair_memberships__pair__in=pairs.values("pk"))
        .order_by()
        .values("organisation_id", "pair_memberships__pair__form__name", "pair_memberships__role")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in by_form:
        counts = figures[row["organisation_id"]].pupils_by_form.setdefault(
            row["pair_memberships__pair__form__name"], [0, 0]
        )
        mentee = row["pair_memberships__role"] == PairMember.Role.MENTEE
        counts[0 if mentee else 1] += row["n"]


def _tracked_roadmaps(ids):
    return Roadmap.objects.filter(organisation_id__in=ids, status__in=TRACKED_ROADMAP_STATUSES)


def _on_time(status: str, accepted_at, due: date) -> bool:
    """Done (accepted by the curator) not after the due date."""
    return status == "done" and accepted_at is not None and timezone.localdate(accepted_at) <= due


def _dated_due(roadmaps, start: date, last_day: date):
    return Activity.objects.filter(
        stage__roadmap__in=roadmaps,
        deadline_kind="date",
        deadline_due__gte=start,
        deadline_due__lte=last_day,
    ).exclude(status=Activity.Status.CANCELLED)


def _yearly_due(roadmaps, start: date, last_day: date):
    """(activity, due date, done on time) of the yearly activities due in this year."""
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
        on_time = mark is not None and _on_time(mark.status, mark.accepted_at, due)
        yield activity, due, on_time


def activities_due_of(ids, start: date, end: date, today: date):
    """(activity, due date, done on time) for every activity of the schools' approved roadmaps
    that fell due in the year by ``today``: dated activities by their due date, yearly ones by
    their occurrence in this year. Done means accepted by the curator; on time, not after the
    due date (the time the curator accepted it, stored on the activity)."""
    last_day = min(end, today)
    roadmaps = _tracked_roadmaps(ids)
    rows = [
        (
            activity,
            activity.deadline_due,
            _on_time(activity.status, activity.accepted_at, activity.deadline_due),
        )
        for activity in _dated_due(roadmaps, start, last_day).select_related("stage__roadmap")
    ]
    rows += list(_yearly_due(roadmaps, start, last_day))
    return rows


def due_in_year(activity, start: date, end: date) -> date | None:
    """The due date of an activity as the roadmap page understood it, in the academic year
    ``start``–``end``: a yearly one's occurrence in that year, any other its derived due date
    (None for an event-bound or not understood deadline)."""
    if activity.deadline_kind == "yearly":
        tracking = {y.key: y for y in activity.stage.roadmap.tracking_years()}
        year = tracking.get(start.year)
        return activity.due_for_year(year) if year is not None else None
    return activity.deadline_due


def _roadmap_counts(ids, start, end, today) -> dict[int, tuple[int, int]]:
    """Per school: (activities due in the year by today, done on time) — the same rule as
    :func:`activities_due_of`, the dated ones read as plain values (a district's thousands of
    activities are not built as objects)."""
    last_day = min(end, today)
    roadmaps = _tracked_roadmaps(ids)
    counts: dict[int, list[int]] = {}
    dated = _dated_due(roadmaps, start, last_day).values_list(
        "stage__roadmap__organisation_id", "status", "accepted_at", "deadline_due"
    )
    for pk, status, accepted_at, due in dated:
        school = counts.setdefault(pk, [0, 0])
        school[0] += 1
        school[1] += int(_on_time(status, accepted_at, due))
    for activity, _due, on_time in _yearly_due(roadmaps, start, last_day):
        school = counts.setdefault(activity.stage.roadmap.organisation_id, [0, 0])
        school[0] += 1
        school[1] += int(on_time)
    return {pk: (due, on_time) for pk, (due, on_time) in counts.items()}


def satisfaction_answers_of(ids, start, end, for_role: str | None = None):
    """Answers to the satisfaction questions of the year's campaigns (for a role, or all)."""
    answers = Answer.objects.filter(
        response__campaign__organisation_id__in=ids,
        response__campaign__starts_on__gte=start,
        response__campaign__starts_on__lte=end,
        question__kind=Question.Kind.SCALE,
        question__measure=Question.Measure.SATISFACTION,
        number__isnull=False,
    )
    if for_role is not None:
        answers = answers.filter(question__questionnaire__for_role=for_role)
    return answers
