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


@register.filter(is_safe=True)  # adds only no-break spaces: escaped text stays escaped
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


@register.simple_tag
def filter_field(field) -> str:
    """A list filter's field as crispy's Bootstrap 5 field renders it — label, then the input or
    the select with crispy's classes — built in Python for the two widgets a filter bar uses (a
    text box and a single choice). The filter bar is on every list page, and crispy's templates
    and Django's widget templates cost more than the table's fifty rows. Anything else (a field
    with an error, another widget) goes through crispy as before."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django import forms
    from django.utils.html import format_html, format_html_join

    widget = field.field.widget
    kind = type(widget)
    if field.errors or widget.attrs or kind not in (forms.TextInput, forms.Select):
        return as_crispy_field(field)
    label = format_html(
        '<label for="{}" class="form-label">{}</label>', field.id_for_label, field.label
    )
    value = field.value()
    if kind is forms.TextInput:
        control = format_html(
            '<input type="text" name="{}"{} class="textinput form-control" id="{}">',
            field.html_name,
            format_html(' value="{}"', value) if value not in (None, "") else "",
            field.auto_id,
        )
    else:
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == chosen else "", text)
                for key, text in field.field.choices
            ),
        )
        control = format_html(
            '<select name="{}" class="select form-select" id="{}">{}</select>',
            field.html_name,
            field.auto_id,
            options,
        )
    return format_html('<div id="div_{}" class="mb-3">{}{}</div>', field.auto_id, label, control)


_ROW_URLS: dict[tuple, tuple[str, str]] = {}
_PLACEHOLDER = "2147483647"  # a pk no row has (the largest integer key)


@register.simple_tag
def row_url(name: str, pk) -> str:
    """``{% url name pk %}`` for the rows of a list: the URL is reversed once (per URLconf and
    script prefix) with a placeholder pk, and each row puts its own pk in — fifty reverse()
    calls a page cost more than the rest of the row (as roadmap.links does for the roadmap)."""
    from django.conf import settings
    from django.urls import get_script_prefix, get_urlconf, reverse

    key = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    parts = _ROW_URLS.get(key)
    if parts is None:
        head, tail = reverse(name, args=[_PLACEHOLDER]).split(_PLACEHOLDER)
        parts = _ROW_URLS[key] = (head, tail)
    return f"{parts[0]}{int(pk)}{parts[1]}"
