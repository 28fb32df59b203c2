"""Notifications are personal: every logged-in person has their own list and preferences; an item
of another person is not found (404), whoever asks."""

from notifications.models import Notification
from notifications.services import notify
from tests.access import ALL_SCHOOL_PERSONAS, case


def curators_notification(world):
    notify(users=[world.user("curator")], kind="activity_reported", text="Отчёт", url="/")
    return {"pk": Notification.objects.filter(user=world.user("curator")).latest("pk").pk}


def curators_calendar(world):
    from notifications.services import calendar_feed_renew

    return {"token": calendar_feed_renew(user=world.user("curator")).token}


def curators_preferences_link(world):
    from notifications.services import preferences_link_token

    return {"token": preferences_link_token(world.user("curator"))}


CASES = [
    case("notifications:list", ALL_SCHOOL_PERSONAS),
    case("notifications:preferences", ALL_SCHOOL_PERSONAS),
    case("notifications:read_all", ALL_SCHOOL_PERSONAS, method="post"),
    case("notifications:open", ALL_SCHOOL_PERSONAS, kwargs=curators_notification, owner="curator"),
    case(
        "notifications:read",
        ALL_SCHOOL_PERSONAS,
        kwargs=curators_notification,
        method="post",
        owner="curator",
    ),
    # The link of a letter: no login, the signed token names whose preferences.
    case(
        "notifications:preferences_link",
        (),
        kwargs=curators_preferences_link,
        public=True,
        method="get",
    ),
    case("notifications:calendar", ALL_SCHOOL_PERSONAS),
    case("notifications:calendar_renew", ALL_SCHOOL_PERSONAS, method="post"),
    case("notifications:calendar_revoke", ALL_SCHOOL_PERSONAS, method="post"),
    # No login: the secret address is the key (a calendar application has no session).
    case("notifications:calendar_feed", (), kwargs=curators_calendar, public=True),
]
