"""Staff import from Excel: upload → column mapping and preview → confirm (all or nothing)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.once import (
    AlreadyConfirmedError,
    already_confirmed,
    confirm_once,
    confirmed_before,
)
from participants import importing
from participants.access import require_role
from participants.views.common import CURATORS

SESSION_KEY = "people_import"


class UploadForm(forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx)", help_text="Первая строка — заголовки.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.token = importing.save_upload(upload)
        return upload


class MappingForm(forms.Form):
    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— нет —")] + [
            (str(i), h or f"Столбец {i + 1}") for i, h in enumerate(headers)
        ]
        for key, label in importing.FIELDS.items():
            self.fields[key] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict:
        return {
            key: int(value) if value not in (None, "") else None
            for key, value in self.cleaned_data.items()
        }


def _pending(request):
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("organisation") != request.access.organisation.pk:
        return None
    return pending["token"]


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def people_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        previous = _pending(request)
        if previous:
            importing.discard(previous)
        request.session[SESSION_KEY] = {
            "token": form.token,
            "organisation": request.access.organisation.pk,
            "filename": form.cleaned_data["file"].name,
        }
        return redirect("participants:people_import_preview")
    return render(request, "participants/import_upload.html", {"form": form})


def _preview_context(request, token, data):
    try:
        headers, _ = importing.read_sheet(token)
    except ValidationError as error:
        return None, error
    initial = {
        key: "" if index is None else str(index)
        for key, index in importing.auto_mapping(headers).items()
    }
    form = MappingForm(data or None, headers=headers, initial=initial)
    if data is not None and form.is_valid():
        mapping = form.mapping()
    else:
        mapping = importing.auto_mapping(headers)
    preview = importing.build_preview(token, mapping, request.access.organisation)
    return {
        "form": form,
        "preview": preview,
        "filename": request.session[SESSION_KEY]["filename"],
        "token": token,
    }, None


@require_role(*CURATORS)
def people_import_preview(request):
    token = _pending(request)
    if token is None:
        messages.info(request, "Загрузите файл для импорта.")
        return redirect("participants:people_import")
    data = request.GET if "last_name" in request.GET else None
    context, error = _preview_context(request, token, data)
    if error:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, error.messages[0])
        return redirect("participants:people_import")
    return render(request, "participants/import_preview.html", context)


@require_role(*CURATORS)
@require_POST
def people_import_confirm(request):
    """Import once: the upload's token is consumed in the import's transaction, so a double
    click or a resent form answers «Уже загружено» instead of importing the rows again."""
    organisation = request.access.organisation
    earlier = confirmed_before(token=request.POST.get("token", ""), organisation=organisation)
    if earlier is not None:
        return already_confirmed(request, earlier)
    token = _pending(request)
    if token is None:
        messages.info(request, "Загрузите файл для импорта.")
        return redirect("participants:people_import")
    context, error = _preview_context(request, token, request.POST)
    if error:
        earlier = confirmed_before(token=token, organisation=organisation)
        if earlier is not None:  # a parallel confirmation finished (and removed the file)
            return already_confirmed(request, earlier)
        request.session.pop(SESSION_KEY, None)
        messages.error(request, error.messages[0])
        return redirect("participants:people_import")
    if not context["form"].is_valid() or not context["preview"].ok:
        # A parallel confirmation may have just imported these rows: they read as duplicates now.
        earlier = confirmed_before(token=token, organisation=organisation)
        if earlier is not None:
            return already_confirmed(request, earlier)
        messages.error(request, "В файле есть ошибки: ничего не импортировано. Исправьте файл.")
        return render(request, "participants/import_preview.html", context, status=400)
    try:
        with confirm_once(token=token, purpose="people_import", organisation=organisation) as step:
            created = importing.import_people(
                token=token, mapping=context["form"].mapping(), organisation=organisation
            )
            step.result_url = reverse("participants:person_list")
            step.result_label = f"Импортировано участников: {len(created)}."
    except AlreadyConfirmedError as refusal:
        return already_confirmed(request, refusal.step)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, f"Импортировано участников: {len(created)}.")
    return redirect("participants:person_list")
