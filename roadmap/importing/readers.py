"""Readers: a file's bytes → :class:`RawDocument` (text lines before/after tables, and tables
as rows of cell strings). Nothing here knows what a roadmap is; the normaliser does.

Cells keep their inner structure as text the normaliser can split: paragraphs of a Word cell
are joined with newlines, HTML cells keep their ``<p>``/``<li>``/``<br>`` tags, and Word's
automatic list numbering (invisible in the text) becomes a «• » bullet.
"""

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError

from mentoring_portal.ooxml import check_office_archive
from roadmap.importing.errors import RoadmapImportError

MAX_BYTES = 10 * 1024 * 1024
# A .docx/.xlsx is a zip: refuse archives that would unpack to something huge (zip bombs).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 5000

TEXT_EXTENSIONS = {".txt", ".tsv", ".text"}
HTML_EXTENSIONS = {".html", ".htm"}
SUPPORTED = ".docx, .doc, .pdf, .xlsx, .txt, .tsv, .html"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class RawRow:
    cells: list[str]
    # True when the reader saw one cell spanning the row (Word/HTML/Excel merged cells).
    spanning: bool = False
    # True when every word of the row is bold (a stage row in many Word tables).
    bold: bool = False
    # True when the activity cell is one activity whatever its dashes (a point of an order).
    whole: bool = False
    # True when the cells were guessed from text that lost the columns (copied from a PDF).
    guessed: bool = False


@dataclass
class RawTable:
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class RawDocument:
    """Blocks in document order: a ``str`` is a line of text, a :class:`RawTable` a table."""

    blocks: list = field(default_factory=list)
    source_format: str = ""
    # What the reader had to guess, shown to the curator as warnings of the whole import.
    notes: list[str] = field(default_factory=list)


def read_document(data: bytes, filename: str, *, progress=None, timeout=None) -> RawDocument:
    """Dispatch on the file's extension (and sniff the content where it lies)."""
    if len(data) > MAX_BYTES:
        raise RoadmapImportError(
            f"Файл слишком большой: {len(data) / 1024 / 1024:.1f} МБ. "
            "Загрузите файл не больше 10 МБ.",
            code="too_large",
        )
    if not data or not data.strip():
        raise RoadmapImportError("Файл пустой.", code="empty")
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".docx":
        return _read_docx(data)
    if extension in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if extension in TEXT_EXTENSIONS | HTML_EXTENSIONS:
        text = decode_text(data)
        if extension in HTML_EXTENSIONS or re.search(r"<table\b", text, re.IGNORECASE):
            return read_html(text)
        return read_text(text)
    if extension == ".pdf" or data.startswith(b"%PDF-"):
        from roadmap.importing.pdf import read_pdf

        return read_pdf(data, progress=progress, timeout=timeout)
    if extension == ".doc":
        head = data[:2048].lstrip().lower()
        if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<meta", b"<table")):
            # Word's «Веб-страница» saved as .doc, or a site's export: it is HTML.
            return read_html(decode_text(data))
        if not data.startswith(_OLE_MAGIC):
            raise RoadmapImportError(
                "Файл .doc не похож на документ Word: откройте его в Word и сохраните как "
                ".docx, затем загрузите снова.",
                code="damaged",
            )
        from roadmap.importing.convert import doc_to_docx

        document = _read_docx(doc_to_docx(data))
        document.source_format = "doc"
        return document
    if data.startswith(_OLE_MAGIC):
        raise RoadmapImportError(
            "Это файл старого формата Word (.doc) или Excel (.xls). Откройте его в Word или "
            "Excel и сохраните как .docx или .xlsx, затем загрузите снова.",
            code="old_format",
        )
    raise RoadmapImportError(
        f"Файлы этого типа не поддерживаются ({extension or 'без расширения'}). "
        f"Загрузите дорожную карту в одном из форматов: {SUPPORTED}.",
        code="unsupported",
    )


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251; binary junk is refused."""
    if b"\x00" in data[:4096]:
        raise RoadmapImportError(
            "Файл не похож на текстовый: сохраните таблицу как .docx, .xlsx или текст (.txt).",
            code="binary",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise RoadmapImportError(
            "Не удалось определить кодировку текста: сохраните файл в UTF-8 или Windows-1251.",
            code="encoding",
        ) from error


# --- plain text: tab-separated rows --------------------------------------------------------


def read_text(text: str) -> RawDocument:
    """Lines with a tab are table rows; a run of them (blank lines and single lines between
    allowed) is one table; text lines outside the runs are kept as paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_ROWS * 4:
        raise RoadmapImportError(
            f"В файле больше {MAX_ROWS * 4:,} строк — это не похоже на дорожную карту.".replace(
                ",", " "
            ),
            code="too_large",
        )
    tab_indexes = [index for index, line in enumerate(lines) if "\t" in line]
    document = RawDocument(source_format="text")
    if not tab_indexes:
        from roadmap.importing.pdftext import read_order_points, read_pdf_text

        found = read_pdf_text(text) or read_order_points(text)
        if found is not None:
            return found
        document.blocks = [line.strip() for line in lines]
        return document
    first, last = tab_indexes[0], tab_indexes[-1]
    document.blocks.extend(line.strip() for line in lines[:first])
    table = RawTable()
    for line in lines[first : last + 1]:
        if not line.strip():
            table.rows.append(RawRow([]))  # a blank line: kept, the normaliser reads page breaks
        else:
            table.rows.append(RawRow([cell.strip() for cell in line.split("\t")]))
    document.blocks.append(table)
    document.blocks.extend(line.strip() for line in lines[last + 1 :])
    return document


# --- HTML -----------------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|tr|table|title)\s*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def html_to_lines(fragment: str) -> list[str]:
    fragment = _SCRIPT.sub(" ", fragment)
    fragment = _BLOCK_END.sub("\n", fragment)
    text = html.unescape(_TAG.sub(" ", fragment))
    return [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n")]


def read_html(text: str) -> RawDocument:
    try:
        import lxml.html

        root = lxml.html.document_fromstring(text)
    except Exception as error:  # lxml raises several kinds on junk; all mean «not readable»
        raise RoadmapImportError(
            "Не удалось прочитать HTML-файл: он повреждён или пуст.", code="damaged"
        ) from error
    document = RawDocument(source_format="html")
    tables = [t for t in root.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    # Text outside the tables, in order: serialise and cut around each table.
    source = lxml.html.tostring(root, encoding="unicode")
    position = 0
    for table in tables:
        table_html = lxml.html.tostring(table, encoding="unicode", with_tail=False)
        start = source.find(table_html, position)
        if start == -1:
            continue
        document.blocks.extend(html_to_lines(source[position:start]))
        document.blocks.append(_html_table(table))
        position = start + len(table_html)
    document.blocks.extend(html_to_lines(source[position:]))
    return document


def _inner_html(element) -> str:
    import lxml.html

    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        parts.append(lxml.html.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


def _html_table(table) -> RawTable:
    """Rows with colspan/rowspan resolved: a rowspan repeats its text downwards (as Word's
    vertical merge does in python-docx), a colspan leaves the covered cells empty."""
    result = RawTable()
    carried: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    rows = list(table.iter("tr"))[:MAX_ROWS]
    for row in rows:
        cells: list[str] = []
        column = 0
        spanning = False
        row_cells = [cell for cell in row if cell.tag in ("td", "th")]
        for cell in row_cells:
            while column in carried:
                text, left = carried[column]
                cells.append(text)
                carried[column] = (text, left - 1)
                if left - 1 <= 0:
                    del carried[column]
                column += 1
            text = _inner_html(cell)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            if len(row_cells) == 1 and colspan > 1:
                spanning = True
            for offset in range(colspan):
                cells.append(text if offset == 0 else "")
                if rowspan > 1:
                    carried[column + offset] = (text if offset == 0 else "", rowspan - 1)
            column += colspan
        while column in carried:
            text, left = carried[column]
            cells.append(text)
            carried[column] = (text, left - 1)
            if left - 1 <= 0:
                del carried[column]
            column += 1
        result.rows.append(RawRow(cells, spanning))
    return result


def _span(value) -> int:
    try:
        return max(1, min(int(value), 50))
    except (TypeError, ValueError):
        return 1


# --- Word -----------------------------------------------------------------------------------


def _open_zip(data: bytes, kind: str) -> None:
    """Refuse encrypted, damaged and bomb-like Office files before the libraries see them."""
    if data.startswith(_OLE_MAGIC):
        raise RoadmapImportError(
            f"Файл {kind} зашифрован (защищён паролем) или сохранён в старом формате. "
            "Снимите пароль и сохраните файл в формате "
            f"{'.docx' if kind == 'Word' else '.xlsx'}.",
            code="encrypted",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if any(info.flag_bits & 0x1 for info in archive.infolist()):
                raise RoadmapImportError(f"Файл {kind} зашифрован.", code="encrypted")
    except zipfile.BadZipFile as error:
        raise RoadmapImportError(
            f"Файл повреждён: это не документ {kind} (.{'docx' if kind == 'Word' else 'xlsx'}).",
            code="damaged",
        ) from error
    try:
        check_office_archive(data, max_total_bytes=MAX_UNPACKED_BYTES)
    except ValidationError as error:
        raise RoadmapImportError(error.messages[0], code="too_large") from None


def _read_docx(data: bytes) -> RawDocument:
    _open_zip(data, "Word")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        word = docx.Document(io.BytesIO(data))
        document = RawDocument(source_format="docx")
        for block in word.iter_inner_content():
            if isinstance(block, Paragraph):
                framed = _framed_tables(block)
                if framed:
                    document.blocks.extend(_docx_table(Table(tbl, block)) for tbl in framed)
                else:
                    document.blocks.extend(block.text.split("\n"))
            elif isinstance(block, Table):
                document.blocks.append(_docx_table(block))
    except RoadmapImportError:
        raise
    except Exception as error:  # python-docx/lxml/zip errors all mean a damaged file
        raise RoadmapImportError(
            "Файл Word повреждён или не является документом .docx.", code="damaged"
        ) from error
    return document


def _framed_tables(paragraph) -> list:
    """Tables inside a text frame anchored in the paragraph (LibreOffice writes a floating
    table of a .doc so): the outer ones, without the VML fallback copy."""
    from docx.oxml.ns import qn

    found = []
    for tbl in paragraph._p.iter(qn("w:tbl")):
        ancestors = list(tbl.iterancestors())
        if any(a.tag == qn("w:tbl") for a in ancestors):
            continue
        if any(a.tag.endswith("}Fallback") for a in ancestors):
            continue
        found.append(tbl)
    return found


def _docx_cell_text(cell) -> str:
    lines = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        lines.append(f"• {text}" if _is_list_item(paragraph) else text)
    return "\n".join(lines)


def _is_list_item(paragraph) -> bool:
    """Word's automatic numbering or bullets, set on the paragraph or by its style («Список»):
    the number is not part of the text, so the item boundary would be lost."""
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return True
    style = paragraph.style
    for _ in range(10):  # styles inherit numbering from their base style
        if style is None:
            return False
        p_pr = style.element.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return True
        style = style.base_style
    return False


def _docx_table(table) -> RawTable:
    """python-docx returns a horizontally merged cell once per grid column and a vertically
    merged one as its top cell: keep the text in the first column of a span only."""
    result = RawTable()
    for row in list(table.rows)[:MAX_ROWS]:
        cells, previous = [], None
        distinct = 0
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                cells.append("")
                continue
            previous = cell._tc
            distinct += 1
            cells.append(_docx_cell_text(cell))
        result.rows.append(
            RawRow(cells, spanning=distinct == 1 and len(cells) > 1, bold=_docx_row_bold(row))
        )
    return result


def _docx_row_bold(row) -> bool:
    """Every run with text in the row is bold (set on the run or by its style)."""
    runs = [
        run
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.text.strip()
    ]
    return bool(runs) and all(
        run.bold or (run.bold is None and run.style is not None and run.style.font.bold)
        for run in runs
    )


# --- Excel ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> RawDocument:
    _open_zip(data, "Excel")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:
        raise RoadmapImportError(
            "Файл Excel повреждён или не является книгой .xlsx.", code="damaged"
        ) from error
    document = RawDocument(source_format="xlsx")
    for sheet in workbook.worksheets:
        document.blocks.append(_xlsx_table(sheet))
    return document


def _xlsx_value(value) -> str:
    from datetime import date, datetime

    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(sheet) -> RawTable:
    """The whole sheet as one table (the normaliser finds the header row inside it):
    a vertical merge repeats its text downwards, a horizontal one marks a spanning row."""
    rows = [
        [_xlsx_value(value) for value in row]
        for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS), values_only=True)
    ]
    width = max((len(row) for row in rows), default=0)
    spanning_rows = set()
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows):
            continue
        text = rows[top][left] if left < len(rows[top]) else ""
        for row_index in range(top + 1, min(merged.max_row, len(rows))):
            if left < len(rows[row_index]):
                rows[row_index][left] = text
        if merged.max_col - merged.min_col + 1 >= max(width - 1, 2):
            spanning_rows.update(range(top, min(merged.max_row, len(rows))))
    table = RawTable()
    for index, row in enumerate(rows):
        table.rows.append(RawRow(row, spanning=index in spanning_rows))
    return table
