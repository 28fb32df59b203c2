"""The bell and the page «Уведомления», as each persona sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.context_processors import bell
from notifications.models import Notification
from notifications.services import notifications_purge, notify

pytestmark = pytest.mark.django_db


def _notify(user, count=1):
    for number in range(count):
        notify(
            users=[user],
            kind="activity_assigned",
            text=f"Событие {number}",
            url="/roadmap/",
        )


def test_notify_skips_the_actor_duplicates_and_nobody(world):
    curator, director = world.user("curator"), world.user("director")
    told = notify(
        users=[director, director, None, curator],
        kind="roadmap_submitted",
        text="Карта",
        by=curator,
    )
    assert told == 1
    notification = Notification.objects.get()
    assert notification.user == director
    assert notification.actor.startswith(curator.last_name)


def test_a_key_tells_each_person_once(world):
    mentor = world.user("mentor")
    for _ in range(2):
        notify(users=[mentor], kind="pair_no_meeting", text="Нет встреч", key="pair:1:2026-12")
    assert Notification.objects.filter(user=mentor).count() == 1


def test_without_an_address_only_the_bell(world):
    teacher = world.user("teacher")
    teacher.email = ""
    teacher.save()
    notify(users=[teacher], kind="application_decided", text="Запрос принят")
    assert Notification.objects.get().email == Notification.Email.NONE


def test_the_bell_shows_the_unread_count(world, client_for):
    _notify(world.user("working_group"), 3)
    response = client_for("working_group").get(reverse("home"))
    html = response.content.decode()
    assert 'data-testid="bell-count">3<' in html
    assert "Уведомления: непрочитанных 3" in html


def test_no_count_when_all_read(world, client_for):
    response = client_for("working_group").get(reverse("home"))
    assert 'data-testid="bell"' in response.content.decode()
    assert "bell-count" not in response.content.decode()


def test_the_bell_costs_one_query(world, rf):
    request = rf.get("/")
    request.user = world.user("mentor")
    context = bell(request)
    with CaptureQueriesContext(connection) as queries:
        assert context["bell"].unread == 0
        assert context["bell"].unread == 0  # asked twice on a page, counted once
    assert len(queries) == 1


@pytest.mark.parametrize("persona", ["director", "mentee"])
def test_a_page_costs_the_same_with_many_unread(world, client_for, persona):
    client = client_for(persona)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as none_unread:
        client.get(reverse("home"))
    _notify(world.user(persona), 40)
    with CaptureQueriesContext(connection) as many_unread:
        client.get(reverse("home"))
    assert len(many_unread) == len(none_unread)


def test_the_list_page_costs_the_same_for_5_and_60(world, client_for, django_assert_num_queries):
    user = world.user("mentor")
    client = client_for("mentor")
    _notify(user, 5)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count('data-testid="notification"') == 5
    _notify(user, 55)
    with django_assert_num_queries(len(five)):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count('data-testid="notification"') == 50
    assert "Страница 1 из 2" in response.content.decode()


def test_the_list_shows_only_ones_own(world, client_for):
    _notify(world.user("director"), 1)
    response = client_for("mentor").get(reverse("notifications:list"))
    assert "Событие 0" not in response.content.decode()
    assert "Уведомлений пока нет" in response.content.decode()


def test_opening_marks_read_and_goes_to_the_record(world, client_for):
    _notify(world.user("mentor"))
    notification = Notification.objects.get()
    response = client_for("mentor").get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/roadmap/"
    notification.refresh_from_db()
    assert notification.is_read


def test_someone_elses_notification_is_not_found(world, client_for):
    _notify(world.user("director"))
    notification = Notification.objects.get()
    for url in ("notifications:open", "notifications:read"):
        client = client_for("outsider")
        method = client.get if url.endswith("open") else client.post
        assert method(reverse(url, args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_an_outside_link_is_not_followed(world, client_for):
    notify(users=[world.user("mentor")], kind="pair_fixed", text="x", url="https://evil.example/")
    notification = Notification.objects.get()
    response = client_for("mentor").get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_one_and_all_read(world, client_for):
    user = world.user("curator")
    _notify(user, 3)
    client = client_for("curator")
    first = Notification.objects.filter(user=user).first()
    assert client.get(reverse("notifications:read", args=[first.pk])).status_code == 405
    client.post(reverse("notifications:read", args=[first.pk]))
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 2
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Все уведомления отмечены прочитанными" in response.content.decode()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_kept_180_days(world):
    from datetime import timedelta

    from django.utils import timezone

    _notify(world.user("curator"), 2)
    old = Notification.objects.first()
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=181))
    assert notifications_purge() == 1
    assert Notification.objects.count() == 1


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("page", ["home", "roadmap:list", "notifications:preferences"])
def test_the_bell_adds_at_most_one_query_to_a_page(world, client_for, settings, page):
    """The same page with and without the bell in the top bar."""
    _notify(world.user("curator"), 3)
    client = client_for("curator")
    client.get(reverse(page))

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(page)).status_code == 200
        return len(queries)

    with_bell = cost()
    templates = [dict(t, OPTIONS=dict(t["OPTIONS"])) for t in settings.TEMPLATES]
    processors = templates[0]["OPTIONS"]["context_processors"]
    templates[0]["OPTIONS"]["context_processors"] = [
        p for p in processors if p != "notifications.context_processors.bell"
    ]
    settings.TEMPLATES = templates
    without = cost()
    assert with_bell - without == 1
