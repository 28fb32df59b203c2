"""«Ответственные» as written → roles (free text) and people (surname and initials).

«Директор, зам директора по УВР» → roles «Директор», «зам директора по УВР»;
«Учителя Зам.по УВР Рабочая группа» → «Учителя», «Зам.по УВР», «Рабочая группа» (split before
the words that open a role); «Евстропова Л.Г., заведующий РДМЦ» → the person «Евстропова Л. Г.»
(the position right after a person's name is that person's, not another responsible).
"""

import re

_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON = re.compile(
    rf"(?P<surname1>{_SURNAME})\s+(?P<initials1>{_INITIALS})"
    rf"|(?P<initials2>{_INITIALS})\s?(?P<surname2>{_SURNAME})"
)
# Words that open a new role when they follow another role without a comma.
_ROLE_STARTS_CAPITAL = (
    "директор",
    "зам",
    "заместитель",
    "учителя",
    "учитель",
    "рабочая",
    "ведущий",
    "старшие",
    "старший",
    "наставники",
    "наставник",
    "наставники-специалисты",
    "куратор",
    "кураторы",
    "специалисты",
    "методисты",
    "методист",
    "педагог-психолог",
    "педагоги",
    "классные",
    "администрация",
    "управление",
    "руководители",
    "руководитель",
    "советник",
    "социальный",
    "заведующий",
    "начальник",
    "председатель",
    "члены",
    "совет",
    "тоипкро",
)
_ROLE_STARTS_SMALL = ("специалисты", "методисты", "учителя", "заведующий", "начальник", "члены")


def _role_start(token: str) -> bool:
    word = re.split(r"[.\s]", token, maxsplit=1)[0].lower()
    if token[:1].isupper():
        return word in _ROLE_STARTS_CAPITAL
    return word in _ROLE_STARTS_SMALL


def short_name(surname: str, initials: str) -> str:
    letters = re.findall(r"[А-ЯЁ]", initials)
    return f"{surname} " + " ".join(f"{letter}." for letter in letters)


def split_responsible(text: str) -> tuple[list[str], list[str]]:
    """(roles, people) from the text of one activity's «Ответственные»."""
    roles: list[str] = []
    people: list[str] = []
    text = re.sub(r"\s+", " ", text or "").strip()
    for chunk in re.split(r"\s*[,;\n]\s*|\s+и\s+(?=[А-ЯЁ])", text):
        chunk = chunk.strip(" .") if not re.search(r"[А-ЯЁ]\.$", chunk) else chunk.strip()
        if not chunk:
            continue
        rest = chunk
        for match in _PERSON.finditer(chunk):
            surname = match["surname1"] or match["surname2"]
            initials = match["initials1"] or match["initials2"]
            if _role_start(surname):
                continue  # «Директор Н.В. …» : «Директор» is a role, the name follows
            people.append(short_name(surname, initials))
            rest = rest.replace(match.group(0), " ")
        rest = re.sub(r"\s+", " ", rest).strip(" .")
        if not rest:
            continue
        for role in _split_roles(rest):
            roles.append(role)
    # A position right after a named person belongs to that person: «Евстропова Л.Г.,
    # заведующий РДМЦ». Such chunks start with a small letter and directly follow a person.
    return _drop_positions(text, roles), _unique(people)


def _split_roles(text: str) -> list[str]:
    tokens = text.split(" ")
    roles: list[list[str]] = []
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        opens = index > 0 and _role_start(token) and not _binds(previous, token)
        if not roles or opens:
            roles.append([token])
        else:
            roles[-1].append(token)
    return [" ".join(words).strip() for words in roles if " ".join(words).strip()]


def _binds(previous: str, token: str) -> bool:
    """«Ведущий наставник», «Старшие наставники», «зам директора»: the second word continues
    the role begun by the first."""
    previous_lower = previous.lower().rstrip(".")
    if previous_lower in {"зам", "заместитель", "и.о", "врио"}:
        return True
    return bool(re.search(r"(ий|ый|ой|ие|ые|ая|ее)$", previous_lower)) and not token[:1].isupper()


def _drop_positions(text: str, roles: list[str]) -> list[str]:
    positions = set()
    for match in re.finditer(
        rf"(?:{_SURNAME}\s+{_INITIALS}|{_INITIALS}\s?{_SURNAME})(?=\s*,\s*(?P<position>[а-яё][^,;\n]*))",
        text,
    ):
        position = _PERSON.sub(" ", match["position"])
        position = re.sub(r"\s+", " ", position).strip(" .")
        # Only the first role of the position text is the person's («заведующий РДМЦ»).
        first = _split_roles(position)
        if first:
            positions.add(first[0])
    return _unique([role for role in roles if role not in positions])


def _unique(values: list[str]) -> list[str]:
    seen, result = set(), []
    for value in values:
        key = value.lower()
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result
