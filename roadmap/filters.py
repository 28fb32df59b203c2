"""Filters of a roadmap's activities (one FilterSet for the table, Excel and the calendar)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from mentoring_portal.widgets import DateInput
from participants.models import Person
from roadmap.models import Activity, Stage


def _date_filter(label, method):
    return django_filters.DateFilter(
        label=label,
        method=method,
        widget=DateInput(),
    )


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Текст", method="filter_text")
    stage = django_filters.ModelChoiceFilter(
        label="Этап", queryset=Stage.objects.none(), empty_label="Все этапы"
    )
    status = django_filters.ChoiceFilter(
        label="Статус", choices=Activity.Status.choices, empty_label="Любой статус"
    )
    responsible = django_filters.ModelChoiceFilter(
        label="Ответственный",
        field_name="responsible_people",
        queryset=Person.objects.none(),
        empty_label="Все",
    )
    overdue = django_filters.BooleanFilter(
        label="Только просроченные",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    due_from = _date_filter("Срок с", "filter_due_from")
    due_to = _date_filter("Срок по", "filter_due_to")

    class Meta:
        model = Activity
        fields = ["q", "stage", "status", "responsible", "overdue", "due_from", "due_to"]

    def __init__(self, data=None, *args, roadmap, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.roadmap = roadmap
        self.filters["stage"].queryset = roadmap.stages.order_by("order", "pk")
        self.filters["responsible"].queryset = Person.objects.filter(
            organisation=roadmap.organisation, user__isnull=False
        )

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(
            value not in (None, "", False) for value in self.form.cleaned_data.values()
        )

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(result_form__icontains=word)
                | Q(responsible_roles__icontains=word)
                | Q(deadline_text__icontains=word)
                | Q(notes__icontains=word)
            )
        return queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        ids = [
            activity.pk
            for activity in queryset.prefetch_related("year_marks")
            if activity.is_overdue(self.roadmap, today)
        ]
        return queryset.filter(pk__in=ids)

    # «Due within a period»: the derived window [start or due, due] meets [from, to].
    def filter_due_from(self, queryset, name, value):
        return queryset.filter(deadline_due__gte=value)

    def filter_due_to(self, queryset, name, value):
        return queryset.filter(
            Q(deadline_start__lte=value) | Q(deadline_start__isnull=True, deadline_due__lte=value)
        )


def roadmap_activities(roadmap):
    return Activity.objects.filter(stage__roadmap=roadmap).distinct()


def filter_roadmap_activities(data, roadmap) -> tuple[ActivityFilter, set[int] | None]:
    """The filter bound to ``data`` (the query string) and the ids it keeps; ``None`` when no
    condition is set, so the table, Excel and the page show the whole roadmap at no extra query."""
    activity_filter = ActivityFilter(
        data or None, queryset=roadmap_activities(roadmap), roadmap=roadmap
    )
    if activity_filter.is_bound and activity_filter.is_valid() and activity_filter.is_active:
        return activity_filter, set(activity_filter.qs.values_list("pk", flat=True))
    return activity_filter, None
