"""The text before the table: the title with the organisation and the period, and the approval
(«УТВЕРЖДЕНО / директор … / «12» ноября 2021 г.», «Утверждаю: … Протокол педсовета № 8 от
28.09.2020», or an order «ПРИКАЗ … № 158» whose appendix the roadmap is)."""

import re
from datetime import date

from roadmap.importing.result import Approval

_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})[.\s]\s*(\d{4}|\d{2})(?!\d)")
_TEXT_DATE = re.compile(r"[«\"]?\s*(\d{1,2})\s*[»\"]?\s+([а-яё]+)\s+(\d{4})", re.IGNORECASE)
_NAME = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.")


def clean_line(line: str) -> str:
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"«\s+", "«", line)
    line = re.sub(r"\s+»", "»", line)
    return re.sub(r"\s+", " ", line).strip()


def parse_date(text: str) -> date | None:
    """The first date written as 28.09.2020, «16.04 2021г.» or «12» ноября 2021 г."""
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day)
        except ValueError:
            continue
    for match in _TEXT_DATE.finditer(text):
        month = _month(match[2])
        if month:
            try:
                return date(int(match[3]), month, int(match[1]))
            except ValueError:
                continue
    return None


def _month(word: str) -> int | None:
    word = word.lower()
    for stem, number in _MONTHS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return number
    return None


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(clean_line(line))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def find_title(lines: list[str]) -> str:
    """The last paragraph before the table that names a roadmap («Дорожная карта …»)."""
    for block in reversed(_blocks(lines)):
        text = " ".join(block)
        if re.search(r"дорожн\w*\s+карт", text, re.IGNORECASE) and not re.match(r"\d+\.\s", text):
            return _tidy_title(text)
    return ""


def _tidy_title(text: str) -> str:
    text = text.strip(" *")
    # «ДОРОЖНАЯ КАРТА ДОРОЖНАЯ КАРТА на …»: a heading typed twice.
    text = re.sub(r"\b(.{6,40}?)\s+\1\b", r"\1", text)
    text = _lower_caps_runs(text)
    if text.startswith("«") and text.count("«") > text.count("»"):
        text = text[1:]
    return text[:1].upper() + text[1:]


def _lower_caps_runs(text: str) -> str:
    """Headings typed in capitals read as a sentence: a run of upper-case words with at least
    two long ones is lower-cased; abbreviations standing alone (МБОУ, РДМЦ) stay."""
    words = text.split(" ")

    def caps(word: str) -> bool:
        bare = re.sub(r"[^А-ЯЁA-Zа-яёa-z]", "", word)
        return bool(bare) and bare.isupper()

    index = 0
    while index < len(words):
        if not caps(words[index]):
            index += 1
            continue
        end = index
        while end < len(words) and caps(words[end]):
            end += 1
        run = words[index:end]
        if sum(len(re.sub(r"[^А-ЯЁA-Z]", "", word)) >= 5 for word in run) >= 2:
            words[index:end] = [word.lower() for word in run]
        index = end
    return " ".join(words)


def find_period(text: str) -> tuple[date, date] | None:
    """«на 2020-2024 годы» → 01.01.2020–31.12.2024; «на 2024-2025 учебный год», «в 2020-21г.»
    → 01.09–31.08 (a school year); «на 2021 год» → the calendar year."""
    for match in re.finditer(
        r"(?<!\d)(20\d\d)\s*[-–—/]\s*(20\d\d|\d\d)(?!\d)(?P<after>[^\n]{0,25})", text
    ):
        first = int(match[1])
        second = int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
        after = match["after"].lower()
        if second < first or second - first > 10:
            continue  # «2022/04/05» in an address, not a period
        academic = (
            "учеб" in after
            or "уч." in after
            or (second == first + 1 and not re.match(r"\s*(годы|гг)", after))
        )
        if academic:
            return date(first, 9, 1), date(second, 8, 31)
        return date(first, 1, 1), date(second, 12, 31)
    match = re.search(r"(?<!\d)(20\d\d)\s*(?:г\.?|год)", text)
    if match:
        year = int(match[1])
        return date(year, 1, 1), date(year, 12, 31)
    return None


def find_organisation(title: str) -> str:
    """The organisation named in the title: «… в МАОУ гимназии №2 города Асино на …»."""
    match = re.search(
        r"\b(?:в|во)\s+((?:[А-ЯЁ]{2,}[-А-ЯЁ]*\b|[Гг]осударственн|[Мм]униципальн|гимнази|школ|"
        r"лице|центр)[^()]*?)(?=\s+(?:на|в)\s+\d|\s*\(|»?$)",
        title,
    )
    if not match:
        return ""
    found = match[1].strip(' "')
    if found.count("»") > found.count("«"):
        found = found.rstrip("»")
    return found


def find_approval(lines: list[str]) -> Approval:
    cleaned = [clean_line(line) for line in lines]
    text = "\n".join(cleaned)
    approval = Approval()
    protocol = re.search(
        r"протокол\w*\s+(?:заседания\s+)?(?:педагогического\s+совета|педсовета|пед\.\s*совета)?"
        r"[^\n№]*№\s*(?P<number>[\w/-]+)\s*(?:от\s*)?(?P<rest>[^\n]*(?:\n[^\n]*)?)",
        text,
        re.IGNORECASE,
    )
    heading = re.search(r"^(УТВЕРЖДЕН[ОАЫ]?|УТВЕРЖДАЮ|Утвержден[оаы]?|Утверждаю)\s*:?", text, re.M)
    order = re.search(r"^\s*ПРИКАЗ\s*$", text, re.M)
    if heading:
        approval.heading = heading[1].capitalize()
        approval.by, signature_date = _signature_after(cleaned, heading.end(), text)
        approval.date = signature_date
    if protocol:
        approval.kind = "protocol"
        approval.number = protocol["number"]
        approval.date = parse_date(protocol["rest"]) or approval.date
        approval.heading = approval.heading or "Протокол"
    elif order:
        approval.kind = "order"
        approval.heading = approval.heading or "Приказ"
        after = text[order.end() :]
        number = re.search(r"№\s*([\w/-]+)", after)
        approval.number = number[1] if number else ""
        order_date = parse_date(after[: number.start()] if number else after[:200])
        approval.date = order_date or parse_date(after[:300])
        approval.by = approval.by or _order_signatory(cleaned)
    return approval


def _signature_after(lines: list[str], offset: int, text: str) -> tuple[str, date | None]:
    """The lines after «УТВЕРЖДЕНО»: the position and the name, then a date."""
    rest = text[offset:].split("\n")
    by_parts: list[str] = []
    signed = None
    for line in rest:
        if not line.strip():
            if by_parts:
                break
            continue
        if re.search(r"протокол|приказ", line, re.IGNORECASE):
            break
        line_date = parse_date(line)
        if line_date:
            signed = line_date
            break
        if re.search(r"дорожн\w*\s+карт", line, re.IGNORECASE):
            break
        by_parts.append(line.strip(" :_"))
    return re.sub(r"\s+", " ", " ".join(by_parts)).strip(), signed


def _order_signatory(lines: list[str]) -> str:
    """The position and the name that sign the order (after «ПРИКАЗЫВАЮ» and its points)."""
    start = next(
        (index for index, line in enumerate(lines) if line.upper().startswith("ПРИКАЗЫВАЮ")), None
    )
    if start is None:
        return ""
    position = ""
    for line in lines[start + 1 :]:
        if not line or re.match(r"\d+\.", line):
            continue
        if _NAME.fullmatch(line.strip()):
            return f"{position} {line.strip()}".strip()
        if re.search(r"дорожн\w*\s+карт", line, re.IGNORECASE):
            break
        position = line.strip()
    return ""
