"""What the portal told whom: the bell's items, the e-mail state of each, and each person's
choice of e-mail per kind.

A notification names its recipient's login only (the bell is a login's); the domain apps say
who that is. ``key`` makes a reminder or a one-off event idempotent: one notification per login
and key, so a second daily run (or a double click) tells nobody twice — it is the record of what
was sent to whom for what.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from notifications.kinds import DELIVERY_CHOICES, INSTANT


class Notification(models.Model):
    class Email(models.TextChoices):
        PENDING = "pending", "ожидает отправки"
        SENDING = "sending", "отправляется"
        SENT = "sent", "отправлено"
        NONE = "none", "не отправляется"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="получатель",
    )
    kind = models.CharField("вид", max_length=40)
    text = models.CharField("что произошло", max_length=500)
    actor = models.CharField("кто", max_length=200, blank=True)
    url = models.CharField("ссылка", max_length=500, blank=True)
    key = models.CharField("ключ", max_length=200, blank=True)
    created_at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    delivery = models.CharField(
        "доставка по почте", max_length=10, choices=DELIVERY_CHOICES, default=INSTANT
    )
    email = models.CharField("письмо", max_length=10, choices=Email.choices, default=Email.PENDING)
    emailed_at = models.DateTimeField("письмо отправлено", null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField("попыток отправки", default=0)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["email", "delivery"], name="notification_to_email"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A login's choice of e-mail for one kind (no row: the kind's default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField("вид", max_length=40)
    delivery = models.CharField("по почте", max_length=10, choices=DELIVERY_CHOICES)

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.get_delivery_display()}"


class MailAddressState(models.Model):
    """An address the mail server refused (a bounce): mail stops until the person saves their
    preferences again (or the address changes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_state"
    )
    address = models.CharField("адрес", max_length=254)
    bounced_at = models.DateTimeField("адрес не принял письмо")
    reason = models.CharField("ответ почтового сервера", max_length=500, blank=True)

    class Meta:
        verbose_name = "недоставляемый адрес"
        verbose_name_plural = "недоставляемые адреса"

    def __str__(self):
        return self.address


class ReminderSent(models.Model):
    """A reminder told to a login, for one occasion (``key``: what, when due, which step —
    «activity_due:12:2026-12-11:3»). The record of what was sent to whom for what: the daily run
    skips a key it finds here, so a second run the same day (or a week later) tells nobody twice.
    Kept longer than the notifications (a year past the occasion), purged by send_reminders."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    key = models.CharField("напоминание", max_length=200)
    sent_on = models.DateField("когда отправлено", db_index=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="reminder_sent_once")]

    def __str__(self):
        return self.key


class CalendarFeed(models.Model):
    """A login's private calendar address: whoever knows the token reads the feed, so it is long
    and random, and revoking it (or making a new one) makes the old address a 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField("ключ", max_length=64, unique=True)
    created_at = models.DateTimeField("создан", default=timezone.now)

    class Meta:
        verbose_name = "календарь (подписка)"
        verbose_name_plural = "календари (подписки)"

    def __str__(self):
        return f"{self.user}: {self.created_at:%d.%m.%Y}"
