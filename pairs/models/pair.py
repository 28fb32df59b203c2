"""Mentoring pairs and groups, their members, and mentors' consent to the additional duties."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.files import RandomName
from mentoring_portal.russian import surname_initials
from mentoring_portal.versioning import Versioned
from participants.models import Organisation, Person


class PairQuerySet(models.QuerySet):
    def in_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def current(self):
        """Not finished: proposed, fixed by order or active (they hold a mentor's place)."""
        return self.filter(status__in=Pair.CURRENT_STATUSES)

    def with_members(self):
        return self.select_related("form", "kind", "fixed_by_order").prefetch_related(
            models.Prefetch(
                "members",
                queryset=PairMember.objects.select_related("person").order_by(
                    "role", "person__last_name", "person__first_name"
                ),
            )
        )


class Pair(Versioned, models.Model):
    """A pair (one mentor, one mentee) or a group (more of either side)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Предложена"
        FIXED = "fixed", "Закреплена приказом"
        ACTIVE = "active", "Работает"
        COMPLETED = "completed", "Завершена"
        ENDED_EARLY = "ended_early", "Прекращена досрочно"

    CURRENT_STATUSES = (Status.PROPOSED, Status.FIXED, Status.ACTIVE)

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="pairs"
    )
    form = models.ForeignKey(
        "pairs.MentoringForm",
        verbose_name="форма наставничества",
        on_delete=models.PROTECT,
        related_name="pairs",
        limit_choices_to={"group": "form"},
    )
    kind = models.ForeignKey(
        "pairs.MentoringForm",
        verbose_name="вид наставничества",
        on_delete=models.PROTECT,
        related_name="pairs_of_kind",
        null=True,
        blank=True,
        limit_choices_to={"group": "kind"},
    )
    goal = models.TextField("цель")
    period_start = models.DateField("начало")
    period_end = models.DateField("окончание")
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.PROPOSED)
    fixed_by_order = models.ForeignKey(
        "pairs.Order",
        verbose_name="закреплена приказом",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="fixed_pairs",
    )
    ended_on = models.DateField("дата прекращения", null=True, blank=True)
    end_reason = models.TextField("причина прекращения", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", default=timezone.now)

    objects = PairQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "наставническая пара (группа)"
        verbose_name_plural = "наставнические пары и группы"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lt=F("period_end")), name="pair_period_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="pair_ended_early_has_reason_and_date",
            ),
        ]

    def __str__(self):
        mentors = ", ".join(m.person.short_name for m in self.mentors)
        mentees = ", ".join(m.person.short_name for m in self.mentees)
        return f"{mentors} — {mentees}"

    @property
    def mentors(self) -> list["PairMember"]:
        return [m for m in self.members.all() if m.role == PairMember.Role.MENTOR]

    @property
    def mentees(self) -> list["PairMember"]:
        return [m for m in self.members.all() if m.role == PairMember.Role.MENTEE]

    @property
    def is_group(self) -> bool:
        return len(self.mentors) > 1 or len(self.mentees) > 1

    @property
    def kind_label(self) -> str:
        return "Группа" if self.is_group else "Пара"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT_STATUSES

    @property
    def is_editable(self) -> bool:
        """Only a proposal is edited; a pair fixed by order changes through a new order."""
        return self.status == self.Status.PROPOSED

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%d.%m.%Y} – {self.period_end:%d.%m.%Y}"


class PairMember(models.Model):
    class Role(models.TextChoices):
        MENTOR = "mentor", "Наставник"
        MENTEE = "mentee", "Наставляемый"

    pair = models.ForeignKey(
        Pair, verbose_name="пара", on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name="участник", on_delete=models.RESTRICT, related_name="pair_memberships"
    )
    role = models.CharField("роль", max_length=10, choices=Role)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "участник пары"
        verbose_name_plural = "участники пар"
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "person"], name="pair_member_once"),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"


class DutiesConsentQuerySet(models.QuerySet):
    @staticmethod
    def in_force_q(on: date | None = None) -> Q:
        """The one rule: not withdrawn and the additional agreement dated ``on`` or earlier."""
        on = on or timezone.localdate()
        return Q(withdrawn_on__isnull=True, agreement_date__lte=on)

    def in_force(self, on: date | None = None):
        return self.filter(self.in_force_q(on))

    def not_withdrawn(self):
        return self.filter(withdrawn_on__isnull=True)

    def with_in_force(self, on: date | None = None):
        """Each consent with ``is_in_force`` by the same rule as :meth:`in_force`."""
        return self.annotate(
            is_in_force=models.ExpressionWrapper(
                self.in_force_q(on), output_field=models.BooleanField()
            )
        )


class DutiesConsent(models.Model):
    """The mentor's written consent to the additional duties (согласие на возложение
    дополнительных обязанностей) and the additional agreement to the labour contract that
    mentoring needs since 01.03.2025 (ст. 351.8 ТК РФ)."""

    class Method(models.TextChoices):
        ONLINE = "online", "Онлайн на портале"
        PAPER = "paper", "На бумаге (скан)"

    person = models.ForeignKey(
        Person,
        verbose_name="наставник",
        on_delete=models.CASCADE,
        related_name="duties_consents",
    )
    method = models.CharField("способ", max_length=10, choices=Method)
    given_on = models.DateField("дата согласия")
    typed_name = models.CharField("ФИО, введённые для подтверждения", max_length=300, blank=True)
    scan = models.FileField(
        "скан согласия", upload_to=RandomName("duties_consents"), blank=True, max_length=300
    )
    agreement_number = models.CharField("номер дополнительного соглашения", max_length=50)
    agreement_date = models.DateField("дата дополнительного соглашения")
    withdrawn_on = models.DateField("дата отказа", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("внесено", default=timezone.now)

    objects = DutiesConsentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta:
        verbose_name = "согласие на дополнительные обязанности наставника"
        verbose_name_plural = "согласия на дополнительные обязанности наставников"
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method="online", typed_name__gt="") | Q(method="paper"),
                name="duties_consent_online_has_typed_name",
            ),
            models.CheckConstraint(
                condition=~Q(agreement_number=""), name="duties_consent_has_agreement_number"
            ),
        ]

    def __str__(self):
        return (
            f"Согласие {surname_initials(self.person, 'genitive')} от {self.given_on:%d.%m.%Y}, "
            "доп. соглашение "
            f"№ {self.agreement_number} от {self.agreement_date:%d.%m.%Y}"
        )


def needs_duties_consent(person: Person, on: date | None = None) -> bool:
    """An adult mentor (not a pupil) must give the written consent and sign the agreement."""
    return person.category != Person.Category.STUDENT and not person.is_minor(on)
