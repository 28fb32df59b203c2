"""The roadmap as a printed document (PDF) and as an Excel workbook, from one table."""

from datetime import date

from django.utils import timezone

from mentoring_portal import russian
from mentoring_portal.documents import render_pdf
from mentoring_portal.excel import Column, add_sheet, new_workbook, print_ready
from roadmap.models import Roadmap
from roadmap.table import roadmap_table

MONTHS_GENITIVE = [
    "",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def date_doc(day: date | None) -> str:
    """«12 ноября 2021 г.», as Russian documents write dates."""
    if day is None:
        return ""
    return f"«{day.day:02d}» {MONTHS_GENITIVE[day.month]} {day.year} г."


def director_short_name(full_name: str) -> str:
    """«Седова Наталья Викторовна» → «Н. В. Седова» for the signature line."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    initials = " ".join(f"{part[0]}." for part in parts[1:])
    return f"{initials} {parts[0]}"


def roadmap_document_context(roadmap: Roadmap, *, progress_on: date | None = None) -> dict:
    """The roadmap as approved (the plan: no statuses of execution, except the final marks of a
    closed one), or with ``progress_on`` the progress report «по состоянию на ДД.ММ.ГГГГ»
    with each activity's mark."""
    organisation = roadmap.organisation
    return {
        "progress_on": progress_on,
        "with_marks": progress_on is not None or roadmap.status == Roadmap.Status.CLOSED,
        "roadmap": roadmap,
        "organisation": organisation,
        "table": roadmap_table(roadmap),
        "director_position": organisation.director_position or "Директор",
        "director_signature": director_short_name(organisation.director_name),
        "approval_date": date_doc(roadmap.approval_document_date),
        "organisation_genitive": russian.organisation_in_case(organisation.short_name, "genitive"),
        "printed_on": timezone.localdate(),
    }


def roadmap_pdf(roadmap: Roadmap, *, progress_on: date | None = None) -> bytes:
    return render_pdf(
        "roadmap/roadmap_pdf.html", roadmap_document_context(roadmap, progress_on=progress_on)
    )


EXCEL_COLUMNS = [
    Column("№", width=7),
    Column("Этап", width=30, wrap=True),
    Column("Мероприятие", width=60, wrap=True),
    Column("Форма результата", width=35, wrap=True),
    Column("Сроки (как записано)", width=22, wrap=True),
    Column("Начало срока"),
    Column("Окончание срока"),
    Column("Вид срока", width=14),
    Column("Ответственные", width=35, wrap=True),
    Column("Статус", width=18),
    Column("Просрочено", width=12),
    Column("Подтверждений", width=14),
    Column("Отметка о выполнении", width=30, wrap=True),
]


def roadmap_excel_rows(roadmap: Roadmap, activity_ids=None):
    for stage in roadmap_table(roadmap, activity_ids=activity_ids):
        for row in stage.activities:
            activity = row.activity
            yield [
                row.number,
                f"{stage.number}. {stage.stage.title}",
                activity.title,
                activity.result_form,
                activity.deadline_text,
                activity.deadline_start,
                activity.deadline_due,
                activity.get_deadline_kind_display(),
                row.responsible,
                activity.get_status_display(),
                "да" if row.overdue else "нет",
                row.evidence_count,
                row.completion_mark,
            ]


def roadmap_workbook(roadmap: Roadmap, *, activity_ids=None):
    """The whole table, or with ``activity_ids`` (the page's filter) only those activities, under
    a sheet title that says it is a selection; numbering stays that of the whole roadmap."""
    workbook = new_workbook()
    title = "Дорожная карта" if activity_ids is None else "Дорожная карта (выборка)"
    add_sheet(workbook, title, EXCEL_COLUMNS, roadmap_excel_rows(roadmap, activity_ids))
    return print_ready(
        workbook,
        title=roadmap.title,
        organisation=roadmap.organisation.short_name,
        period=roadmap.period_label,
    )
