"""Russian words for documents: numbers that agree, names and posts in a case, typography.

- ``plural_count(24, "год", "года", "лет")`` → «24 года».
- ``full_name(person, case="accusative")`` → «Кравцову Елену Александровну»: the name's parts are
  declined by the petrovich rules (pytrovich), made for Russian anthroponyms — surnames like
  «Шевчук» (indeclinable for a woman), «Цой», double surnames — which a dictionary does not hold.
- ``position_in_case("заместитель директора по УВР", "accusative")`` → «заместителя директора по
  УВР»: a post is an ordinary noun phrase, so its head is declined with the pymorphy3 dictionary.
- ``person_in_case(person, "accusative")`` → «заместителя директора по УВР Кравцову Елену
  Александровну», as an order names a person.
- ``initials_surname(person)`` → «Е. А. Кравцова» (after a post, in a signature);
  ``surname_initials(person)`` → «Кравцова Е. А.» (in a list), both with non-breaking spaces.
- ``gender_of(person)`` — from the patronymic (then the first name, the surname): nothing
  stores it. ``gendered(person, "выбыл", "выбыла")`` picks the word by it («выбыл(а)» unknown).
- ``typograph(text)`` puts the non-breaking spaces Russian typography requires: «№ 12-о»,
  «12 ноября 2021 г.», «г. Асино», «30 %», «Е. А. Кравцова», «ст. 10.1».

A person is anything with ``last_name``, ``first_name``, ``middle_name`` (and ``position``).
"""

import re
from datetime import date, datetime
from functools import cache

NBSP = "\u00a0"

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")
# Russian school names of the cases, for templates: {{ person|person_in_case:"вин" }}.
CASE_ALIASES = {
    "им": "nominative",
    "род": "genitive",
    "дат": "dative",
    "вин": "accusative",
    "твор": "instrumental",
    "пред": "prepositional",
}
_PYMORPHY_CASES = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "prepositional": "loct",
}
MALE, FEMALE = "male", "female"


def plural_word(number: int, one: str, few: str, many: str) -> str:
    """The noun's form for ``number``: ``one`` for 1, 21, 101…; ``few`` for 2–4, 22–24…
    (but not 12–14); ``many`` for the rest."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def plural_count(number: int, one: str, few: str, many: str) -> str:
    """The number with its noun: ``plural_count(24, "год", "года", "лет")`` is «24 года»."""
    return f"{number} {plural_word(number, one, few, many)}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with «…» when cut: a
    title in a list reads «Организация обучения наставников…», never «Организация обуч».
    A single word longer than ``limit`` is the only thing cut inside a word."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    head = head.rstrip(" ,;:.–—-")
    # Nor does it end on a preposition or a conjunction left alone: «…наставничества в…».
    words = head.split(" ")
    while len(words) > 1 and len(words[-1]) <= 2:
        words.pop()
    return " ".join(words).rstrip(" ,;:.–—-") + "…"


def _case(case: str) -> str:
    case = CASE_ALIASES.get(case, case)
    if case not in CASES:
        raise ValueError(f"Неизвестный падеж: {case!r}; один из {', '.join(CASES)}")
    return case


# --- names (pytrovich: the petrovich rules) -------------------------------------------------


@cache
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


def _parts(person) -> tuple[str, str, str]:
    return (
        (getattr(person, "last_name", "") or "").strip(),
        (getattr(person, "first_name", "") or "").strip(),
        (getattr(person, "middle_name", "") or "").strip(),
    )


def name_gender(last_name: str = "", first_name: str = "", middle_name: str = "") -> str | None:
    """``MALE``, ``FEMALE`` or None (cannot tell): the patronymic decides where there is one
    («…овна», «…кызы»), then the first name, then the surname."""
    from pytrovich.enums import Gender

    if not (last_name or first_name or middle_name):
        return None
    _, detector = _petrovich()
    gender = detector.detect(
        firstname=first_name or None, lastname=last_name or None, middlename=middle_name or None
    )
    return {Gender.MALE: MALE, Gender.FEMALE: FEMALE}.get(gender)


def gender_of(person) -> str | None:
    """The person's gender for agreement: a stored ``gender`` if the model has one, else from
    the name (see ``name_gender``)."""
    stored = getattr(person, "gender", None)
    if stored in (MALE, FEMALE):
        return stored
    return name_gender(*_parts(person))


def gendered(person, male: str, female: str) -> str:
    """The word agreeing with the person's gender: ``gendered(person, "выбыл", "выбыла")`` is
    «выбыла» for Алексеева Татьяна Викторовна; «выбыл(а)» when the name does not tell."""
    gender = gender_of(person) if person is not None else None
    if gender == MALE:
        return male
    if gender == FEMALE:
        return female
    if female.startswith(male):
        return f"{male}({female[len(male) :]})"
    return f"{male} / {female}"


@cache
def decline_name(
    last_name: str, first_name: str, middle_name: str, case: str, gender: str | None = None
) -> tuple[str, str, str]:
    """The three parts of a name in ``case`` (cached: a document names the same people often)."""
    from pytrovich.enums import Case, Gender, NamePart

    case = _case(case)
    if case == "nominative":
        return last_name, first_name, middle_name
    maker, _ = _petrovich()
    known = gender is not None
    gender = gender or name_gender(last_name, first_name, middle_name)
    petrovich_gender = {MALE: Gender.MALE, FEMALE: Gender.FEMALE}.get(gender, Gender.ANDROGYNOUS)
    petrovich_case = Case[case.upper()]

    def make(part, value):
        if not value:
            return ""
        return maker.make(part, petrovich_gender, petrovich_case, value, known_gender=known)

    return (
        make(NamePart.LASTNAME, last_name),
        make(NamePart.FIRSTNAME, first_name),
        make(NamePart.MIDDLENAME, middle_name),
    )


def _declined(person, case: str) -> tuple[str, str, str]:
    stored = getattr(person, "gender", None)
    return decline_name(*_parts(person), case, stored if stored in (MALE, FEMALE) else None)


def full_name(person, case: str = "nominative") -> str:
    """«Кравцова Елена Александровна»; ``case="accusative"`` → «Кравцову Елену Александровну»."""
    return " ".join(part for part in _declined(person, case) if part)


def _initials(first: str, middle: str) -> list[str]:
    # A hyphenated first name keeps both initials: «Анна-Мария» → «А.-М.».
    def initial(name: str) -> str:
        return "-".join(f"{piece[0]}." for piece in name.split("-") if piece)

    return [initial(name) for name in (first, middle) if name]


def initials_surname(person, case: str = "nominative") -> str:
    """«Е. А. Кравцова» with non-breaking spaces, as a signature or a post writes the name."""
    last, first, middle = _declined(person, case)
    return NBSP.join([*_initials(first, middle), last]) if last else ""


def surname_initials(person, case: str = "nominative") -> str:
    """«Кравцова Е. А.» with non-breaking spaces, as a list or a table writes the name."""
    last, first, middle = _declined(person, case)
    return NBSP.join([last, *_initials(first, middle)]) if last else ""


def initials_from_text(full: str) -> str:
    """«Седова Наталья Викторовна» (a name kept as one string) → «Н. В. Седова»."""
    parts = full.split()
    if len(parts) < 2:
        return full.strip()
    return NBSP.join([*_initials(parts[1], parts[2] if len(parts) > 2 else ""), parts[0]])


def name_text_in_case(full: str, case: str) -> str:
    """A name kept as one string («Седова Наталья Викторовна») in ``case``."""
    parts = full.split()
    if len(parts) < 2 or len(parts) > 3:
        return full.strip()
    last, first, middle = (parts + [""])[:3]
    return " ".join(part for part in decline_name(last, first, middle, case) if part)


# --- posts and other words (pymorphy3: the OpenCorpora dictionary) ---------------------------


@cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


def _nominative_parse(word: str, *, prefer_adjective: bool = False):
    """The dictionary's reading of ``word`` as a nominative singular noun or adjective;
    ``prefer_adjective`` when a word follows («старший воспитатель»: not the noun «старший»)."""
    readings = [
        parse
        for parse in _morph().parse(word)
        if "nomn" in parse.tag and "sing" in parse.tag and parse.tag.POS in {"NOUN", "ADJF", "PRTF"}
    ]
    if prefer_adjective:
        readings.sort(key=lambda parse: parse.tag.POS == "NOUN")
    return readings[0] if readings else None


def _keep_letter_case(original: str, declined: str) -> str:
    if original.isupper() and len(original) > 1:
        return declined.upper()
    if original[:1].isupper():
        return declined[:1].upper() + declined[1:]
    return declined


@cache
def position_in_case(position: str, case: str) -> str:
    """A post in ``case``: «старший воспитатель» → «старшего воспитателя» (accusative), «учитель
    математики» → «учителем математики» (instrumental). Only the head of the phrase changes —
    the adjectives before the first noun and that noun; «директора по УВР» after it stays."""
    case = _case(case)
    if case == "nominative" or not position.strip():
        return position
    grammeme = _PYMORPHY_CASES[case]
    result, last_end = [], 0
    matches = list(_WORD.finditer(position))
    for index, match in enumerate(matches):
        word = match.group()
        parse = _nominative_parse(word, prefer_adjective=index + 1 < len(matches))
        if parse is None:
            break
        result.append(position[last_end : match.start()])
        form = parse.inflect({grammeme, "sing"})
        result.append(_keep_letter_case(word, form.word) if form else word)
        last_end = match.end()
        if parse.tag.POS == "NOUN":
            break
    result.append(position[last_end:])
    return "".join(result)


def organisation_in_case(name: str, case: str) -> str:
    """A school's short name in ``case``: the abbreviation stays, the word of its kind is
    declined — «МАОУ гимназия № 2 г. Асино» → «МАОУ гимназии № 2 г. Асино» (genitive), «МБОУ
    СОШ № 5» stays as it is (nothing to decline before the number). A name written out from its
    first word declines from there: «Управление образования …» → «Управления образования …»,
    «Муниципальное бюджетное … учреждение» → «Муниципального бюджетного … учреждения»."""
    head = re.split(r"(?=[№«\"])", name, maxsplit=1)
    words = list(_WORD.finditer(head[0]))
    for match in words:
        if not match.group().isupper():  # the first word that is not an abbreviation
            start = match.start()
            return name[:start] + position_in_case(name[start:], case)
    return name


@cache
def agree(word: str, *, gender: str | None = None, case: str = "nominative") -> str:
    """An adjective or participle agreeing with a person: ``agree("обучающийся",
    gender=FEMALE)`` → «обучающаяся», ``case="genitive"`` → «обучающейся»."""
    parse = _nominative_parse(word)
    if parse is None:
        return word
    grammemes = {_PYMORPHY_CASES[_case(case)], "sing"}
    if parse.tag.POS in {"ADJF", "PRTF"}:
        grammemes.add("femn" if gender == FEMALE else "masc")
    form = parse.inflect(grammemes)
    return _keep_letter_case(word, form.word) if form else word


def person_in_case(person, case: str = "nominative", *, position: str | None = None) -> str:
    """Post and full name in ``case``, as an order names a person: «заместителя директора по УВР
    Кравцову Елену Александровну». ``position`` overrides the person's own."""
    post = (position if position is not None else getattr(person, "position", "")) or ""
    name = full_name(person, case)
    post = position_in_case(post.strip(), case)
    return f"{post} {name}" if post else name


# --- typography ------------------------------------------------------------------------------

MONTHS_GENITIVE = (
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
)


def date_text(value) -> str:
    """«12 ноября 2021 г.» with non-breaking spaces; empty for no date."""
    if not value:
        return ""
    if isinstance(value, datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return f"{value.day}{NBSP}{MONTHS_GENITIVE[value.month - 1]} {value.year}{NBSP}г."


_MONTHS = "|".join(MONTHS_GENITIVE)
_TYPO_RULES = [
    # «№ 12-о», «№№ 1, 2» — the sign never ends a line apart from its number.
    (re.compile(r"(№№?) +(?=\S)"), rf"\1{NBSP}"),
    # «12 ноября», «2021 г.», «2024–2025 гг.», «XXI в.»
    (re.compile(rf"\b(\d{{1,2}}) +({_MONTHS})\b"), rf"\1{NBSP}\2"),
    (re.compile(r"(\d) +(гг?\.|в\.|вв\.)"), rf"\1{NBSP}\2"),
    # «30 %», «5 ч», «10 «Б» класса» (the letter of a class keeps to its number)
    (re.compile(r"(\d) *(%|‰)"), rf"\1{NBSP}\2"),
    (re.compile(r"(\d) +(?=[«\"][А-ЯЁ][»\"])"), rf"\1{NBSP}"),
    # Abbreviations that stand before a word or number: «г. Асино», «ст. 10.1», «п. 3», «т. 2».
    (
        re.compile(
            r"(?<![А-Яа-яЁё])(г|гор|с|д|пос|ул|пр|пер|ст|ч|п|пп|разд|гл|рис|табл|стр|т|им|"
            r"тел|каб|кл)\. +(?=[\dА-ЯЁ])"
        ),
        rf"\1.{NBSP}",
    ),
    # Initials: «Е. А. Кравцова», «Кравцова Е. А.»
    (re.compile(r"\b([А-ЯЁ]\.) +(?=[А-ЯЁ]\.)"), rf"\1{NBSP}"),
    (re.compile(r"\b([А-ЯЁ]\.) +(?=[А-ЯЁ][а-яё])"), rf"\1{NBSP}"),
    (re.compile(r"(?<=[а-яё]) +(?=[А-ЯЁ]\.(?:\s|\u00a0)?[А-ЯЁ]\.)"), NBSP),
    # A short dash between words keeps to the word before it: «наставник – наставляемый».
    (re.compile(r" +([–—]) "), rf"{NBSP}\1 "),
]


def typograph(text: str) -> str:
    """``text`` with the non-breaking spaces Russian typography requires (idempotent)."""
    if not text:
        return text
    for pattern, replacement in _TYPO_RULES:
        text = pattern.sub(replacement, text)
    return text


_CLASS = re.compile(r"^\s*(\d{1,2})\s*[-«\"]?\s*([А-Яа-яЁё])[»\"]?\s*$")


def class_label(school_class: str) -> str:
    """A class as documents write it: «7А», «7 а», «7-А» → «7 «А»» (a non-breaking space
    keeps the letter with its number); anything else as it is."""
    match = _CLASS.match(school_class or "")
    if not match:
        return (school_class or "").strip()
    return f"{match.group(1)}{NBSP}«{match.group(2).upper()}»"


def lower_first(text: str) -> str:
    """A post after a comma or inside a sentence: «Учитель математики» → «учитель математики»;
    an abbreviation («УВР», «ПДО») keeps its capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
