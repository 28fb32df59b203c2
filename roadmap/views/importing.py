"""«Импорт дорожной карты»: upload → preview (editable) → confirm → a draft roadmap.

Nothing is written before the confirmation. Between the steps the understood roadmap is kept in
the session as JSON under a random token (never the uploaded file); it belongs to the school it
was uploaded for, and another school's curator cannot open it.
"""

import secrets

from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.errors import ServiceError
from mentoring_portal.once import (
    AlreadyConfirmedError,
    already_confirmed,
    confirm_once,
    confirmed_before,
)
from participants.models import Role
from roadmap.forms_import import ImportPreviewForms, ImportUploadForm
from roadmap.importing import RoadmapImportError, structure
from roadmap.importing.result import ImportedRoadmap
from roadmap.importing.saving import match_people, roadmap_import
from roadmap.permissions import require_roadmap_role

SESSION_KEY = "roadmap_imports"
KEEP_PREVIEWS = 3


def _store(request, token: str, imported: ImportedRoadmap, filename: str) -> None:
    previews = dict(request.session.get(SESSION_KEY, {}))
    previews.pop(token, None)
    while len(previews) >= KEEP_PREVIEWS:
        previews.pop(next(iter(previews)))
    previews[token] = {
        "organisation": request.access.organisation.pk,
        "filename": filename,
        "data": imported.to_dict(),
    }
    request.session[SESSION_KEY] = previews


def _load(request, token: str) -> dict | None:
    stored = request.session.get(SESSION_KEY, {}).get(token)
    if not stored or stored.get("organisation") != request.access.organisation.pk:
        return None
    return stored


def _drop(request, token: str) -> None:
    previews = dict(request.session.get(SESSION_KEY, {}))
    previews.pop(token, None)
    request.session[SESSION_KEY] = previews


def _expired(request):
    messages.warning(
        request, "Предпросмотр импорта не найден или устарел — загрузите файл ещё раз."
    )
    return redirect("roadmap:import")


@require_http_methods(["GET", "POST"])
@require_roadmap_role(Role.CURATOR)
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(12)
        _store(request, token, form.imported, form.cleaned_data["file"].name)
        return redirect("roadmap:import_preview", token=token)
    return render(request, "roadmap/import_upload.html", {"form": form})


def _render_preview(request, token, stored, forms, status=200):
    imported = forms.imported
    names = {name for a in imported.activities for name in a.responsible_people_names}
    people = match_people(request.access.organisation, names)
    rows = iter(forms.rows.forms)
    stages = []
    index = 0
    for stage, stage_form in zip(imported.stages, forms.stages.forms, strict=False):
        stage_rows = []
        for position, activity in enumerate(stage.activities):
            row_form = next(rows, None)
            stage_rows.append(
                {
                    "index": index,
                    "first": position == 0,
                    "form": row_form,
                    "activity": activity,
                    "people": [
                        (name, people.get(name)) for name in activity.responsible_people_names
                    ],
                }
            )
            index += 1
        stages.append({"stage": stage, "form": stage_form, "rows": stage_rows})
    context = {
        "token": token,
        "filename": stored["filename"],
        "imported": imported,
        "forms": forms,
        "stages": stages,
        "activity_count": len(imported.activities),
        "unsure_count": imported.unsure_count,
        "matched_count": sum(1 for person in people.values() if person),
        "confirm_url": reverse("roadmap:import_confirm", kwargs={"token": token}),
    }
    return render(request, "roadmap/import_preview.html", context, status=status)


@require_http_methods(["GET", "POST"])
@require_roadmap_role(Role.CURATOR)
def import_preview(request, token):
    """GET shows what was understood; POST applies the curator's corrections and shows it again."""
    stored = _load(request, token)
    if stored is None:
        return _expired(request)
    imported = ImportedRoadmap.from_dict(stored["data"])
    if request.method == "POST":
        forms = ImportPreviewForms(request.POST, imported)
        if forms.is_valid():
            _store(request, token, forms.apply(), stored["filename"])
            messages.success(request, "Исправления учтены. Проверьте и подтвердите импорт.")
            return redirect("roadmap:import_preview", token=token)
        return _render_preview(request, token, stored, forms, status=200)
    return _render_preview(request, token, stored, ImportPreviewForms(None, imported))


@require_POST
@require_roadmap_role(Role.CURATOR)
def import_confirm(request, token):
    """Create the draft roadmap from the (corrected) preview, all or nothing, once: the token
    is consumed in the same transaction, a second confirmation answers «Уже загружено»."""
    earlier = confirmed_before(token=token, organisation=request.access.organisation)
    if earlier is not None:
        return already_confirmed(request, earlier)
    stored = _load(request, token)
    if stored is None:
        return _expired(request)
    forms = ImportPreviewForms(request.POST, ImportedRoadmap.from_dict(stored["data"]))
    if not forms.is_valid():
        return _render_preview(request, token, stored, forms)
    imported = forms.apply()
    organisation = request.access.organisation
    try:
        with confirm_once(token=token, purpose="roadmap_import", organisation=organisation) as step:
            roadmap = roadmap_import(organisation=organisation, imported=imported, by=request.user)
            step.result_url = reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
            step.result_label = f"Создан черновик дорожной карты «{roadmap.title}»."
    except AlreadyConfirmedError as refusal:
        return already_confirmed(request, refusal.step)
    except (ServiceError, DatabaseError) as error:
        messages.error(request, f"Дорожная карта не создана, ничего не записано: {error}")
        return _render_preview(request, token, stored, forms)
    _drop(request, token)
    messages.success(
        request,
        f"Создан черновик дорожной карты: этапов {len(imported.stages)}, мероприятий "
        f"{len(imported.activities)}. Проверьте его и направьте на утверждение.",
    )
    return redirect("roadmap:detail", pk=roadmap.pk)


def _restructure(request, token, change, position: int):
    """Apply the curator's unsaved corrections from the posted preview, then ``change`` the
    structure at ``position``; back to the preview either way (nothing is written)."""
    stored = _load(request, token)
    if stored is None:
        return _expired(request)
    forms = ImportPreviewForms(request.POST, ImportedRoadmap.from_dict(stored["data"]))
    if not forms.is_valid():
        return _render_preview(request, token, stored, forms)
    imported = forms.apply(keep_skipped=True)
    try:
        done = change(imported, position)
    except RoadmapImportError as error:
        messages.error(request, error.message)
    else:
        imported.reparse_deadlines()
        _store(request, token, imported, stored["filename"])
        messages.success(request, done)
    return redirect(
        f"{reverse('roadmap:import_preview', kwargs={'token': token})}#import-row-{position}"
    )


@require_POST
@require_roadmap_role(Role.CURATOR)
def import_row_to_stage(request, token, index):
    return _restructure(request, token, structure.activity_to_stage, index)


@require_POST
@require_roadmap_role(Role.CURATOR)
def import_stage_to_row(request, token, index):
    return _restructure(request, token, structure.stage_to_activity, index)


@require_POST
@require_roadmap_role(Role.CURATOR)
def import_row_merge(request, token, index):
    return _restructure(request, token, structure.merge_into_previous, index)


@require_POST
@require_roadmap_role(Role.CURATOR)
def import_row_split(request, token, index):
    return _restructure(request, token, structure.split_activity, index)
