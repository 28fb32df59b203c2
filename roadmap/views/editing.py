"""Editing a draft roadmap like the paper table: stages and activities.

Every URL works as a normal page (a form, then a redirect back to the row's anchor); the
table's small script (static/js/roadmap.js) calls the same URLs with ``X-Requested-With: fetch``
and swaps the returned table row in place.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import StaleEditError
from participants.models import Role
from roadmap import services
from roadmap.forms import ActivityForm, StageForm
from roadmap.links import attach_row_links
from roadmap.models import Activity
from roadmap.permissions import get_roadmap, get_stage, require_roadmap_role
from roadmap.table import single_activity_row
from roadmap.views.common import back_to_roadmap, is_inline, refuse, refuse_not_editable


def _get_activity(request, pk) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("stage__roadmap"),
        pk=pk,
        stage__roadmap__organisation=request.access.organisation,
    )


@require_roadmap_role(Role.CURATOR)
def stage_add(request, pk):
    roadmap = get_roadmap(request, pk)
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stage = services.stage_add(roadmap=roadmap, title=form.cleaned_data["title"])
        messages.success(request, "Этап добавлен.")
        return back_to_roadmap(roadmap, f"stage-{stage.pk}")
    return render(
        request, "roadmap/stage_form.html", {"form": form, "roadmap": roadmap, "stage": None}
    )


@require_roadmap_role(Role.CURATOR)
def stage_edit(request, pk):
    stage = get_stage(request, pk)
    roadmap = stage.roadmap
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    form = StageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_update(
                stage=stage, title=form.cleaned_data["title"], version=form.loaded_version
            )
        except StaleEditError as error:
            form.show_stale(error)
        else:
            messages.success(request, "Этап переименован.")
            return back_to_roadmap(roadmap, f"stage-{stage.pk}")
    return render(
        request, "roadmap/stage_form.html", {"form": form, "roadmap": roadmap, "stage": stage}
    )


@require_POST
@require_roadmap_role(Role.CURATOR)
def stage_move(request, pk, direction):
    stage = get_stage(request, pk)
    try:
        services.stage_move(stage=stage, direction=direction)
    except ServiceError as error:
        return refuse(request, error, stage.roadmap)
    return back_to_roadmap(stage.roadmap, f"stage-{stage.pk}")


@require_roadmap_role(Role.CURATOR)
def stage_delete(request, pk):
    """GET asks for confirmation (the stage's activities are listed), POST deletes."""
    stage = get_stage(request, pk)
    roadmap = stage.roadmap
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    if request.method == "POST":
        services.stage_delete(stage=stage)
        messages.success(request, f"Этап «{stage.title}» удалён вместе с его мероприятиями.")
        return back_to_roadmap(roadmap)
    return render(
        request,
        "roadmap/confirm_delete.html",
        {
            "roadmap": roadmap,
            "object_label": f"этап «{stage.title}»",
            "consequences": [activity.title for activity in stage.activities.all()],
        },
    )


def _activity_form_response(request, form, roadmap, stage, activity, status=200):
    context = {"form": form, "roadmap": roadmap, "stage": stage, "activity": activity}
    if is_inline(request):
        return render(request, "roadmap/_activity_form_row.html", context, status=status)
    return render(request, "roadmap/activity_form.html", context, status=status)


def _saved_response(request, activity, message):
    if is_inline(request):
        row = single_activity_row(activity)
        attach_row_links(row)
        return render(
            request,
            "roadmap/_activity_rows.html",
            {"rows": [row], "roadmap": activity.stage.roadmap, "can_edit": True},
        )
    messages.success(request, message)
    return back_to_roadmap(activity.stage.roadmap, f"activity-{activity.pk}")


@require_roadmap_role(Role.CURATOR)
def activity_add(request, pk):
    stage = get_stage(request, pk)
    roadmap = stage.roadmap
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    form = ActivityForm(request.POST or None, organisation=roadmap.organisation)
    if request.method == "POST":
        if form.is_valid():
            activity = form.save(commit=False)
            activity.stage = stage
            activity = services.activity_save(
                activity=activity,
                roadmap=roadmap,
                people=form.cleaned_data["responsible_people"],
                by=request.user,
            )
            return _saved_response(request, activity, "Мероприятие добавлено.")
        return _activity_form_response(request, form, roadmap, stage, None, status=400)
    return _activity_form_response(request, form, roadmap, stage, None)


@require_roadmap_role(Role.CURATOR)
def activity_edit(request, pk):
    activity = _get_activity(request, pk)
    roadmap = activity.stage.roadmap
    if not roadmap.is_editable:
        return refuse(
            request,
            ServiceError(
                "Утверждённая дорожная карта не редактируется: создайте новую редакцию.",
                code="not_editable",
            ),
            roadmap,
        )
    form = ActivityForm(request.POST or None, instance=activity, organisation=roadmap.organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                activity = services.activity_save(
                    activity=form.save(commit=False),
                    roadmap=roadmap,
                    people=form.cleaned_data["responsible_people"],
                    version=form.loaded_version,
                    by=request.user,
                )
            except StaleEditError as error:
                form.show_stale(error)
            else:
                return _saved_response(request, activity, "Мероприятие сохранено.")
        return _activity_form_response(request, form, roadmap, activity.stage, activity, 400)
    return _activity_form_response(request, form, roadmap, activity.stage, activity)


@require_POST
@require_roadmap_role(Role.CURATOR)
def activity_move(request, pk, direction):
    activity = _get_activity(request, pk)
    try:
        services.activity_move(activity=activity, direction=direction)
    except ServiceError as error:
        return refuse(request, error, activity.stage.roadmap)
    return back_to_roadmap(activity.stage.roadmap, f"activity-{activity.pk}")


@require_roadmap_role(Role.CURATOR)
def activity_delete(request, pk):
    activity = _get_activity(request, pk)
    roadmap = activity.stage.roadmap
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    if request.method == "POST":
        services.activity_delete(activity=activity)
        messages.success(request, "Мероприятие удалено.")
        return back_to_roadmap(roadmap, f"stage-{activity.stage_id}")
    return render(
        request,
        "roadmap/confirm_delete.html",
        {"roadmap": roadmap, "object_label": f"мероприятие «{activity.title}»", "consequences": []},
    )
