"""The monitoring of an academic year: targets, indicators entered by hand, conclusions, and
the values frozen when the curator approves the year's report."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from participants.models import Organisation


class Stage(models.IntegerChoices):
    QUALITY = 1, "Этап 1. Качество реализации программы наставничества"
    INFLUENCE = 2, "Этап 2. Влияние программы на участников"


def academic_year_bounds(organisation, year: int) -> tuple[date, date]:
    """The first and last day of the academic year that starts in ``year``."""
    month = organisation.academic_year_start_month or 9
    start = date(year, month, 1)
    return start, date(year + 1, month, 1) - timedelta(days=1)


class MonitoringYear(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        APPROVED = "approved", "Утверждён"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="monitoring_years",
    )
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    status = models.CharField("статус", max_length=10, choices=Status, default=Status.DRAFT)
    conclusions = models.TextField(
        "выводы и рекомендации",
        blank=True,
        help_text="Войдут в аналитическую справку. Абзацы — с новой строки.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField("утверждён", null=True, blank=True)
    approver_name = models.CharField("ФИО утвердившего", max_length=200, blank=True)
    # The analytical report's registration number, given at approval like an order's at
    # signing: per organisation and calendar year of approval; a draft prints «№ ____».
    report_number = models.PositiveIntegerField("номер справки", null=True, blank=True)
    report_year = models.PositiveSmallIntegerField("год регистрации справки", null=True, blank=True)
    # The charts' data as approved (the indicators are frozen as IndicatorSnapshot rows).
    frozen_charts = models.JSONField("данные диаграмм при утверждении", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "мониторинг года"
        verbose_name_plural = "мониторинг по годам"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="monitoring_year_once"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="monitoring_year_approved_has_time",
            ),
            models.UniqueConstraint(
                fields=["organisation", "report_year", "report_number"],
                condition=Q(report_number__isnull=False),
                name="monitoring_report_number_once",
            ),
        ]

    def __str__(self):
        return f"Мониторинг {self.label} учебного года"

    @property
    def label(self) -> str:
        return f"{self.year}/{self.year + 1}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    BLANK_NUMBER = "____"  # a draft prints «№ ____», like an order's draft

    @property
    def report_number_label(self) -> str:
        return self.BLANK_NUMBER if self.report_number is None else str(self.report_number)

    @property
    def bounds(self) -> tuple[date, date]:
        return academic_year_bounds(self.organisation, self.year)


class IndicatorTarget(models.Model):
    """The target value the curator set for a computed indicator in a year."""

    monitoring_year = models.ForeignKey(
        MonitoringYear, on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField("код показателя", max_length=50)
    target = models.DecimalField("целевое значение", max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["monitoring_year", "code"], name="indicator_target_once"
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.target}"


class ManualIndicator(models.Model):
    """An indicator the curator enters by hand (the data is not in the portal)."""

    monitoring_year = models.ForeignKey(
        MonitoringYear, on_delete=models.CASCADE, related_name="manual_indicators"
    )
    order = models.PositiveSmallIntegerField("№", default=0)
    title = models.CharField("показатель", max_length=500)
    stage = models.PositiveSmallIntegerField("этап", choices=Stage, default=Stage.INFLUENCE)
    unit = models.CharField("единица", max_length=20, default="%")
    value = models.DecimalField("значение", max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(
        "целевое значение", max_digits=12, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "показатель, вносимый вручную"
        verbose_name_plural = "показатели, вносимые вручную"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def code(self) -> str:
        return f"manual_{self.pk}"


class IndicatorSnapshot(models.Model):
    """An indicator's value as approved: the report of an approved year reads only these."""

    monitoring_year = models.ForeignKey(
        MonitoringYear, on_delete=models.CASCADE, related_name="snapshots"
    )
    order = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=50)
    title = models.CharField(max_length=500)
    stage = models.PositiveSmallIntegerField(choices=Stage)
    unit = models.CharField(max_length=20)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    note = models.CharField("почему нет значения", max_length=300, blank=True)

    class Meta:
        verbose_name = "утверждённое значение показателя"
        verbose_name_plural = "утверждённые значения показателей"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_year", "code"], name="snapshot_once")
        ]

    def __str__(self):
        return self.title
