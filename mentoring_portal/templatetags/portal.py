"""Template filters for Russian documents: ``{% load portal %}``."""

from datetime import datetime

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone
from django.utils.dateformat import format as format_date

from mentoring_portal import russian
from mentoring_portal.russian import plural_count

register = template.Library()


@register.filter
def date_doc(value) -> str:
    """«12 ноября 2021 г.» with non-breaking spaces, as Russian documents write a date; empty
    for no date."""
    return russian.date_text(value)


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


@register.simple_tag(takes_context=True)
def csrf_field(context) -> str:
    """``{% csrf_field as csrf %}``, then ``{{ csrf }}`` in each form of a table's rows: the hidden
    field of ``{% csrf_token %}``, built once for the table instead of once a form."""
    return CsrfTokenNode().render(context)


@register.filter
def plural(number, forms: str) -> str:
    """``{{ 24|plural:"год,года,лет" }}`` → «24 года»: the number with its noun agreeing."""
    if number is None or number == "":
        return ""
    one, few, many = forms.split(",")
    return plural_count(number, one, few, many)


@register.filter
def gendered(person, forms: str) -> str:
    """``{{ person|gendered:"выбыл,выбыла" }}`` → «выбыла» for a woman, «выбыл(а)» if unknown."""
    male, female = forms.split(",")
    return russian.gendered(person, male, female)


@register.filter
def clip(value, limit: int = 120) -> str:
    """``{{ title|clip:60 }}``: cut at a word boundary with «…», never inside a word."""
    return russian.clip(str(value), int(limit))


@register.filter
def typo(value) -> str:
    """``{{ text|typo }}``: the non-breaking spaces of Russian typography («№ 1-о», «30 %»)."""
    return russian.typograph(str(value)) if value else ""


@register.filter
def in_case(person, case: str = "nominative") -> str:
    """``{{ person|in_case:"вин" }}`` → «Кравцову Елену Александровну»."""
    return russian.full_name(person, case) if person else ""


@register.filter
def post_and_name(person, case: str = "nominative") -> str:
    """``{{ person|post_and_name:"вин" }}`` → «заместителя директора по УВР Кравцову Елену
    Александровну»."""
    return russian.person_in_case(person, case) if person else ""


@register.filter
def initials(person) -> str:
    """``{{ person|initials }}`` → «Е. А. Кравцова» (non-breaking spaces)."""
    return russian.initials_surname(person) if person else ""


@register.filter
def surname_initials(person) -> str:
    """``{{ person|surname_initials }}`` → «Кравцова Е. А.» (non-breaking spaces)."""
    return russian.surname_initials(person) if person else ""
