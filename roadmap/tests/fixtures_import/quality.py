"""Quality of a format against the .docx: the share of the .docx's activities found with the
same stage, title (its start) and derived due date. The converted files are in ``converted/``
(made by ``python -m roadmap.tests.fixtures_import.convert``)."""

import re
from datetime import date
from pathlib import Path

from roadmap.importing import read_roadmap
from roadmap.tests.fixtures_import.builders import seed_docx

CONVERTED = Path(__file__).parent / "converted"
SEEDS = ("000", "001", "002", "003", "004")
TODAY = date(2024, 1, 10)


def _key(text: str) -> str:
    return re.sub(r"[^а-яёa-z0-9]", "", text.lower())[:25]


def activity_keys(roadmap) -> list[tuple]:
    return [
        (_key(stage.title), _key(activity.title), activity.deadline.due)
        for stage in roadmap.stages
        for activity in stage.activities
    ]


def agreement(prefix: str, suffix: str) -> tuple[int, int]:
    """(activities right, activities in the .docx) for ``converted/<prefix>.<suffix>``."""
    reference = activity_keys(read_roadmap(seed_docx(prefix, ruled=True), "a.docx", today=TODAY))
    data = (CONVERTED / f"{prefix}.{suffix}").read_bytes()
    found = activity_keys(read_roadmap(data, f"{prefix}.{suffix.split('.')[-1]}", today=TODAY))
    right = 0
    for key in reference:
        if key in found:
            found.remove(key)
            right += 1
    return right, len(reference)
