"""The banks of mentees (requests) and mentors (questionnaires), and mentors' training."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords


class Difficulty(models.Model):
    """A usual professional difficulty of a teacher (профессиональный дефицит); the same list
    names mentors' competencies. Seeded by a data migration, managed in the admin."""

    name = models.CharField("название", max_length=200, unique=True)
    order = models.PositiveSmallIntegerField("порядок", default=100)
    is_active = models.BooleanField("в списке", default=True)

    class Meta:
        verbose_name = "профессиональное затруднение (компетенция)"
        verbose_name_plural = "профессиональные затруднения (компетенции)"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MentoringKind(models.TextChoices):
    """Forms of mentoring of teachers (методические рекомендации, письмо № АЗ-1128/08)."""

    TRADITIONAL = "traditional", "Традиционное (один на один)"
    GROUP = "group", "Групповое"
    VIRTUAL = "virtual", "Виртуальное"
    REVERSE = "reverse", "Реверсивное"
    SITUATIONAL = "situational", "Ситуационное"
    SPEED = "speed", "Скоростное"
    FLASH = "flash", "Флеш-наставничество"
    PEER = "peer", "Партнёрское (равный – равному)"


class WorkFormat(models.TextChoices):
    IN_PERSON = "in_person", "Очно"
    REMOTE = "remote", "Дистанционно"
    MIXED = "mixed", "Смешанно"


def _person_has_valid_consent(organisation=None):
    from participants.models.person import consents_of

    return Exists(consents_of(organisation).valid().filter(person=OuterRef("person")))


def _person_withdrawn(organisation=None):
    """The person withdrew a consent and has not consented again (``consent_withdrawn()``),
    correlated to the row's person directly; ``organisation`` limits the consents read."""
    from participants.models.person import consents_of

    consents = consents_of(organisation)
    withdrawn = Exists(consents.withdrawn().filter(person=OuterRef("person")))
    valid = Exists(consents.valid().filter(person=OuterRef("person")))
    return withdrawn & ~valid


class BankQuerySet(models.QuerySet):
    """Shared by both banks: ``IN_BANK_STATUSES`` is defined on each model."""

    def in_bank(self):
        """In the bank now: accepted by the curator and the person's consent is valid."""
        return self.filter(status__in=self.model.IN_BANK_STATUSES).filter(
            _person_has_valid_consent()
        )

    def listed(self, *, organisation=None):
        """What the bank pages and exports show: every submitted application except drafts and those
        of people whose consent is withdrawn. ``organisation``: the bank's school, whose
        consents alone are then read."""
        return self.exclude(
            status__in=[self.model.Status.DRAFT, self.model.Status.EXCLUDED]
        ).exclude(_person_withdrawn(organisation))

    def with_consent_state(self, *, organisation=None):
        """``consent_valid`` and ``consent_withdrawn`` of the person; ``organisation`` (the
        bank's school) limits the consents read to that school's, as
        :meth:`PersonQuerySet.with_consent_state`."""
        from participants.models.person import consents_of

        withdrawn = consents_of(organisation).withdrawn().filter(person=OuterRef("person"))
        return self.annotate(
            consent_valid=_person_has_valid_consent(organisation),
            consent_withdrawn=Exists(withdrawn),
        )

    def to_review(self):
        return self.filter(status=self.model.Status.SUBMITTED)


class BankApplication(models.Model):
    """What a request and a questionnaire share: the person, the status and the review."""

    person = models.ForeignKey(
        "participants.Person", verbose_name="участник", on_delete=models.CASCADE
    )
    subjects = models.CharField("предметы", max_length=300, blank=True)
    curator_comment = models.TextField("комментарий куратора", blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    submitted_at = models.DateTimeField("подан", null=True, blank=True)
    reviewed_at = models.DateTimeField("рассмотрен", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="рассмотрел",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = BankQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """The owner may edit a draft or an application returned for corrections."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class MenteeRequest(BankApplication):
    """Запрос наставляемого: what the teacher finds hard and what they expect of a mentor."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        SUBMITTED = "submitted", "На рассмотрении"
        RETURNED = "returned", "Возвращён на доработку"
        ACCEPTED = "accepted", "В банке наставляемых"
        PAIRED = "paired", "В паре"
        FINISHED = "finished", "Наставничество завершено"
        EXCLUDED = "excluded", "Исключён из банка"

    IN_BANK_STATUSES = (Status.ACCEPTED, Status.PAIRED)
    # A request that is open: a person has at most one (a finished or excluded one is history).
    OPEN_STATUSES = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.ACCEPTED,
        Status.PAIRED,
    )

    difficulties = models.ManyToManyField(
        Difficulty,
        verbose_name="профессиональные затруднения",
        blank=True,
        related_name="mentee_requests",
    )
    other_difficulty = models.TextField("другие затруднения", blank=True)
    preferred_kind = models.CharField(
        "желаемая форма наставничества", max_length=20, choices=MentoringKind, blank=True
    )
    preferred_format = models.CharField(
        "формат встреч", max_length=20, choices=WorkFormat, blank=True
    )
    expected_result = models.TextField("ожидаемый результат", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)

    history = HistoricalRecords(m2m_fields=[difficulties])

    class Meta:
        verbose_name = "запрос наставляемого"
        verbose_name_plural = "запросы наставляемых"
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["draft", "submitted", "returned", "accepted", "paired"]),
                name="mentee_request_one_open_per_person",
            )
        ]

    def __str__(self):
        return f"Запрос наставляемого: {self.person}"


class MentorProfile(BankApplication):
    """Анкета наставника: what a potential mentor can offer."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        SUBMITTED = "submitted", "Кандидат"
        RETURNED = "returned", "Возвращена на доработку"
        IN_BANK = "in_bank", "В банке"
        TRAINED = "trained", "Прошёл обучение"
        ACTIVE = "active", "Действующий наставник"
        EXCLUDED = "excluded", "Исключён из банка"

    IN_BANK_STATUSES = (Status.IN_BANK, Status.TRAINED, Status.ACTIVE)
    OPEN_STATUSES = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.IN_BANK,
        Status.TRAINED,
        Status.ACTIVE,
    )

    competencies = models.ManyToManyField(
        Difficulty, verbose_name="компетенции", blank=True, related_name="mentor_profiles"
    )
    other_competencies = models.TextField("другие компетенции", blank=True)
    experience = models.TextField(
        "опыт", blank=True, help_text="Профессиональные достижения, опыт наставничества."
    )
    kinds_offered = models.JSONField("формы наставничества", default=list, blank=True)
    work_format = models.CharField("формат встреч", max_length=20, choices=WorkFormat, blank=True)
    max_mentees = models.PositiveSmallIntegerField("наставляемых не более", default=1)
    availability = models.CharField(
        "когда удобно", max_length=300, blank=True, help_text="Дни и время для встреч."
    )
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)

    history = HistoricalRecords(m2m_fields=[competencies])

    class Meta:
        verbose_name = "анкета наставника"
        verbose_name_plural = "анкеты наставников"
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(
                    status__in=["draft", "submitted", "returned", "in_bank", "trained", "active"]
                ),
                name="mentor_profile_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(max_mentees__gte=1) & Q(max_mentees__lte=20),
                name="mentor_profile_max_mentees_range",
            ),
        ]

    def __str__(self):
        return f"Анкета наставника: {self.person}"

    def kinds_offered_labels(self) -> list[str]:
        return [MentoringKind(kind).label for kind in self.kinds_offered if kind in MentoringKind]


class MentorTraining(models.Model):
    """Обучение наставника: a course, seminar or school of mentors."""

    profile = models.ForeignKey(
        MentorProfile,
        verbose_name="анкета наставника",
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    title = models.CharField("обучение", max_length=300)
    organiser = models.CharField("кто проводил", max_length=300, blank=True)
    finished_on = models.DateField("дата окончания")
    hours = models.PositiveSmallIntegerField("часов")
    document = models.CharField(
        "документ", max_length=300, blank=True, help_text="Удостоверение, сертификат: номер и дата."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("внесено", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "обучение наставника"
        verbose_name_plural = "обучение наставников"
        ordering = ["-finished_on"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=1), name="mentor_training_hours_positive")
        ]

    def __str__(self):
        return f"{self.title} ({self.hours} ч.)"
