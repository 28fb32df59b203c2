"""Calendars: the private feed (a secret, revocable address), the roadmap's and a pair's .ics,
«следующая встреча»; every file read back with icalendar."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from notifications.models import CalendarFeed
from pairs.models import NextMeeting, Pair, Program, ProgramItem
from pairs.tests.factories import world_pair
from roadmap.deadlines import DeadlineKind
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap

pytestmark = pytest.mark.django_db

DUE = date(2027, 3, 15)


def events(content: bytes) -> list:
    calendar = Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0"
    return list(calendar.walk("VEVENT"))


def by_summary(content: bytes) -> dict:
    return {str(event["SUMMARY"]): event for event in events(content)}


def roadmap_for(world, people, *, activities=1, due=DUE):
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=activities,
        responsible=people,
    )
    Activity.objects.filter(stage__roadmap=roadmap).update(
        deadline_kind=DeadlineKind.DATE, deadline_due=due, deadline_start=None
    )
    return roadmap


def active_pair(world) -> Pair:
    pair = world_pair(world)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.ACTIVE)
    return pair


@pytest.fixture
def subscribe(client_for, world):
    def make(persona):
        client = client_for(persona)
        assert client.post(reverse("notifications:calendar_renew")).status_code == 302
        token = CalendarFeed.objects.get(user=world.user(persona)).token
        client.logout()  # a calendar application has no session
        return client, reverse("notifications:calendar_feed", args=[token])

    return make


def test_the_feed_holds_deadlines_program_items_and_the_next_meeting(world, subscribe):
    mentor = world.people["mentor"]
    roadmap = roadmap_for(world, [mentor])
    activity = Activity.objects.get(stage__roadmap=roadmap)
    pair = active_pair(world)
    program = Program.objects.create(pair=pair, goals="Цели", tasks="Задачи")
    ProgramItem.objects.create(program=program, title="Открытый урок", due=date(2027, 2, 10))
    NextMeeting.objects.create(
        pair=pair, date=date(2027, 1, 20), time=time(15, 30), place="каб. 21"
    )

    client, url = subscribe("mentor")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = by_summary(response.content)
    assert set(found) == {
        f"Срок: {activity.title}",
        "Программа наставничества: Открытый урок",
        f"Встреча наставнической пары: {pair}",
    }
    deadline = found[f"Срок: {activity.title}"]
    # A deadline is an all-day event: a DATE (not a date-time), ending the next day.
    assert deadline["DTSTART"].dt == DUE and not isinstance(deadline["DTSTART"].dt, datetime)
    assert deadline["DTEND"].dt == DUE + timedelta(days=1)
    assert deadline["URL"].endswith(reverse("roadmap:activity_detail", args=[activity.pk]))
    item = found["Программа наставничества: Открытый урок"]
    assert item["DTSTART"].dt == date(2027, 2, 10)
    meeting = found[f"Встреча наставнической пары: {pair}"]
    moscow = ZoneInfo("Europe/Moscow")
    assert meeting["DTSTART"].dt == datetime(2027, 1, 20, 15, 30, tzinfo=moscow)
    assert meeting["DTEND"].dt == datetime(2027, 1, 20, 16, 30, tzinfo=moscow)
    assert str(meeting["LOCATION"]) == "каб. 21"
    # UIDs are stable: the same event on the next fetch (a subscribed calendar updates it).
    again = by_summary(client.get(url).content)
    assert {str(e["UID"]) for e in again.values()} == {str(e["UID"]) for e in found.values()}

    # The mentee sees the pair's items and meeting, not the mentor's roadmap deadline.
    client, url = subscribe("mentee")
    assert set(by_summary(client.get(url).content)) == {
        "Программа наставничества: Открытый урок",
        f"Встреча наставнической пары: {pair}",
    }


def test_a_revoked_or_renewed_address_is_404(world, client_for, subscribe):
    client, url = subscribe("working_group")
    assert client.get(url).status_code == 200
    owner = client_for("working_group")
    owner.post(reverse("notifications:calendar_renew"))
    assert client.get(url).status_code == 404  # the old address is dead
    new = reverse(
        "notifications:calendar_feed",
        args=[CalendarFeed.objects.get(user=world.user("working_group")).token],
    )
    assert client.get(new).status_code == 200
    owner.post(reverse("notifications:calendar_revoke"))
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("notifications:calendar_feed", args=["x" * 43])).status_code == 404


def test_a_deactivated_login_has_no_feed(world, subscribe):
    client, url = subscribe("teacher")
    user = world.user("teacher")
    user.is_active = False
    user.save()
    assert client.get(url).status_code == 404


def test_the_calendar_page_shows_the_address(world, client_for):
    client = client_for("teacher")
    page = client.get(reverse("notifications:calendar")).content.decode()
    assert "Адреса календаря пока нет" in page
    response = client.post(reverse("notifications:calendar_renew"), follow=True)
    page = response.content.decode()
    feed = CalendarFeed.objects.get(user=world.user("teacher"))
    assert feed.token in page and "Адрес календаря создан" in page
    assert len(feed.token) >= 40
    assert client.get(reverse("notifications:calendar_renew")).status_code == 405
    assert client_for(None).get(reverse("notifications:calendar")).status_code == 302


def test_the_feed_costs_the_same_for_few_and_many(world, subscribe):
    mentor = world.people["mentor"]
    roadmap_for(world, [mentor], activities=2)
    pair = active_pair(world)
    program = Program.objects.create(pair=pair, goals="Цели", tasks="Задачи")
    client, url = subscribe("mentor")

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = cost()
    roadmap_for(world, [mentor], activities=20)
    for day in range(20):
        ProgramItem.objects.create(program=program, title=f"П{day}", due=DUE + timedelta(day))
    assert len(events(client.get(url).content)) == 2 + 20 + 20
    assert cost() == few


def test_the_roadmap_calendar_downloads_as_ics(world, client_for):
    roadmap = roadmap_for(world, [], activities=3)
    first = Activity.objects.filter(stage__roadmap=roadmap).order_by("order", "pk").first()
    Activity.objects.filter(pk=first.pk).update(
        deadline_kind=DeadlineKind.EVENT,
        deadline_due=None,
    )
    response = client_for("teacher").get(reverse("roadmap:calendar_ics", args=[roadmap.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    found = events(response.content)
    assert len(found) == 2  # the undated activity has no event
    assert all(e["DTSTART"].dt == DUE for e in found)
    assert all(str(e["SUMMARY"]).startswith("Срок: 1.") for e in found)
    page = client_for("teacher").get(reverse("roadmap:calendar", args=[roadmap.pk]))
    assert reverse("roadmap:calendar_ics", args=[roadmap.pk]) in page.content.decode()
    other = make_roadmap(world.other_school)
    assert (
        client_for("teacher").get(reverse("roadmap:calendar_ics", args=[other.pk])).status_code
        == 404
    )


def test_a_pairs_program_downloads_as_ics(world, client_for):
    pair = active_pair(world)
    program = Program.objects.create(pair=pair, goals="Цели", tasks="Задачи")
    ProgramItem.objects.create(program=program, title="Открытый урок", due=date(2027, 2, 10))
    NextMeeting.objects.create(
        pair=pair, date=date(2027, 1, 20), time=time(9, 0), place="https://telemost.yandex.ru/j/1"
    )
    response = client_for("mentee").get(reverse("pairs:program_ics", args=[pair.pk]))
    assert response.status_code == 200
    found = by_summary(response.content)
    assert found["Программа наставничества: Открытый урок"]["DTSTART"].dt == date(2027, 2, 10)
    meeting = found[f"Встреча наставнической пары: {pair}"]
    assert str(meeting["URL"]) == "https://telemost.yandex.ru/j/1"
    assert (
        client_for("teacher").get(reverse("pairs:program_ics", args=[pair.pk])).status_code == 403
    )


def test_the_mentor_plans_the_next_meeting(world, client_for):
    pair = active_pair(world)
    url = reverse("pairs:next_meeting", args=[pair.pk])
    client = client_for("mentor")
    assert client.get(url).status_code == 200
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(url, {"date": f"{day:%d.%m.%Y}", "time": "15:30", "place": "каб. 21"})
    assert response.status_code == 302
    meeting = NextMeeting.objects.get(pair=pair)
    assert (meeting.date, meeting.time, meeting.place) == (day, time(15, 30), "каб. 21")
    page = client.get(reverse("pairs:program_detail", args=[pair.pk])).content.decode()
    assert f"Следующая встреча:</strong> {day:%d.%m.%Y} в 15:30, каб. 21" in page
    # A new date replaces the old one (one next meeting per pair).
    client.post(url, {"date": f"{day + timedelta(1):%d.%m.%Y}", "time": "10:00", "place": ""})
    assert NextMeeting.objects.get(pair=pair).time == time(10, 0)
    assert NextMeeting.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "32.13.2027", "time": "15:30"}, "Введите дату в формате ДД.ММ.ГГГГ"),
        ({"date": "20.01.2027", "time": "25:99"}, "Введите время в формате ЧЧ:ММ"),
        ({"date": "", "time": "15:30"}, "Обязательное поле"),
        ({"date": "01.01.2020", "time": "15:30"}, "Эта дата уже прошла"),
    ],
)
def test_bad_next_meeting_input_saves_nothing(world, client_for, data, message):
    pair = active_pair(world)
    response = client_for("mentor").post(reverse("pairs:next_meeting", args=[pair.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NextMeeting.objects.exists()


def test_only_the_pairs_mentor_plans_meetings(world, client_for):
    pair = active_pair(world)
    url = reverse("pairs:next_meeting", args=[pair.pk])
    for persona in ("mentee", "curator", "teacher"):
        assert client_for(persona).get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404
