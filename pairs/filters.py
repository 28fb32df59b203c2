"""Filters of the pairs list and the register of orders (django-filter)."""

import django_filters
from django.db.models import Q

from pairs.models import MentoringForm, Order, OrderKind, Pair


class PairFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="ФИО", method="filter_q")
    status = django_filters.ChoiceFilter(label="Статус", choices=Pair.Status.choices)
    form = django_filters.ModelChoiceFilter(
        label="Форма", queryset=MentoringForm.objects.filter(group=MentoringForm.Group.FORM)
    )

    class Meta:
        model = Pair
        fields = ["q", "status", "form"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(members__person__last_name__icontains=word)
                | Q(members__person__first_name__icontains=word)
            )
        return queryset.distinct()


class OrderFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="Год")
    kind = django_filters.ChoiceFilter(label="Вид", choices=OrderKind.choices)
    status = django_filters.ChoiceFilter(label="Статус", choices=Order.Status.choices)
    q = django_filters.CharFilter(label="Заголовок или номер", method="filter_q")

    class Meta:
        model = Order
        fields = ["year", "kind", "status", "q"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        number = value.removesuffix("-о").removesuffix("-o")
        if number.isdigit():
            return queryset.filter(Q(number=int(number)) | Q(title__icontains=value))
        return queryset.filter(title__icontains=value)
