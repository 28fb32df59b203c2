"""The municipal roadmap: a department's roadmap is an ordinary roadmap of the department (an
Organisation with schools under it); what it adds is an activity assigned to schools. Each school
reports on it from its side, with evidence, and the department's coordinator accepts or returns
the report — one :class:`SchoolTask` per activity and school.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.files import RandomName, safe_filename, stored_extension
from participants.models import Organisation


class SchoolTask(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Назначено"
        REPORTED = "reported", "Отчёт на проверке"
        DONE = "done", "Принято"
        RETURNED = "returned", "Возвращено на доработку"

    activity = models.ForeignKey(
        "roadmap.Activity",
        verbose_name="мероприятие",
        on_delete=models.CASCADE,
        related_name="school_tasks",
    )
    school = models.ForeignKey(
        Organisation,
        verbose_name="школа",
        on_delete=models.CASCADE,
        related_name="municipal_tasks",
    )
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.ASSIGNED)
    report = models.TextField("отчёт школы", blank=True)
    file = models.FileField("файл", upload_to=RandomName("municipal"), blank=True, max_length=300)
    url = models.URLField("ссылка", blank=True, max_length=500)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отчитался",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField("отчёт направлен", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="проверил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField("выполнение принято", null=True, blank=True)
    return_comment = models.TextField("замечания управления", blank=True)
    assigned_at = models.DateTimeField("назначено", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "мероприятие муниципальной дорожной карты в школе"
        verbose_name_plural = "мероприятия муниципальной дорожной карты в школах"
        ordering = ["activity__stage__order", "activity__order", "school__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "school"], name="school_task_unique"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_comment=""),
                name="school_task_returned_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.activity} — {self.school}"

    @property
    def is_open(self) -> bool:
        """The school may (still, or again) report."""
        return self.status in (self.Status.ASSIGNED, self.Status.RETURNED)

    @property
    def filename(self) -> str:
        if not self.file:
            return ""
        return safe_filename(f"Отчёт {self.school.short_name}", stored_extension(self.file.name))
