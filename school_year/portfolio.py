"""«Портфолио наставника»: a mentor's record for аттестация and competitions such as «Наставник
года» — every pair, what was done in it, the questionnaires' scores, training, the orders and
the thanks and awards. The page and the PDF read the same :func:`mentor_portfolio`."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Prefetch, Q

from mentoring_portal.russian import class_label
from monitoring.models import Answer, Question
from pairs.models import Order, Pair, PairMember
from participants.models import MentorAward, MentorTraining, Person


@dataclass
class PairRecord:
    pair: Pair
    mentees: list
    items_done: int
    items_total: int
    meetings: int


@dataclass
class Portfolio:
    person: Person
    pairs: list[PairRecord] = field(default_factory=list)
    trainings: list = field(default_factory=list)
    orders: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    scores: list = field(default_factory=list)

    @property
    def training_hours(self) -> int:
        return sum(training.hours for training in self.trainings)

    @property
    def mentees_count(self) -> int:
        return len({person.pk for record in self.pairs for person, _ in record.mentees})


def mentee_role(person: Person) -> str:
    """«Молодой специалист, учитель математики», «Обучающийся 7 «А» класса»."""
    label = person.get_category_display()
    if person.category == Person.Category.STUDENT and person.school_class:
        return f"{label} {class_label(person.school_class)} класса"
    return f"{label}, {person.position.lower()}" if person.position else label


def _score(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mentor_portfolio(person: Person) -> Portfolio:
    pairs = list(
        Pair.objects.filter(members__person=person, members__role=PairMember.Role.MENTOR)
        .select_related("form", "kind", "fixed_by_order")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=PairMember.objects.filter(role=PairMember.Role.MENTEE).select_related(
                    "person"
                ),
                to_attr="mentee_links",
            )
        )
        .annotate(
            items_total=Count("program__items", distinct=True),
            items_done=Count(
                "program__items", filter=Q(program__items__done_on__isnull=False), distinct=True
            ),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("period_start", "pk")
    )
    records = [
        PairRecord(
            pair=pair,
            mentees=[(m.person, mentee_role(m.person)) for m in pair.mentee_links],
            items_done=pair.items_done,
            items_total=pair.items_total,
            meetings=pair.meeting_count,
        )
        for pair in pairs
    ]
    mentee_ids = {m.person_id for pair in pairs for m in pair.mentee_links}
    scores = (
        Answer.objects.filter(
            question__measure=Question.Measure.SATISFACTION,
            number__isnull=False,
            response__campaign__organisation=person.organisation,
        )
        .filter(Q(response__respondent=person) | Q(response__respondent__in=mentee_ids))
        .values(
            "response__campaign_id",
            "response__campaign__starts_on",
            "response__campaign__questionnaire__title",
            "response__campaign__questionnaire__for_role",
        )
        .annotate(average=Avg("number"), answers=Count("pk"))
        .order_by("response__campaign__starts_on", "response__campaign_id")
    )
    score_rows = [
        {
            "title": row["response__campaign__questionnaire__title"],
            "starts_on": row["response__campaign__starts_on"],
            "who": "оценка наставника"
            if row["response__campaign__questionnaire__for_role"] == "mentor"
            else "оценка наставляемых",
            "average": _score(row["average"]),
            "answers": row["answers"],
        }
        for row in scores
    ]
    orders = list(
        Order.objects.filter(
            Q(pairs__in=[p.pk for p in pairs]) | Q(fixed_pairs__in=[p.pk for p in pairs]),
            status=Order.Status.SIGNED,
        )
        .distinct()
        .order_by("date", "number")
    )
    return Portfolio(
        person=person,
        pairs=records,
        trainings=list(
            MentorTraining.objects.filter(profile__person=person).order_by("finished_on", "pk")
        ),
        orders=orders,
        awards=list(MentorAward.objects.filter(person=person).order_by("awarded_on", "pk")),
        scores=score_rows,
    )


def portfolio_pdf(portfolio: Portfolio, *, organisation, printed_on) -> bytes:
    from mentoring_portal.documents import render_pdf
    from mentoring_portal.russian import initials_from_text

    return render_pdf(
        "school_year/print/portfolio.html",
        {
            "portfolio": portfolio,
            "organisation": organisation,
            "printed_on": printed_on,
            "director_short": initials_from_text(organisation.director_name or ""),
        },
    )
