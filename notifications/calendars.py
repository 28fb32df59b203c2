"""Calendars in iCalendar format: a person's private feed (a secret, revocable token URL that
Яндекс Календарь, Outlook and phones subscribe to) and the .ics downloads of the domain pages.

Like the reminders, this app imports no domain app: each app that has dated things for a person
has a ``calendars`` module with ``events_for_user(user) -> list[CalendarEvent]``; the feed is
all of them. A deadline is an all-day event (DTSTART;VALUE=DATE, DTEND the next day, as RFC 5545
wants it); a planned meeting has its time in the portal's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from notifications.mail import absolute


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable, so a subscribed calendar updates the event instead of doubling it
    summary: str
    start: date | datetime  # a date: an all-day event
    end: date | datetime | None = None  # exclusive; None: the next day, or an hour later
    description: str = ""
    url: str = ""
    location: str = ""


def builders() -> list:
    found = []
    for config in apps.get_app_configs():
        if config.name == "notifications" or not module_has_submodule(config.module, "calendars"):
            continue
        module = import_module(f"{config.name}.calendars")
        if hasattr(module, "events_for_user"):
            found.append(module.events_for_user)
    return found


def events_for_user(user) -> list[CalendarEvent]:
    events = []
    for build in builders():
        events.extend(build(user))
    return events


def _domain() -> str:
    url = settings.PORTAL_URL.split("://", 1)[-1]
    return url.split("/", 1)[0].split(":", 1)[0] or "nastavnik.local"


def ics(events, *, name: str) -> bytes:
    """The events as one VCALENDAR (UTF-8 bytes)."""
    from icalendar import Calendar, Event

    zone = timezone.get_current_timezone()
    calendar = Calendar()
    calendar.add("prodid", "-//Наставничество//Портал наставничества//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(zone))
    stamp = timezone.now()
    for item in sorted(events, key=_sort_key):
        event = Event()
        event.add("uid", f"{item.uid}@{_domain()}")
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        if isinstance(item.start, datetime):
            start = item.start if timezone.is_aware(item.start) else item.start.replace(tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", item.end or start + timedelta(hours=1))
        else:
            event.add("dtstart", item.start)
            event.add("dtend", item.end or item.start + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a deadline does not make a person busy
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", absolute(item.url))
        if item.location:
            event.add("location", item.location)
        calendar.add_component(event)
    if calendar.subcomponents and any(isinstance(e.start, datetime) for e in events):
        calendar.add_missing_timezones()
    return calendar.to_ical()


def _sort_key(event: CalendarEvent):
    start = event.start
    if isinstance(start, datetime):
        return (start.date(), start.time(), event.uid)
    return (start, time.min, event.uid)


def ics_response(events, *, name: str, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(ics(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
