"""The consent to distribution (152-ФЗ ст. 10.1): a document of its own, given and withdrawn apart
from the consent to processing (ч. 1: «оформляется отдельно от иных согласий»), with the content
Roskomnadzor's order of 24.02.2021 № 18 requires. It is the one thing the public section reads to
decide whether a person may be named on the school's page «Наставничество»."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from participants.models.consent import ConsentRecord

PURPOSE = (
    "информирование неограниченного круга лиц о реализации программы наставничества (целевой "
    "модели наставничества) в образовательной организации: размещение сведений о наставниках, "
    "наставляемых и мероприятиях программы в разделе «Наставничество» официального сайта"
)


class PublicationConsent(ConsentRecord):
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
    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta(ConsentRecord.Meta):
        verbose_name = "согласие на распространение персональных данных"
        verbose_name_plural = "согласия на распространение персональных данных"
        constraints = [
            models.CheckConstraint(
                condition=Q(method="online", typed_name__gt="") | Q(method="paper"),
                name="publication_consent_online_has_typed_name",
            )
        ]

    def __str__(self):
        given = timezone.localtime(self.given_at)
        return f"Согласие на распространение {self.person} от {given:%d.%m.%Y}"

    @property
    def conditions_text(self) -> str:
        return self.conditions or "не устанавливаю"
