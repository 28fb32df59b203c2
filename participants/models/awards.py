"""Thanks and awards of mentors (благодарность, грамота, премия): recorded by the curator or the
director, shown in the mentor's portfolio and in the year's monitoring («мотивация и поощрение
наставников»)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class MentorAward(models.Model):
    class Kind(models.TextChoices):
        THANKS = "thanks", "Благодарность"
        CERTIFICATE = "certificate", "Почётная грамота"
        BONUS = "bonus", "Премия"
        TITLE = "title", "Звание, победа в конкурсе"
        OTHER = "other", "Иное поощрение"

    person = models.ForeignKey(
        "participants.Person",
        verbose_name="наставник",
        on_delete=models.CASCADE,
        related_name="awards",
    )
    kind = models.CharField("вид поощрения", max_length=20, choices=Kind, default=Kind.THANKS)
    title = models.CharField(
        "формулировка",
        max_length=500,
        help_text="Например: «за успешное наставничество молодого специалиста».",
    )
    awarded_on = models.DateField("дата")
    basis = models.CharField(
        "основание", max_length=300, help_text="Приказ директора, решение педсовета: номер и дата."
    )
    awarded_by = models.CharField(
        "кем объявлено", max_length=300, help_text="Директор школы, управление образования …"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("внесено", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "поощрение наставника"
        verbose_name_plural = "поощрения наставников"
        ordering = ["-awarded_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.title} ({self.awarded_on:%d.%m.%Y})"
