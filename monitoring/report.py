"""The year's report: indicators (live, or frozen once approved), the comparison with the
previous approved year and the charts' data. The page, the PDF and the Excel export all take
their numbers from :func:`year_report`."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q
from django.utils import timezone

from monitoring import charts
from monitoring.indicators import (
    IndicatorValue,
    compute_indicators,
    satisfaction_answers,
    year_pairs,
)
from monitoring.models import MonitoringYear, Questionnaire
from roadmap.models import Activity, Roadmap


class IndicatorRow(NamedTuple):
    """One line of the indicator table: the page, the PDF and the Excel sheet show these rows."""

    stage: int
    stage_label: str
    title: str
    unit: str
    target: Decimal | None
    value: Decimal | None
    previous: Decimal | None  # the previous approved year's value, None without one
    reached: bool | None
    how: str = ""  # how the value is computed (the tooltip)
    note: str = ""  # why there is no value (computed with it, frozen with it)


@dataclass
class YearReport:
    monitoring_year: MonitoringYear
    indicators: list[IndicatorValue]
    previous: MonitoringYear | None
    previous_values: dict[str, Decimal | None]
    chart_data: dict = field(default_factory=dict)

    def rows(self) -> list[IndicatorRow]:
        return [
            IndicatorRow(
                indicator.stage,
                indicator.stage_label,
                indicator.title,
                indicator.unit,
                indicator.target,
                indicator.value,
                self.previous_values.get(indicator.code) if self.previous else None,
                indicator.reached,
                indicator.how,
                indicator.note,
            )
            for indicator in self.indicators
        ]

    def by_stage(self) -> list[tuple[str, list[IndicatorRow]]]:
        stages = {}
        for row in self.rows():
            stages.setdefault(row.stage_label, []).append(row)
        return list(stages.items())

    def charts(self) -> list[str]:
        """The SVG charts, drawn from ``chart_data``."""
        data, drawn = self.chart_data, []
        if data["roadmap"]:
            drawn.append(
                charts.hbar_chart(
                    [row[0] for row in data["roadmap"]],
                    [charts.Series("Выполнено", [row[1] for row in data["roadmap"]])],
                    title="Выполнение дорожной карты по этапам, %",
                    unit="%",
                    max_value=100,
                )
            )
        if any(data["satisfaction"]["mentors"]) or any(data["satisfaction"]["mentees"]):
            drawn.append(
                charts.column_chart(
                    [str(mark) for mark in range(1, 11)],
                    [
                        charts.Series("Наставники", data["satisfaction"]["mentors"]),
                        charts.Series("Наставляемые", data["satisfaction"]["mentees"]),
                    ],
                    title="Удовлетворённость участников: число оценок от 1 до 10",
                    unit="оценок",
                )
            )
        if data["forms"]:
            drawn.append(
                charts.hbar_chart(
                    [row[0] for row in data["forms"]],
                    [charts.Series("Пар и групп", [row[1] for row in data["forms"]])],
                    title="Наставнические пары и группы по формам наставничества",
                )
            )
        comparison = [
            indicator
            for indicator in self.indicators
            if indicator.unit == "%"
            and (indicator.value is not None or self.previous_values.get(indicator.code))
        ]
        if self.previous is not None and comparison:
            drawn.append(
                charts.hbar_chart(
                    [indicator.title for indicator in comparison],
                    [
                        charts.Series(
                            f"{self.previous.label}",
                            [self.previous_values.get(i.code) for i in comparison],
                        ),
                        charts.Series(
                            f"{self.monitoring_year.label}", [i.value for i in comparison]
                        ),
                    ],
                    title="Этот год в сравнении с прошлым, %",
                    unit="%",
                    max_value=100,
                )
            )
        return drawn


def chart_data(organisation, year: int) -> dict:
    """Roadmap progress by stage, satisfaction marks 1–10, pairs by form: plain lists, so
    they can be frozen as JSON when the year is approved."""
    from monitoring.models.year import academic_year_bounds

    start, end = academic_year_bounds(organisation, year)
    roadmap = Roadmap.objects.in_force(organisation, during=(start, end))
    roadmap_rows = []
    if roadmap is not None:
        stages = roadmap.stages.annotate(
            total=Count("activities", filter=~Q(activities__status=Activity.Status.CANCELLED)),
            done=Count("activities", filter=Q(activities__status=Activity.Status.DONE)),
        ).order_by("order", "pk")
        for number, stage in enumerate(stages, start=1):
            if stage.total:
                roadmap_rows.append(
                    [f"{number}. {stage.title}", round(100 * stage.done / stage.total, 1)]
                )
    satisfaction = {}
    for key, role in (("mentors", Questionnaire.ForRole.MENTOR), ("mentees", "mentee")):
        marks = Counter(
            satisfaction_answers(organisation, start, end, role).values_list("number", flat=True)
        )
        satisfaction[key] = [marks.get(mark, 0) for mark in range(1, 11)]
    forms = (
        year_pairs(organisation, start, end)
        .order_by()
        .values("form__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "form__name")
    )
    return {
        "roadmap": roadmap_rows,
        "satisfaction": satisfaction,
        "forms": [[row["form__name"], row["count"]] for row in forms],
    }


def frozen_indicators(monitoring_year: MonitoringYear) -> list[IndicatorValue]:
    return [
        IndicatorValue(s.code, s.title, s.stage, s.unit, s.value, s.target, s.note)
        for s in monitoring_year.snapshots.all()
    ]


def year_report(monitoring_year: MonitoringYear, today=None) -> YearReport:
    organisation = monitoring_year.organisation
    if monitoring_year.is_approved:
        indicators = frozen_indicators(monitoring_year)
        data = monitoring_year.frozen_charts or chart_data(organisation, monitoring_year.year)
    else:
        indicators = compute_indicators(
            organisation=organisation, year=monitoring_year.year, today=today
        )
        data = chart_data(organisation, monitoring_year.year)
    previous = (
        MonitoringYear.objects.filter(
            organisation=organisation,
            year__lt=monitoring_year.year,
            status=MonitoringYear.Status.APPROVED,
        )
        .order_by("-year")
        .first()
    )
    previous_values = {}
    if previous is not None:
        previous_values = {s.code: s.value for s in previous.snapshots.all()}
    return YearReport(monitoring_year, indicators, previous, previous_values, data)


def current_academic_year(organisation, today=None) -> int:
    today = today or timezone.localdate()
    month = organisation.academic_year_start_month or 9
    return today.year if today.month >= month else today.year - 1
