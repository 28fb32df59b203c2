"""The roadmap (дорожная карта) of a school's mentoring program: stages, activities, evidence.

Numbering (1, 1.1, 1.2 …) is computed from ``order``; overdue is computed from the derived
deadline and today — neither is stored.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.files import RandomName, safe_filename, stored_extension
from mentoring_portal.versioning import Versioned
from participants.models import Organisation, Person
from roadmap.deadlines import Deadline, DeadlineKind


class RoadmapQuerySet(models.QuerySet):
    def in_force(self, organisation, *, during: tuple | None = None):
        """The roadmap the school works by — the one rule every app asks («the current roadmap»).

        Now (no ``during``): the approved roadmap with the latest period, of two approved
        revisions the later. Approving a revision archives the one it replaces, so a draft or
        a roadmap on approval is never in force; None before the first approval.

        For a past period (``during=(start, end)``, e.g. an academic year being reported): the
        roadmap approved then, which may be archived or closed since — approved, archived or
        closed, its period overlapping, by status (closed, then archived: the one that was in
        force while the year ran), then the latest period and revision.
        """
        roadmaps = self.filter(organisation=organisation)
        if during is None:
            return (
                roadmaps.filter(status=Roadmap.Status.APPROVED)
                .order_by("-period_start", "-revision")
                .first()
            )
        start, end = during
        return (
            roadmaps.filter(
                status__in=[
                    Roadmap.Status.APPROVED,
                    Roadmap.Status.ARCHIVED,
                    Roadmap.Status.CLOSED,
                ],
                period_start__lte=end,
                period_end__gte=start,
            )
            .order_by("-status", "-period_start", "-revision")
            .first()
        )

    def in_preparation(self, organisation):
        """The newest roadmap being prepared (a draft or one on approval), None when none is."""
        return (
            self.filter(organisation=organisation)
            .filter(status__in=[Roadmap.Status.DRAFT, Roadmap.Status.ON_APPROVAL])
            .order_by("-period_start", "-revision")
            .first()
        )


class Roadmap(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        ON_APPROVAL = "on_approval", "На утверждении"
        APPROVED = "approved", "Утверждена"
        ARCHIVED = "archived", "В архиве"
        CLOSED = "closed", "Закрыта"

    class DocumentKind(models.TextChoices):
        ORDER = "order", "Приказ"
        PROTOCOL = "protocol", "Протокол педагогического совета"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="roadmaps"
    )
    title = models.CharField("название", max_length=500)
    period_start = models.DateField("начало периода")
    period_end = models.DateField("окончание периода")
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)
    revision = models.PositiveSmallIntegerField("редакция", default=1)
    previous_revision = models.ForeignKey(
        "self",
        verbose_name="предыдущая редакция",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_revisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", default=timezone.now)
    submitted_at = models.DateTimeField("направлена на утверждение", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField("утверждена", null=True, blank=True)
    approval_document_kind = models.CharField(
        "утверждающий документ", max_length=20, choices=DocumentKind, blank=True
    )
    approval_document_number = models.CharField("номер документа", max_length=50, blank=True)
    approval_document_date = models.DateField("дата документа", null=True, blank=True)
    return_comment = models.TextField("замечания директора", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="закрыл",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField("закрыта", null=True, blank=True)
    carried_over = models.TextField(
        "перенесено из действовавшей редакции при утверждении", blank=True
    )
    # An already approved roadmap imported to be tracked: its approval as the file states it
    # («утверждена ранее приказом от 01.04.2022 № 42-ОД»), kept apart from the portal's own.
    prior_approval = models.CharField("утверждена ранее", max_length=300, blank=True)
    # The approved revision's PDF, rendered once by a task after the approval (roadmap/tasks.py)
    # and served from storage at every download; a draft or a new revision has none of its own
    # until it is approved. ``approved_pdf_requested_at``: when that task was last enqueued.
    approved_pdf = models.FileField(
        "PDF утверждённой редакции",
        upload_to=RandomName("roadmaps"),
        blank=True,
        max_length=300,
        editable=False,
    )
    approved_pdf_requested_at = models.DateTimeField(
        "PDF заказан", null=True, blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["approved_pdf", "approved_pdf_requested_at"])

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["-period_start", "-revision"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lt=F("period_end")), name="roadmap_period_order"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_tracked(self) -> bool:
        """Activities are reported and accepted only on the approved roadmap."""
        return self.status == self.Status.APPROVED

    def period_ended(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.period_end

    @property
    def period_label(self) -> str:
        start, end = self.period_start, self.period_end
        if start.month >= 7 and end.month <= 8 and end.year == start.year + 1:
            return f"{start.year}/{end.year} учебный год"
        if start.month >= 7 and end.month <= 8 and end.year > start.year + 1:
            return f"{start.year}/{start.year + 1} – {end.year - 1}/{end.year} учебные годы"
        return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"

    @property
    def approval_document_label(self) -> str:
        if not self.approval_document_kind:
            return ""
        kind = self.get_approval_document_kind_display()
        date_text = (
            f" от {self.approval_document_date:%d.%m.%Y}" if self.approval_document_date else ""
        )
        return f"{kind}{date_text} № {self.approval_document_number}"

    def tracking_years(self) -> list["TrackingYear"]:
        """The years in which yearly activities are reported: academic years when the period
        starts in the second half of a year (a school period), else calendar years."""
        start, end = self.period_start, self.period_end
        years = []
        if start.month >= 7:
            year = start.year
            while date(year, 9, 1) <= end or year == start.year:
                window_start, window_end = date(year, 9, 1), date(year + 1, 8, 31)
                years.append(
                    TrackingYear(
                        year,
                        f"{year}/{year + 1}",
                        max(window_start, start),
                        min(window_end, end),
                    )
                )
                year += 1
        else:
            for year in range(start.year, end.year + 1):
                years.append(
                    TrackingYear(
                        year,
                        str(year),
                        max(date(year, 1, 1), start),
                        min(date(year, 12, 31), end),
                    )
                )
        return years


@dataclass(frozen=True)
class TrackingYear:
    key: int
    label: str
    start: date
    end: date


class Stage(Versioned, models.Model):
    roadmap = models.ForeignKey(
        Roadmap, verbose_name="дорожная карта", on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveIntegerField("порядок", default=0)
    title = models.CharField("название этапа", max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "этап"
        verbose_name_plural = "этапы"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Activity(Versioned, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        IN_PROGRESS = "in_progress", "Выполняется"
        REPORTED = "reported", "Отчёт на проверке"
        DONE = "done", "Выполнено"
        CANCELLED = "cancelled", "Отменено"

    class FinalMark(models.TextChoices):
        """The mark of each activity when its finished roadmap is closed."""

        DONE = "done", "Выполнено"
        NOT_DONE = "not_done", "Не выполнено"

    stage = models.ForeignKey(
        Stage, verbose_name="этап", on_delete=models.CASCADE, related_name="activities"
    )
    order = models.PositiveIntegerField("порядок", default=0)
    title = models.TextField("мероприятие")
    result_form = models.TextField("форма представления результата", blank=True)
    deadline_text = models.CharField("сроки (как записано)", max_length=300, blank=True)
    deadline_kind = models.CharField(
        "вид срока",
        max_length=20,
        choices=[
            (DeadlineKind.DATE.value, "дата или период"),
            (DeadlineKind.YEARLY.value, "ежегодно"),
            (DeadlineKind.PERMANENT.value, "постоянно"),
            (DeadlineKind.EVENT.value, "по событию"),
            (DeadlineKind.UNKNOWN.value, "не распознан"),
        ],
        default=DeadlineKind.UNKNOWN.value,
    )
    deadline_start = models.DateField("начало срока", null=True, blank=True)
    deadline_due = models.DateField("окончание срока", null=True, blank=True)
    deadline_note = models.CharField("пояснение к сроку", max_length=500, blank=True)
    deadline_understood = models.BooleanField("срок распознан", default=False)
    responsible_people = models.ManyToManyField(
        Person, verbose_name="ответственные", blank=True, related_name="roadmap_activities"
    )
    responsible_roles = models.CharField(
        "ответственные (должности, группы)", max_length=300, blank=True
    )
    notes = models.TextField("примечание", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.PLANNED)
    cancel_reason = models.TextField("причина отмены", blank=True)
    return_comment = models.TextField("замечания куратора", blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name="скопировано из",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        help_text="Мероприятие предыдущей редакции, с которого сделана эта копия.",
    )
    # When the curator accepted the completion (of the last year, for a yearly activity): a fact
    # of the record that indicators count on time, not something to dig out of the history.
    accepted_at = models.DateTimeField("выполнение принято", null=True, blank=True)
    final_mark = models.CharField("итоговая отметка", max_length=20, choices=FinalMark, blank=True)
    final_reason = models.TextField("причина невыполнения", blank=True)

    history = HistoricalRecords(m2m_fields=[responsible_people])

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(final_mark="not_done") | ~Q(final_reason=""),
                name="activity_not_done_has_reason",
            )
        ]

    def __str__(self):
        return self.title[:80]

    @property
    def deadline(self) -> Deadline:
        return Deadline(
            self.deadline_text,
            DeadlineKind(self.deadline_kind),
            self.deadline_start,
            self.deadline_due,
            self.deadline_note,
        )

    def apply_deadline(self, deadline: Deadline) -> None:
        self.deadline_text = deadline.text
        self.deadline_kind = deadline.kind.value
        self.deadline_start = deadline.start
        self.deadline_due = deadline.due
        self.deadline_note = deadline.note[:500]
        self.deadline_understood = deadline.understood

    @property
    def is_yearly(self) -> bool:
        return self.deadline_kind == DeadlineKind.YEARLY

    @property
    def final_mark_text(self) -> str:
        """«Выполнено» or «Не выполнено: причина» (empty before the roadmap is closed)."""
        if self.final_mark == self.FinalMark.NOT_DONE:
            return f"Не выполнено: {self.final_reason}"
        return self.get_final_mark_display() if self.final_mark else ""

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DONE, self.Status.CANCELLED)

    def due_for_year(self, year: "TrackingYear") -> date:
        """The due date of a yearly activity in one tracking year."""
        start, due = self.deadline_start, self.deadline_due
        if due is not None and (start is None or (due - start).days < 363):
            # A window inside the year («ежегодно до 31 октября»): its occurrence in this year.
            for calendar_year in (year.start.year, year.end.year):
                candidate = self.deadline.due_in_year(calendar_year) or _safe_replace(
                    due, calendar_year
                )
                if year.start <= candidate <= year.end:
                    return candidate
        return year.end

    def year_rows(self, roadmap: Roadmap, today: date | None = None, marks=None) -> list[dict]:
        """Per tracking year: the due date, the mark (reported / done / returned) and overdue.
        ``marks``: the activity's year marks when the caller read them (else its year_marks)."""
        today = today or timezone.localdate()
        marks = {mark.year: mark for mark in (self.year_marks.all() if marks is None else marks)}
        rows = []
        for year in roadmap.tracking_years():
            mark = marks.get(year.key)
            due = self.due_for_year(year)
            closed = mark is not None and mark.status in (YearMark.Status.DONE,)
            waiting = mark is not None and mark.status == YearMark.Status.REPORTED
            rows.append(
                {
                    "year": year,
                    "due": due,
                    "mark": mark,
                    "overdue": roadmap.is_tracked
                    and self.status != self.Status.CANCELLED
                    and not closed
                    and not waiting
                    and due < today,
                }
            )
        return rows

    def is_overdue(self, roadmap: Roadmap, today: date | None = None, marks=None) -> bool:
        """Not done (nor reported, nor cancelled) after its derived due date.

        A yearly activity is overdue when a past year has no accepted or reported mark; a
        permanent one only when it has not even started by its first due date; an event-bound
        or not understood deadline is never overdue (there is no date to be late against).
        """
        today = today or timezone.localdate()
        if not roadmap.is_tracked or self.status in (
            self.Status.DONE,
            self.Status.CANCELLED,
            self.Status.REPORTED,
        ):
            return False
        kind = self.deadline_kind
        if kind == DeadlineKind.YEARLY:
            return any(row["overdue"] for row in self.year_rows(roadmap, today, marks))
        if kind == DeadlineKind.PERMANENT:
            return (
                self.status == self.Status.PLANNED
                and self.deadline_due is not None
                and self.deadline_due < today
            )
        if kind == DeadlineKind.DATE:
            return self.deadline_due is not None and self.deadline_due < today
        return False

    def next_due(self, roadmap: Roadmap, today: date | None = None) -> date | None:
        """The nearest due date still to meet (for «скоро срок» and the calendar)."""
        today = today or timezone.localdate()
        if self.is_yearly:
            for row in self.year_rows(roadmap, today):
                if row["mark"] is None or row["mark"].status == YearMark.Status.RETURNED:
                    return row["due"]
            return None
        return self.deadline_due


def _safe_replace(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


class YearMark(models.Model):
    """The completion of a yearly activity in one tracking year."""

    class Status(models.TextChoices):
        REPORTED = "reported", "Отчёт на проверке"
        DONE = "done", "Выполнено"
        RETURNED = "returned", "Возвращено на доработку"

    activity = models.ForeignKey(
        Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="year_marks"
    )
    year = models.PositiveSmallIntegerField("год (начало учебного года)")
    status = models.CharField("статус", max_length=20, choices=Status)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField("отчёт", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField("принято", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "отметка за год"
        verbose_name_plural = "отметки за год"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="year_mark_once_per_year")
        ]

    def __str__(self):
        return f"{self.activity_id}: {self.year} — {self.get_status_display()}"


def evidence_path(instance, filename: str) -> str:
    """Kept for old migrations; new files get a random name (:class:`RandomName`)."""
    return RandomName("evidence")(instance, filename)


class Evidence(models.Model):
    """A file or a link proving that an activity was done (the order, the report, photos)."""

    activity = models.ForeignKey(
        Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField("название", max_length=300)
    file = models.FileField("файл", upload_to=RandomName("evidence"), blank=True, max_length=300)
    url = models.URLField("ссылка", blank=True, max_length=500)
    for_year = models.PositiveSmallIntegerField("за год", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="добавил",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("добавлено", default=timezone.now)

    class Meta:
        verbose_name = "подтверждение"
        verbose_name_plural = "подтверждения"
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_file_or_url")
        ]

    def __str__(self):
        return self.title

    @property
    def filename(self) -> str:
        """The name the file downloads under (the stored name is random)."""
        if not self.file:
            return ""
        return safe_filename(self.title, stored_extension(self.file.name))

    @property
    def file_type(self) -> str:
        """«PDF», «DOCX»… as shown next to the link."""
        return stored_extension(self.file.name).lstrip(".").upper() if self.file else ""


class Comment(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name="мероприятие", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField("комментарий")
    created_at = models.DateTimeField("написан", default=timezone.now)

    class Meta:
        verbose_name = "комментарий"
        verbose_name_plural = "комментарии"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


# The municipal roadmap's schools (a model of this app, kept in its own module).
from roadmap.models_municipal import SchoolTask  # noqa: E402, F401
