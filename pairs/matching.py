"""Suggestions: how well a mentor answers a mentee's request, and the best whole-bank assignment.

The score (0–100) adds up what a curator looks at, each with its reason in words:

- the same subject ............................................. 30
- competencies that answer the mentee's difficulties ........... 10 each, at most 30
- the form of mentoring the mentee asks for and the mentor offers 15
- the meeting format ............................................ 5
- experience: half a point a year, at most .................... 10
- free places: a mentor with room to spare ...................... 5 (+5 with two or more)

Conflicts (no free place, no valid consent) make a pair impossible and are shown, not scored.
The whole-bank proposal is an optimal assignment (``scipy.optimize.linear_sum_assignment``) of
mentees to mentors' free places, each mentor's capacity expanded into that many slots: it
maximises the number of possible pairs first, then their total score — not first come, first
served.
"""

import re
from dataclasses import dataclass, field

from mentoring_portal.russian import plural_count
from participants.models import MentoringKind, WorkFormat

SUBJECT_POINTS = 30
COMPETENCY_POINTS = 10
COMPETENCY_MAX = 30
KIND_POINTS = 15
FORMAT_POINTS = 5
EXPERIENCE_MAX = 10
FREE_PLACE_POINTS = 5
# An impossible pair in the assignment: worse than any sum of possible ones.
IMPOSSIBLE = -1_000_000.0


def subject_set(text: str) -> set[str]:
    return {part.strip().lower() for part in re.split(r"[,;/\n]+", text or "") if part.strip()}


@dataclass(frozen=True)
class MentorCandidate:
    person_id: int
    name: str
    subjects: frozenset[str]
    competencies: frozenset[int]
    competency_names: dict
    kinds: frozenset[str]
    work_format: str
    experience_years: int | None
    capacity: int
    load: int
    has_consent: bool
    profile_id: int | None = None

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class MenteeNeed:
    person_id: int
    name: str
    subjects: frozenset[str]
    difficulties: frozenset[int]
    preferred_kind: str
    preferred_format: str
    has_consent: bool
    request_id: int | None = None


@dataclass
class Match:
    mentor: MentorCandidate
    score: int
    reasons: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def possible(self) -> bool:
        return not self.conflicts


def score(mentee: MenteeNeed, mentor: MentorCandidate, *, load: int | None = None) -> Match:
    """The score of ``mentor`` for ``mentee`` with the reasons and the conflicts, in words."""
    load = mentor.load if load is None else load
    points, reasons, conflicts = 0, [], []

    common = sorted(mentee.subjects & mentor.subjects)
    if common:
        points += SUBJECT_POINTS
        reasons.append(f"Тот же предмет: {', '.join(common)}")

    answered = mentee.difficulties & mentor.competencies
    if answered:
        points += min(COMPETENCY_POINTS * len(answered), COMPETENCY_MAX)
        names = sorted(mentor.competency_names.get(pk, "") for pk in answered)
        reasons.append(
            f"Компетенции отвечают на затруднения ({len(answered)} из "
            f"{len(mentee.difficulties)}): {'; '.join(names)}"
        )

    if mentee.preferred_kind and mentee.preferred_kind in mentor.kinds:
        points += KIND_POINTS
        reasons.append(
            f"Форма, которую принимают оба: {MentoringKind(mentee.preferred_kind).label.lower()}"
        )

    if mentee.preferred_format and (
        mentor.work_format in (mentee.preferred_format, WorkFormat.MIXED)
        or mentee.preferred_format == WorkFormat.MIXED
    ):
        points += FORMAT_POINTS
        reasons.append(f"Формат встреч: {WorkFormat(mentee.preferred_format).label.lower()}")

    if mentor.experience_years:
        points += min(mentor.experience_years / 2, EXPERIENCE_MAX)
        years = mentor.experience_years
        reasons.append(f"Педагогический стаж {plural_count(years, 'год', 'года', 'лет')}")

    free = mentor.capacity - load
    if free <= 0:
        conflicts.append(f"Нет свободных мест: занято {load} из {mentor.capacity}")
    else:
        points += FREE_PLACE_POINTS + (FREE_PLACE_POINTS if free >= 2 else 0)
        reasons.append(f"Свободно мест: {free} из {mentor.capacity}")

    if not mentor.has_consent:
        conflicts.append("У наставника нет действующего согласия на обработку персональных данных")
    if not mentee.has_consent:
        conflicts.append(
            "У наставляемого нет действующего согласия на обработку персональных данных"
        )
    if mentor.person_id == mentee.person_id:
        conflicts.append("Это тот же человек")
    return Match(mentor=mentor, score=round(points), reasons=reasons, conflicts=conflicts)


def rank(mentee: MenteeNeed, mentors: list[MentorCandidate]) -> list[Match]:
    """Mentors for one mentee: possible ones first, then by score, then by name."""
    matches = [score(mentee, mentor) for mentor in mentors if mentor.person_id != mentee.person_id]
    return sorted(matches, key=lambda m: (not m.possible, -m.score, m.mentor.name))


@dataclass
class Assignment:
    mentee: MenteeNeed
    match: Match


def score_matrix(mentees: list[MenteeNeed], mentors: list[MentorCandidate]) -> list[list[float]]:
    """``score(mentee, mentor).score`` for every pair, or ``IMPOSSIBLE`` where it has a conflict,
    without the reasons in words: the whole-bank proposal weighs 30,000 pairs and explains only
    the ones it proposes. What depends on the mentor alone is computed once per mentor; a test
    compares every cell with :func:`score`."""
    columns = []
    for mentor in mentors:
        experience = (
            min(mentor.experience_years / 2, EXPERIENCE_MAX) if mentor.experience_years else 0
        )
        free = mentor.capacity - mentor.load
        columns.append(
            (
                mentor,
                free > 0 and mentor.has_consent,
                experience + FREE_PLACE_POINTS + (FREE_PLACE_POINTS if free >= 2 else 0),
                mentor.work_format == WorkFormat.MIXED,
            )
        )
    matrix = []
    for mentee in mentees:
        row = []
        wanted_kind, wanted_format = mentee.preferred_kind, mentee.preferred_format
        any_format = wanted_format == WorkFormat.MIXED
        for mentor, open_place, base, mixed in columns:
            if not (open_place and mentee.has_consent) or mentor.person_id == mentee.person_id:
                row.append(IMPOSSIBLE)
                continue
            points = 0
            if not mentee.subjects.isdisjoint(mentor.subjects):
                points += SUBJECT_POINTS
            answered = len(mentee.difficulties & mentor.competencies)
            if answered:
                points += min(COMPETENCY_POINTS * answered, COMPETENCY_MAX)
            if wanted_kind and wanted_kind in mentor.kinds:
                points += KIND_POINTS
            if wanted_format and (mixed or any_format or mentor.work_format == wanted_format):
                points += FORMAT_POINTS
            row.append(round(points + base))
        matrix.append(row)
    return matrix


def assign(mentees: list[MenteeNeed], mentors: list[MentorCandidate]) -> list[Assignment]:
    """The optimal assignment of ``mentees`` to the mentors' free places.

    Columns are slots: a mentor with three free places is three columns. The solver maximises
    the number of possible pairs (an impossible one costs more than every score together),
    then the total score. Mentees left without a possible mentor are not in the result; each
    proposed pair is explained by :func:`score`.
    """
    open_mentors = [mentor for mentor in mentors if mentor.free > 0]
    if not mentees or not open_mentors:
        return []
    # Imported here, not with the URLconf: numpy and scipy are about 30 MB of every web process.
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    # Score each (mentee, mentor) once, then repeat a mentor's column once per free place.
    scores = np.array(score_matrix(mentees, open_mentors), dtype=float)
    slot_owner = np.repeat(np.arange(len(open_mentors)), [m.free for m in open_mentors])
    matrix = scores[:, slot_owner]
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    result = []
    for i, j in zip(rows, columns, strict=True):
        if matrix[i, j] == IMPOSSIBLE:
            continue
        result.append(
            Assignment(mentee=mentees[i], match=score(mentees[i], open_mentors[slot_owner[j]]))
        )
    return sorted(result, key=lambda a: a.mentee.name)


def greedy_total(mentees: list[MenteeNeed], mentors: list[MentorCandidate]) -> int:
    """First come, first served (for comparison in tests and the benchmark only)."""
    free = {mentor.person_id: mentor.free for mentor in mentors}
    total = 0
    for mentee in mentees:
        best = None
        for mentor in mentors:
            if free[mentor.person_id] <= 0:
                continue
            match = score(mentee, mentor)
            if match.possible and (best is None or match.score > best.score):
                best = match
        if best is not None:
            free[best.mentor.person_id] -= 1
            total += best.score
    return total
