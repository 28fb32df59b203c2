"""What the year change records: each wizard step run (or skipped) once per school and year,
and each pair continued into the next year."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from participants.models import Organisation


class YearStep(models.Model):
    """A step of «Новый учебный год», done or skipped: the row is the step's once-only guard."""

    class Step(models.TextChoices):
        ROADMAP = "roadmap", "Дорожная карта"
        BANKS = "banks", "Банки наставников и наставляемых"
        PAIRS = "pairs", "Продолжающиеся пары и их программы"
        CAMPAIGNS = "campaigns", "Анкетирования"
        MONITORING = "monitoring", "Мониторинг года"

    class Outcome(models.TextChoices):
        DONE = "done", "Выполнен"
        SKIPPED = "skipped", "Пропущен"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    step = models.CharField("шаг", max_length=20, choices=Step)
    outcome = models.CharField("итог", max_length=10, choices=Outcome)
    summary = models.TextField("что сделано", blank=True)
    roadmap = models.ForeignKey(
        "roadmap.Roadmap",
        verbose_name="дорожная карта",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField("когда", default=timezone.now)

    class Meta:
        verbose_name = "шаг перехода на новый учебный год"
        verbose_name_plural = "шаги перехода на новый учебный год"
        ordering = ["year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "step"], name="year_step_once")
        ]

    def __str__(self):
        return (
            f"{self.year}/{self.year + 1}: {self.get_step_display()} — {self.get_outcome_display()}"
        )


class PairContinuation(models.Model):
    """A pair whose period ended, continued into the next year as a new proposed pair with the
    same people, listed in the draft order that prolongs it."""

    old_pair = models.OneToOneField(
        "pairs.Pair",
        verbose_name="пара прошлого года",
        on_delete=models.CASCADE,
        related_name="continuation",
    )
    new_pair = models.OneToOneField(
        "pairs.Pair",
        verbose_name="пара нового года",
        on_delete=models.CASCADE,
        related_name="continues",
    )
    order = models.ForeignKey(
        "pairs.Order",
        verbose_name="приказ о продлении",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("когда", default=timezone.now)

    class Meta:
        verbose_name = "продолжение пары в новом учебном году"
        verbose_name_plural = "продолжения пар в новом учебном году"

    def __str__(self):
        return f"{self.old_pair_id} → {self.new_pair_id}"
