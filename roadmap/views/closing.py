"""Closing a finished roadmap: the final marks, a confirmation step, then «Закрыта»."""

from django.contrib import messages
from django.shortcuts import render

from mentoring_portal.errors import ServiceError, show_error
from participants.models import Role
from roadmap import closing
from roadmap.forms import RoadmapCloseForm
from roadmap.permissions import get_roadmap, require_roadmap_role
from roadmap.table import roadmap_table
from roadmap.views.common import back_to_roadmap, refuse


@require_roadmap_role(Role.CURATOR)
def roadmap_close(request, pk):
    """GET: the marks, done ones pre-filled. POST step «review»: the summary to confirm;
    «close»: closes (the marks are checked again); «edit»: back to the marks as entered."""
    roadmap = get_roadmap(request, pk)
    try:
        closing.roadmap_check_closable(roadmap=roadmap)
    except ServiceError as error:
        return refuse(request, error, roadmap)
    rows = [row for stage in roadmap_table(roadmap) for row in stage.activities]
    initial = {row.activity.pk: closing.final_mark_initial(row.activity) for row in rows}
    form = RoadmapCloseForm(request.POST or None, rows=rows, initial_marks=initial)
    if request.method == "POST" and form.is_valid():
        step = form.cleaned_data["step"]
        if step == "close":
            try:
                closing.roadmap_close(roadmap=roadmap, by=request.user, marks=form.marks())
            except ServiceError as error:
                show_error(request, error, form=form)
            else:
                messages.success(
                    request,
                    "Дорожная карта закрыта: итоговые отметки сохранены. Она больше не "
                    "участвует в просрочках и остаётся доступной для чтения и печати.",
                )
                return back_to_roadmap(roadmap)
        elif step == "review":
            marks = form.marks()
            return render(
                request,
                "roadmap/roadmap_close_confirm.html",
                {
                    "roadmap": roadmap,
                    "form": form,
                    "done": [row for row in rows if marks[row.activity.pk].done],
                    "not_done": [
                        (row, marks[row.activity.pk].reason)
                        for row in rows
                        if not marks[row.activity.pk].done
                    ],
                },
            )
    bound_with_errors = form.is_bound and bool(form.errors)
    return render(
        request,
        "roadmap/roadmap_close.html",
        {"roadmap": roadmap, "form": form},
        status=400 if bound_with_errors else 200,
    )
