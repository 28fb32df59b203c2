"""Template filters for Russian documents: ``{% load portal %}``."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

from mentoring_portal.russian import plural_count

register = template.Library()


@register.filter
def date_doc(value) -> str:
    """«12 ноября 2021 г.», as Russian documents write a date; empty for no date."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not isinstance(value, date):
        return str(value)
    # "E" is the month's name in the genitive case in the Russian locale.
    return f"{format_date(value, 'j E Y')} г."


@register.filter
def date_form(value) -> str:
    """ДД.ММ.ГГГГ, as forms and tables show a date."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_date(value, "d.m.Y")


@register.simple_tag(takes_context=True)
def page_link(context, number) -> str:
    """``?<the list's filters>&page=<number>``: the pager's links keep what the list shows."""
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"


@register.filter
def plural(number, forms: str) -> str:
    """``{{ 24|plural:"год,года,лет" }}`` → «24 года»: the number with its noun agreeing."""
    if number is None or number == "":
        return ""
    one, few, many = forms.split(",")
    return plural_count(number, one, few, many)
