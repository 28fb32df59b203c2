"""Splitting one table cell into activities, and pairing parallel lists of paragraphs.

Rules (all of them occur in real roadmaps, see shared/seeds):

* A cell becomes paragraphs first: ``<p>``, ``<li>``, ``<br>`` and line breaks separate them.
* Numbered items «1.», «1.1.», «2.1.1.», «2)» start an activity wherever they stand (at a
  paragraph start or inside the text: «… молодых специалистов 2.Сформировать …»); a number
  counts only when it continues the numbering plausibly (1 → 2, 1 → 1.1, 1.2 → 2 …), so dates
  and «№ 8» never split a text. A one-level number with a dot must be followed by a capital
  letter («1.Подготовить», not «28.09.2020»).
* In a cell with numbered items, dash and bullet lines («–», «-», «•») are the details of the
  numbered item above them (the list of documents under «1.1. Анализ нормативной базы:»).
* In a cell without numbers, dash and bullet lines are the activities; the text before the
  first of them (usually ending with «:») is a heading activity and the dash lines get its
  sub-numbers (1, 1.1, 1.2 …).
* Otherwise each paragraph is an activity, except one starting with a small letter, which
  continues the previous one.
"""

import html
import re
from dataclasses import dataclass, field

_BREAKS = re.compile(r"</p\s*>|<p\b[^>]*>|<br\s*/?>|</?li\b[^>]*>|</?[uo]l\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\xa0\u2007\u202f]+")

_NUMBER = re.compile(
    r"(?:^|(?<=[\s>;:,.!?»\"]))(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<end>[.)])[ \t\xa0]*"
    r"(?=\S)"
)
_DASH_START = re.compile(r"^\s*[-–—•·▪●◦*]\s*(?=\S)")
# A dash opening an item inside a paragraph: after «;», «:», «.» or «,» and a space.
_DASH_INSIDE = re.compile(r"(?<=[;:.,])\s+[-–—•]\s+(?=\S)|(?<=[;:.])[-–—](?=\s?[а-яёА-ЯЁ«])")


def cell_text(cell: str) -> str:
    """A cell as plain text on one line (for titles, headers and short cells)."""
    return " ".join(cell_paragraphs(cell))


def cell_paragraphs(cell: str) -> list[str]:
    text = _BREAKS.sub("\n", cell or "")
    text = html.unescape(_TAG.sub(" ", text))
    paragraphs = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line and not re.fullmatch(r"[-–—_=\s]+", line):
            paragraphs.append(line)
    return paragraphs


@dataclass
class Item:
    number: str  # as written, normalised: «1.1», «2»; empty when unnumbered
    text: str
    details: list[str] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.number.count(".") + 1 if self.number else 1

    @property
    def full_text(self) -> str:
        if not self.details:
            return self.text
        return "\n".join([self.text, *(f"– {detail}" for detail in self.details)])


def _parts(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _plausible_next(previous: tuple[int, ...] | None, candidate: tuple[int, ...]) -> bool:
    if previous is None:
        return True
    if candidate == (*previous, 1):
        return True
    for depth in range(len(previous)):
        if candidate == (*previous[:depth], previous[depth] + 1):
            return True
    return False


def _find_numbers(paragraph: str, previous: tuple[int, ...] | None):
    """Positions of accepted number markers in a paragraph: [(start, text_start, number)]."""
    found = []
    for match in _NUMBER.finditer(paragraph):
        number, end = match["num"], match["end"]
        following = paragraph[match.end() : match.end() + 1]
        parts = _parts(number)
        if end == "." and "." not in number and not (following.isupper() or following in '«"'):
            continue
        if end == ")" and not (following.isalpha() or following in '«"'):
            continue
        if not following.isalpha() and following not in '«"':
            continue
        if not _plausible_next(previous, parts):
            continue
        before = paragraph[: match.start()].rstrip()
        if before.endswith(("№", "п.", "ст.", "гл.", "г.", "от")):
            continue  # «№ 8.», «п. 3.», «ст. 5)» refer to something, they do not number
        if previous is None and before and parts[0] != 1:
            continue  # inside a text the first item of a list is 1
        found.append((match.start(), match.end(), number))
        previous = parts
    return found, previous


def split_items(cell: str) -> list[Item]:
    """The activities inside one cell, in order (see the module docstring)."""
    paragraphs = cell_paragraphs(cell)
    if not paragraphs:
        return []
    # Pass 1: numbered segments.
    segments: list[tuple[str | None, str]] = []  # (number or None, text)
    previous = None
    for paragraph in paragraphs:
        found, previous = _find_numbers(paragraph, previous)
        if not found:
            segments.append((None, paragraph))
            continue
        if found[0][0] > 0:
            head = paragraph[: found[0][0]].strip()
            if head:
                segments.append((None, head))
        for index, (_start, text_start, number) in enumerate(found):
            stop = found[index + 1][0] if index + 1 < len(found) else len(paragraph)
            segments.append((number, paragraph[text_start:stop].strip()))
    if any(number for number, _ in segments):
        return _numbered_items(segments)
    return _unnumbered_items(paragraphs)


def _split_dashes(text: str) -> list[tuple[bool, str]]:
    """[(is_dash_item, text)] for one paragraph."""
    pieces: list[tuple[bool, str]] = []
    starts_with_dash = bool(_DASH_START.match(text))
    body = _DASH_START.sub("", text, count=1) if starts_with_dash else text
    chunks = _DASH_INSIDE.split(body)
    for index, chunk in enumerate(chunks):
        chunk = chunk.strip().strip(",;").strip()
        if not chunk:
            continue
        pieces.append((starts_with_dash or index > 0, chunk))
    return pieces


def _numbered_items(segments: list[tuple[str | None, str]]) -> list[Item]:
    items: list[Item] = []
    for number, text in segments:
        pieces = _split_dashes(text)
        if not pieces:
            continue
        first_is_dash, first_text = pieces[0]
        if number is not None:
            items.append(Item(number, first_text))
            rest = pieces[1:]
        else:
            rest = pieces
        for is_dash, piece in rest:
            if not items:
                items.append(Item("", piece))
            elif is_dash:
                items[-1].details.append(piece)
            else:
                _append(items[-1], piece)
    return items


def _append(item: Item, text: str) -> None:
    if item.details:
        item.details[-1] = f"{item.details[-1]} {text}"
    else:
        item.text = f"{item.text} {text}"


def _unnumbered_items(paragraphs: list[str]) -> list[Item]:
    pieces = [piece for paragraph in paragraphs for piece in _split_dashes(paragraph)]
    has_dashes = any(is_dash for is_dash, _ in pieces)
    items: list[Item] = []
    if has_dashes:
        heading: Item | None = None
        children = 0
        for is_dash, text in pieces:
            if is_dash:
                children += 1
                prefix = f"{heading.number}." if heading else ""
                items.append(Item(f"{prefix}{children}" if heading else "", text))
            elif (
                items
                and not heading
                and not items[-1].text.endswith(":")
                and text[:1].islower()
                or items
                and text[:1].islower()
            ):
                _append(items[-1], text)
            else:
                heading = Item(str(sum(1 for item in items if "." not in item.number) + 1), text)
                children = 0
                items.append(heading)
        return items
    for paragraph in paragraphs:
        if items and paragraph[:1].islower():
            _append(items[-1], paragraph)
        else:
            items.append(Item("", paragraph))
    return items


# --- parallel lists ----------------------------------------------------------------------------


def parents(items: list[Item]) -> list[bool]:
    """Whether each item has sub-items right after it (1 → 1.1)."""
    result = []
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        result.append(
            bool(item.number)
            and following is not None
            and following.number.startswith(item.number + ".")
        )
    return result


def groups(items: list[Item]) -> list[list[int]]:
    """Items grouped under their top-level item; leading sub-items form a group of their own."""
    if not items:
        return []
    top = min(item.level for item in items)
    result: list[list[int]] = []
    for index, item in enumerate(items):
        if item.level == top or not result:
            result.append([index])
        else:
            result[-1].append(index)
    return result


@dataclass
class Pairing:
    values: list[list[str]]  # per item: the paragraphs it receives
    how: str  # "one" | "items" | "leaves" | "groups" | "mismatch" | "empty"


def pair(paragraphs: list[str], items: list[Item], *, spread_on_mismatch: bool) -> Pairing:
    """Give each item its paragraphs of a parallel cell (deadlines, responsible, results).

    One paragraph goes to every item. N paragraphs pair with N items, else with the N leaves
    (items without sub-items; a parent gets what its sub-items got), else with the N groups of
    a top-level item. Otherwise nothing matches: with ``spread_on_mismatch`` every item gets all
    paragraphs (a list of people), else they are given to the leaves in order (deadlines).
    """
    count = len(items)
    if not paragraphs:
        return Pairing([[] for _ in items], "empty")
    if len(set(paragraphs)) == 1 or count <= 1:
        # One value (or the same value repeated for every line): no pairing to guess.
        return Pairing([list(paragraphs) for _ in items], "one")
    if len(paragraphs) == count:
        return Pairing([[paragraph] for paragraph in paragraphs], "items")
    is_parent = parents(items)
    leaves = [index for index, parent in enumerate(is_parent) if not parent]
    if len(paragraphs) == len(leaves):
        values: list[list[str]] = [[] for _ in items]
        for paragraph, index in zip(paragraphs, leaves, strict=True):
            values[index] = [paragraph]
        _fill_parents(items, is_parent, values)
        return Pairing(values, "leaves")
    item_groups = groups(items)
    if len(paragraphs) == len(item_groups):
        values = [[] for _ in items]
        for paragraph, group in zip(paragraphs, item_groups, strict=True):
            for index in group:
                values[index] = [paragraph]
        return Pairing(values, "groups")
    if spread_on_mismatch:
        return Pairing([list(paragraphs) for _ in items], "mismatch")
    values = [[] for _ in items]
    for paragraph, index in zip(paragraphs, leaves, strict=False):
        values[index] = [paragraph]
    _fill_parents(items, is_parent, values)
    return Pairing(values, "mismatch")


def _fill_parents(items: list[Item], is_parent: list[bool], values: list[list[str]]) -> None:
    """A parent item gets the distinct values of its sub-items, in order."""
    for index, parent in enumerate(is_parent):
        if not parent:
            continue
        prefix = items[index].number + "."
        collected: list[str] = []
        for other in range(index + 1, len(items)):
            if not items[other].number.startswith(prefix):
                break
            for value in values[other]:
                if value not in collected:
                    collected.append(value)
        values[index] = collected
