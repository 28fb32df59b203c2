"""Form widgets shared by the apps (they import no app: the search URL is handed in)."""

from django import forms


class PickerSelectMultiple(forms.SelectMultiple):
    """A multi-select that searches as one types and shows the chosen names as chips.

    Tom Select (the copy vendored in django-tomselect's static files, loaded by base.html) turns
    every ``select[data-picker-url]`` into a picker (static/js/pickers.js); it asks
    ``url?q=…`` for ``{"results": [{"value", "text"}]}``. Only the chosen options are rendered, so
    a form does not carry the school's whole list of people; without JavaScript the chosen names
    stay a plain multi-select.
    """

    def __init__(self, *, url, placeholder="Начните вводить фамилию", attrs=None):
        super().__init__(attrs)
        self.url = url
        self.placeholder = placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-picker-url"] = str(self.url)
        widget_attrs["data-placeholder"] = self.placeholder
        return context

    def optgroups(self, name, value, attrs=None):
        chosen = {str(v) for v in value if v not in (None, "")}
        if not chosen:
            return []
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:  # plain choices: keep the chosen ones
            options = [(k, v) for k, v in self.choices if str(k) in chosen]
        else:
            field = iterator.field
            pks = [v for v in chosen if v.isdigit()]
            options = [
                (obj.pk, field.label_from_instance(obj)) for obj in queryset.filter(pk__in=pks)
            ]
        return [
            (None, [self.create_option(name, pk, label, True, index, attrs=attrs)], index)
            for index, (pk, label) in enumerate(options)
        ]


class DateInput(forms.DateInput):
    """A date as ``<input type="date">``: a Russian browser shows and takes ДД.ММ.ГГГГ, a phone
    opens its calendar, and the value travels as ISO (which every date field accepts besides
    ДД.ММ.ГГГГ). ``min``/``max`` (ISO) bound the calendar: see :func:`date_bounds`."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_bounds(field, start=None, end=None) -> None:
    """Let the calendar of a date field open only inside ``start``–``end`` (a roadmap's or a
    pair's period); the form still checks the period itself, with its message."""
    if start is not None:
        field.widget.attrs["min"] = start.isoformat()
    if end is not None:
        field.widget.attrs["max"] = end.isoformat()
