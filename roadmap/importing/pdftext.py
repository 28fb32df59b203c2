"""Text copied out of a PDF (or printed by ``pdftotext``): no tabs, so the table's cells are
found from the text itself. Two shapes occur (see shared/samples):

* **layout** (``pdftotext -layout``, or our own reading of a PDF without ruled lines): columns
  aligned by runs of spaces. The header line gives the columns' positions; every line is cut
  at those positions; a line with a number in the first column starts a row, the other lines
  continue it (Word aligns cells to the top).
* **one cell per line** (copied from a PDF viewer): the header's words come one per line
  («№», «п/п», «Наименование мероприятий» …), then often the column numbers «1 2 3 4 5», then
  the cells one after another. Rows start at their item numbers («1.», «1.2.»); where the
  number stands in the middle of a wrapped cell («Назначение кураторов …\\n1.2. наставничества
  в ОУ»: the number was centred vertically) the capitalised line above it starts the row.
  Short lines that are a whole deadline («Сентябрь 2022», «Ежегодно») go to «Сроки».

Everything before the header (approval stamps, «ПРИНЯТО педагогическим советом», the
e-signature block «Сертификат … Владелец … Действителен с …») stays text before the table,
so none of it becomes an activity.
"""

import re

from roadmap.importing.readers import RawDocument, RawRow, RawTable

# A header cell's role is decided by normalise.header_role; imported lazily (normalise imports us).
_NUMBER_START = re.compile(
    r"^\s*(?P<num>(?:\d{1,2}\.){1,3}\d{0,2}|\d{1,2}\)|[IVX]{1,4}\.)(?=\s|$)\s*(?P<rest>.*)$"
)
_NUMBER_CELL = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,4}\.?)\s*$")
_BARE_INTEGER = re.compile(r"^\s*\d{1,2}\s*$")
_RUN = re.compile(r"\S+(?: \S+)*")
_ITEM_START = re.compile(r"^\s*(?:[-–—•·▪●*]|\d{1,2}(?:\.\d{1,2}){0,3}[.)])\s*")
_SIGNATURE = re.compile(
    r"^(документ\s+подписан|подписан\w*\s+электронн|сертификат|владелец|действителен|"
    r"электронной|подписью|с\s*$|до\s*$)",
    re.IGNORECASE,
)


def _role(text: str):
    from roadmap.importing.normalise import header_role

    return header_role(text)


def looks_like_pdf_text(lines: list[str]) -> bool:
    return _layout_header(lines) is not None or _line_header(lines) is not None


def read_pdf_text(text: str, *, source_format: str = "pdf-text") -> RawDocument | None:
    """A RawDocument with one table, or ``None`` when no roadmap header is found."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = text.replace("\f", "\n\f").split("\n")
    found = _layout_header(lines)
    if found is not None:
        document = _read_layout(lines, *found)
    else:
        found = _line_header(lines)
        if found is None:
            return None
        document = _read_lines(lines, *found)
    document.source_format = source_format
    return document


# --- helpers ---------------------------------------------------------------------------------


def _runs(line: str) -> list[tuple[int, str]]:
    """Pieces of a line separated by two or more spaces, with their start columns."""
    return [(match.start(), match.group()) for match in _RUN.finditer(line)]


def join_wrapped(parts: list[str]) -> str:
    """Lines of one cell → its text: a wrapped line continues the previous one with a space
    (a word hyphenated at the line end is joined), a line starting a new item (a number, a
    dash, a bullet) begins a new paragraph."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif _ITEM_START.match(part) and not re.match(r"^\d{1,2}\.\d{1,2}\.\d{2,4}", part):
            text += "\n" + part
        elif text.endswith("-") and part[:1].islower() and text[-2:-1].isalpha():
            text += part
        else:
            text += " " + part
    return text


# --- layout mode ----------------------------------------------------------------------------


def _layout_header(lines: list[str]):
    for index, line in enumerate(lines[:400]):
        runs = _runs(line)
        if len(runs) < 3:
            continue
        roles = [_role(piece) for _, piece in runs]
        known = [role for role in roles if role]
        if "activity" in known and len(set(known)) >= 3:
            return index, runs
    return None


def _read_layout(lines: list[str], header_index: int, header_runs):
    starts = [start for start, _ in header_runs]
    ends = [start + len(piece) for start, piece in header_runs]
    bounds = [0] + [(ends[i - 1] + starts[i]) // 2 for i in range(1, len(starts))]
    width = len(starts)

    page_edges: list[int] | None = None  # the current page's columns, from its gutters

    def cut(line: str) -> list[str]:
        cells = [""] * width
        taken = -1
        limits = page_edges or bounds
        for start, piece in _split_at_edges(_runs(line), (page_edges or [0])[1:]):
            column = max(i for i in range(width) if i == 0 or start >= limits[i] - 1)
            if column <= taken and taken + 1 < width:
                column = taken + 1  # the page's columns shifted: two pieces, two cells
            cells[column] = f"{cells[column]} {piece}".strip()
            taken = column
        return cells

    def spans(line: str) -> bool:
        """One text from the first column across the next: a stage row merged over the table."""
        runs = _runs(line)
        return (
            len(runs) == 1
            and width > 2
            and runs[0][0] < bounds[1]
            and runs[0][0] + len(runs[0][1]) > bounds[2]
            and not runs[0][1][:1].islower()
        )

    header_cells = [[piece] for _, piece in header_runs]
    body_start = header_index + 1
    # Header words wrapped onto the next lines («Ответственн-ые», «п/п»), and the column
    # numbers «1 2 3 4 5»: no digits except that row, no item number in the first column.
    for offset in range(1, 4):
        if header_index + offset >= len(lines):
            break
        line = lines[header_index + offset]
        if not line.strip():
            body_start = header_index + offset + 1
            continue
        cells = cut(line)
        values = [cell for cell in cells if cell]
        if values == [str(n) for n in range(1, len(values) + 1)]:
            body_start = header_index + offset + 1
            continue
        if _NUMBER_START.match(cells[0]) or any(re.search(r"\d", value) for value in values):
            break
        if any(value[:1].isupper() for value in values):
            break  # header words go on in small letters; a capital opens the body
        for column, value in enumerate(cells):
            if value:
                header_cells[column].append(value)
        body_start = header_index + offset + 1
    header = RawRow([join_wrapped(parts).replace("\n", " ") for parts in header_cells])
    roles = [_role(cell) for cell in header.cells]
    header_key = re.sub(r"\s+", "", lines[header_index])

    table = RawTable(rows=[header])
    current: list[list[str]] | None = None
    spanning = False

    def flush():
        if current is not None:
            cells = [
                _join_deadlines(parts) if role == "deadline" else join_wrapped(parts)
                for parts, role in zip(current, roles, strict=True)
            ]
            if spanning:
                cells = [" ".join(cell for cell in cells if cell)] + [""] * (width - 1)
            table.rows.append(RawRow(cells, spanning=spanning))

    pages = _page_edges(lines[body_start:], width)
    for index, line in enumerate(lines[body_start:]):
        page_edges = pages[index]
        if line.startswith("\f"):
            line = line[1:]
        if not line.strip() or re.sub(r"\s+", "", line) == header_key:
            continue
        if _BARE_INTEGER.match(line) and len(line) - len(line.lstrip()) > 20:
            continue  # a page number printed in the margin
        cells = cut(line)
        values = [cell for cell in cells if cell]
        if values == [str(n) for n in range(1, len(values) + 1)] and len(values) >= 3:
            continue
        dropped = page_edges is not None and width > 1 and page_edges[1] == 0
        if current is not None and page_edges is not None and not any(page_edges):
            # A page holding one column of text: the row's tallest cell runs on over it.
            tallest = max(range(width), key=lambda column: len(current[column]))
            current[tallest].append(line.strip())
            continue
        if current is None or (not dropped and (spans(line) or _starts_row(cells, current, roles))):
            flush()
            current = [[cell] for cell in cells]
            spanning = spans(line)
            continue
        if spanning and not (cells[0][:1].islower() and not any(cells[1:])):
            flush()  # the stage name ended: this line opens the stage's first row
            current = [[cell] for cell in cells]
            spanning = False
            continue
        for column, value in enumerate(cells):
            if value:
                current[column].append(value)
    flush()
    blocks = [line.strip().lstrip("\f") for line in lines[:header_index]]
    return RawDocument(blocks=[*blocks, table])


def _join_deadlines(parts: list[str]) -> str:
    """The lines of a deadline cell: a line that is a whole deadline after a whole deadline
    starts a new paragraph (Word's one deadline a paragraph, paired with the items in order);
    any other line continues the one above («В течение 2024-2025» «учебного года»)."""
    paragraphs: list[str] = []
    for part in (part.strip() for part in parts):
        if not part:
            continue
        if paragraphs and not (_is_deadline_line(paragraphs[-1]) and _is_deadline_line(part)):
            paragraphs[-1] = join_wrapped([paragraphs[-1], part])
        else:
            paragraphs.append(part)
    return "\n".join(paragraphs)


def _page_edges(lines: list[str], width: int) -> list[list[int] | None]:
    """Each line's page columns (left edges), or ``None`` where the page does not show them.

    pdftotext lays every page out anew: a page's columns may stand left of the header's. A
    column's left edge is a position where many of the page's lines start a piece of text
    after a gutter of spaces; when a page shows exactly as many such edges as the header has
    columns, they are that page's columns."""
    result: list[list[int] | None] = []
    page: list[str] = []

    def edges_of(block: list[str], needed: int) -> list[int] | None:
        counts: dict[int, int] = {}
        for line in block:
            for start, _ in _runs(line.lstrip("\f")):
                counts[start] = counts.get(start, 0) + 1
        edges: list[int] = []
        for position in sorted(counts):
            if counts[position] < needed:
                continue
            if edges and position - edges[-1] <= 2:
                continue  # the same column, a space off
            edges.append(position)
        return edges if edges and edges[0] <= 2 else None

    def close():
        # A page may change its layout between rows: each row's own edges (every piece of
        # text its lines start) come first, when they make exactly the header's columns.
        row: list[str] = []
        rows: list[list[str]] = []
        for line in page:
            first = _runs(line.lstrip("\f"))[:1]
            if row and first and first[0][0] == 0 and _NUMBER_CELL.match(first[0][1].split()[0]):
                rows.append(row)
                row = []
            row.append(line)
        rows.append(row)
        owns = []
        for row in rows:
            own = edges_of([line for line in row if line.strip()], 1)
            owns.append(own if own and len(own) == width else None)
        found = None
        for block in (
            page,
            [line for row, own in zip(rows, owns, strict=True) if not own for line in row],
        ):
            filled = [line for line in block if line.strip()]
            found = edges_of(filled, max(2, len(filled) // 10))
            if found and len(found) == width:
                break
        if found and len(found) == 1 and width > 1:
            found = [0] * width  # one column of text alone: the tall cell going on
        elif found and 2 <= len(found) < width:
            # A tall row going on over the page with its first columns empty: pdftotext
            # moves what is left to the page's left edge. Those are the table's last columns
            # (the empty ones come first); 0 marks a column the page dropped.
            found = [0] * (width - len(found)) + found
        elif found and len(found) != width:
            found = None
        for row, own in zip(rows, owns, strict=True):
            result.extend([own or found] * len(row))
        page.clear()

    for line in lines:
        if line.startswith("\f") and page:
            close()
        page.append(line)
    close()
    return result


def _split_at_edges(runs: list[tuple[int, str]], edges: list[int]) -> list[tuple[int, str]]:
    """A piece of text running over a column edge with a single space before a word that
    starts exactly at the edge («Наличие раздела на сайте с До 01.10.2022»: two cells whose
    texts touched) is cut there."""
    pieces: list[tuple[int, str]] = []
    for start, piece in runs:
        cuts = []
        for edge in edges:
            # The word may stand a character off the edge (pdftotext rounds positions).
            for at in (edge - start, edge - start - 1, edge - start + 1):
                if 0 < at < len(piece) and piece[at - 1] == " " and piece[at] != " ":
                    cuts.append(at)
                    break
        last = 0
        for at in cuts:
            pieces.append((start + last, piece[last:at].rstrip()))
            last = at
        pieces.append((start + last, piece[last:]))
    return pieces


def _starts_row(cells: list[str], current: list[list[str]], roles: list) -> bool:
    """Does this line open a new table row? Its first cell opens one: an item number, or a
    capitalised stage name in a stage column. With the first column blank (merged down), a
    new deadline beside a new item opens one too."""
    first = cells[0]
    if first:
        if _NUMBER_START.match(first) or (roles[0] == "number" and _NUMBER_CELL.match(first)):
            return True
        return roles[0] != "number" and first[:1].isupper()
    if "deadline" in roles and "activity" in roles:
        deadline_at, activity_at = roles.index("deadline"), roles.index("activity")
        deadline, activity = cells[deadline_at], cells[activity_at]
        return bool(
            deadline
            and activity
            and any(current[deadline_at])
            and (deadline[:1].isupper() or deadline[:1].isdigit() or deadline.startswith("до "))
            and (_NUMBER_START.match(activity) or activity[:1].isupper())
        )
    return False


# --- one cell per line ------------------------------------------------------------------------


def _line_header(lines: list[str]):
    """(where the text before the table ends, the header's line indexes, the columns' roles
    in order) — or ``None``. The header is the lines naming columns around the first one that
    names the activities; the «№» opening it may stand a few lines higher, with the first
    cells between (a copy from a PDF viewer interleaves them)."""
    stripped = [line.strip().lstrip("\f").strip() for line in lines]
    for index, line in enumerate(stripped[:600]):
        glued = index + 1 < len(stripped) and _role(f"{line} {stripped[index + 1]}") == "activity"
        if _role(line) != "activity" and not glued:
            continue
        start = index
        for back in range(index - 1, max(index - 25, -1), -1):
            if _role(stripped[back]) == "number":
                start = back
                while start > 0 and _role(stripped[start - 1]) == "number":
                    start -= 1  # «№» above «п/п»
                break
        header: set[int] = set()
        roles: list[str] = []
        position = start
        while position < len(stripped) and position - start < 40:
            piece = stripped[position]
            role = _role(piece) if piece else None
            pair = 1
            if piece and role is None and position + 1 < len(stripped) and len(piece) < 40:
                role = _role(f"{piece} {stripped[position + 1]}")
                pair = 2
            if role:
                roles.append(role)
                header.update(range(position, position + pair))
                position += pair
                continue
            if (
                position >= index
                and piece
                and not (_BARE_INTEGER.match(piece) or _header_fragment(piece))
            ):
                break
            if position >= index and piece and _header_fragment(piece):
                header.add(position)
            position += 1
        roles = list(dict.fromkeys(roles))
        if "activity" in roles and len(roles) >= 2:
            return start, header, roles
    return None


def _column_numbers(line: str) -> bool:
    values = line.split()
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def _header_fragment(line: str) -> bool:
    """A word of a header split over lines: «п/п», «этапа», «мероприятий», «результат»."""
    return len(line) <= 30 and not re.search(r"\d", line) and len(line.split()) <= 3


def _is_deadline_line(line: str) -> bool:
    from roadmap.deadlines import parse_deadline

    if len(line) > 60 or len(line.split()) > 7 or _NUMBER_START.match(line):
        return False
    deadline = parse_deadline(line)
    return deadline.understood and bool(deadline.due or deadline.start or deadline.kind.value)


def _read_lines(lines: list[str], start: int, header_lines: set[int], roles: list[str]):
    # Stage names come as numbered rows here («1. Нормативное … регулирование»), never as a column.
    columns = list(dict.fromkeys(["number", *(role for role in roles if role != "stage")]))
    if "activity" not in columns:
        columns.append("activity")
    number_at, activity_at = columns.index("number"), columns.index("activity")
    deadline_at = columns.index("deadline") if "deadline" in columns else None
    header = RawRow([_header_label(role) for role in columns])
    stripped = [line.strip().lstrip("\f").strip() for line in lines]
    body_lines = [
        line
        for index, line in enumerate(stripped[start:], start=start)
        if line
        and index not in header_lines
        and not _BARE_INTEGER.match(line)
        and not _column_numbers(line)
    ]

    numbered = [_NUMBER_START.match(line) for line in body_lines]
    with_text = [match for match in numbered if match and match["rest"]]
    # The number was centred in a wrapped cell: most numbered lines go on in small letters.
    centred = bool(with_text) and sum(m["rest"][:1].islower() for m in with_text) * 2 > len(
        with_text
    )

    rows: list[dict] = []

    def new_row(number: str = "") -> dict:
        row = {"number": number, "activity": [], "deadline": []}
        rows.append(row)
        return row

    current: dict | None = None
    for line, match in zip(body_lines, numbered, strict=True):
        if _SIGNATURE.match(line):
            continue
        if match:
            rest = match["rest"]
            if current is not None and current["number"] and not current["activity"]:
                if rest:
                    current["activity"].append(rest)
                continue  # «1.» «2.» one under the other: the cells come later, one row
            if centred and current is not None and not current["number"] and rest[:1].islower():
                current["number"] = match["num"]
            else:
                current = new_row(match["num"])
            if rest:
                current["activity"].append(rest)
            continue
        if deadline_at is not None and current is not None and _is_deadline_line(line):
            current["deadline"].append(line)
            continue
        if current is None or (
            centred
            and line[:1].isupper()
            and current["activity"]
            and not current["deadline"]
            and not _ITEM_START.match(line)
        ):
            current = new_row()
        current["activity"].append(line)

    table = RawTable(rows=[header])
    for row in rows:
        cells = [""] * len(columns)
        cells[number_at] = row["number"]
        cells[activity_at] = join_wrapped(row["activity"])
        if deadline_at is not None:
            cells[deadline_at] = "\n".join(row["deadline"])
        table.rows.append(RawRow(cells, guessed=True))
    blocks = [line for line in stripped[:start] if not _SIGNATURE.match(line)]
    return RawDocument(blocks=[*blocks, table])


def _header_label(role: str) -> str:
    from roadmap.importing.normalise import COLUMN_LABELS

    return COLUMN_LABELS[role]


# --- an order without a table: its numbered points -------------------------------------------

_ORDER_DEADLINE = re.compile(
    r"\s*,?\s*(?P<text>(?:в\s+срок\s+)?до\s+(?:«?\d{1,2}»?\s+[а-яё]+|\d{1,2}\.\d{1,2}\.)\s*\d{2,4}"
    r"(?:\s*г(?:ода|\.)?)?)",
    re.IGNORECASE,
)
_ORDER_RESPONSIBLE = re.compile(
    r"\s*\.?\s*Ответственн\w*\s*[:–-]?\s*(?P<who>[^.;]+(?:\.[^.;]*)*?)\.?\s*$"
)


def read_order_points(text: str) -> RawDocument | None:
    """An order («ПРИКАЗ … ПРИКАЗЫВАЮ: 1. … 2. …») is a roadmap written as numbered points:
    each point is an activity, «в срок до …» its deadline, «Ответственный …» its responsible."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"приказываю\b", line, re.IGNORECASE)),
        None,
    )
    if start is None:
        return None
    points: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line:
            continue
        match = _NUMBER_START.match(line)
        if match and match["rest"][:1].isupper():
            points.append([match["num"], match["rest"]])
        elif points:
            points[-1][1] += "\n" + line
    if not points:
        return None
    table = RawTable(rows=[RawRow(["№", "Мероприятия", "Сроки", "Ответственные"])])
    for number, body in points:
        responsible = ""
        found = _ORDER_RESPONSIBLE.search(body)
        if found:
            responsible, body = found["who"].strip(), body[: found.start()]
        deadline = ""
        found = _ORDER_DEADLINE.search(body)
        if found:
            deadline = found["text"].strip()
            body = (body[: found.start()] + body[found.end() :]).strip()
        cells = [number, join_wrapped(body.split("\n")).replace("\n", " "), deadline, responsible]
        table.rows.append(RawRow(cells, whole=True, guessed=True))
    document = RawDocument(blocks=[*lines[: start + 1], table], source_format="order-text")
    document.notes.append(
        "Таблица не найдена: мероприятиями стали пункты приказа после «ПРИКАЗЫВАЮ» — проверьте."
    )
    return document
