"""Excel workbooks that open cleanly in Excel and LibreOffice and are safe to open.

One function writes a sheet from a list of columns and an iterable of rows, in openpyxl's
write-only mode (constant memory, so a district-sized export fits): bold frozen header, a filter
over the data, widths fitted to the first rows, real dates and numbers. Text that starts like a
formula (``= + - @``) is written as text: a participant's name can never run in the curator's Excel.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from itertools import chain, islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
# Rows read ahead to fit column widths; the rest of the sheet streams.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class Column:
    title: str
    width: float | None = None  # None: fitted to the header and the first rows
    number_format: str | None = None  # None: chosen from the value (dates get ДД.ММ.ГГГГ)
    wrap: bool = False

    @property
    def styled(self) -> bool:
        """Every cell of the column carries a style (a number format or wrapped text)."""
        return self.number_format is not None or self.wrap


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: a title, its columns and a generator of rows (pretix's exporter
    style). The rows are plain values, so a page or another export can take the same rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def write_sheet(workbook: Workbook, sheet: Sheet):
    return add_sheet(workbook, sheet.title, sheet.columns, sheet.rows)


def add_sheet(workbook: Workbook, title: str, columns: Sequence[Column], rows: Iterable[Sequence]):
    """Append a sheet of ``rows`` under ``columns``' header and return it.

    Only what needs a style gets a cell object: the header, dates, the columns with a number
    format or wrapped text, and formula-like text. Every other value is written as it is, which
    is most of a big sheet (a styled cell costs openpyxl ten times a plain value).
    """
    sheet = workbook.create_sheet(title=title[:31])
    rows = iter(rows)
    head = list(islice(rows, WIDTH_SAMPLE_ROWS))
    for index, column in enumerate(columns, start=1):
        width = column.width or _fitted_width(column.title, (row[index - 1] for row in head))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header_font = Font(bold=True)
    header_alignment = Alignment(wrap_text=True, vertical="top")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.title)
        cell.font = header_font
        cell.alignment = header_alignment
        header.append(cell)
    sheet.append(header)
    wrapped = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in chain(head, rows):
        sheet.append(
            [
                _value(sheet, value, column, wrapped)
                for value, column in zip(row, columns, strict=True)
            ]
        )
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _value(sheet, value, column: Column, wrapped: Alignment):
    """The value as written: as it is where it can be, a styled cell where it must."""
    if isinstance(value, datetime):
        # Excel has no time zones: show the school's local time.
        value = (
            timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        )
    elif isinstance(value, Decimal):
        value = float(value)
    if not column.styled:
        if isinstance(value, str):
            if not value.startswith(FORMULA_PREFIXES):
                return value
        elif not isinstance(value, date):
            return value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    if column.number_format:
        cell.number_format = column.number_format
    elif isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if column.wrap:
        cell.alignment = wrapped
    return cell


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fitted_width(title: str, values: Iterable) -> float:
    longest = max(chain([len(title)], map(_display_length, values)))
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
