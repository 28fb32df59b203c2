"""The district workbook: the file a coordinator sends to the region.

It renders the rows of :func:`monitoring.district.district_rows` — the rows the coordinator's
table shows — for this academic year and the one before: a summary of the schools with native
Excel charts, then a sheet per indicator (a row per school, the district's total, last year
beside this year, how the figure is computed), the pairs by form and by kind, and the progress of
the department's own roadmap. Built with a fixed number of queries whatever the number of
schools (twice the table's, plus the roadmap's), in openpyxl's write-only mode.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mentoring_portal.excel import COUNT_FORMAT, DATE_FORMAT, new_workbook, print_ready
from mentoring_portal.translit import latin_slug
from monitoring.district import COLUMNS, PUPILS_TARGET, DistrictRow, district_rows
from monitoring.exports import axes_explicit
from monitoring.figures import share
from monitoring.indicators import COMPUTED, HOW
from monitoring.models.year import academic_year_bounds
from roadmap.models import Roadmap
from roadmap.municipal import Progress, roadmap_progress
from roadmap.table import roadmap_table

PERCENT_FORMAT = "0.0"
COUNT, PERCENT, POINTS = "count", "percent", "points"
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def _mean(values) -> Decimal | None:
    present = [Decimal(value) for value in values if value is not None]
    if not present:
        return None
    return (sum(present) / len(present)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class DistrictIndicator:
    """One indicator of the district: a sheet of the workbook."""

    code: str
    title: str
    sheet: str  # Excel allows 31 characters
    kind: str  # COUNT (the district's total is the sum), PERCENT or POINTS (the mean)
    how: str
    value: Callable[[DistrictRow], Decimal | int | None]
    # The district's figure from all rows; None: the sum of counts or the mean of the schools.
    total: Callable[[list[DistrictRow]], Decimal | int | None] | None = None

    def district_total(self, rows: list[DistrictRow]):
        if self.total is not None:
            return self.total(rows)
        values = [self.value(row) for row in rows]
        if self.kind == COUNT:
            return sum(int(value) for value in values if value is not None)
        return _mean(values)

    @property
    def total_label(self) -> str:
        if self.total is not None:
            return "Район, по всем мероприятиям"
        return "Район, всего" if self.kind == COUNT else "Район, среднее по школам"


def _indicator(code: str, sheet: str, kind: str) -> DistrictIndicator:
    return DistrictIndicator(
        code, COMPUTED[code][0], sheet, kind, HOW[code], lambda row: row.value(code)
    )


INDICATORS = [
    DistrictIndicator(
        "roadmap_done",
        "Доля выполненных мероприятий дорожной карты",
        "Дорожная карта выполнена",
        PERCENT,
        COLUMNS["done"][1],
        lambda row: row.done_percent,
        lambda rows: share(sum(r.done for r in rows), sum(r.activities for r in rows)),
    ),
    DistrictIndicator(
        "roadmap_overdue",
        "Доля просроченных мероприятий дорожной карты (на дату выгрузки)",
        "Дорожная карта просрочено",
        PERCENT,
        COLUMNS["overdue"][1],
        lambda row: row.overdue_percent,
        lambda rows: share(sum(r.overdue for r in rows), sum(r.activities for r in rows)),
    ),
    _indicator("roadmap_on_time", "Выполнено в срок", PERCENT),
    _indicator("mentors_in_bank", "Наставники в банке", COUNT),
    _indicator("mentees_in_bank", "Наставляемые в банке", COUNT),
    _indicator("pairs_formed", "Пары", COUNT),
    _indicator("groups_formed", "Группы", COUNT),
    _indicator("mentees_with_pair", "Наставляемые закреплены", PERCENT),
    _indicator("young_teachers_mentees", "Молодые педагоги", PERCENT),
    _indicator("young_teachers_with_mentor", "Молодые педагоги с наставником", PERCENT),
    _indicator("pupils_involved", "Обучающиеся 10–18 в наставн.", PERCENT),
    _indicator("pupils_mentees", "Обучающиеся-наставляемые", PERCENT),
    _indicator("pupils_mentors", "Обучающиеся-наставники", PERCENT),
    _indicator("program_items_done", "Программы (ППН) выполнены", PERCENT),
    _indicator("survey_participation", "Участие в анкетировании", PERCENT),
    _indicator("mentor_satisfaction", "Удовлетворённость наставников", POINTS),
    _indicator("mentee_satisfaction", "Удовлетворённость наставляемых", POINTS),
]


@dataclass
class DistrictData:
    """What the workbook renders, looked up once."""

    department: object
    year: int
    today: date
    rows: list[DistrictRow]  # this year, in the order of the schools' names
    last_year: dict[int, DistrictRow]  # school pk -> last year's row
    roadmap: Roadmap | None
    roadmap_rows: list
    progress: Progress | None  # the department's roadmap school by school

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def last_label(self) -> str:
        return f"{self.year - 1}/{self.year}"


def district_data(department, year: int, *, today: date | None = None) -> DistrictData:
    today = today or timezone.localdate()
    rows = district_rows(department, year, today=today)
    last_year = {row.school.pk: row for row in district_rows(department, year - 1, today=today)}
    roadmap = Roadmap.objects.in_force(department, during=academic_year_bounds(department, year))
    table = []
    if roadmap is not None:
        roadmap.organisation = department  # known: no query to load it again
        table = roadmap_table(roadmap, today=today)
    return DistrictData(
        department=department,
        year=year,
        today=today,
        rows=rows,
        last_year=last_year,
        roadmap=roadmap,
        roadmap_rows=table,
        progress=roadmap_progress(roadmap, table) if roadmap is not None else None,
    )


def _cell(sheet, value, *, bold=False, number_format=None, wrap=False):
    if isinstance(value, Decimal):
        value = float(value)
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = BOLD
    if number_format and isinstance(value, (int, float, date)):
        cell.number_format = number_format
    if wrap:
        cell.alignment = WRAPPED
    return cell


def _count(sheet, value):
    return _cell(sheet, value, bold=True, number_format=COUNT_FORMAT)


def _percent(sheet, value):
    return _cell(sheet, value, bold=True, number_format=PERCENT_FORMAT)


def _widths(sheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _heading(sheet, title: str, note: str, columns: int) -> None:
    """Two lines above a table: its title in bold, then a note (how it is computed)."""
    sheet.append([_cell(sheet, title, bold=True)])
    sheet.append([_cell(sheet, note, wrap=True)] + [None] * (columns - 1))


def summary_sheet(workbook, data: DistrictData) -> None:
    """A row per school with the table's figures, the district's line, and three native bar
    charts comparing the schools."""
    sheet = workbook.create_sheet("Сводка")
    headers = [
        "Школа",
        "Дорожная карта утверждена",
        "Выполнено, %",
        "Просрочено, %",
        "Наставники",
        "Наставляемые",
        "Пары и группы",
        "Молодые педагоги, %",
        "Обучающиеся 10–18 лет, %",
        "Нет согласия",
        "Мониторинг утверждён",
        "Отстаёт",
    ]
    _widths(sheet, [34, 14, 12, 12, 12, 13, 11, 12, 13, 10, 14, 40])
    sheet.freeze_panes = "B4"
    sheet.append(
        [
            _cell(
                sheet,
                f"{data.department.short_name}: программа наставничества в "
                f"{data.label} учебном году",
                bold=True,
            )
        ]
    )
    sheet.append(
        [
            f"Выгружено {data.today:%d.%m.%Y}. За год, мониторинг которого школа утвердила, — "
            "утверждённые ею значения. Федеральный ориентир по обучающимся — не менее "
            f"{PUPILS_TARGET} %."
        ]
    )
    sheet.append([_cell(sheet, header, bold=True, wrap=True) for header in headers])
    for row in data.rows:
        sheet.append(
            [
                row.school.short_name,
                _cell(sheet, row.roadmap_approved_on, number_format=DATE_FORMAT)
                if row.roadmap_approved_on
                else ("да" if row.roadmap else "нет"),
                _cell(sheet, row.done_percent, number_format=PERCENT_FORMAT),
                _cell(sheet, row.overdue_percent, number_format=PERCENT_FORMAT),
                _cell(sheet, row.mentors, number_format=COUNT_FORMAT),
                _cell(sheet, row.mentees, number_format=COUNT_FORMAT),
                _cell(sheet, row.pairs, number_format=COUNT_FORMAT),
                _cell(sheet, row.young, number_format=PERCENT_FORMAT),
                _cell(sheet, row.pupils, number_format=PERCENT_FORMAT),
                _cell(sheet, row.consents_missing, number_format=COUNT_FORMAT),
                _cell(
                    sheet,
                    timezone.localdate(row.monitoring.approved_at),
                    number_format=DATE_FORMAT,
                )
                if row.frozen and row.monitoring.approved_at
                else "нет",
                "; ".join(row.lags),
            ]
        )
    first, last = 4, 3 + len(data.rows)
    totals = {i.code: i for i in INDICATORS}
    sheet.append(
        [
            _cell(sheet, "Район", bold=True),
            _count(sheet, sum(1 for row in data.rows if row.roadmap)),
            _percent(sheet, totals["roadmap_done"].district_total(data.rows)),
            _percent(sheet, totals["roadmap_overdue"].district_total(data.rows)),
            _count(sheet, totals["mentors_in_bank"].district_total(data.rows)),
            _count(sheet, totals["mentees_in_bank"].district_total(data.rows)),
            _count(sheet, sum(row.pairs for row in data.rows)),
            _percent(sheet, _mean(row.young for row in data.rows)),
            _percent(sheet, _mean(row.pupils for row in data.rows)),
            _count(sheet, sum(row.consents_missing for row in data.rows)),
            _count(sheet, sum(1 for row in data.rows if row.frozen)),
            f"отстают: {sum(1 for row in data.rows if row.lags)} из {len(data.rows)}",
        ]
    )
    if not data.rows:
        return
    height = max(8, 0.6 * len(data.rows) + 3)
    charts = [
        ("Обучающиеся 10–18 лет в наставничестве, %", 9, "Доля, %", 100),
        ("Молодые педагоги в наставничестве, %", 8, "Доля, %", 100),
        ("Выполнение дорожной карты, %", 3, "Выполнено, %", 100),
        ("Пары и группы", 7, "Пар и групп", None),
    ]
    anchor_row = last + 3
    for index, (title, column_number, value_title, maximum) in enumerate(charts):
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.height, chart.width = height, 16
        chart.add_data(
            Reference(sheet, min_col=column_number, max_col=column_number, min_row=3, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        axes_explicit(chart, "Школа", value_title, maximum=maximum)
        chart.legend = None
        chart.y_axis.majorGridlines = None
        column = "A" if index % 2 == 0 else "F"
        sheet.add_chart(chart, f"{column}{anchor_row + (index // 2) * int(height * 2 + 2)}")


def indicator_sheet(workbook, data: DistrictData, indicator: DistrictIndicator) -> None:
    """A row per school: last year, this year and the change; the district's line; how it is
    computed."""
    sheet = workbook.create_sheet(indicator.sheet[:31])
    _widths(sheet, [40, 14, 14, 14])
    sheet.freeze_panes = "B4"
    number_format = "0" if indicator.kind == COUNT else PERCENT_FORMAT
    _heading(sheet, indicator.title, f"Как считается: {indicator.how}", 4)
    sheet.append(
        [
            _cell(sheet, header, bold=True, wrap=True)
            for header in ("Школа", data.last_label, data.label, "Изменение")
        ]
    )
    before_rows = []
    for row in data.rows:
        before_row = data.last_year.get(row.school.pk)
        before_rows.append(before_row)
        now = indicator.value(row)
        before = indicator.value(before_row) if before_row is not None else None
        sheet.append(
            [
                row.school.short_name,
                _cell(sheet, before, number_format=number_format),
                _cell(sheet, now, number_format=number_format),
                _cell(sheet, _change(before, now), number_format=number_format),
            ]
        )
    before_total = indicator.district_total([r for r in before_rows if r is not None])
    now_total = indicator.district_total(data.rows)
    sheet.append(
        [
            _cell(sheet, indicator.total_label, bold=True),
            _cell(sheet, before_total, bold=True, number_format=number_format),
            _cell(sheet, now_total, bold=True, number_format=number_format),
            _cell(sheet, _change(before_total, now_total), bold=True, number_format=number_format),
        ]
    )


def _change(before, now):
    if before is None or now is None:
        return None
    return Decimal(now) - Decimal(before)


def breakdown_sheet(workbook, data: DistrictData, title: str, attribute: str) -> None:
    """Schools × forms (or kinds) of mentoring: the pairs and groups of this year."""
    sheet = workbook.create_sheet(title)
    names = sorted({name for row in data.rows for name in getattr(row, attribute)})
    _widths(sheet, [40] + [16] * (len(names) + 1))
    sheet.freeze_panes = "B4"
    what = "формам" if attribute == "by_form" else "видам"
    _heading(
        sheet,
        f"Пары и группы по {what} наставничества, {data.label} учебный год",
        "Как считается: пары и группы, закреплённые приказом, чей период пересекается с учебным "
        "годом (утверждённые школой значения — за год, мониторинг которого утверждён).",
        len(names) + 2,
    )
    sheet.append([_cell(sheet, h, bold=True, wrap=True) for h in ("Школа", *names, "Всего")])
    for row in data.rows:
        counts = getattr(row, attribute)
        sheet.append(
            [
                row.school.short_name,
                *(_cell(sheet, counts.get(name, 0), number_format=COUNT_FORMAT) for name in names),
                _cell(sheet, sum(counts.values()), number_format=COUNT_FORMAT),
            ]
        )
    sheet.append(
        [
            _cell(sheet, "Район, всего", bold=True),
            *(
                _count(sheet, sum(getattr(r, attribute).get(name, 0) for r in data.rows))
                for name in names
            ),
            _count(sheet, sum(sum(getattr(r, attribute).values()) for r in data.rows)),
        ]
    )


def roadmap_sheet(workbook, data: DistrictData) -> None:
    """The department's own roadmap in force this year: each activity, its mark, and where it
    was assigned to schools, each school's status and how many accepted."""
    sheet = workbook.create_sheet("Дорожная карта района")
    roadmap, progress = data.roadmap, data.progress
    schools = progress.schools if progress is not None else []
    _widths(sheet, [8, 60, 24, 30, 12] + [16] * len(schools))
    sheet.freeze_panes = "C4"
    if roadmap is None:
        _heading(sheet, "Дорожная карта района", "Утверждённой дорожной карты района нет.", 4)
        return
    approved = roadmap.approval_document_label or (
        f"утверждена {timezone.localdate(roadmap.approved_at):%d.%m.%Y}"
        if roadmap.approved_at
        else roadmap.get_status_display().lower()
    )
    _heading(sheet, roadmap.title, f"{roadmap.period_label}; {approved}.", 5 + len(schools))
    headers = ("№", "Мероприятие", "Сроки", "Отметка о выполнении", "Принято школами")
    sheet.append(
        [
            _cell(sheet, h, bold=True, wrap=True)
            for h in (*headers, *(s.short_name for s in schools))
        ]
    )
    by_activity = {row.activity.pk: row for row in progress.rows} if progress else {}
    for stage in data.roadmap_rows:
        sheet.append(
            [
                _cell(sheet, f"{stage.number}.", bold=True),
                _cell(sheet, stage.stage.title, bold=True),
            ]
        )
        for activity_row in stage.activities:
            activity = activity_row.activity
            assigned = by_activity.get(activity.pk)
            statuses = (
                [task.get_status_display() if task else "—" for task in assigned.tasks]
                if assigned
                else []
            )
            sheet.append(
                [
                    activity_row.number,
                    _cell(sheet, activity.title, wrap=True),
                    _cell(sheet, activity.deadline_text, wrap=True),
                    _cell(sheet, activity_row.completion_mark, wrap=True),
                    f"{assigned.done} из {assigned.assigned}" if assigned else "не поручено",
                    *statuses,
                ]
            )


def district_workbook(department, year: int, *, today: date | None = None):
    """The district workbook of the academic year starting in ``year`` (see the module)."""
    data = district_data(department, year, today=today)
    workbook = new_workbook()
    summary_sheet(workbook, data)
    for indicator in INDICATORS:
        indicator_sheet(workbook, data, indicator)
    breakdown_sheet(workbook, data, "Пары по формам", "by_form")
    breakdown_sheet(workbook, data, "Пары по видам", "by_kind")
    roadmap_sheet(workbook, data)
    return print_ready(
        workbook,
        title="Мониторинг программы наставничества в районе",
        organisation=department.short_name,
        period=f"{data.label} учебный год",
    )


def workbook_filename(department, year: int) -> str:
    """``monitoring-upravlenie-obrazovaniya-asinovskogo-rayona-2026-2027.xlsx``: the whole
    short name of the department, so the file names its district (not only «района»)."""
    return f"monitoring-{latin_slug(department.short_name)}-{year}-{year + 1}.xlsx"
