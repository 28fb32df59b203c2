"""Ordinary concurrency through a real server: many people sending at the same moment.

pytest-django's live server is Django's threaded WSGI server: each request gets its own thread
and its own database connection. On SQLite the test database is a file (see settings/test.py):
an in-memory database shares one connection and would hide «database is locked».
"""

import pytest
from django.db import connection

from monitoring.models import Invitation, Response
from monitoring.tests.factories import open_campaign, post_data
from pairs.models import Order
from participants.models import Role
from tests.factories import PASSWORD, make_member
from tests.live import LiveUser, simultaneously

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sqlite_runs_as_a_web_server_database():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert not connection.is_in_memory_db()
    assert connection.transaction_mode == "IMMEDIATE"
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000


def test_24_teachers_send_a_questionnaire_at_the_same_moment(world, live_server):
    teachers = [make_member(world.school, f"t{i:02}", Role.TEACHER) for i in range(24)]
    campaign = open_campaign(world.school, people=teachers)
    path = f"/monitoring/campaigns/{campaign.pk}/answer/"
    data = post_data(campaign)
    browsers = [LiveUser.logged_in(live_server.url, teacher.user) for teacher in teachers]
    tokens = [browser.csrf_token(path) for browser in browsers]

    outcome = simultaneously(
        lambda b=browser, t=token: b.post(path, data, token=t)
        for browser, token in zip(browsers, tokens, strict=True)
    )

    assert outcome.failed(ok=(302,)) == []
    assert Response.objects.filter(campaign=campaign).count() == 24
    assert not Invitation.objects.filter(campaign=campaign, answered=False).exists()


def test_10_order_drafts_at_the_same_moment(world, live_server):
    browsers = [LiveUser.logged_in(live_server.url, world.user("curator")) for _ in range(10)]
    tokens = [browser.csrf_token("/pairs/orders/new/") for browser in browsers]

    outcome = simultaneously(
        lambda b=browser, t=token: b.post("/pairs/orders/new/", {"kind": "final_event"}, token=t)
        for browser, token in zip(browsers, tokens, strict=True)
    )

    assert outcome.failed(ok=(302,)) == []
    assert Order.objects.filter(organisation=world.school).count() == 10


def test_45_people_log_in_at_the_same_moment(world, live_server):
    people = [make_member(world.school, f"login{i:02}", Role.TEACHER) for i in range(45)]
    browsers = [LiveUser(live_server.url) for _ in people]
    tokens = [browser.csrf_token("/accounts/login/") for browser in browsers]

    outcome = simultaneously(
        lambda b=browser, t=token, p=person: b.post(
            "/accounts/login/", {"username": p.user.username, "password": PASSWORD}, token=t
        )
        for browser, token, person in zip(browsers, tokens, people, strict=True)
    )

    assert outcome.failed(ok=(302,)) == []
    for browser in browsers:
        assert browser.get("/").status_code == 200
