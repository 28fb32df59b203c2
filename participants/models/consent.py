"""Consents to the processing of personal data (152-ФЗ, ст. 9) and the versioned consent text."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.files import RandomName
from participants.models.organisation import Organisation

DEFAULT_PURPOSES = (
    "организация и сопровождение реализации программы наставничества (целевой модели "
    "наставничества) в образовательной организации: формирование баз наставников и "
    "наставляемых, закрепление наставнических пар и групп, проведение мероприятий, мониторинг "
    "и оценка результатов программы, подготовка отчётности для органов управления образованием"
)
DEFAULT_DATA_CATEGORIES = (
    "фамилия, имя, отчество; дата рождения; категория участника (педагог, обучающийся, "
    "родитель, внешний участник); класс (для обучающихся); должность; преподаваемые предметы; "
    "педагогический стаж; контактные данные (телефон, адрес электронной почты); сведения о "
    "профессиональных затруднениях, компетенциях, опыте и обучении наставников; сведения об "
    "участии в программе наставничества и её результатах; ответы на анкеты мониторинга"
)


def consent_scan_path(instance, filename: str) -> str:
    """Kept for old migrations; new scans get a random name (:class:`RandomName`)."""
    return RandomName("consents")(instance, filename)


class ConsentText(models.Model):
    """One published version of a school's consent text. A consent points at the version the
    person actually agreed to, so publishing a new version never changes an old consent."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="consent_texts",
    )
    version = models.PositiveIntegerField("версия")
    purposes = models.TextField("цели обработки", default=DEFAULT_PURPOSES)
    data_categories = models.TextField(
        "перечень персональных данных", default=DEFAULT_DATA_CATEGORIES
    )
    body = models.TextField(
        "текст согласия",
        help_text="Полный текст с реквизитами оператора; строки для ФИО, адреса и документа "
        "субъекта добавляются при печати.",
    )
    published_at = models.DateTimeField("опубликована", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="опубликовал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "текст согласия"
        verbose_name_plural = "тексты согласия"
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="consent_text_unique_version"
            )
        ]

    def __str__(self):
        return f"Согласие, редакция {self.version}"

    @classmethod
    def current_for(cls, organisation):
        return cls.objects.filter(organisation=organisation).order_by("-version").first()


class ConsentQuerySet(models.QuerySet):
    def valid(self, on: date | None = None):
        """Given, not withdrawn and not expired on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_on__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def withdrawn(self):
        return self.filter(withdrawn_on__isnull=False)


class ConsentRecord(models.Model):
    """What every consent of a person has, whatever it consents to: how and when it was given
    (online with a typed name, or on paper with its scan), its term, and its withdrawal."""

    class Method(models.TextChoices):
        ONLINE = "online", "Онлайн на портале"
        PAPER = "paper", "На бумаге (скан)"

    valid_until = models.DateField(
        "действует до", null=True, blank=True, help_text="Пусто — до отзыва."
    )
    method = models.CharField("способ", max_length=10, choices=Method)
    typed_name = models.CharField("ФИО, введённые для подтверждения", max_length=300, blank=True)
    given_at = models.DateTimeField("дано", default=timezone.now)
    given_from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Онлайн: кто подтвердил; на бумаге: кто загрузил скан.",
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

    class Meta:
        abstract = True
        ordering = ["-given_at"]

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def is_valid(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return not self.is_withdrawn and (self.valid_until is None or self.valid_until >= on)

    @property
    def state_label(self) -> str:
        if self.is_withdrawn:
            return "Отозвано"
        if not self.is_valid():
            return "Истёк срок"
        return "Действует"


class Consent(ConsentRecord):
    """A person's consent to the processing of personal data, online or on paper."""

    person = models.ForeignKey(
        "participants.Person",
        verbose_name="субъект персональных данных",
        on_delete=models.CASCADE,
        related_name="consents",
    )
    given_by_person = models.ForeignKey(
        "participants.Person",
        verbose_name="законный представитель, давший согласие",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents_given_for_others",
    )
    text = models.ForeignKey(
        ConsentText,
        verbose_name="редакция текста",
        # RESTRICT, not PROTECT: a text in use cannot be deleted, but a school's whole data can.
        on_delete=models.RESTRICT,
        related_name="consents",
    )
    purposes = models.TextField("цели обработки")
    data_categories = models.TextField("перечень персональных данных")

    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta(ConsentRecord.Meta):
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        constraints = [
            models.CheckConstraint(
                condition=Q(method="online", typed_name__gt="") | Q(method="paper"),
                name="consent_online_has_typed_name",
            )
        ]

    def __str__(self):
        return f"Согласие {self.person} от {timezone.localtime(self.given_at):%d.%m.%Y}"
