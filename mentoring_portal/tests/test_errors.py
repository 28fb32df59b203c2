"""The portal's one refusal type and the one helper that shows it."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from mentoring_portal.errors import ServiceError, attempt, show_error
from roadmap.importing import RoadmapImportError


class _Form(forms.Form):
    comment = forms.CharField(required=False)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_is_a_validation_error_with_a_code_and_a_readable_str():
    error = ServiceError(["Первая причина.", "Вторая причина."], code="pairs_not_ready")
    assert isinstance(error, ValidationError)
    assert [e.code for e in error.error_list] == ["pairs_not_ready", "pairs_not_ready"]
    assert str(error) == "Первая причина. Вторая причина."
    assert ServiceError("Нельзя.").code == "refused"


def test_the_import_error_is_a_portal_refusal_not_a_module_import_error():
    error = RoadmapImportError("Файл пустой.", code="empty")
    assert isinstance(error, ServiceError)
    assert not isinstance(error, ImportError)
    assert (error.message, error.code, str(error)) == ("Файл пустой.", "empty", "Файл пустой.")


def test_show_error_puts_each_sentence_on_its_field_or_above_the_form():
    form = _Form(data={})
    form.is_valid()
    show_error(
        _request(),
        ServiceError({"comment": ["Напишите, что исправить."], "nofield": ["Общая причина."]}),
        form=form,
    )
    assert form.errors["comment"] == ["Напишите, что исправить."]
    assert form.non_field_errors() == ["Общая причина."]


def test_show_error_without_a_form_is_one_message_per_sentence():
    request = _request()
    show_error(request, ServiceError(["Первая.", "Вторая."]))
    assert [str(m) for m in get_messages(request)] == ["Первая.", "Вторая."]


def test_attempt_says_done_or_shows_the_refusal():
    request = _request()
    assert attempt(request, lambda: None, "Готово.")

    def refused():
        raise ServiceError("Нельзя.", code="refused")

    assert not attempt(request, refused, "Готово.")
    assert [str(m) for m in get_messages(request)] == ["Готово.", "Нельзя."]
