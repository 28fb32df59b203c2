"""The consent to distribution (152-ФЗ ст. 10.1): a document of its own, given and withdrawn apart
from the consent to processing (ч. 1: «оформляется отдельно от иных согласий»), with the content
Roskomnadzor's order of 24.02.2021 № 18 requires. It is the one thing the public section reads to
decide whether a person may be named on the school's page «Наставничество»."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.files import RandomName
from participants.models.consent import Consent, ConsentQuerySet

PURPOSE = (
    "информирование неограниченного круга лиц о реализации программы наставничества (целевой "
    "модели наставничества) в образовательной организации: размещение сведений о наставниках, "
    "наставляемых и мероприятиях программы в разделе «Наставничество» официального сайта"
)


class PublicationConsent(models.Model):
    """A person's consent to the distribution of their name (and, if ticked, photograph)."""

    person = models.ForeignKey(
        "participants.Person",
        verbose_name="субъект персональных данных",
        on_delete=models.CASCADE,
        related_name="publication_consents",
    )
    given_by_person = models.ForeignKey(
        "participants.Person",
        verbose_name="законный представитель, давший согласие",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publication_consents_given_for_others",
    )
    photo = models.BooleanField(
        "фотографическое изображение",
        default=False,
        help_text="Разрешено ли публиковать фотографии с участником.",
    )
    data_items = models.TextField("персональные данные, разрешённые для распространения")
    resources = models.TextField("информационные ресурсы оператора")
    conditions = models.TextField(
        "условия и запреты",
        blank=True,
        help_text="Условия и запреты на обработку неограниченным кругом лиц (ч. 9 ст. 10.1 "
        "152-ФЗ). Пусто — не устанавливаются.",
    )
    valid_until = models.DateField(
        "действует до", null=True, blank=True, help_text="Пусто — до отзыва."
    )
    method = models.CharField("способ", max_length=10, choices=Consent.Method)
    typed_name = models.CharField("ФИО, введённые для подтверждения", max_length=300, blank=True)
    given_at = models.DateTimeField("дано", default=timezone.now)
    given_from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField("IP-адрес", null=True, blank=True)
    scan = models.FileField(
        "скан подписанного согласия", upload_to=RandomName("consents"), blank=True
    )
    withdrawn_on = models.DateField("дата отзыва", null=True, blank=True)
    withdrawal_reason = models.TextField("основание отзыва", blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отзыв зарегистрировал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta:
        verbose_name = "согласие на распространение персональных данных"
        verbose_name_plural = "согласия на распространение персональных данных"
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method="online", typed_name__gt="") | Q(method="paper"),
                name="publication_consent_online_has_typed_name",
            )
        ]

    def __str__(self):
        return f"Согласие на распространение {self.person} от {self.given_at:%d.%m.%Y}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def is_valid(self, on=None) -> bool:
        on = on or timezone.localdate()
        return not self.is_withdrawn and (self.valid_until is None or self.valid_until >= on)

    @property
    def state_label(self) -> str:
        if self.is_withdrawn:
            return "Отозвано"
        if not self.is_valid():
            return "Истёк срок"
        return "Действует"

    @property
    def conditions_text(self) -> str:
        return self.conditions or "не устанавливаю"
