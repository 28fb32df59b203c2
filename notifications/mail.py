"""E-mail of notifications: one letter per instant notification, one digest per person per run.

A letter is marked sent only after the mail server took it; a refused or timed-out one stays
pending (logged) and goes out with the next run. A recipient the server refuses outright is a
bounced address: it is marked and gets no more mail until the person confirms it again.
Queries do not grow with the number of people: one read, one claim, two updates per run.
"""

import contextlib
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mentoring_portal.russian import plural_count
from notifications.kinds import DIGEST
from notifications.models import MailAddressState, Notification

log = logging.getLogger("notifications.mail")


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")) or not url:
        return url
    return settings.PORTAL_URL.rstrip("/") + url


def _claim(queryset) -> list[Notification]:
    """Take the pending notifications of ``queryset`` for this run (another worker running at
    the same time claims none of them)."""
    rows = list(queryset.select_related("user").order_by("user_id", "created_at", "pk"))
    if not rows:
        return []
    claimed = Notification.objects.filter(
        pk__in=[row.pk for row in rows], email=Notification.Email.PENDING
    ).update(email=Notification.Email.SENDING)
    if claimed != len(rows):  # someone else took part of them: take only ours again
        rows = [
            row
            for row in rows
            if row.pk
            in set(
                Notification.objects.filter(
                    pk__in=[r.pk for r in rows], email=Notification.Email.SENDING
                ).values_list("pk", flat=True)
            )
        ]
    return rows


def _letter(user, notifications: list[Notification], *, digest: bool, day=None) -> EmailMessage:
    context = {
        "name": f"{user.first_name} {user.last_name}".strip() or user.get_username(),
        "items": [
            {"text": n.text, "actor": n.actor, "when": n.created_at, "url": absolute(n.url)}
            for n in notifications
        ],
        "preferences_url": preferences_url(user),
        "list_url": absolute(reverse("notifications:list")),
    }
    if digest:
        day = (day or timezone.localdate()).strftime("%d.%m.%Y")
        subject = f"Наставничество: сводка на {day} — " + plural_count(
            len(notifications), "уведомление", "уведомления", "уведомлений"
        )
    else:
        subject = "Наставничество: " + notifications[0].text
        if len(subject) > 150:
            subject = subject[:149] + "…"
    body = render_to_string("notifications/email.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{context['preferences_url']}>"},
    )


def preferences_url(user) -> str:
    """The one-click link of a letter to its reader's preferences (no login needed)."""
    from notifications.services import preferences_link_token

    return absolute(reverse("notifications:preferences_link", args=[preferences_link_token(user)]))


def _send(letters: list, *, digest: bool, day=None) -> dict:
    """Send each letter (a login and its notifications) over one SMTP connection; mark what
    went, return counts."""
    sent, failed, bounced = [], [], {}
    try:
        connection = get_connection()
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        log.error("Почтовый сервер недоступен, письма отправятся в следующий раз: %s", error)
        connection = None
    for user, notifications in letters:
        ids = [n.pk for n in notifications]
        if connection is None:
            failed += ids
            continue
        try:
            connection.send_messages([_letter(user, notifications, digest=digest, day=day)])
        except smtplib.SMTPRecipientsRefused as error:
            reason = "; ".join(_reply(v) for v in error.recipients.values())[:500]
            if all(code >= 500 for code, _text in error.recipients.values()):
                # A permanent refusal (5xx): the address bounced; no more letters to it.
                log.warning("Адрес %s не принят почтовым сервером: %s", user.email, reason)
                bounced[user] = reason
            else:  # 4xx: the server asks to try later
                log.error(
                    "Письмо для %s отложено сервером, повтор в следующий раз: %s",
                    user.email,
                    reason,
                )
            failed += ids
        except (OSError, smtplib.SMTPException) as error:
            log.error("Письмо для %s не отправлено, повтор в следующий раз: %s", user.email, error)
            failed += ids
        else:
            sent += ids
    if connection is not None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.close()
    now = timezone.now()
    Notification.objects.filter(pk__in=sent).update(
        email=Notification.Email.SENT, emailed_at=now, email_attempts=F("email_attempts") + 1
    )
    Notification.objects.filter(pk__in=failed).update(
        email=Notification.Email.PENDING, email_attempts=F("email_attempts") + 1
    )
    if bounced:
        MailAddressState.objects.bulk_create(
            [
                MailAddressState(user=user, address=user.email, bounced_at=now, reason=reason)
                for user, reason in bounced.items()
            ],
            ignore_conflicts=True,
        )
        Notification.objects.filter(
            user__in=list(bounced), email=Notification.Email.PENDING
        ).update(email=Notification.Email.NONE)
    return {"sent": len(sent), "failed": len(failed), "bounced": len(bounced)}


def _reply(value) -> str:
    code, text = value
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"


def _grouped(rows) -> dict:
    groups = defaultdict(list)
    by_pk = {}
    for row in rows:
        user = by_pk.setdefault(row.user_id, row.user)
        groups[user].append(row)
    return groups


def send_instant() -> dict:
    """Each pending instant notification as its own letter."""
    rows = _claim(
        Notification.objects.filter(email=Notification.Email.PENDING).exclude(delivery=DIGEST)
    )
    letters = [
        (user, [notification])
        for user, notifications in _grouped(rows).items()
        for notification in notifications
    ]
    return _send(letters, digest=False)


def send_digests(day=None) -> dict:
    """Everything still pending (the day's digest kinds and the instant letters that failed
    before), one letter per person; ``day`` names the digest (today by default)."""
    rows = _claim(Notification.objects.filter(email=Notification.Email.PENDING))
    return _send(list(_grouped(rows).items()), digest=True, day=day)
