"""«The current roadmap»: one selector, Roadmap.objects.in_force, for pairs, orders, the home page
and the monitoring report."""

from datetime import date

import pytest

from pairs.services import current_roadmap
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap

pytestmark = pytest.mark.django_db

YEAR_2026 = (date(2026, 9, 1), date(2027, 8, 31))


def test_a_draft_is_never_in_force_but_pairs_work_with_it_until_approval(world):
    draft = make_roadmap(world.school, stages=1, activities=1)
    assert Roadmap.objects.in_force(world.school) is None
    assert Roadmap.objects.in_preparation(world.school) == draft
    assert current_roadmap(world.school) == draft
    approved = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1, activities=1)
    assert Roadmap.objects.in_force(world.school) == approved
    assert current_roadmap(world.school) == approved
    assert Roadmap.objects.in_force(world.other_school) is None


def test_the_latest_approved_period_is_in_force(world):
    make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        period=(date(2025, 9, 1), date(2026, 8, 31)),
        stages=1,
        activities=1,
    )
    newer = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1, activities=1)
    assert Roadmap.objects.in_force(world.school) == newer


def test_a_past_year_is_reported_by_the_roadmap_in_force_then(world):
    archived = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1, activities=1)
    Roadmap.objects.filter(pk=archived.pk).update(status=Roadmap.Status.ARCHIVED)
    revision = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1, activities=1)
    assert Roadmap.objects.in_force(world.school) == revision
    assert Roadmap.objects.in_force(world.school, during=YEAR_2026) == archived
    before = (date(2024, 9, 1), date(2025, 8, 31))
    assert Roadmap.objects.in_force(world.school, during=before) is None
