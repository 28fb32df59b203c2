"""The whole-bank proposal weighs every pair with score_matrix (no reasons in words); each cell
must be what score() gives the curator for that pair, conflicts included."""

import random

import pytest

from pairs import matching
from participants.models import MentoringKind, WorkFormat

SUBJECTS = ["математика", "физика", "история", "химия", "информатика"]


def random_bank(seed: int, mentees: int = 40, mentors: int = 25):
    rng = random.Random(seed)
    kinds = [kind.value for kind in MentoringKind]
    formats = [fmt.value for fmt in WorkFormat]
    mentor_list = [
        matching.MentorCandidate(
            person_id=i,
            name=f"Наставник {i}",
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(0, 2))),
            competencies=frozenset(rng.sample(range(1, 9), rng.randint(0, 5))),
            competency_names={pk: f"Компетенция {pk}" for pk in range(1, 9)},
            kinds=frozenset(rng.sample(kinds, rng.randint(0, 3))),
            work_format=rng.choice(formats),
            experience_years=rng.choice([None, 0, 1, 3, 7, 21, 40]),
            capacity=rng.randint(0, 4),
            load=rng.randint(0, 3),
            has_consent=rng.random() > 0.15,
        )
        for i in range(mentors)
    ]
    mentee_list = [
        matching.MenteeNeed(
            person_id=rng.choice([i + 1000, rng.randrange(mentors)]),  # sometimes a mentor too
            name=f"Наставляемый {i}",
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(0, 2))),
            difficulties=frozenset(rng.sample(range(1, 9), rng.randint(0, 5))),
            preferred_kind=rng.choice(["", *kinds]),
            preferred_format=rng.choice(["", *formats]),
            has_consent=rng.random() > 0.15,
        )
        for i in range(mentees)
    ]
    return mentee_list, mentor_list


# The default, a school that puts the subject first, weights that do not add up to 100 (scaled)
# with thirds and sevenths where float sums in another order would round differently, and one
# that counts nothing but the difficulties.
WEIGHTS = [
    matching.DEFAULT_WEIGHTS,
    matching.Weights(difficulties=10, experience=5, subject=60, kind=10, format=5, free_places=10),
    matching.Weights(difficulties=7, experience=3, subject=11, kind=1, format=13, free_places=7),
    matching.Weights(difficulties=1, experience=0, subject=0, kind=0, format=0, free_places=0),
]


@pytest.mark.parametrize("weights", WEIGHTS, ids=["default", "subject", "odd", "difficulties"])
def test_every_cell_is_the_score_the_curator_sees(weights):
    for seed in range(20):
        mentees, mentors = random_bank(seed)
        matrix = matching.score_matrix(mentees, mentors, weights)
        for mentee, row in zip(mentees, matrix, strict=True):
            for mentor, cell in zip(mentors, row, strict=True):
                match = matching.score(mentee, mentor, weights=weights)
                expected = match.score if match.possible else matching.IMPOSSIBLE
                assert cell == expected, (mentee, mentor, match)


def test_other_weights_change_the_cells():
    """The matrix reads the weights it is given (else the test above could pass on defaults)."""
    mentees, mentors = random_bank(1)
    assert matching.score_matrix(mentees, mentors) != matching.score_matrix(
        mentees, mentors, WEIGHTS[1]
    )


def test_the_proposal_explains_each_pair_with_its_reasons():
    mentees, mentors = random_bank(3)
    for assignment in matching.assign(mentees, mentors):
        assert assignment.match.possible
        assert assignment.match.reasons
        assert assignment.match == matching.score(assignment.mentee, assignment.match.mentor)


def test_the_proposal_weighs_with_the_schools_weights():
    mentees, mentors = random_bank(5)
    weights = WEIGHTS[1]
    for assignment in matching.assign(mentees, mentors, weights):
        assert assignment.match == matching.score(
            assignment.mentee, assignment.match.mentor, weights=weights
        )
