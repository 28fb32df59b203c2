"""How long the whole-bank proposal takes: 300 mentees × 100 mentors (capacity 1–5 each).

Pure computation (no database): the score of every (mentee, mentor) and the optimal assignment
with scipy's linear_sum_assignment over the mentors' places. Also prints the total score of the
first-come-first-served greedy for comparison. Run:

    .venv/bin/python bench/pairs_assignment.py
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from pairs import matching  # noqa: E402

SUBJECTS = ["математика", "физика", "русский язык", "литература", "история", "химия",
            "биология", "английский язык", "информатика", "начальные классы"]  # fmt: skip
KINDS = ["traditional", "group", "virtual", "reverse", "situational", "flash"]
FORMATS = ["in_person", "remote", "mixed"]


def bank(mentees: int, mentors: int, seed: int = 6):
    rng = random.Random(seed)
    names = {pk: f"Затруднение {pk}" for pk in range(1, 21)}
    mentor_list = [
        matching.MentorCandidate(
            person_id=10_000 + i,
            name=f"Наставник {i}",
            subjects=frozenset(rng.sample(SUBJECTS, rng.randint(1, 2))),
            competencies=frozenset(rng.sample(range(1, 21), rng.randint(2, 6))),
            competency_names=names,
            kinds=frozenset(rng.sample(KINDS, rng.randint(1, 3))),
            work_format=rng.choice(FORMATS),
            experience_years=rng.randint(3, 35),
            capacity=rng.randint(1, 5),
            load=0,
            has_consent=rng.random() > 0.03,
        )
        for i in range(mentors)
    ]
    mentee_list = [
        matching.MenteeNeed(
            person_id=i,
            name=f"Наставляемый {i}",
            subjects=frozenset(rng.sample(SUBJECTS, 1)),
            difficulties=frozenset(rng.sample(range(1, 21), rng.randint(1, 4))),
            preferred_kind=rng.choice(KINDS),
            preferred_format=rng.choice(FORMATS),
            has_consent=True,
        )
        for i in range(mentees)
    ]
    return mentee_list, mentor_list


def main(mentees: int = 300, mentors: int = 100, runs: int = 5) -> None:
    mentee_list, mentor_list = bank(mentees, mentors)
    places = sum(m.free for m in mentor_list if m.has_consent)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = matching.assign(mentee_list, mentor_list)
        timings.append(time.perf_counter() - started)
    optimal = sum(a.match.score for a in result)
    greedy = matching.greedy_total(mentee_list, mentor_list)
    loads = {}
    for a in result:
        loads[a.match.mentor.person_id] = loads.get(a.match.mentor.person_id, 0) + 1
    over = [m for m in mentor_list if loads.get(m.person_id, 0) > m.capacity]
    assert not over, "capacity exceeded"
    print(f"bank: {mentees} mentees × {mentors} mentors, {places} free places with consent")
    print(f"assigned: {len(result)} mentees, total score {optimal} (greedy: {greedy})")
    print(
        f"assignment time over {runs} runs: best {min(timings) * 1000:.0f} ms, "
        f"worst {max(timings) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
