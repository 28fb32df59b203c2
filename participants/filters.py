"""Filters of the people list and the two banks (django-filter)."""

import django_filters
from django.db.models import Q

from participants.models import Difficulty, MenteeRequest, MentorProfile, Person
from participants.models.person import YOUNG_TEACHER_AGE, years_ago

CONSENT_STATES = [
    ("valid", "Действует"),
    ("missing", "Нет согласия"),
    ("withdrawn", "Отозвано"),
]
YES_NO = [("yes", "Да"), ("no", "Нет")]


def search_people(queryset, prefix: str, value: str):
    for word in value.split():
        queryset = queryset.filter(
            Q(**{f"{prefix}last_name__icontains": word})
            | Q(**{f"{prefix}first_name__icontains": word})
            | Q(**{f"{prefix}middle_name__icontains": word})
            | Q(**{f"{prefix}position__icontains": word})
        )
    return queryset


def filter_consent_state(queryset, value: str):
    """Expects the ``consent_valid``/``consent_withdrawn`` annotations."""
    if value == "valid":
        return queryset.filter(consent_valid=True)
    if value == "missing":
        return queryset.filter(consent_valid=False, consent_withdrawn=False)
    if value == "withdrawn":
        return queryset.filter(consent_valid=False, consent_withdrawn=True)
    return queryset


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск", method="filter_q")
    category = django_filters.ChoiceFilter(
        label="Категория", choices=Person.Category.choices, empty_label="Все категории"
    )
    consent = django_filters.ChoiceFilter(
        label="Согласие", choices=CONSENT_STATES, method="filter_consent", empty_label="Любое"
    )

    class Meta:
        model = Person
        fields = ["q", "category", "consent"]

    def filter_q(self, queryset, name, value):
        return search_people(queryset, "", value)

    def filter_consent(self, queryset, name, value):
        return filter_consent_state(queryset, value)


class BankFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск", method="filter_q")
    category = django_filters.ChoiceFilter(
        field_name="person__category",
        label="Категория",
        choices=Person.Category.choices,
        empty_label="Все категории",
    )
    subject = django_filters.CharFilter(label="Предмет", method="filter_subject")
    consent = django_filters.ChoiceFilter(
        label="Согласие", choices=CONSENT_STATES, method="filter_consent", empty_label="Любое"
    )
    under_35 = django_filters.ChoiceFilter(
        label="Педагоги до 35 лет", choices=YES_NO, method="filter_under_35", empty_label="Все"
    )
    has_pair = django_filters.ChoiceFilter(
        label="В паре", choices=YES_NO, method="filter_has_pair", empty_label="Все"
    )

    def filter_q(self, queryset, name, value):
        return search_people(queryset, "person__", value)

    def filter_subject(self, queryset, name, value):
        return queryset.filter(Q(subjects__icontains=value) | Q(person__subjects__icontains=value))

    def filter_consent(self, queryset, name, value):
        return filter_consent_state(queryset, value)

    def filter_under_35(self, queryset, name, value):
        from django.utils import timezone

        born_after = years_ago(timezone.localdate(), YOUNG_TEACHER_AGE)
        teachers = Q(
            person__category__in=[Person.Category.TEACHER, Person.Category.YOUNG_SPECIALIST]
        )
        young = teachers & Q(person__birth_date__gt=born_after)
        return queryset.filter(young) if value == "yes" else queryset.exclude(young)

    def filter_has_pair(self, queryset, name, value):
        # Until the pairs app exists, «in a pair» is the bank status set when a pair is fixed.
        paired = Q(status__in=self.PAIRED_STATUSES)
        return queryset.filter(paired) if value == "yes" else queryset.exclude(paired)


class MenteeBankFilter(BankFilter):
    PAIRED_STATUSES = [MenteeRequest.Status.PAIRED]
    status = django_filters.ChoiceFilter(
        label="Статус",
        choices=[c for c in MenteeRequest.Status.choices if c[0] not in ("draft", "excluded")],
        empty_label="Все статусы",
    )
    difficulty = django_filters.ModelChoiceFilter(
        field_name="difficulties",
        label="Затруднение",
        queryset=Difficulty.objects.filter(is_active=True),
        empty_label="Любое",
    )

    class Meta:
        model = MenteeRequest
        fields = ["q", "status", "category", "subject", "difficulty", "consent", "under_35"]


class MentorBankFilter(BankFilter):
    PAIRED_STATUSES = [MentorProfile.Status.ACTIVE]
    status = django_filters.ChoiceFilter(
        label="Статус",
        choices=[c for c in MentorProfile.Status.choices if c[0] not in ("draft", "excluded")],
        empty_label="Все статусы",
    )
    competency = django_filters.ModelChoiceFilter(
        field_name="competencies",
        label="Компетенция",
        queryset=Difficulty.objects.filter(is_active=True),
        empty_label="Любая",
    )

    class Meta:
        model = MentorProfile
        fields = ["q", "status", "category", "subject", "competency", "consent", "under_35"]
