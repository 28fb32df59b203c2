"""The daily reminders: each domain app says what is due and for whom, this module tells each
login once and hands the e-mail to the day's digest.

An app contributes a ``reminders.py`` module with ``def reminders(today) -> Iterable[Reminder]``
(computed in a few queries however many people). :func:`deliver` skips what a login was already
reminded of (:class:`ReminderSent`), stores the rest as notifications with the person's e-mail
choice for the kind, and records them — all in a constant number of queries.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from notifications.kinds import OFF, default_delivery
from notifications.models import MailAddressState, Notification, Preference, ReminderSent

log = logging.getLogger("notifications.reminders")

# A record of a sent reminder is kept this long (its key names the occasion, so the same key
# never comes back after that: an occasion a year old is no longer computed).
KEEP_RECORDS_DAYS = 400


@dataclass(frozen=True)
class Reminder:
    user: object  # a login (active; the builders leave out those without one)
    kind: str
    text: str
    url: str
    key: str  # unique per login and occasion


def builders() -> list:
    """``reminders(today)`` of every installed app that has a ``reminders`` module."""
    found = []
    for config in apps.get_app_configs():
        if config.name == "notifications" or not module_has_submodule(config.module, "reminders"):
            continue
        module = import_module(f"{config.name}.reminders")
        if hasattr(module, "reminders"):
            found.append(module.reminders)
    return found


def collect(today: date) -> list[Reminder]:
    due = []
    for build in builders():
        due.extend(build(today))
    return due


def deliver(due: Iterable[Reminder], *, today: date) -> int:
    """Tell each login of ``due`` what they have not been reminded of yet; returns how many
    notifications were made. Five queries (plus the inserts' batches) whatever the number."""
    sent = set(
        ReminderSent.objects.filter(
            sent_on__gte=today - timedelta(days=KEEP_RECORDS_DAYS)
        ).values_list("user_id", "key")
    )
    fresh: dict[tuple[int, str], Reminder] = {}
    for reminder in due:
        pair = (reminder.user.pk, reminder.key[:200])
        if pair not in sent and pair not in fresh:
            fresh[pair] = reminder
    if not fresh:
        return 0
    kinds = {reminder.kind for reminder in fresh.values()}
    chosen = {
        (user_id, kind): delivery
        for user_id, kind, delivery in Preference.objects.filter(kind__in=kinds).values_list(
            "user_id", "kind", "delivery"
        )
    }
    bounced = set(MailAddressState.objects.values_list("user_id", flat=True))
    now = timezone.now()
    notifications, records = [], []
    for (user_id, key), reminder in fresh.items():
        how = chosen.get((user_id, reminder.kind), default_delivery(reminder.kind))
        mailed = how != OFF and bool(reminder.user.email) and user_id not in bounced
        notifications.append(
            Notification(
                user_id=user_id,
                kind=reminder.kind,
                text=reminder.text[:500],
                url=reminder.url[:500],
                key=key,
                created_at=now,
                delivery=how,
                email=Notification.Email.PENDING if mailed else Notification.Email.NONE,
            )
        )
        records.append(ReminderSent(user_id=user_id, key=key, sent_on=today))
    with transaction.atomic():
        insert_ignoring_conflicts(notifications)
        insert_ignoring_conflicts(records)
    return len(notifications)


def insert_ignoring_conflicts(objects: list) -> None:
    """INSERT … ON CONFLICT DO NOTHING of ``objects`` (one model) as one statement executed for
    many rows — one query however many: bulk_create cuts SQLite's inserts into batches of 999
    values (about 80 notifications), so the count would grow with the people."""
    if not objects:
        return
    if connection.vendor == "postgresql":
        # psycopg2's executemany is a round trip per row (14,520 rows: seconds); bulk_create
        # sends one multi-row INSERT … ON CONFLICT DO NOTHING (PostgreSQL has no limit of
        # parameters that would cut it into batches).
        type(objects[0]).objects.bulk_create(objects, ignore_conflicts=True)
        return
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    # Names from the model's own metadata, values as parameters: nothing user-given in the SQL.
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608  # nosec B608
        f"VALUES ({values}) ON CONFLICT DO NOTHING"
    )
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def purge_records(*, today: date) -> int:
    deleted, _ = ReminderSent.objects.filter(
        sent_on__lt=today - timedelta(days=KEEP_RECORDS_DAYS)
    ).delete()
    return deleted


def due_step(due: date, today: date, steps: tuple[int, ...]) -> str | None:
    """Which reminder a due date is at: «overdue» past it, else the smallest step (days before)
    it is within — so a day the job did not run is caught up the next day, once."""
    days = (due - today).days
    if days < 0:
        return "overdue"
    within = [step for step in steps if days <= step]
    return str(min(within)) if within else None


def due_phrase(due: date, today: date) -> str:
    """«сегодня», «завтра», «через 3 дня», «просрочен с 01.12.2026» — of a due date."""
    from mentoring_portal.russian import plural_count

    days = (due - today).days
    if days < 0:
        return f"срок прошёл {due:%d.%m.%Y}"
    if days == 0:
        return f"срок сегодня, {due:%d.%m.%Y}"
    if days == 1:
        return f"срок завтра, {due:%d.%m.%Y}"
    return f"срок через {plural_count(days, 'день', 'дня', 'дней')}, {due:%d.%m.%Y}"
