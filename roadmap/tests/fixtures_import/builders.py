"""Seed text → .docx / .xlsx, the way the original Word table looked.

``Layout`` says, per seed, what the text export lost: which rows spanned the whole table
(horizontal merges), which columns were merged downwards over blank continuation rows
(vertical merges), and which lines are the rest of a row broken across a page (joined back
into one row, as it is in Word).
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).parent


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_bytes(prefix: str) -> bytes:
    return seed_path(prefix).read_bytes()


@dataclass(frozen=True)
class Layout:
    # line indexes (0-based, in the seed file) of page-break continuations to join upwards
    joined_lines: tuple[int, ...] = ()
    # columns merged down over rows where they are blank (a stage column, a shared deadline)
    vertical_columns: tuple[int, ...] = ()
    spanning_stage_rows: bool = False
    keep_dash_lines: bool = field(default=False)


LAYOUTS = {
    "000": Layout(joined_lines=(22,), spanning_stage_rows=True),
    "001": Layout(vertical_columns=(0, 1)),
    "002": Layout(),
    "003": Layout(joined_lines=(24,), vertical_columns=(0, 2, 3)),
    "004": Layout(),
}


def _paragraphs(cell: str) -> list[str]:
    """A seed cell's paragraphs: <p> elements become paragraphs, other tags are dropped."""
    if "<p" not in cell and "<ul" not in cell:
        return [cell.strip()] if cell.strip() else []
    pieces = re.split(r"</?p>|<ul[^>]*>", cell)
    result = []
    for piece in pieces:
        text = re.sub(r"<[^>]+>", " ", piece)
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            result.append(text)
    return result


def seed_parts(prefix: str) -> tuple[list[str], list[list[str]], list[str]]:
    """(preamble lines, table rows as cell lists, lines after the table)."""
    layout = LAYOUTS[prefix]
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    tab_lines = [index for index, line in enumerate(lines) if "\t" in line]
    first, last = tab_lines[0], tab_lines[-1]
    rows: list[list[str]] = []
    for index in range(first, last + 1):
        line = lines[index]
        if "\t" not in line or re.fullmatch(r"[-\t]+", line):
            continue  # blank lines and the «--\t--» page marks are not rows
        cells = line.split("\t")
        if index in layout.joined_lines:
            previous = rows[-1]
            for column, text in enumerate(cells):
                if text.strip():
                    previous[column] = f"{previous[column]} {text.strip()}".strip()
            continue
        rows.append(cells)
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return lines[:first], rows, lines[last + 1 :]


def _stage_row(row: list[str]) -> bool:
    return bool(row[0].strip()) and not any(cell.strip() for cell in row[1:])


def seed_docx(prefix: str, *, ruled: bool = False) -> bytes:
    """``ruled``: as a school prints it — landscape, a grid table, a narrow «№» column
    (the .pdf and .doc fixtures are converted from this)."""
    import docx

    layout = LAYOUTS[prefix]
    preamble, rows, after = seed_parts(prefix)
    document = docx.Document()
    if ruled:
        _landscape(document)
    for line in preamble:
        document.add_paragraph(line.replace("**", "").strip())
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if ruled:
        _rule(table, len(rows[0]), narrow_first=rows[0][0].strip().startswith("№"))
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            cell = table.cell(row_index, column)
            paragraphs = _paragraphs(text)
            if paragraphs:
                cell.paragraphs[0].text = paragraphs[0]
                for extra in paragraphs[1:]:
                    cell.add_paragraph(extra)
    for row_index, row in enumerate(rows):
        if layout.spanning_stage_rows and row_index > 0 and _stage_row(row):
            table.cell(row_index, 0).merge(table.cell(row_index, len(row) - 1))
    for column in layout.vertical_columns:
        top = None
        for row_index, row in enumerate(rows[1:], start=1):
            if row[column].strip():
                top = row_index
            elif top is not None and not _stage_row(row):
                merged = table.cell(top, column).merge(table.cell(row_index, column))
                _keep_text_once(merged)
    for line in after:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _landscape(document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)


def _rule(table, columns: int, *, narrow_first: bool) -> None:
    from docx.shared import Cm

    table.style = "Table Grid"
    table.autofit = False
    if narrow_first:
        widths = [Cm(1.3)] + [Cm(25.4 / (columns - 1))] * (columns - 1)
    else:
        widths = [Cm(26.7 / columns)] * columns
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _keep_text_once(cell) -> None:
    """python-docx's merge appends the (empty) paragraphs of the merged cells: drop them."""
    for paragraph in cell.paragraphs[1:]:
        if not paragraph.text.strip():
            paragraph._p.getparent().remove(paragraph._p)


def seed_xlsx(prefix: str) -> bytes:
    import openpyxl

    layout = LAYOUTS[prefix]
    preamble, rows, after = seed_parts(prefix)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    line = 1
    for text in preamble:
        if text.strip():
            sheet.cell(line, 1, text.replace("**", "").strip())
        line += 1
    first_row = line
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row, start=1):
            paragraphs = _paragraphs(text)
            if paragraphs:
                sheet.cell(first_row + row_index, column, "\n".join(paragraphs))
    for row_index, row in enumerate(rows):
        if layout.spanning_stage_rows and row_index > 0 and _stage_row(row):
            sheet.merge_cells(
                start_row=first_row + row_index,
                start_column=1,
                end_row=first_row + row_index,
                end_column=len(row),
            )
    for column in layout.vertical_columns:
        top, bottom = None, None
        spans = []
        for row_index, row in enumerate(rows[1:], start=1):
            if row[column].strip() or _stage_row(row):
                if top is not None and bottom is not None:
                    spans.append((top, bottom))
                top, bottom = (row_index, None) if row[column].strip() else (None, None)
            elif top is not None:
                bottom = row_index
        if top is not None and bottom is not None:
            spans.append((top, bottom))
        for top, bottom in spans:
            sheet.merge_cells(
                start_row=first_row + top,
                start_column=column + 1,
                end_row=first_row + bottom,
                end_column=column + 1,
            )
    line = first_row + len(rows)
    for text in after:
        if text.strip():
            sheet.cell(line, 1, text)
        line += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
