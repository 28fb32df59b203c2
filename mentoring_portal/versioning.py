"""Optimistic locking of the records several people edit (activity, stage, person, pair, order
draft, personal program).

A versioned record carries a ``version`` number. Its edit form carries, hidden, the version it
was loaded with; the save moves the record from that version to the next with one
``UPDATE … SET version = version + 1 WHERE pk = … AND version = N`` inside the saving
transaction. When someone else saved in between, the UPDATE touches no row: the save is refused,
nothing is overwritten, and the form shows what is saved now and who saved it, and carries the
new version, so saving again after a look is a deliberate choice.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import timezone

from mentoring_portal.russian import gendered

NOBODY = "другой пользователь"


class Versioned(models.Model):
    version = models.PositiveIntegerField("версия", default=1, editable=False)

    class Meta:
        abstract = True


class StaleEditError(ValidationError):
    """Someone saved the record after the form was loaded; ``current`` is the record now."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            "Пока вы редактировали, эту запись сохранил другой пользователь.", code="stale_edit"
        )


def claim_version(record, version: int | None) -> None:
    """Inside the caller's transaction: move ``record`` from ``version`` (the one its form was
    loaded with) to the next, or raise :class:`StaleEditError` with the record as saved now.

    ``version`` None (a write that comes from no edit form) moves to the next version as it is.
    A new record (no pk yet) starts at version 1.
    """
    if record.pk is None:
        return
    manager = type(record)._default_manager
    rows = manager.filter(pk=record.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise StaleEditError(manager.get(pk=record.pk))
    record.version = manager.filter(pk=record.pk).values_list("version", flat=True).get()


def _shown(field: forms.Field, value) -> str:
    """A saved value as the person reads it."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [getattr(item, "pk", item) for item in value]
        people = field.queryset.model._default_manager.filter(pk__in=pks)
        return ", ".join(str(item) for item in people)
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):
            value = field.queryset.model._default_manager.filter(pk=value).first()
        return str(value) if value is not None else "—"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.BooleanField):
        return "да" if value else "нет"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"


def _quoted(text: str) -> str:
    return text if text == "—" else f"«{text}»"


def _saved_by(record) -> str:
    """«сохранила Иванова Мария (дата)»: who saved the record last and when, from its history
    when it keeps one; the verb agrees with the name."""
    history = getattr(record, "history", None)
    latest = history.select_related("history_user").first() if history is not None else None
    if latest is None:
        return f"сохранил {NOBODY}"  # «пользователь»: masculine
    user = latest.history_user
    who = (user.get_full_name() or user.username) if user is not None else NOBODY
    verb = gendered(user, "сохранил", "сохранила") if user is not None else "сохранил"
    return f"{verb} {who} ({timezone.localtime(latest.history_date):%d.%m.%Y в %H:%M})"


class VersionedFormMixin:
    """An edit form that carries its record's version and shows a stale save's refusal.

    A ModelForm gets the hidden field by itself; a plain form calls :meth:`carry_version` with
    its record and overrides :meth:`record_initial`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None:
            self.carry_version(instance)

    def carry_version(self, record) -> None:
        if record is None or record.pk is None:
            return
        # Not required: a form sent without it (a script, a page from before this field) saves
        # as a write from no form does; every page the portal renders carries it.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=record.version, min_value=1, required=False
        )
        helper = getattr(self, "helper", None)
        if helper is not None:  # a crispy layout renders the hidden field too
            helper.render_hidden_fields = True

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version") if "version" in self.fields else None

    def record_initial(self, record) -> dict:
        """The form's initial values for ``record`` (what an unbound form would show)."""
        return model_to_dict(record, fields=list(self.fields))

    def save_versioned(self):
        """A ModelForm's save behind the version check, in one transaction."""
        with transaction.atomic():
            claim_version(self.instance, self.loaded_version)
            return self.save()

    def show_stale(self, error: StaleEditError) -> None:
        """Refuse the save on the form: who saved, and every field whose saved value differs
        from this form's; the form now carries the saved version."""
        current = error.current
        saved = self.record_initial(current)
        differences = [
            f"«{field.label}»: {_quoted(_shown(field, saved[name]))}"
            for name, field in self.fields.items()
            if name != "version"
            and name in saved
            and field.has_changed(saved[name], self[name].data)
        ]
        message = (
            f"Пока вы редактировали, запись {_saved_by(current)}. Ваши изменения не сохранены."
        )
        if differences:
            message += " Сейчас сохранено: " + "; ".join(differences) + "."
        message += " Проверьте поля и сохраните ещё раз, если нужен ваш вариант."
        self.add_error(None, ValidationError(message, code="stale_edit"))
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current.version)
        self.data = data
