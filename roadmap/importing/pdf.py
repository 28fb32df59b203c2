"""A text PDF (Word's or LibreOffice's «Сохранить как PDF») → :class:`RawDocument`.

Library: pdfplumber (on pdfminer.six) — it finds ruled tables from the lines drawn on the page
and gives every word with its position, in pure Python. camelot needs Ghostscript/OpenCV and
tabula a Java runtime; pdftotext (poppler) keeps no cells. Measured on the seeds made into PDF
by LibreOffice: a 5-page roadmap in about 0.5 s (bench/roadmap_import.py).

* Ruled tables: each cell's words are regrouped into lines and the lines into paragraphs — a
  line ends a paragraph when the next line's first word would have fitted on it (otherwise it
  is a wrap, joined with a space). A cell merged down (no cell drawn in the lower rows) repeats
  its text as python-docx does; a cell merged across leaves the covered cells empty, and a row
  of one cell is a spanning row (a stage). The tables of all pages are one table.
* No ruled table: the page's text with its layout (columns aligned by spaces) goes to the
  reader of text copied out of a PDF.
* No text at all: a scan — refused, the curator is asked for a Word file or a text PDF.

The parse runs in a child process (:mod:`roadmap.importing.pdf_worker`) with a time limit and
a memory limit, so an encrypted, damaged or hostile PDF (deeply nested objects, a compression
bomb) costs the web worker at most :data:`TIMEOUT` seconds and leaves it intact.
"""

import io
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from roadmap.importing.errors import RoadmapImportError
from roadmap.importing.readers import RawDocument, RawRow, RawTable

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT = 25  # seconds for the whole parse (the web worker's budget is 30)
MAX_PAGES = 300
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child process

MESSAGES = {
    "encrypted": "PDF-файл защищён паролем. Снимите защиту (или сохраните документ в PDF "
    "заново без пароля) и загрузите снова.",
    "damaged": "PDF-файл повреждён и не читается. Сохраните документ в PDF заново или "
    "загрузите файл Word (.docx).",
    "scan": "Это скан, в нём нет текста; загрузите файл Word или PDF с текстом.",
    "too_many_pages": f"В PDF-файле больше {MAX_PAGES} страниц — это не похоже на дорожную карту.",
    "timeout": "PDF-файл читается слишком долго (он слишком сложно устроен). Загрузите файл "
    "Word (.docx) или сохраните документ в PDF заново.",
    "no_library": "Чтение PDF не установлено на сервере: администратору нужно выполнить "
    "bin/setup (пакет pdfplumber). Пока загрузите файл Word (.docx).",
}


def read_pdf(data: bytes, *, progress=None, timeout: float | None = None) -> RawDocument:
    """Parse in a child process; ``progress(done, total)`` is called page by page."""
    if b"%PDF-" not in data[:1024]:
        raise RoadmapImportError(MESSAGES["damaged"], code="damaged")
    result = _run_worker(data, progress, TIMEOUT if timeout is None else timeout)
    if "error" in result:
        code = result["error"]
        raise RoadmapImportError(MESSAGES.get(code, MESSAGES["damaged"]), code=code)
    return document_from_json(result)


def _limit_child():  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run_worker(data: bytes, progress, timeout: float) -> dict:
    process = subprocess.Popen(
        [sys.executable, "-m", "roadmap.importing.pdf_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_child if os.name == "posix" else None,
        env={
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])
            ),
        },
    )
    timer = threading.Timer(timeout, process.kill)
    output: list[bytes] = []
    timer.start()
    try:
        writer = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
        reader = threading.Thread(target=lambda: output.append(process.stdout.read()), daemon=True)
        writer.start()
        reader.start()
        for line in process.stderr:
            parts = line.decode(errors="replace").split()
            if progress and len(parts) == 3 and parts[0] == "page":
                progress(int(parts[1]), int(parts[2]))
        process.wait()
        reader.join()
    finally:
        timed_out = not timer.is_alive() and process.returncode not in (0, None)
        timer.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    if timed_out and process.returncode == -9:
        return {"error": "timeout"}
    try:
        return json.loads(b"".join(output) or b"{}") or {"error": "damaged"}
    except ValueError:
        return {"error": "damaged"}


def _feed(stream, data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except (BrokenPipeError, OSError):
        pass


def document_from_json(result: dict) -> RawDocument:
    document = RawDocument(source_format="pdf")
    for block in result.get("blocks", []):
        if isinstance(block, str):
            document.blocks.append(block)
        else:
            table = RawTable()
            for row in block["rows"]:
                table.rows.append(
                    RawRow(
                        row["cells"],
                        spanning=row.get("spanning", False),
                        bold=row.get("bold", False),
                    )
                )
            document.blocks.append(table)
    if result.get("layout_text"):
        from roadmap.importing.pdftext import read_pdf_text

        found = read_pdf_text(result["layout_text"], source_format="pdf")
        if found is None:
            return RawDocument(blocks=result["layout_text"].split("\n"), source_format="pdf")
        return found
    return document


# --- in the child process ---------------------------------------------------------------------


def parse(data: bytes, *, report=None) -> dict:
    """The PDF as JSON-able blocks (run by the worker; raises nothing, returns ``error``)."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        return {"error": "no_library"}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                return {"error": "too_many_pages"}
            return _parse_pages(pages, report)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return {"error": "encrypted"}
    except RecursionError:
        return {"error": "damaged"}
    except Exception as error:  # pdfminer raises many kinds on a broken file
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            return {"error": "encrypted"}
        return {"error": "damaged"}


def _parse_pages(pages, report) -> dict:
    before: list[str] = []
    after: list[str] = []
    table_rows: list[dict] = []
    layout_pages: list[str] = []
    columns: list[float] | None = None
    above: list[str] = []
    any_text = False
    for number, page in enumerate(pages, start=1):
        if report:
            report(number, len(pages))
        if page.chars:
            any_text = True
        (after if table_rows else before).append("")  # a new page ends the paragraph
        tables = page.find_tables()
        if not tables:
            layout_pages.append(page.extract_text(layout=True) or "")
            (after if table_rows else before).extend(_lines(page))
            page.close()
            continue
        layout_pages.append("")  # a page with a table: its layout text is never needed
        boxes = [table.bbox for table in tables]
        top = min(box[1] for box in boxes)
        bottom = max(box[3] for box in boxes)
        words = page.extract_words(x_tolerance=1.5, extra_attrs=["fontname"])
        outside = [word for word in words if not _inside(word, boxes)]
        for line in _paragraph_lines(_text_lines(outside)):
            target = before if line["top"] < top and not table_rows else after
            if line["top"] >= top and line["bottom"] <= bottom:
                continue
            target.append(line["text"])
        for table in tables:
            if columns is None:
                columns = _column_starts(table)
            rows = _table_rows(words, table, columns, above)
            if table_rows and rows and _continues(rows[0]):
                _glue_row(table_rows[-1], rows.pop(0))  # a row broken by the page end
            table_rows.extend(rows)
        page.close()  # drop the page's parsed objects: a 100-page file stays small
    if not any_text:
        return {"error": "scan"}
    if not table_rows:
        return {"layout_text": "\f".join(layout_pages)}
    return {"blocks": [*before, {"rows": table_rows}, *after]}


def _inside(obj, boxes) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _lines(page) -> list[str]:
    lines = _paragraph_lines(_text_lines(page.extract_words(keep_blank_chars=True)))
    return [line["text"] for line in lines]


def _paragraph_lines(lines: list[dict]) -> list[dict]:
    """Lines with a blank one where the gap above is two lines or more (an empty paragraph;
    consecutive paragraphs stand closer): the title is found as one paragraph, as in a .docx."""

    result: list[dict] = []
    right = max((line["x1"] for line in lines), default=0)
    left = min((line["x0"] for line in lines), default=0)
    for line in lines:
        if result and result[-1]["text"]:
            previous = result[-1]
            height = previous["bottom"] - previous["top"] or 10
            gap = line["top"] - previous["bottom"]
            if gap > height * 2:
                result.append({"top": line["top"], "bottom": line["top"], "text": "", "x1": 0})
            elif gap < height and previous["x1"] > right - (right - left) * 0.12:
                # The line above ran to the margin: this one is its wrap, one paragraph.
                previous["text"] += " " + line["text"]
                previous["x1"], previous["bottom"] = line["x1"], line["bottom"]
                continue
        result.append(dict(line))
    return result


def _text_lines(words: list[dict]) -> list[dict]:
    """Words → lines (by their top, 3 pt tolerance), left to right."""
    lines: list[dict] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1]["top"] - word["top"]) <= 3:
            lines[-1]["words"].append(word)
            lines[-1]["bottom"] = max(lines[-1]["bottom"], word["bottom"])
        else:
            lines.append({"top": word["top"], "bottom": word["bottom"], "words": [word]})
    for line in lines:
        line["words"].sort(key=lambda w: w["x0"])
        line["text"] = " ".join(w["text"] for w in line["words"]).strip()
        line["x0"] = line["words"][0]["x0"]
        line["x1"] = line["words"][-1]["x1"]
    return lines


def _column_starts(table) -> list[float]:
    """The left edges of the first table's columns (every later page is read onto them)."""
    starts = sorted({round(box[0], 0) for row in table.rows for box in row.cells if box})
    merged: list[float] = []
    for start in starts:
        if not merged or start - merged[-1] > 4:
            merged.append(start)
    return merged


def _on_columns(boxes: list, columns: list[float]) -> list:
    """A row's cells placed on the first table's columns: a page whose table lost a column
    (merged down across the page break, so never drawn) keeps the others in place."""
    placed: list = [None] * len(columns)
    for box in boxes:
        if box is None:
            continue
        index = min(range(len(columns)), key=lambda i: abs(columns[i] - box[0]))
        placed[index] = box
    return placed


def _continues(row: dict) -> bool:
    values = [cell for cell in row["cells"] if cell.strip()]
    return bool(values) and all(value[:1].islower() for value in values)


def _glue_row(previous: dict, row: dict) -> None:
    for index, value in enumerate(row["cells"]):
        if value.strip() and index < len(previous["cells"]):
            before = previous["cells"][index]
            joiner = "" if before.endswith("-") else " "
            previous["cells"][index] = f"{before}{joiner}{value}".strip() if before else value


def _table_rows(words, table, columns: list[float], above: list[str]) -> list[dict]:
    """``above``: the cells of the row before (from the previous page too), for merges down."""
    width = table.bbox[2] - table.bbox[0]
    rows = []
    for row in table.rows:
        boxes = _on_columns(list(row.cells), columns)
        cells: list[str] = []
        bold = True
        distinct = 0
        for column, box in enumerate(boxes):
            if box is None:
                covered_across = any(
                    boxes[left] is not None and boxes[left][2] > columns[column] + 1
                    for left in range(column)
                )
                cells.append(
                    "" if covered_across else (above[column] if column < len(above) else "")
                )
                continue
            distinct += 1
            text, cell_bold = _cell_text(words, box)
            bold = bold and cell_bold
            cells.append(text)
        widest = max((box[2] - box[0] for box in boxes if box), default=0)
        rows.append(
            {
                "cells": cells,
                "spanning": distinct == 1 and len(cells) > 1 and widest > width * 0.8,
                "bold": bold and any(cells),
            }
        )
        above[:] = cells
    return rows


def _cell_text(words: list[dict], box) -> tuple[str, bool]:
    inside = [
        word
        for word in words
        if box[0] <= (word["x0"] + word["x1"]) / 2 <= box[2]
        and box[1] <= (word["top"] + word["bottom"]) / 2 <= box[3]
    ]
    lines = _text_lines(inside)
    if not lines:
        return "", True
    # The text's right edge: the cell's, less the padding seen on the left.
    padding = max(0.0, min(line["x0"] for line in lines) - box[0])
    right = max(max(line["x1"] for line in lines), box[2] - padding)
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if index == 0:
            paragraphs.append(line["text"])
            continue
        previous = lines[index - 1]
        first = line["words"][0]
        size = first["bottom"] - first["top"] or 10
        fits = previous["x1"] + size * 0.3 + (first["x1"] - first["x0"]) <= right + 0.5
        # A sentence or a date ends the line and a capitalised word opens the next: Word
        # broke the paragraph there even when the word would not have fitted.
        sentence = re.search(r"[.;:!?\d]$", previous["text"]) and re.match(
            r"[А-ЯЁA-Z][а-яёa-z]|\d{1,2}(?:\.\d{1,2})*[.)]\s|[-–—•]\s", line["text"]
        )
        if fits or sentence:
            paragraphs.append(line["text"])  # the first word would have fitted: a new paragraph
        elif paragraphs[-1].endswith("-") and line["text"][:1].islower():
            paragraphs[-1] += line["text"]
        else:
            paragraphs[-1] += " " + line["text"]
    bold = all("bold" in word.get("fontname", "").lower() for word in inside)
    return "\n".join(paragraphs), bold
