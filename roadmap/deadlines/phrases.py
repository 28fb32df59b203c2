"""Phrases: normalising the text, telling the kinds apart, splitting lists, ranges and items."""

import html
import re
import unicodedata

from roadmap.deadlines.model import DeadlineKind
from roadmap.deadlines.parts import (
    _EDGE_PUNCTUATION,
    _Context,
    _Dates,
    _Item,
    _quote,
    _Relation,
    _shorten,
    _unique,
    _Unit,
    _Unparsed,
)
from roadmap.deadlines.periods import _resolve_item, _resolve_items
from roadmap.deadlines.units import _NUMERIC_DATE, _TEXT_DATE, _parse_unit, _span_of_years

# ---------------------------------------------------------------------------------------------
# Normalisation

_HTML_BREAK = re.compile(r"<\s*(?:br\s*/?|/p|/li|/div|/tr|/td)\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]{0,300}>")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_BRACKETS = re.compile(r"[()\[\]{}«»\"„“”]")
# «г.», «гг.», «года», «уч. год», «учебного года» right after a year (two digits at least, so
# that «1 год» in «в течение 1 года» stays).
_YEAR_WORDS = re.compile(
    r"(?<=\d\d)\s*(?:(?:уч(?![а-я])\.?|учебн[а-я]*)\s*(?:(?:гг|г|год[а-я]*)(?![а-я])\.?)?"
    r"|(?:гг|г|год[а-я]*)(?![а-я])\.?)"
)
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")


def _normalize(text: str) -> str:
    text = _HTML_BREAK.sub(" ; ", text)
    text = _HTML_TAG.sub(" ", text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е").replace("і", "i")
    text = _DASHES.sub("-", text)
    text = _BRACKETS.sub(" ", text)
    text = _YEAR_WORDS.sub("", text)
    text = _SPACED_HYPHEN.sub("-", text)
    text = _SPACES.sub(" ", text)
    return text.strip(_EDGE_PUNCTUATION)


# ---------------------------------------------------------------------------------------------
# Top level: the kinds

_PLACEHOLDER = re.compile(r"[-_*/\\.\s]*|нет|не указан[а-я]*|н/д|б/с")
_THEN = re.compile(r"[\s,;-]*\b(?:а\s+)?(?:далее|затем|в\s+дальнейшем)\s+(?=\S)")
_YEARLY = re.compile(r"ежегодн[а-я]*|(?:\b1\s+|\bодин\s+)?раз\s+в\s+год(?![а-я])")
_FREQUENCY = re.compile(
    r"ежемесячн[а-я]*|еженедельн[а-я]*|ежеквартальн[а-я]*|ежедневн[а-я]*"
    r"|каждую\s+(?:неделю|четверть)|каждый\s+(?:месяц|квартал|триместр)"
    r"|(?:\b\d+\s+|\bодин\s+|\bдва\s+)?раза?\s+в\s+"
    r"(?:неделю|две\s+недели|месяц|квартал|четверть|триместр|полугодие)(?![а-я])"
    r"|систематически|регулярно"
)
_PERMANENT = re.compile(r"постоянн[а-я]*|непрерывно")
_EVENT = re.compile(
    r"(?:после|по\s+окончании|по\s+завершении|по\s+итогам|по\s+результатам)\s+\S"
    r"|по\s+мере\b|(?:по|при)\s+необходимости|по\s+запрос[а-я]*|по\s+согласовани[а-я]*"
    r"|по\s+факту|по\s+готовности|по\s+требованию|по\s+приглашению|по\s+поступлени[а-я]*"
    r"|по\s+(?:отдельному\s+|утвержденному\s+)?(?:график[а-я]*|план[а-я]*|расписани[а-я]*)"
    r"|согласно\b|в\s+соответствии\b|с\s+момента\b|со\s+дня\b"
    r"|в\s+сроки,?\s+(?:установленн|определенн|указанн)"
    r"|в\s+течение\s+(?:\d+\s+)?(?:дн|недел|месяц)[а-я]*\s+(?:после|с\s+момента|со\s+дня)"
)
_AFTER_PREFIX = re.compile(r"после\s")
# What may remain around «ежегодно», «постоянно» … without naming any span.
_EMPTY_REST = re.compile(r"(?:в\s+течение|на\s+протяжении|в|во|на|с|,|\.|;|:|-|\s)*")


def _parse(text: str, context: _Context) -> tuple[DeadlineKind, _Dates]:
    if _PLACEHOLDER.fullmatch(text):
        raise _Unparsed("срок не указан")
    if (then := _THEN.search(text)) and then.start() > 0:
        return _parse_then(text[: then.start()], text[then.end() :], context)
    if _is_event(text, context):
        return DeadlineKind.EVENT, _Dates()
    if yearly := _YEARLY.search(text):
        return DeadlineKind.YEARLY, _parse_yearly(_cut(text, yearly), context)
    if frequency := _FREQUENCY.search(text):
        dates = _span_of_rest(_cut(text, frequency), context)
        return DeadlineKind.PERMANENT, dates.noted(f"периодичность: {frequency[0]}")
    if permanent := _PERMANENT.search(text):
        return DeadlineKind.PERMANENT, _span_of_rest(_cut(text, permanent), context)
    return DeadlineKind.DATE, _check_in_period(_parse_dates(text, context), context)


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


def _is_event(text: str, context: _Context) -> bool:
    if not _EVENT.match(text):
        return False
    if _AFTER_PREFIX.match(text):
        # «после 01.10.2022» is a date; «после утверждения критериев» is an event.
        try:
            _resolve_item(_parse_item(text, context), context)
        except _Unparsed:
            return True
        return False
    return True


def _parse_then(head: str, tail: str, context: _Context) -> tuple[DeadlineKind, _Dates]:
    """«До 01.10.2022, далее постоянно»: the first deadline, then a regime."""
    first = _parse_dates(head, context)
    tail = tail.strip(_EDGE_PUNCTUATION)
    if _YEARLY.fullmatch(tail):
        return DeadlineKind.YEARLY, first.noted(f"далее {_shorten(tail)}")
    if _PERMANENT.fullmatch(tail) or _FREQUENCY.fullmatch(tail):
        if first.due is None:
            raise _Unparsed("не указан первый срок перед «далее»")
        return DeadlineKind.PERMANENT, _Dates(None, first.due).noted(
            *first.notes, f"далее {_shorten(tail)}"
        )
    if _EVENT.match(tail):
        return DeadlineKind.DATE, first.noted(f"далее {_shorten(tail)}")
    raise _Unparsed(f"непонятно, что значит {_quote('далее ' + tail)}")


_SPAN_OF_YEARS_INSIDE = re.compile(r"(?<!\d)(?P<y1>\d{4})[-/](?P<y2>\d{4}|\d{2})(?![\d.])")


def _parse_yearly(rest: str, context: _Context) -> _Dates:
    """«ежегодно», «2021-2024 ежегодно», «ежегодно в мае», «ежегодно до 31 октября»."""
    span = context.period
    years_note = ""
    if years := _SPAN_OF_YEARS_INSIDE.search(rest):
        span = _span_of_years(years["y1"], years["y2"], context)
        rest = _cut(rest, years)
        years_note = f"в {years[0]} гг."
    rest = rest.strip(_EDGE_PUNCTUATION)
    if _EMPTY_REST.fullmatch(rest) or _EVENT.match(rest):
        dates = _Dates() if span is None else _Dates(span.start, span.end)
        return dates.noted(f"также: {_shorten(rest)}" if _EVENT.match(rest) else "")
    try:
        first = _parse_dates(rest, _Context(span))
    except _Unparsed as problem:
        raise _Unparsed(f"ежегодно, но {problem}") from None
    # The dates keep only the first occurrence; the span of years survives in the note.
    return first.noted(years_note)


def _span_of_rest(rest: str, context: _Context) -> _Dates:
    """The span of a permanent activity: named in the rest of the text, else the period."""
    if _EMPTY_REST.fullmatch(rest):
        if context.period is None:
            return _Dates()
        return _Dates(context.period.start, context.period.end, ("на период дорожной карты",))
    rest = rest.strip(_EDGE_PUNCTUATION)
    if _EVENT.match(rest):
        return _span_of_rest("", context).noted(f"также: {_shorten(rest)}")
    return _parse_dates(rest, context)


def _check_in_period(dates: _Dates, context: _Context) -> _Dates:
    period = context.period
    if period is None:
        return dates
    first = dates.start or dates.due
    last = dates.due or dates.start
    if (last is not None and last < period.start) or (first is not None and first > period.end):
        return dates.noted("срок вне периода дорожной карты")
    return dates


# ---------------------------------------------------------------------------------------------
# Lists, items, ranges

_LIST_SEPARATOR = re.compile(r"\s*[;,\n]\s*|\s+и\s+")
_BARE_YEAR_REF = re.compile(r"\d{4}(?:[-/](?:\d{4}|\d{2}))?")
_BARE_DAY = re.compile(r"\d{1,2}")
_RANGE_WORDS = re.compile(
    r"(?:с|со|от|начиная\s+с)\s+(?P<first>.+?)\s+(?P<op>по|до)\s+(?P<second>.+)"
)
_RELATION_PREFIX = re.compile(
    r"(?P<word>не\s+позднее|не\s+позже|до\s+конца|к\s+концу|в\s+срок\s+до|до|к|по"
    r"|начиная\s+с|со|с|после|в\s+течение|на\s+протяжении|в\s+период|в\s+срок)\s+(?P<rest>.+)"
)
_RELATION_WORDS = {
    "не позднее": _Relation.END,
    "не позже": _Relation.END,
    "до конца": _Relation.END,
    "к концу": _Relation.END,
    "по": _Relation.END,
    "в срок до": _Relation.BEFORE,
    "до": _Relation.BEFORE,
    "к": _Relation.BY,
    "начиная с": _Relation.FROM,
    "со": _Relation.FROM,
    "с": _Relation.FROM,
    "после": _Relation.AFTER,
    "в течение": _Relation.DURING,
    "на протяжении": _Relation.DURING,
    "в период": _Relation.DURING,
    "в срок": _Relation.AT,
}
# Words that only introduce a unit: «в октябре», «во втором полугодии», «на 2024-2025».
_FILLER = re.compile(r"(?:в|во|на)\s+(?!течение|срок|период)")


def _parse_dates(text: str, context: _Context) -> _Dates:
    """A list of items, each a unit or a range, into one DATE span."""
    parts = _split_list(text)
    items: list[_Item] = []
    skipped: list[str] = []
    for index, part in enumerate(parts):
        if _is_event(part, context):
            skipped.append(part)
            continue
        following = parts[index + 1] if index + 1 < len(parts) else ""
        items.append(_parse_item(_complete_bare_day(part, following), context))
    if not items:
        raise _Unparsed("срок не указан")
    spans = _resolve_items(items, context)
    if len(spans) == 1:
        dates = spans[0]
    else:
        firsts = [d for s in spans if (d := s.start or s.due) is not None]
        lasts = [d for s in spans if (d := s.due or s.start) is not None]
        notes = _unique(note for span in spans for note in span.notes)
        dates = _Dates(min(firsts), max(lasts), (*notes, "несколько сроков: взят общий интервал"))
    return dates.noted(*(f"также: {_shorten(part)}" for part in skipped))


def _split_list(text: str) -> list[str]:
    parts: list[str] = []
    for raw in _LIST_SEPARATOR.split(text):
        part = raw.strip(_EDGE_PUNCTUATION)
        if not part:
            continue
        if parts and _BARE_YEAR_REF.fullmatch(part):
            # «май, 2023»: the year belongs to the previous item.
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


def _complete_bare_day(part: str, following: str) -> str:
    """«1» before «15 сентября 2022» («1 и 15 сентября», «1-15 сентября») is «1 сентября 2022»."""
    if not _BARE_DAY.fullmatch(part):
        return part
    if day := _TEXT_DATE.fullmatch(following):
        return f"{part} {following[day.start('month') :]}"
    if day := _NUMERIC_DATE.fullmatch(following):
        return f"{part}{following[day.end('d') :]}"
    return part


def _parse_item(written: str, context: _Context) -> _Item:
    text = _strip_filler(written)
    if ranged := _RANGE_WORDS.fullmatch(text):
        first = _complete_bare_day(ranged["first"], ranged["second"])
        relation = _Relation.RANGE if ranged["op"] == "по" else _Relation.RANGE_BEFORE
        return _Item(
            relation, _require_unit(first, context), _require_unit(ranged["second"], context)
        )
    if prefixed := _RELATION_PREFIX.fullmatch(text):
        relation = _RELATION_WORDS[_SPACES.sub(" ", prefixed["word"])]
        rest = _strip_filler(prefixed["rest"])
        is_range = relation is _Relation.DURING and not _parse_unit(rest, context)
        if is_range and (ranged_item := _hyphen_range(rest, context)):
            return ranged_item
        return _Item(relation, _require_unit(rest, context))
    if unit := _parse_unit(text, context):
        return _Item(_Relation.AT, unit)
    if ranged_item := _hyphen_range(text, context):
        return ranged_item
    raise _Unparsed(f"не удалось распознать {_quote(written)}")


def _strip_filler(text: str) -> str:
    while filler := _FILLER.match(text):
        text = text[filler.end() :]
    return text


def _hyphen_range(text: str, context: _Context) -> _Item | None:
    """«август-сентябрь 2022», «01.09.2021-31.05.2022», «1-15 сентября»: try every hyphen."""
    for position, char in enumerate(text):
        if char != "-":
            continue
        second_text = text[position + 1 :].strip()
        first_text = _complete_bare_day(text[:position].strip(), second_text)
        first = _parse_unit(first_text, context)
        second = _parse_unit(second_text, context)
        if first is not None and second is not None:
            return _Item(_Relation.RANGE, first, second)
    return None


def _require_unit(text: str, context: _Context) -> _Unit:
    unit = _parse_unit(_strip_filler(text.strip(_EDGE_PUNCTUATION)), context)
    if unit is None:
        raise _Unparsed(f"не удалось распознать {_quote(text)}")
    return unit
