"""Suggestions: how well a mentor answers a mentee's request, and the best whole-bank assignment.

The score (0–100) adds up what a curator looks at, each with its reason in words. What each part
is worth is the school's :class:`Weights` (the curator may change them); by default:

- the mentee's difficulties the mentor's competencies cover ..... 40 for all, a share for some
- teaching experience ............................................ 20 at 20 years, a share before
- the same subject ............................................... 15
- the form of mentoring the mentee asks for and the mentor offers  10
- the meeting format .............................................. 5
- free places: two or more ....................................... 10 (half of it for one)

Covering the difficulties and experience count more than the subject: a teacher of 24 years who
covers two of three difficulties is a better mentor than an engineer of the same subject who
covers one and has never taught. When the weights do not add up to 100 the sum is scaled to 100.

Conflicts (no free place, no valid consent) make a pair impossible and are shown, not scored.
The whole-bank proposal is an optimal assignment (``scipy.optimize.linear_sum_assignment``) of
mentees to mentors' free places, each mentor's capacity expanded into that many slots: it
maximises the number of possible pairs first, then their total score — not first come, first
served.
"""

import re
from dataclasses import dataclass, field, fields

from mentoring_portal.russian import plural_count, plural_word
from participants.models import MentoringKind, WorkFormat

# Experience earns its full weight at this many years, a proportional share before.
EXPERIENCE_FULL_YEARS = 20
# An impossible pair in the assignment: worse than any sum of possible ones.
IMPOSSIBLE = -1_000_000.0


@dataclass(frozen=True)
class Weights:
    """What each part of the score is worth before scaling to 100 (see the module's docstring).

    ``pairs.models.MatchingWeights`` stores a school's own; this is the default and the plain
    numbers both :func:`score` and :func:`score_matrix` read."""

    difficulties: int = 40
    experience: int = 20
    subject: int = 15
    kind: int = 10
    format: int = 5
    free_places: int = 10

    @property
    def total(self) -> int:
        return sum(getattr(self, part.name) for part in fields(self))

    @property
    def scale(self) -> float:
        """The factor that brings the sum of the weights to 100 (1 when it is 100 already)."""
        return 100 / self.total if self.total else 0.0


DEFAULT_WEIGHTS = Weights()


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


def _coverage_points(answered: int, asked: int, weights: Weights) -> float:
    """The share of the mentee's difficulties the mentor covers, of the difficulties' weight."""
    return weights.difficulties * answered / asked if answered else 0.0


def _mentor_points(mentor: MentorCandidate, free: int, weights: Weights) -> float:
    """What depends on the mentor alone: experience and free places."""
    points = 0.0
    if mentor.experience_years:
        years = min(mentor.experience_years, EXPERIENCE_FULL_YEARS)
        points += weights.experience * years / EXPERIENCE_FULL_YEARS
    if free >= 2:
        points += weights.free_places
    elif free == 1:
        points += weights.free_places / 2
    return points


def score(
    mentee: MenteeNeed,
    mentor: MentorCandidate,
    *,
    load: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Match:
    """The score of ``mentor`` for ``mentee`` with the reasons and the conflicts, in words.

    The points are added in the order :func:`score_matrix` adds them (difficulties, subject,
    form, format, then what depends on the mentor alone), so that both round the same sum."""
    load = mentor.load if load is None else load
    free = mentor.capacity - load
    points, reasons, conflicts = 0.0, [], []

    answered = mentee.difficulties & mentor.competencies
    if answered:
        asked = len(mentee.difficulties)
        points += _coverage_points(len(answered), asked, weights)
        names = sorted(mentor.competency_names.get(pk, "") for pk in answered)
        noun = plural_word(asked, "трудности", "трудностей", "трудностей")
        reasons.append(f"Покрывает {len(answered)} из {asked} {noun}: {'; '.join(names)}")

    if mentor.experience_years:
        years = mentor.experience_years
        reasons.append(f"Педагогический стаж {plural_count(years, 'год', 'года', 'лет')}")

    common = sorted(mentee.subjects & mentor.subjects)
    if common:
        points += weights.subject
        reasons.append(f"Тот же предмет: {', '.join(common)}")

    if mentee.preferred_kind and mentee.preferred_kind in mentor.kinds:
        points += weights.kind
        reasons.append(
            f"Форма, которую принимают оба: {MentoringKind(mentee.preferred_kind).label.lower()}"
        )

    if mentee.preferred_format and (
        mentor.work_format in (mentee.preferred_format, WorkFormat.MIXED)
        or mentee.preferred_format == WorkFormat.MIXED
    ):
        points += weights.format
        reasons.append(f"Формат встреч: {WorkFormat(mentee.preferred_format).label.lower()}")

    if free <= 0:
        conflicts.append(f"Нет свободных мест: занято {load} из {mentor.capacity}")
    else:
        reasons.append(f"Свободно мест: {free} из {mentor.capacity}")

    if not mentor.has_consent:
        conflicts.append("У наставника нет действующего согласия на обработку персональных данных")
    if not mentee.has_consent:
        conflicts.append(
            "У наставляемого нет действующего согласия на обработку персональных данных"
        )
    if mentor.person_id == mentee.person_id:
        conflicts.append("Это тот же человек")
    total = round((points + _mentor_points(mentor, free, weights)) * weights.scale)
    return Match(mentor=mentor, score=total, reasons=reasons, conflicts=conflicts)


def rank(
    mentee: MenteeNeed, mentors: list[MentorCandidate], weights: Weights = DEFAULT_WEIGHTS
) -> list[Match]:
    """Mentors for one mentee: possible ones first, then by score, then by name."""
    matches = [
        score(mentee, mentor, weights=weights)
        for mentor in mentors
        if mentor.person_id != mentee.person_id
    ]
    return sorted(matches, key=lambda m: (not m.possible, -m.score, m.mentor.name))


@dataclass
class RankChange:
    """One mentor in the preview of new weights: the place and score now and with them."""

    before: Match
    after: Match
    place_before: int
    place_after: int

    @property
    def mentor(self) -> MentorCandidate:
        return self.after.mentor

    @property
    def moved(self) -> int:
        """Places gained (negative: lost)."""
        return self.place_before - self.place_after

    @property
    def distance(self) -> int:
        return abs(self.moved)


def rank_change(
    mentee: MenteeNeed, mentors: list[MentorCandidate], before: Weights, after: Weights
) -> list[RankChange]:
    """The mentee's ranking under ``after`` with each mentor's place and score under
    ``before`` (the curator's preview of new weights), in the new order."""
    old = rank(mentee, mentors, before)
    places = {match.mentor.person_id: place for place, match in enumerate(old, 1)}
    matches = {match.mentor.person_id: match for match in old}
    return [
        RankChange(
            before=matches[match.mentor.person_id],
            after=match,
            place_before=places[match.mentor.person_id],
            place_after=place,
        )
        for place, match in enumerate(rank(mentee, mentors, after), 1)
    ]


@dataclass
class Assignment:
    mentee: MenteeNeed
    match: Match


def score_matrix(
    mentees: list[MenteeNeed],
    mentors: list[MentorCandidate],
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[list[float]]:
    """``score(mentee, mentor, weights=weights).score`` for every pair, or ``IMPOSSIBLE`` where
    it has a conflict, without the reasons in words: the whole-bank proposal weighs 30,000
    pairs and explains only the ones it proposes. What depends on the mentor alone is computed
    once per mentor; a test compares every cell with :func:`score`, under several weights."""
    scale = weights.scale
    columns = []
    for mentor in mentors:
        free = mentor.capacity - mentor.load
        columns.append(
            (
                mentor,
                free > 0 and mentor.has_consent,
                _mentor_points(mentor, free, weights),
                mentor.work_format == WorkFormat.MIXED,
            )
        )
    matrix = []
    for mentee in mentees:
        row = []
        wanted_kind, wanted_format = mentee.preferred_kind, mentee.preferred_format
        any_format = wanted_format == WorkFormat.MIXED
        asked = len(mentee.difficulties)
        for mentor, open_place, base, mixed in columns:
            if not (open_place and mentee.has_consent) or mentor.person_id == mentee.person_id:
                row.append(IMPOSSIBLE)
                continue
            points = 0.0
            answered = len(mentee.difficulties & mentor.competencies)
            if answered:
                points += _coverage_points(answered, asked, weights)
            if not mentee.subjects.isdisjoint(mentor.subjects):
                points += weights.subject
            if wanted_kind and wanted_kind in mentor.kinds:
                points += weights.kind
            if wanted_format and (mixed or any_format or mentor.work_format == wanted_format):
                points += weights.format
            row.append(round((points + base) * scale))
        matrix.append(row)
    return matrix


def assign(
    mentees: list[MenteeNeed],
    mentors: list[MentorCandidate],
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Assignment]:
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
    scores = np.array(score_matrix(mentees, open_mentors, weights), dtype=float)
    slot_owner = np.repeat(np.arange(len(open_mentors)), [m.free for m in open_mentors])
    matrix = scores[:, slot_owner]
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    result = []
    for i, j in zip(rows, columns, strict=True):
        if matrix[i, j] == IMPOSSIBLE:
            continue
        result.append(
            Assignment(
                mentee=mentees[i],
                match=score(mentees[i], open_mentors[slot_owner[j]], weights=weights),
            )
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
