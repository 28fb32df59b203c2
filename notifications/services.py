"""notify() — the one way a domain app tells people something — and the bell's writes.

The domain apps decide who is told (their logins) and in what words; this app stores the item,
decides by the person's preferences whether it is e-mailed at once, in the day's digest or not
at all, and sends the instant ones after the caller's transaction commits (nothing is e-mailed
for a write that rolled back).
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from notifications.kinds import OFF, default_delivery
from notifications.models import CalendarFeed, MailAddressState, Notification, Preference

KEEP_DAYS = 180


def person_name(user) -> str:
    """«Фамилия Имя» of a login, or its username."""
    if user is None:
        return ""
    return (f"{user.last_name} {user.first_name}".strip()) or user.get_username()


def deliveries(users, kind: str) -> dict[int, str]:
    """Per login: how ``kind`` reaches them by e-mail (one query)."""
    chosen = dict(
        Preference.objects.filter(user__in=[u.pk for u in users], kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {user.pk: chosen.get(user.pk, default_delivery(kind)) for user in users}


def notify(
    *,
    users: Iterable,
    kind: str,
    text: str,
    url: str = "",
    by=None,
    key: str = "",
) -> int:
    """Tell ``users`` (logins; None and duplicates are skipped, and so is ``by`` — nobody is told
    of what they did themselves) that ``text`` happened, linking to ``url``.

    With ``key``, a login already told under that key is not told again. Returns how many were
    told. Costs three queries whatever the number of people (plus one with a key).
    """
    recipients = {}
    for user in users:
        if user is not None and (by is None or user.pk != by.pk):
            recipients.setdefault(user.pk, user)
    if not recipients:
        return 0
    if key:
        told = set(
            Notification.objects.filter(user__in=list(recipients), key=key).values_list(
                "user_id", flat=True
            )
        )
        for pk in told:
            recipients.pop(pk)
        if not recipients:
            return 0
    users = list(recipients.values())
    how = deliveries(users, kind)
    bounced = set(
        MailAddressState.objects.filter(user__in=list(recipients)).values_list("user_id", flat=True)
    )
    now = timezone.now()
    rows = []
    for user in users:
        mailed = how[user.pk] != OFF and bool(user.email) and user.pk not in bounced
        rows.append(
            Notification(
                user=user,
                kind=kind,
                text=text[:500],
                actor=person_name(by),
                url=url[:500],
                key=key[:200],
                created_at=now,
                delivery=how[user.pk],
                email=Notification.Email.PENDING if mailed else Notification.Email.NONE,
            )
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    if any(row.email == Notification.Email.PENDING and row.delivery != "digest" for row in rows):
        transaction.on_commit(_enqueue_instant_mail)
    return len(rows)


def _enqueue_instant_mail():
    from notifications.tasks import send_instant_mail

    send_instant_mail.enqueue()


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_read_by_key(*, user, key: str) -> int:
    """Mark read the item told to ``user`` under ``key`` (what it asked for is done)."""
    return Notification.objects.filter(user=user, key=key, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_purge(*, now=None) -> int:
    """Delete what is older than 180 days (run daily by send_reminders)."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def calendar_feed_renew(*, user) -> CalendarFeed:
    """A new secret address of ``user``'s calendar; the old one (if any) stops working."""
    import secrets

    with transaction.atomic():
        feed, _ = CalendarFeed.objects.update_or_create(
            user=user,
            defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
        )
    return feed


def calendar_feed_revoke(*, user) -> bool:
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


PREFERENCES_LINK_SALT = "notifications.preferences-link"
PREFERENCES_LINK_DAYS = 90


def preferences_link_token(user) -> str:
    """The signed token of the one-click link to ``user``'s preferences in every letter: it
    opens them without a login, for 90 days; it can do nothing else."""
    from django.core import signing

    return signing.dumps(user.pk, salt=PREFERENCES_LINK_SALT, compress=True)


def preferences_link_user(token: str):
    """The active login a preferences link names, or None (tampered, expired, unknown)."""
    from django.contrib.auth import get_user_model
    from django.core import signing

    try:
        pk = signing.loads(
            token, salt=PREFERENCES_LINK_SALT, max_age=timedelta(days=PREFERENCES_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
