"""The monitoring workbook for the region: indicators, a summary with native Excel charts,
pairs, the banks, the roadmap's execution and every answer. Write-only (constant memory),
a fixed number of queries whatever the size of the school.

Each table is a function ``<table>_sheet(export) -> Sheet`` (a title, the columns and a
generator of plain rows, as pretix's exporters do): the page takes the indicator rows from the
same source (:meth:`YearReport.rows`), and a district workbook can chain one sheet's rows over
its schools."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from mentoring_portal.excel import (
    COUNT_FORMAT,
    Column,
    Sheet,
    new_workbook,
    print_ready,
    write_sheet,
)
from mentoring_portal.translit import latin_slug
from monitoring.figures import due_in_year
from monitoring.indicators import roadmap_activities_due, year_pairs
from monitoring.models import Answer, Campaign, MonitoringYear, Question
from monitoring.report import YearReport, year_report
from pairs.models import PairMember
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap.models import Activity

PERCENT_FORMAT = "0.0"
POINTS_FORMAT = "0.00"
# An indicator's figures are shown as its unit wants: a count «3», not «3,0».
UNIT_FORMATS = {
    "%": PERCENT_FORMAT,
    "шт.": COUNT_FORMAT,
    "чел.": COUNT_FORMAT,
    "балл": POINTS_FORMAT,
}


def _unit_format(row) -> str:
    """The number format of an indicator row (its unit is the third column)."""
    return UNIT_FORMATS.get(row[2], "General")


def _bold(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _summary_sheet(workbook, report):
    """Three small tables and a native bar chart over each."""
    sheet = workbook.create_sheet("Сводка")
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 16
    data = report.chart_data
    row = 1
    sheet.append(
        [
            _bold(sheet, "Оценка удовлетворённости"),
            _bold(sheet, "Наставники"),
            _bold(sheet, "Наставляемые"),
        ]
    )
    for mark in range(1, 11):
        sheet.append(
            [
                _count(sheet, mark),
                _count(sheet, data["satisfaction"]["mentors"][mark - 1]),
                _count(sheet, data["satisfaction"]["mentees"][mark - 1]),
            ]
        )
    charts = [
        _chart(
            sheet,
            "Удовлетворённость: число оценок",
            (row, row + 10, 2, 3),
            ("Оценка от 1 до 10", "Число оценок"),
            "E1",
        )
    ]
    row += 12
    sheet.append([])
    sheet.append([_bold(sheet, "Этап дорожной карты"), _bold(sheet, "Выполнено, %")])
    for title, percent in data["roadmap"] or [["Нет утверждённой дорожной карты", 0]]:
        sheet.append([title, _count(sheet, percent, PERCENT_FORMAT)])
    count = max(len(data["roadmap"]), 1)
    charts.append(
        _chart(
            sheet,
            "Выполнение дорожной карты по этапам, %",
            (row, row + count, 2, 2),
            ("Этап", "Выполнено, %"),
            "E20",
            horizontal=True,
            maximum=100,
        )
    )
    row += count + 2
    sheet.append([])
    sheet.append([_bold(sheet, "Форма наставничества"), _bold(sheet, "Пар и групп")])
    for name, number in data["forms"] or [["Пар нет", 0]]:
        sheet.append([name, _count(sheet, number)])
    count = max(len(data["forms"]), 1)
    charts.append(
        _chart(
            sheet,
            "Пары и группы по формам наставничества",
            (row, row + count, 2, 2),
            ("Форма наставничества", "Пар и групп"),
            "E39",
            horizontal=True,
        )
    )
    for chart, anchor in charts:
        sheet.add_chart(chart, anchor)
    return sheet


def _count(sheet, value, number_format=COUNT_FORMAT):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _chart(sheet, title, cells, axis_titles, anchor, *, horizontal=False, maximum=None):
    """A native bar chart over ``cells`` (header row, last row, first and last value column;
    the categories in column A). Both axes are set explicitly: titled, the values from 0, and
    shown (``delete=False``: new Excel hides an axis whose ``delete`` is left out)."""
    header_row, last_row, first_col, last_col = cells
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.height, chart.width = 8, 16
    data = Reference(
        sheet, min_col=first_col, max_col=last_col, min_row=header_row, max_row=last_row
    )
    categories = Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    axes_explicit(chart, *axis_titles, maximum=maximum)
    chart.legend.position = "b"
    return chart, anchor


def axes_explicit(chart, category_title: str, value_title: str, *, maximum=None) -> None:
    """Titles on both axes, values from 0 (to ``maximum`` where there is one, 100 for a
    percentage), whole numbers on a count axis, and both axes drawn."""
    chart.x_axis.title = category_title
    chart.y_axis.title = value_title
    chart.y_axis.scaling.min = 0
    if maximum is not None:
        chart.y_axis.scaling.max = maximum
    chart.y_axis.numFmt = "0"
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _name(person, hidden: set[int]) -> str:
    return "" if person.pk in hidden else person.full_name


@dataclass
class YearExport:
    """What every sheet of one school's year needs, looked up once: the year's bounds, its
    report, the people whose consent is withdrawn (shown without a name) and the year's pairs."""

    monitoring_year: MonitoringYear
    report: YearReport
    hidden: set[int]
    pairs: QuerySet

    @classmethod
    def of(cls, monitoring_year: MonitoringYear) -> "YearExport":
        organisation = monitoring_year.organisation
        start, end = monitoring_year.bounds
        return cls(
            monitoring_year=monitoring_year,
            report=year_report(monitoring_year),
            hidden=set(
                Person.objects.filter(organisation=organisation)
                .consent_withdrawn()
                .values_list("pk", flat=True)
            ),
            pairs=year_pairs(organisation, start, end),
        )

    @property
    def organisation(self):
        return self.monitoring_year.organisation

    @property
    def bounds(self):
        return self.monitoring_year.bounds


def monitoring_workbook(monitoring_year: MonitoringYear):
    """The region's workbook: the indicators, the summary with its charts, then one sheet per
    table. Each table is a :class:`Sheet` built by its own function from a :class:`YearExport`."""
    export = YearExport.of(monitoring_year)
    workbook = new_workbook()
    write_sheet(workbook, indicator_sheet(export))
    _summary_sheet(workbook, export.report)
    for sheet_of in (pair_sheet, mentor_sheet, mentee_sheet, roadmap_sheet, answer_sheet):
        write_sheet(workbook, sheet_of(export))
    return print_ready(
        workbook,
        title="Мониторинг программы наставничества",
        organisation=export.organisation.short_name,
        period=f"{monitoring_year.label} учебный год",
    )


def workbook_filename(monitoring_year: MonitoringYear) -> str:
    """``monitoring-<school>-2026-2027.xlsx``: the school's whole short name in Latin letters,
    so a region that gets forty of these tells them apart."""
    year = monitoring_year.year
    return (
        f"monitoring-{latin_slug(monitoring_year.organisation.short_name)}-{year}-{year + 1}.xlsx"
    )


REACHED = {True: "Да", False: "Нет", None: "—"}


def indicator_sheet(export: YearExport) -> Sheet:
    """The rows of the page's indicator table (:meth:`YearReport.rows`), one per indicator."""
    report = export.report
    monitoring_year = export.monitoring_year
    columns = [
        Column("Этап"),
        Column("Показатель", width=70, wrap=True),
        Column("Единица"),
        Column("Целевое значение", number_format=_unit_format),
        Column(f"Значение {monitoring_year.label}", number_format=_unit_format),
        Column(
            f"Значение {report.previous.label}" if report.previous else "Прошлый год",
            number_format=_unit_format,
        ),
        Column("Цель достигнута"),
        Column("Почему нет значения", width=45, wrap=True),
    ]
    rows = (
        [
            row.stage,
            row.title,
            row.unit,
            row.target,
            row.value,
            row.previous,
            REACHED[row.reached],
            row.note if row.value is None else "",
        ]
        for row in report.rows()
    )
    if monitoring_year.is_approved:
        state = (
            f"Отчёт утверждён {timezone.localdate(monitoring_year.approved_at):%d.%m.%Y}: "
            "значения зафиксированы."
        )
    else:
        state = f"Проект: значения рассчитаны на {timezone.localdate():%d.%m.%Y}."
    caption = [
        f"{export.organisation.short_name}: мониторинг программы наставничества, "
        f"{monitoring_year.label} учебный год",
        state,
    ]
    return Sheet("Показатели", columns, rows, caption)


def pair_sheet(export: YearExport) -> Sheet:
    pairs = export.pairs.select_related("form", "kind", "fixed_by_order")
    members: dict[int, list] = {}
    for member in PairMember.objects.filter(pair__in=pairs.values("pk")).select_related("person"):
        members.setdefault(member.pair_id, []).append(member)
    hidden = export.hidden

    def rows():
        for pair in pairs.order_by("period_start", "pk"):
            group = members.get(pair.pk, [])
            mentors = [m for m in group if m.role == PairMember.Role.MENTOR]
            mentees = [m for m in group if m.role == PairMember.Role.MENTEE]
            yield [
                "Группа" if len(mentors) > 1 or len(mentees) > 1 else "Пара",
                pair.form.name,
                pair.kind.name if pair.kind else "",
                "; ".join(filter(None, (_name(m.person, hidden) for m in mentors))),
                "; ".join(filter(None, (_name(m.person, hidden) for m in mentees))),
                len(mentees),
                pair.period_start,
                pair.period_end,
                pair.get_status_display(),
                str(pair.fixed_by_order.number_label) if pair.fixed_by_order else "",
                pair.fixed_by_order.date if pair.fixed_by_order else None,
            ]

    columns = [
        Column("Пара или группа"),
        Column("Форма наставничества"),
        Column("Вид наставничества"),
        Column("Наставник(и)", width=40, wrap=True),
        Column("Наставляемый(е)", width=40, wrap=True),
        Column("Наставляемых", number_format=COUNT_FORMAT),
        Column("Начало"),
        Column("Окончание"),
        Column("Статус"),
        Column("Приказ №"),
        Column("Дата приказа"),
    ]
    return Sheet("Пары", columns, rows())


def mentor_sheet(export: YearExport) -> Sheet:
    mentors = (
        MentorProfile.objects.filter(person__organisation=export.organisation)
        .listed()
        .select_related("person")
        .prefetch_related("competencies", "trainings")
    )
    columns = [
        Column("ФИО"),
        Column("Должность"),
        Column("Предметы"),
        Column("Стаж, лет", number_format=COUNT_FORMAT),
        Column("Статус"),
        Column("Компетенции", width=50, wrap=True),
        Column("Наставляемых не более", number_format=COUNT_FORMAT),
        Column("Обучение, часов", number_format=COUNT_FORMAT),
    ]
    rows = (
        [
            profile.person.full_name,
            profile.person.position,
            profile.subjects or profile.person.subjects,
            profile.person.experience_years,
            profile.get_status_display(),
            "; ".join(c.name for c in profile.competencies.all()),
            profile.max_mentees,
            sum(t.hours for t in profile.trainings.all()),
        ]
        for profile in mentors
    )
    return Sheet("Наставники", columns, rows)


def mentee_sheet(export: YearExport) -> Sheet:
    paired = set(
        PairMember.objects.filter(
            role=PairMember.Role.MENTEE, pair__in=export.pairs.values("pk")
        ).values_list("person_id", flat=True)
    )
    mentees = (
        MenteeRequest.objects.filter(person__organisation=export.organisation)
        .listed()
        .select_related("person")
        .prefetch_related("difficulties")
    )
    columns = [
        Column("ФИО"),
        Column("Категория"),
        Column("Должность или класс"),
        Column("Предметы"),
        Column("Статус"),
        Column("Профессиональные затруднения", width=50, wrap=True),
        Column("В паре в этом году"),
    ]
    rows = (
        [
            request.person.full_name,
            request.person.get_category_display(),
            request.person.position or request.person.school_class,
            request.subjects or request.person.subjects,
            request.get_status_display(),
            "; ".join(d.name for d in request.difficulties.all()),
            "Да" if request.person_id in paired else "Нет",
        ]
        for request in mentees
    )
    return Sheet("Наставляемые", columns, rows)


def roadmap_sheet(export: YearExport) -> Sheet:
    start, end = export.bounds
    due = {
        activity.pk: (due_date, on_time)
        for activity, due_date, on_time in roadmap_activities_due(
            export.organisation, start, end, timezone.localdate()
        )
    }
    activities = (
        Activity.objects.filter(
            stage__roadmap__organisation=export.organisation,
            stage__roadmap__status__in=["approved", "archived", "closed"],
            stage__roadmap__period_start__lte=end,
            stage__roadmap__period_end__gte=start,
        )
        .select_related("stage__roadmap")
        .order_by(
            "stage__roadmap__period_start",
            "stage__roadmap_id",
            "stage__order",
            "stage_id",
            "order",
            "pk",
        )
    )
    columns = [
        Column("Дорожная карта"),
        Column("Этап", width=40, wrap=True),
        Column("Мероприятие", width=60, wrap=True),
        Column("Сроки (как записано)", width=30, wrap=True),
        Column("Срок (как понят)", width=30, wrap=True),
        Column("Срок в этом году"),
        Column("Статус"),
        Column("Выполнено в срок"),
    ]
    rows = (
        [
            activity.stage.roadmap.title,
            activity.stage.title,
            activity.title,
            activity.deadline_text,
            activity.deadline.describe(),
            # The date the page understood, whether it has come yet or not; «выполнено в
            # срок» is judged only once it has.
            due_in_year(activity, start, end),
            activity.get_status_display(),
            ("Да" if due[activity.pk][1] else "Нет") if activity.pk in due else "—",
        ]
        for activity in activities
    )
    return Sheet("Дорожная карта", columns, rows)


ANSWER_COLUMNS = [
    Column("Анкета"),
    Column("Начало анкетирования"),
    Column("Анонимно"),
    Column("№ анкеты", number_format=COUNT_FORMAT),
    Column("Участник"),
    Column("№ вопроса", number_format=COUNT_FORMAT),
    Column("Вопрос", width=60),
    Column("Вид ответа"),
    Column("Оценка (число)", number_format=COUNT_FORMAT),
    Column("Ответ", width=50),
]


def answer_sheet(export: YearExport) -> Sheet:
    """Every answer of the year's campaigns: 20,000 rows a district, so plain tuples and small
    lookup tables instead of model instances."""
    organisation = export.organisation
    start, end = export.bounds
    answers = (
        Answer.objects.filter(
            response__campaign__organisation=organisation,
            response__campaign__starts_on__gte=start,
            response__campaign__starts_on__lte=end,
        )
        .order_by("response__campaign_id", "response_id", "question__order", "question_id")
        .values_list(
            "response__campaign_id",
            "response_id",
            "response__respondent_id",
            "question_id",
            "number",
            "text",
            "choices",
        )
    )
    campaigns = {
        campaign.pk: campaign
        for campaign in Campaign.objects.in_year(organisation, start, end).select_related(
            "questionnaire"
        )
    }
    questions = {
        question.pk: question
        for question in Question.objects.filter(
            questionnaire__campaigns__in=list(campaigns)
        ).distinct()
    }
    names = {
        person.pk: person.full_name
        for person in Person.objects.filter(survey_responses__campaign__in=list(campaigns))
        .exclude(pk__in=export.hidden)
        .distinct()
    }

    def rows():
        for (
            campaign_id,
            response_id,
            respondent_id,
            question_id,
            number,
            text,
            choices,
        ) in answers.iterator(chunk_size=2000):
            campaign, question = campaigns[campaign_id], questions[question_id]
            yield [
                campaign.questionnaire.title,
                campaign.starts_on,
                "Да" if campaign.anonymous else "Нет",
                response_id,
                names.get(respondent_id, ""),
                question.order,
                question.text,
                question.get_kind_display(),
                number,
                _shown_answer(question.kind, number, text, choices),
            ]

    return Sheet("Анкеты", ANSWER_COLUMNS, rows())


def _shown_answer(kind, number, text, choices) -> str:
    """The answer as the «Ответ» column shows it; a scale is only a number, in its own column."""
    if kind == Question.Kind.YES_NO:
        return {1: "Да", 0: "Нет"}.get(number, "")
    if kind == Question.Kind.MULTIPLE:
        return "; ".join(choices)
    if kind == Question.Kind.SCALE:
        return ""
    return text
