"""The curator's home shows the five most overdue activities and how many there are, chosen in
SQL: the page no longer loads every open activity of every approved roadmap of the school."""

from datetime import date

import pytest
from django.db.models.signals import post_init
from django.urls import reverse
from django.utils import timezone

from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap

pytestmark = pytest.mark.django_db


def loaded_activities(client, url) -> tuple[str, int]:
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Activity)
    try:
        page = client.get(url).content.decode()
    finally:
        post_init.disconnect(count, sender=Activity)
    return page, len(loaded)


def test_the_home_page_counts_every_overdue_activity_and_loads_five(world, client_for):
    dated = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, stages=2, activities=20
    )  # «до 31 октября» of 2026: overdue on 7 December
    yearly = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=3,
        deadline="ежегодно до 1 октября",
        period=(date(2025, 9, 1), date(2027, 8, 31)),
        title="Дорожная карта на 2025–2027 годы",
    )
    activities = Activity.objects.filter(stage__roadmap=dated).order_by("pk")
    # 33 of the 40 are not due yet; one overdue is reported, one cancelled: not overdue either.
    ids = list(activities.values_list("pk", flat=True))
    Activity.objects.filter(pk__in=ids[:33]).update(deadline_due=date(2027, 5, 31))
    Activity.objects.filter(pk=ids[33]).update(status=Activity.Status.REPORTED)
    Activity.objects.filter(pk=ids[34]).update(status=Activity.Status.CANCELLED)
    today = timezone.localdate()
    expected = [
        activity
        for activity in Activity.objects.filter(stage__roadmap__in=[dated, yearly])
        .select_related("stage__roadmap")
        .order_by("deadline_due", "pk")
        if activity.is_overdue(activity.stage.roadmap, today)
    ]
    assert len(expected) >= 5 + 3

    page, loaded = loaded_activities(client_for("curator"), reverse("home"))

    assert f"Просрочено: {len(expected)}" in page
    shown = [
        a for a in Activity.objects.all() if reverse("roadmap:activity_detail", args=[a.pk]) in page
    ]
    overdue_shown = [a for a in shown if a in expected]
    assert len(overdue_shown) == 5
    assert "Все просроченные" in page
    # Five overdue, the yearly ones checked by the rule, the one waiting for the curator.
    assert loaded <= 5 + 3 + 1, loaded


def test_a_school_with_fewer_than_five_overdue_lists_them_all(world, client_for):
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1, activities=3)
    page = client_for("curator").get(reverse("home")).content.decode()
    assert "Просрочено: 3" in page
    for activity in Activity.objects.filter(stage__roadmap=roadmap):
        assert reverse("roadmap:activity_detail", args=[activity.pk]) in page
    assert "Все просроченные" not in page
