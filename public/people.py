"""Who may be named in public, and how everyone else is taken out of what is published.

A person is named in public only while their consent to distribution (ст. 10.1 152-ФЗ, a
document of its own: ``participants.PublicationConsent``) is in force: «фамилия, имя, отчество,
должность (класс)» and, if they allowed it, photographs on the school's page «Наставничество».
Everything the section serves — pages and PDFs — goes through :class:`Redactor` as its last
step, so a person without that consent is replaced wherever a name, an e-mail or a phone of
theirs would have appeared, in any grammatical case.
"""

import re
from functools import lru_cache

from mentoring_portal import russian
from participants.models import MentorProfile, Person

SPACE = r"[\s\u00a0]+"
OPTIONAL_SPACE = r"[\s\u00a0]*"


def with_publication_consent(queryset):
    """Annotate ``may_publish`` (and ``may_publish_photo``): participants' one rule, a consent to
    distribution in force (:meth:`PersonQuerySet.with_publication_consent`)."""
    return queryset.with_publication_consent()


def publishable_people(organisation, *, photo: bool = False):
    """The school's people who may be named in public (``photo``: and shown in a photograph)."""
    people = Person.objects.filter(organisation=organisation).with_publication_consent()
    return people.filter(may_publish_photo=True) if photo else people.filter(may_publish=True)


def public_mentors(organisation) -> list[Person]:
    """Mentors of the bank (in it, trained or active) who may be named in public."""
    statuses = [
        MentorProfile.Status.IN_BANK,
        MentorProfile.Status.TRAINED,
        MentorProfile.Status.ACTIVE,
    ]
    mentor_ids = MentorProfile.objects.filter(
        person__organisation=organisation, status__in=statuses
    ).values("person_id")
    return list(
        publishable_people(organisation)
        .filter(pk__in=mentor_ids, anonymised_at__isnull=True, left_on__isnull=True)
        .only("last_name", "first_name", "middle_name", "position")
        .order_by("last_name", "first_name", "middle_name")
    )


def initials(person: Person) -> str:
    """«М. П.»: what is left of a name replaced by initials."""
    parts = [f"{part[0]}." for part in (person.first_name, person.middle_name) if part]
    return russian.NBSP.join(parts) or "Участник"


def _words(*parts: str) -> str:
    return SPACE.join(re.escape(part) for part in parts if part)


def _initial(name: str) -> str:
    return re.escape(f"{name[0]}.") if name else ""


def name_patterns(person: Person) -> list[str]:
    return _name_patterns(
        person.last_name.strip(),
        person.first_name.strip(),
        person.middle_name.strip(),
        person.email or "",
        person.phone or "",
    )


@lru_cache(maxsize=4096)
def _name_patterns(last_name, first_name, middle_name, email, phone) -> list[str]:
    """The ways a document writes this person: the full name, «Фамилия И. О.», «И. О. Фамилия»,
    «Фамилия Имя», «Имя Отчество», in every case; the e-mail; the phone with any separators."""
    patterns = []
    for case in ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"):
        last, first, middle = russian.decline_name(last_name, first_name, middle_name, case)
        if not last:
            continue
        initials_text = OPTIONAL_SPACE.join(i for i in (_initial(first), _initial(middle)) if i)
        patterns.append(_words(last, first, middle))
        if first:
            patterns.append(_words(last, first))
        if first and middle:
            patterns.append(_words(first, middle))
        if initials_text:
            patterns.append(re.escape(last) + SPACE + initials_text)
            patterns.append(initials_text + OPTIONAL_SPACE + re.escape(last))
    if email:
        patterns.append(re.escape(email))
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 6:
        # The last ten digits, whatever the prefix (+7 or 8) and separators.
        patterns.append(r"[\s\-()]*".join(re.escape(digit) for digit in digits[-10:]))
    # Longest first: «Иванова Мария Петровна» is replaced whole, not as «Иванова Мария» + rest.
    return sorted(set(patterns), key=len, reverse=True)


class Redactor:
    """Replaces the names, e-mails and phones of ``hidden`` people in a text or an HTML page.

    ``labels`` gives a person's replacement («Наставник 1»); anyone else becomes their initials.
    Only the people a text may name are looked for (a stem of their surname or first name, their
    e-mail or the end of their phone is in it), so a school of hundreds costs a short pattern.
    """

    def __init__(self, hidden, labels: dict[int, str] | None = None, keep=()):
        self.hidden = [person for person in hidden if person.last_name]
        self.labels = labels or {}
        # People who may be named: their own full name is matched first and left as it is, so
        # a namesake's «Фамилия Имя» does not cut into it (the hidden person wins a tie).
        self.keep = [person for person in keep if person.last_name]

    @staticmethod
    def _candidates(text: str, people) -> list[Person]:
        lowered = text.lower()
        digits = re.sub(r"\D", "", text)
        chosen = []
        for person in people:
            stems = [
                name.lower()[: max(3, len(name) - 2)]
                for name in (person.last_name, person.first_name)
                if name
            ]
            phone = re.sub(r"\D", "", person.phone or "")
            if (
                any(stem in lowered for stem in stems)
                or (person.email and person.email.lower() in lowered)
                or (len(phone) >= 6 and phone[-4:] in digits)
            ):
                chosen.append(person)
        return chosen

    def _pattern(self, text: str):
        alternatives = []
        owners = {}
        for person in self._candidates(text, self.hidden):
            for pattern in name_patterns(person):
                alternatives.append(pattern)
                owners.setdefault(pattern.lower(), person)
        if not alternatives:
            return None, {}
        for person in self._candidates(text, self.keep):
            for pattern in name_patterns(person):
                if pattern.lower() not in owners:
                    alternatives.append(pattern)
                    owners[pattern.lower()] = None
        alternatives.sort(key=len, reverse=True)
        # Not inside a longer word: «Зуев» is not replaced in «Зуевский».
        body = "|".join(f"(?:{pattern})" for pattern in alternatives)
        compiled = re.compile(rf"(?<![\w@.])(?:{body})(?![\w@])", re.IGNORECASE)
        people = [
            (re.compile(rf"^(?:{p})$", re.IGNORECASE), owners[p.lower()]) for p in alternatives
        ]
        return compiled, people

    @staticmethod
    def _owner(people, matched: str) -> Person:
        for pattern, person in people:
            if pattern.match(matched):
                return person
        raise LookupError(matched)  # cannot happen: the match came from one of the patterns

    def __call__(self, text: str) -> str:
        if not text:
            return text
        pattern, people = self._pattern(text)
        if pattern is None:
            return text

        def replace(match):
            person = self._owner(people, match.group(0))
            if person is None:
                return match.group(0)
            return self.labels.get(person.pk) or initials(person)

        return pattern.sub(replace, text)

    def found(self, text: str) -> list[Person]:
        """The hidden people whose name, e-mail or phone ``text`` contains."""
        pattern, people = self._pattern(text or "")
        if pattern is None:
            return []
        named = {}
        for match in pattern.finditer(text):
            person = self._owner(people, match.group(0))
            if person is not None:
                named[person.pk] = person
        return sorted(named.values(), key=lambda p: (p.last_name, p.first_name))
