"""Questionnaires (анкеты), their campaigns and the answers.

Anonymity is kept in the schema, not by a promise: an anonymous campaign's ``Response`` has no
respondent and no time, and who has answered is a flag on the person's ``Invitation`` (created
when the campaign starts, so its order says nothing either). Nothing links the two, so no
answer can be traced to a person, also not by reading the database. Neither table keeps a
history.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from participants.models import Organisation, Person

SCALE_MIN, SCALE_MAX = 1, 10


class Questionnaire(models.Model):
    class ForRole(models.TextChoices):
        MENTOR = "mentor", "Наставники"
        MENTEE = "mentee", "Наставляемые"
        CURATOR = "curator", "Кураторы"
        ANY = "any", "Все участники"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title = models.CharField("название", max_length=300)
    for_role = models.CharField("для кого", max_length=10, choices=ForRole, default=ForRole.ANY)
    description = models.TextField("пояснение для участников", blank=True)
    standard_key = models.CharField("типовая анкета", max_length=30, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        """Questions change only until the first campaign starts: answers refer to them."""
        return not self.campaigns.exists()


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "Шкала от 1 до 10"
        SINGLE = "single", "Один вариант"
        MULTIPLE = "multiple", "Несколько вариантов"
        TEXT = "text", "Свободный ответ"
        YES_NO = "yes_no", "Да / нет"

    class Measure(models.TextChoices):
        """What a scale question measures for the indicators (most questions measure nothing)."""

        NONE = "", "—"
        SATISFACTION = "satisfaction", "Удовлетворённость (в показатели)"

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("№", default=0)
    text = models.TextField("вопрос")
    kind = models.CharField("вид ответа", max_length=10, choices=Kind, default=Kind.SCALE)
    choices = models.TextField(
        "варианты ответа", blank=True, help_text="Для выбора: каждый вариант с новой строки."
    )
    required = models.BooleanField("обязательный", default=True)
    measure = models.CharField(
        "учитывать в показателях", max_length=20, choices=Measure, blank=True, default=""
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "вопрос"
        verbose_name_plural = "вопросы"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class CampaignQuerySet(models.QuerySet):
    def open(self, on=None):
        on = on or timezone.localdate()
        return self.filter(closed_at__isnull=True, starts_on__lte=on, ends_on__gte=on)

    def in_year(self, organisation, start, end):
        return self.filter(organisation=organisation, starts_on__gte=start, starts_on__lte=end)


class Campaign(models.Model):
    """A questionnaire run for a period and an audience (анкетирование)."""

    class Audience(models.TextChoices):
        MENTORS = "mentors", "Все наставники"
        MENTEES = "mentees", "Все наставляемые активных пар"
        CHOSEN = "chosen", "Выбранные участники"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="campaigns"
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name="анкета",
        # Restrict: a questionnaire with campaigns is kept, unless its school goes with them.
        on_delete=models.RESTRICT,
        related_name="campaigns",
    )
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    audience = models.CharField("кого опрашиваем", max_length=10, choices=Audience)
    anonymous = models.BooleanField(
        "анонимно",
        default=False,
        help_text="Ответы нельзя будет связать с участником — даже в базе данных.",
    )
    closed_at = models.DateTimeField("завершено досрочно", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="запустил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", default=timezone.now)

    objects = CampaignQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "анкетирование"
        verbose_name_plural = "анкетирования"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="campaign_period_order"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire.title}, {self.starts_on:%d.%m.%Y} – {self.ends_on:%d.%m.%Y}"

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.closed_at is None and self.starts_on <= on <= self.ends_on

    @property
    def status_label(self) -> str:
        today = timezone.localdate()
        if self.closed_at is not None or self.ends_on < today:
            return "Завершено"
        if self.starts_on > today:
            return "Запланировано"
        return "Идёт"


class Invitation(models.Model):
    """A person of the campaign's audience, and whether they have answered."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="анкетирование", on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    answered = models.BooleanField("ответил", default=False)

    class Meta:
        verbose_name = "участник анкетирования"
        verbose_name_plural = "участники анкетирования"
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="invitation_once")
        ]

    def __str__(self):
        return f"{self.person} — {self.campaign}"


class ResponseDraft(models.Model):
    """Answers saved to finish later; deleted when the response is sent."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="response_draft_once")
        ]

    def __str__(self):
        return f"Черновик ответа на «{self.campaign}»"


class Response(models.Model):
    """A sent questionnaire. Anonymous: no respondent, no time."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="анкетирование", on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        Person,
        verbose_name="участник",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    submitted_at = models.DateTimeField("отправлена", null=True, blank=True)

    class Meta:
        verbose_name = "ответ на анкету"
        verbose_name_plural = "ответы на анкеты"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_once_per_person",
            )
        ]

    def __str__(self):
        return f"Анкета № {self.pk}"


class Answer(models.Model):
    """One question's answer: ``number`` for a scale (1–10) and yes/no (1/0), ``text`` for a
    text or a single choice, ``choices`` for several choices."""

    response = models.ForeignKey(
        Response, verbose_name="анкета", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name="вопрос", on_delete=models.CASCADE, related_name="answers"
    )
    number = models.SmallIntegerField("число", null=True, blank=True)
    text = models.TextField("текст", blank=True)
    choices = models.JSONField("выбранные варианты", default=list, blank=True)

    class Meta:
        verbose_name = "ответ на вопрос"
        verbose_name_plural = "ответы на вопросы"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=SCALE_MAX),
                name="answer_number_range",
            ),
        ]

    def __str__(self):
        return self.display

    @property
    def display(self) -> str:
        kind = self.question.kind
        if kind == Question.Kind.YES_NO:
            return {1: "Да", 0: "Нет"}.get(self.number, "")
        if kind == Question.Kind.SCALE:
            return "" if self.number is None else str(self.number)
        if kind == Question.Kind.MULTIPLE:
            return "; ".join(self.choices)
        return self.text
