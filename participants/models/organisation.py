from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    DIRECTOR = "director", "Директор"
    CURATOR = "curator", "Заместитель директора по УВР (куратор)"
    WORKING_GROUP = "working_group", "Рабочая группа"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"
    TEACHER = "teacher", "Педагог"
    COORDINATOR = "coordinator", "Специалист управления образования"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", "Образовательная организация"
        DEPARTMENT = "department", "Управление (отдел) образования"

    kind = models.CharField("тип", max_length=20, choices=Kind, default=Kind.SCHOOL)
    parent = models.ForeignKey(
        "self",
        verbose_name="управление образования",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schools",
        limit_choices_to={"kind": Kind.DEPARTMENT},
    )
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200)
    address = models.CharField("адрес", max_length=500, blank=True)
    city = models.CharField(
        "населённый пункт", max_length=200, blank=True, help_text="Место издания документов."
    )
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField(
        "официальный сайт",
        blank=True,
        help_text="Адрес сайта школы: его называет согласие на распространение (ст. 10.1 152-ФЗ).",
    )
    inn = models.CharField(
        "ИНН",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$|^\d{12}$", "ИНН — 10 или 12 цифр.", code="inn")],
    )
    ogrn = models.CharField(
        "ОГРН",
        max_length=15,
        blank=True,
        validators=[RegexValidator(r"^\d{13}$|^\d{15}$", "ОГРН — 13 или 15 цифр.", code="ogrn")],
    )
    director_name = models.CharField(
        "ФИО руководителя", max_length=200, blank=True, help_text="Полностью: Фамилия Имя Отчество."
    )
    director_position = models.CharField(
        "должность руководителя", max_length=200, blank=True, default="Директор"
    )
    academic_year_start_month = models.PositiveSmallIntegerField(
        "месяц начала учебного года", default=9
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class Membership(models.Model):
    """A role a user holds in an organisation. One row per role: a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("роль", max_length=20, choices=Role)
    created_at = models.DateTimeField("назначена", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"
