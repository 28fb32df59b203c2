"""The time an activity was accepted is a field of the activity, set by the accept service and
filled from the history for activities accepted before the field existed."""

import importlib
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from monitoring.indicators import compute_indicators
from roadmap import services
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import first_activity, make_roadmap

backfill = importlib.import_module(
    "roadmap.migrations.0004_backfill_activity_accepted_at"
).backfill_accepted_at


def test_accepting_stores_when(world):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1)
    activity = first_activity(roadmap)
    curator = world.user("curator")
    services.activity_report(activity=activity, by=curator, url="https://school.example/r")
    assert activity.accepted_at is None
    before = timezone.now()
    services.activity_accept(activity=activity, by=curator)
    activity.refresh_from_db()
    assert before <= activity.accepted_at <= timezone.now()


def test_a_yearly_activity_is_accepted_with_its_last_year(world):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=1,
        deadline="ежегодно до 31 октября",
        period=(date(2025, 9, 1), date(2027, 8, 31)),
    )
    activity = first_activity(roadmap)
    curator = world.user("curator")
    for year in (2025, 2026):
        services.activity_report(
            activity=activity, by=curator, year=year, url=f"https://school.example/{year}"
        )
        services.activity_accept(activity=activity, by=curator, year=year)
        activity.refresh_from_db()
        assert (activity.accepted_at is not None) == (year == 2026)
    assert activity.status == Activity.Status.DONE


def _on_time_from_history(organisation) -> Decimal:
    """The share of dated activities done on time as the indicator counted it before the
    field existed: the acceptance time is the first historical record with status «done»."""
    first_done = (
        Activity.history.filter(id=OuterRef("pk"), status="done")
        .order_by("history_date")
        .values("history_date")[:1]
    )
    rows = (
        Activity.objects.filter(stage__roadmap__organisation=organisation)
        .exclude(status=Activity.Status.CANCELLED)
        .annotate(done_at=Subquery(first_done))
    )
    on_time = sum(
        1
        for row in rows
        if row.status == Activity.Status.DONE
        and row.done_at is not None
        and timezone.localdate(row.done_at) <= row.deadline_due
    )
    return Decimal(100 * on_time / len(rows)).quantize(Decimal("0.1"))


def test_the_backfill_gives_the_indicator_the_same_number(world):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=4,
        period=(date(2025, 9, 1), date(2026, 8, 31)),
    )
    on_time, late, twice, _open = Activity.objects.filter(stage__roadmap=roadmap).order_by("order")
    # Accepted before the field existed: only the history knows when.
    for activity, moment in (
        (on_time, datetime(2025, 10, 20, 12)),
        (late, datetime(2025, 11, 15, 12)),
        (twice, datetime(2025, 10, 30, 12)),
    ):
        activity.status = Activity.Status.DONE
        activity.save()
        Activity.history.filter(id=activity.pk, status="done").update(
            history_date=timezone.make_aware(moment)
        )
    # Saved again later (e.g. a note edited): the first «done» record still counts.
    twice.notes = "Исправлено примечание"
    twice.save()
    Activity.objects.update(accepted_at=None)
    expected = _on_time_from_history(world.school)
    assert expected == Decimal("50.0")

    backfill(apps, None)

    on_time.refresh_from_db()
    assert on_time.accepted_at == timezone.make_aware(datetime(2025, 10, 20, 12))
    assert Activity.objects.filter(status="planned", accepted_at__isnull=False).count() == 0
    indicators = compute_indicators(organisation=world.school, year=2025, today=date(2026, 6, 30))
    assert {v.code: v.value for v in indicators}["roadmap_on_time"] == expected
