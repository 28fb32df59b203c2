"""People of a school: teachers, pupils, parents and external participants."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.versioning import Versioned
from participants.models.organisation import Organisation

ADULT_AGE = 18
YOUNG_TEACHER_AGE = 35


def years_ago(on: date, years: int) -> date:
    """The date ``years`` before ``on`` (29 February falls back to 28 February)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def consents_of(organisation=None) -> models.QuerySet:
    """The consents of ``organisation``'s people, or every consent when it is None."""
    from participants.models.consent import Consent

    consents = Consent.objects.all()
    if organisation is not None:
        consents = consents.filter(person__organisation=organisation)
    return consents


class PersonQuerySet(models.QuerySet):
    def in_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def teachers(self):
        """Teaching staff: педагоги and молодые специалисты."""
        return self.filter(category__in=[Person.Category.TEACHER, Person.Category.YOUNG_SPECIALIST])

    def under_35(self, on: date | None = None):
        """People younger than 35 on ``on`` (today by default); unknown birth dates are left out.

        The monitoring counts teachers under 35: ``Person.objects.teachers().under_35(on=…)``.
        """
        on = on or timezone.localdate()
        return self.filter(birth_date__gt=years_ago(on, YOUNG_TEACHER_AGE))

    def with_consent_state(self, on: date | None = None, *, organisation=None):
        """Annotate ``consent_valid`` and ``consent_withdrawn`` (booleans) in the same query.

        ``organisation``: the school whose people the rows are (every list of a school). Then
        only that school's consents are read: for a page of rows PostgreSQL answers each EXISTS
        from one hashed scan of the consents, which without it is every consent of the region.
        """
        consents = consents_of(organisation)
        return self.annotate(
            consent_valid=Exists(consents.valid(on=on).filter(person=OuterRef("pk"))),
            consent_withdrawn=Exists(consents.withdrawn().filter(person=OuterRef("pk"))),
        )

    def with_valid_consent(self, on: date | None = None):
        """People with a consent given, not withdrawn and not expired: the only ones a bank or
        a pair may hold."""
        from participants.models.consent import Consent

        return self.filter(Exists(Consent.objects.valid(on=on).filter(person=OuterRef("pk"))))

    def without_valid_consent(self, on: date | None = None):
        from participants.models.consent import Consent

        return self.exclude(Exists(Consent.objects.valid(on=on).filter(person=OuterRef("pk"))))

    def consent_withdrawn(self):
        """People whose consent was withdrawn and who have not consented again: they must not
        appear in banks, pairs, lists of the program or exports."""
        from participants.models.consent import Consent

        return self.filter(
            Exists(Consent.objects.withdrawn().filter(person=OuterRef("pk")))
        ).without_valid_consent()

    def not_withdrawn(self):
        """Everybody but the people of :meth:`consent_withdrawn`: no withdrawn consent, or a valid
        one given again. Both are EXISTS on the row's own consents, so the query reads only the
        consents of the people it returns (a school's), not every withdrawal of the district."""
        from participants.models.consent import Consent

        withdrawn = Exists(Consent.objects.withdrawn().filter(person=OuterRef("pk")))
        valid = Exists(Consent.objects.valid().filter(person=OuterRef("pk")))
        return self.filter(~withdrawn | valid)

    def with_publication_consent(self, on: date | None = None):
        """Annotate ``may_publish`` and ``may_publish_photo``: the person may be named (and shown
        in a photograph) in public — a consent to distribution (ст. 10.1 152-ФЗ) in force, while
        the consent to processing is in force too. The one rule the public section reads."""
        from participants.models.consent import Consent
        from participants.models.publication import PublicationConsent

        in_force = PublicationConsent.objects.valid(on=on).filter(
            Exists(Consent.objects.valid(on=on).filter(person=OuterRef("person"))),
            person=OuterRef("pk"),
        )
        return self.annotate(
            may_publish=Exists(in_force), may_publish_photo=Exists(in_force.filter(photo=True))
        )

    def present(self):
        """People who have not left the organisation: the only ones a picker offers."""
        return self.filter(left_on__isnull=True)


class Person(Versioned, models.Model):
    """A participant of the program: a teacher, a pupil, a parent, an external mentor."""

    class Category(models.TextChoices):
        TEACHER = "teacher", "Педагог"
        YOUNG_SPECIALIST = "young_specialist", "Молодой специалист"
        MANAGER = "manager", "Администрация"
        STUDENT = "student", "Обучающийся"
        PARENT = "parent", "Родитель (законный представитель)"
        EXTERNAL_STUDENT = "external_student", "Внешний участник: студент"
        EMPLOYER = "employer", "Внешний участник: работодатель"
        GRADUATE = "graduate", "Внешний участник: выпускник"

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="people"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    category = models.CharField(
        "категория", max_length=20, choices=Category, default=Category.TEACHER
    )
    position = models.CharField("должность", max_length=200, blank=True)
    school_class = models.CharField("класс", max_length=10, blank=True)
    subjects = models.CharField("предметы", max_length=300, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        "педагогический стаж, лет", null=True, blank=True
    )
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    contacts = models.CharField(
        "другие контакты", max_length=300, blank=True, help_text="Мессенджер, рабочий кабинет …"
    )
    legal_representative = models.ForeignKey(
        "self",
        verbose_name="законный представитель",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="represented",
        help_text="Для несовершеннолетнего обучающегося: родитель или иной законный представитель.",
    )
    anonymised_at = models.DateTimeField("обезличен", null=True, blank=True, editable=False)
    # Set by the staff change of the year change (school_year): a person who left is kept for
    # the record and offered by no picker.
    left_on = models.DateField("выбыл", null=True, blank=True, editable=False)
    left_reason = models.CharField("причина выбытия", max_length=300, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участники"
        ordering = ["last_name", "first_name", "middle_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(user__isnull=False),
                name="person_one_per_user_and_organisation",
            ),
        ]

    def __str__(self):
        return self.short_name

    @property
    def full_name(self) -> str:
        """«Иванова Мария Петровна»."""
        return " ".join(
            part for part in (self.last_name, self.first_name, self.middle_name) if part
        )

    @property
    def short_name(self) -> str:
        """«Иванова М. П.», as Russian documents name people."""
        initials = " ".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip()

    def age(self, on: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        on = on or timezone.localdate()
        return (
            on.year
            - self.birth_date.year
            - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        )

    def is_minor(self, on: date | None = None) -> bool:
        age = self.age(on)
        return age is not None and age < ADULT_AGE

    def is_under_35(self, on: date | None = None) -> bool:
        age = self.age(on)
        return age is not None and age < YOUNG_TEACHER_AGE

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def valid_consent(self, on: date | None = None):
        """The consent in force (the latest one), or None."""
        return self.consents.valid(on=on).order_by("-given_at").first()

    def has_valid_consent(self, on: date | None = None) -> bool:
        """A consent given, not withdrawn and not expired. Uses the ``consent_valid``
        annotation of :meth:`PersonQuerySet.with_consent_state` when present."""
        if on is None and hasattr(self, "consent_valid"):
            return self.consent_valid
        return self.consents.valid(on=on).exists()

    def consent_subject_for(self, user) -> bool:
        """True when ``user`` may consent for this person: the person themself, or the legal
        representative of a minor."""
        if self.user_id and self.user_id == user.pk:
            return True
        representative = self.legal_representative
        return bool(representative and representative.user_id == user.pk)
