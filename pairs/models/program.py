"""The personalised mentoring program (ППН) of a pair or group, and the pair's meeting log."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.versioning import Versioned


class Program(Versioned, models.Model):
    """Персонализированная программа наставничества: one per pair or group."""

    pair = models.OneToOneField(
        "pairs.Pair", verbose_name="пара (группа)", on_delete=models.CASCADE, related_name="program"
    )
    goals = models.TextField("цели")
    tasks = models.TextField("задачи")
    final_result = models.TextField("итоговый результат", blank=True)
    created_at = models.DateTimeField("создана", default=timezone.now)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "персонализированная программа наставничества"
        verbose_name_plural = "персонализированные программы наставничества"

    def __str__(self):
        return f"ППН: {self.pair}"

    def progress(self, today: date | None = None) -> dict:
        """Done, planned (not yet due) and overdue activities; uses the prefetched items."""
        today = today or timezone.localdate()
        items = list(self.items.all())
        done = sum(1 for item in items if item.is_done)
        overdue = sum(1 for item in items if item.is_overdue(today))
        total = len(items)
        return {
            "total": total,
            "done": done,
            "overdue": overdue,
            "planned": total - done - overdue,
            "percent": round(100 * done / total) if total else 0,
        }


class ProgramItem(models.Model):
    """A dated activity of the plan with its expected result and a done mark."""

    program = models.ForeignKey(
        Program, verbose_name="программа", on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField("мероприятие", max_length=500)
    due = models.DateField("срок")
    expected_result = models.TextField("ожидаемый результат", blank=True)
    done_on = models.DateField("выполнено", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отметил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_note = models.TextField("что сделано", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "мероприятие программы"
        verbose_name_plural = "мероприятия программы"
        ordering = ["due", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.is_done and self.due < (today or timezone.localdate())


class Meeting(models.Model):
    """A line of the pair's meeting log (журнал встреч), kept by the mentor."""

    pair = models.ForeignKey(
        "pairs.Pair",
        verbose_name="пара (группа)",
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    date = models.DateField("дата")
    topic = models.CharField("тема", max_length=500)
    done = models.TextField("что сделано")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="записал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("записано", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "встреча"
        verbose_name_plural = "журнал встреч"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.topic}"


class NextMeeting(models.Model):
    """«Следующая встреча» of the pair's meeting log: when and where (a room or a link for an
    online one). It goes into the calendars of the pair's members."""

    pair = models.OneToOneField(
        "pairs.Pair",
        verbose_name="пара (группа)",
        on_delete=models.CASCADE,
        related_name="next_meeting",
    )
    date = models.DateField("дата")
    time = models.TimeField("время")
    place = models.CharField("место или ссылка", max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="назначил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("изменено", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "следующая встреча"
        verbose_name_plural = "следующие встречи"

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.time:%H:%M} {self.place}".strip()

    @property
    def place_is_link(self) -> bool:
        return self.place.startswith(("http://", "https://"))
