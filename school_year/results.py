"""«Итоги года»: what of an academic year is still open, each with the place to close it.

Nothing is closed here silently: the page lists, the curator acts (the roadmap's closing page,
a pair completed or continued, a campaign started, the monitoring approved).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from mentoring_portal.errors import ServiceError
from monitoring.models import Campaign, MonitoringYear, Questionnaire
from pairs.models import Pair
from roadmap.closing import roadmap_check_closable
from roadmap.models import Roadmap
from school_year import years
from school_year.models import PairContinuation

FINAL_QUESTIONNAIRE_ROLES = (Questionnaire.ForRole.MENTOR, Questionnaire.ForRole.MENTEE)


@dataclass
class YearResults:
    year: int
    start: object
    end: object
    roadmap: Roadmap | None
    roadmap_closable: bool
    roadmap_refusal: str
    ending_pairs: list = field(default_factory=list)
    continued: list = field(default_factory=list)
    questionnaires_not_sent: list = field(default_factory=list)
    questionnaires_sent: list = field(default_factory=list)
    monitoring: MonitoringYear | None = None

    @property
    def label(self) -> str:
        return years.year_label(self.year)

    @property
    def roadmap_open(self) -> bool:
        return self.roadmap is not None and self.roadmap.status != Roadmap.Status.CLOSED

    @property
    def monitoring_open(self) -> bool:
        return self.monitoring is None or not self.monitoring.is_approved

    @property
    def open_count(self) -> int:
        return (
            int(self.roadmap_open)
            + len(self.ending_pairs)
            + len(self.questionnaires_not_sent)
            + int(self.monitoring_open)
        )


def year_results(organisation, year: int, today=None) -> YearResults:
    start, end = years.bounds(organisation, year)
    roadmap = Roadmap.objects.in_force(organisation, during=(start, end))
    closable, refusal = False, ""
    if roadmap is not None and roadmap.status != Roadmap.Status.CLOSED:
        try:
            roadmap_check_closable(roadmap=roadmap, today=today)
            closable = True
        except ServiceError as error:
            refusal = str(error)
    ending = (
        Pair.objects.filter(
            organisation=organisation,
            status__in=Pair.CURRENT_STATUSES,
            period_start__lte=end,
            period_end__lte=end,
        )
        .exclude(Exists(PairContinuation.objects.filter(old_pair=OuterRef("pk"))))
        .with_members()
        .order_by("period_end", "pk")
    )
    continued = (
        PairContinuation.objects.filter(
            old_pair__organisation=organisation,
            old_pair__period_end__gte=start,
            old_pair__period_end__lte=end,
        )
        .select_related("new_pair", "order", "old_pair__form")
        .prefetch_related(
            Prefetch("old_pair__members", queryset=_members()),
        )
        .order_by("pk")
    )
    questionnaires = (
        Questionnaire.objects.filter(
            organisation=organisation, for_role__in=FINAL_QUESTIONNAIRE_ROLES
        )
        .annotate(
            sent=Exists(
                Campaign.objects.in_year(organisation, start, end).filter(
                    questionnaire=OuterRef("pk")
                )
            )
        )
        .order_by("title", "pk")
    )
    questionnaires = list(questionnaires)
    return YearResults(
        year=year,
        start=start,
        end=end,
        roadmap=roadmap,
        roadmap_closable=closable,
        roadmap_refusal=refusal,
        ending_pairs=list(ending),
        continued=list(continued),
        questionnaires_not_sent=[q for q in questionnaires if not q.sent],
        questionnaires_sent=[q for q in questionnaires if q.sent],
        monitoring=MonitoringYear.objects.filter(organisation=organisation, year=year).first(),
    )


def _members():
    from pairs.models import PairMember

    return PairMember.objects.select_related("person").order_by("role", "person__last_name")
