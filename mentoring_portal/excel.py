"""Excel workbooks that open cleanly in Excel and LibreOffice and are safe to open.

One function writes a sheet from a list of columns and an iterable of rows, in openpyxl's
write-only mode (constant memory, so a district-sized export fits): bold frozen header, a filter
over the data, widths fitted to the first rows, real dates and numbers. Text that starts like a
formula (``= + - @``) is written as text: a participant's name can never run in the curator's Excel.

:func:`print_ready` finishes any workbook of the portal for paper and for the region: every sheet
prints fitted to the page's width (landscape when wide) with its frozen header rows repeated on
each page and the school and year in the page header; the workbook's properties name the school
and the year. Dates are ДД.ММ.ГГГГ everywhere; counts get the format ``0``.
"""

import re
from collections.abc import Callable, Iterable, Sequence
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
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@")
DATE_FORMAT = "DD.MM.YYYY"
COUNT_FORMAT = "0"
# Rows read ahead to fit column widths; the rest of the sheet streams.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
# Columns wider than this in all (Excel's width units, about a character each) print landscape:
# an A4 portrait page holds about 90 at 100 %, and fitting more to its width makes small print.
PORTRAIT_WIDTH = 100
DEFAULT_WIDTH = 8.43  # Excel's width of a column nobody set
WIDTH_UNITS_PER_CM = 5.4  # a width unit is 7 pixels of the default font at 96 dpi (0.185 cm)
CREATOR = "Портал «Наставничество»"


@dataclass(frozen=True)
class Column:
    title: str
    width: float | None = None  # None: fitted to the header and the first rows
    # None: chosen from the value (dates get ДД.ММ.ГГГГ); a function: chosen for each row
    # (a table of indicators mixes counts, percentages and points in one column).
    number_format: str | Callable[[Sequence], str] | None = None
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
    # Lines above the header (the first in bold): whose table it is and of which year.
    caption: Sequence[str] = ()


class PortalWorkbook(Workbook):
    """A write-only workbook whose every sheet prints fitted to the page: a write-only sheet
    writes its properties with its first row, so «fit to page» is set when the sheet is made
    (the rest of the print setup is written at the end, by :func:`print_ready`)."""

    def create_sheet(self, title=None, index=None):
        sheet = super().create_sheet(title, index)
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        return sheet


def new_workbook() -> Workbook:
    return PortalWorkbook(write_only=True)


def write_sheet(workbook: Workbook, sheet: Sheet):
    return add_sheet(workbook, sheet.title, sheet.columns, sheet.rows, caption=sheet.caption)


def add_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    caption: Sequence[str] = (),
):
    """Append a sheet of ``rows`` under ``columns``' header (and the ``caption`` lines above it)
    and return it.

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
    header_row = len(caption) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, line in enumerate(caption):
        cell = WriteOnlyCell(sheet, value=line)
        cell.font = Font(bold=number == 0, size=12 if number == 0 else None)
        sheet.append([cell])
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
                _value(sheet, value, column, wrapped, row)
                for value, column in zip(row, columns, strict=True)
            ]
        )
        count += 1
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{header_row + count}"
    return sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def print_ready(workbook: Workbook, *, title: str, organisation: str, period: str) -> Workbook:
    """Make every sheet of ``workbook`` print as a document and name the school and the year.

    Each sheet: fitted to one page wide (as many pages tall as it takes), landscape when its
    columns are wider than a portrait page, the rows frozen on screen repeated at the top of each
    printed page, «<organisation> · <period>» and the sheet's name in the page header and the page
    number in the footer. The workbook's properties carry the title, the organisation and the
    period, so the file says whose it is even unopened. Call it after the sheets are written."""
    properties = workbook.properties
    properties.title = f"{title}, {period}"
    properties.subject = organisation
    properties.creator = properties.lastModifiedBy = CREATOR
    properties.keywords = f"{organisation}; {period}"
    for sheet in workbook.worksheets:
        landscape = _printed_width(sheet) > PORTRAIT_WIDTH
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
        sheet.print_options.gridLines = True
        frozen = _frozen_rows(sheet)
        if frozen:
            sheet.print_title_rows = f"1:{frozen}"
        sheet.oddHeader.left.text = _header_text(f"{organisation} · {period}")
        sheet.oddHeader.left.size = 9
        sheet.oddHeader.right.text = _header_text(sheet.title)
        sheet.oddHeader.right.size = 9
        sheet.oddFooter.center.text = "Страница &P из &N"
        sheet.oddFooter.center.size = 9
    return workbook


def _printed_width(sheet) -> float:
    """How wide the sheet prints, in Excel's width units: its columns, or further right where
    a chart reaches beyond them (a chart beside a table widens the page as much as a column)."""
    widths = {
        column_index_from_string(letter): dimension.width or DEFAULT_WIDTH
        for letter, dimension in sheet.column_dimensions.items()
    }

    def left_of(column: int) -> float:
        return sum(widths.get(index, DEFAULT_WIDTH) for index in range(1, column))

    right = left_of(max(widths, default=0) + 1)
    for chart in sheet._charts:
        column = column_index_from_string(re.match(r"[A-Z]+", str(chart.anchor))[0])
        right = max(right, left_of(column) + chart.width * WIDTH_UNITS_PER_CM)
    return right


def _frozen_rows(sheet) -> int:
    """How many rows are frozen at the top: they are the header that repeats on paper."""
    if not sheet.freeze_panes:
        return 0
    row = int("".join(ch for ch in sheet.freeze_panes if ch.isdigit()))
    return row - 1


def _header_text(text: str) -> str:
    # «&» starts a code in Excel's page header (&P is the page number): a literal one is doubled.
    return text.replace("&", "&&")


def _value(sheet, value, column: Column, wrapped: Alignment, row=()):
    """The value as written: as it is where it can be, a styled cell where it must."""
    if isinstance(value, datetime):
        # One date format in every workbook: a moment (a request submitted) shows as the
        # school's local day, ДД.ММ.ГГГГ, like every other date.
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
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
        number_format = column.number_format
        cell.number_format = number_format(row) if callable(number_format) else number_format
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if column.wrap:
        cell.alignment = wrapped
    return cell


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fitted_width(title: str, values: Iterable) -> float:
    longest = max(chain([len(title)], map(_display_length, values)))
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
