"""«Новый учебный год»: the checklist with a preview of every step; each step run or skipped."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring_portal.errors import ServiceError, show_error
from participants.access import require_role
from participants.models import Role
from school_year import opening, years
from school_year.views.results import _year


@require_role(Role.CURATOR)
def new_year(request, year):
    organisation = request.access.organisation
    year = _year(year)
    steps = []
    for state in opening.steps_state(organisation, year):
        spec = opening.SPECS[state["step"]]
        state["preview"] = None if state["row"] else spec.preview(organisation, year)
        steps.append(state)
    return render(
        request,
        "school_year/new_year.html",
        {
            "year": year,
            "label": years.year_label(year),
            "last_label": years.year_label(year - 1),
            "steps": steps,
            "all_done": all(state["row"] for state in steps),
            "has_source_roadmap": opening.source_roadmap(organisation, year) is not None,
        },
    )


def _step(step: str) -> str:
    if step not in opening.SPECS:
        raise Http404("Нет такого шага.")
    return step


@require_POST
@require_role(Role.CURATOR)
def step_run(request, year, step):
    organisation = request.access.organisation
    year, step = _year(year), _step(step)
    options = {}
    if step == opening.Step.ROADMAP:
        options["from_template"] = request.POST.get("source") == "template"
    try:
        row, did = opening.step_run(
            organisation=organisation, year=year, step=step, by=request.user, **options
        )
    except ServiceError as error:
        show_error(request, error)
    else:
        if did:
            messages.success(request, f"{row.get_step_display()}: {row.summary}")
        else:
            messages.info(
                request,
                f"Шаг «{row.get_step_display()}» уже {row.get_outcome_display().lower()} "
                f"{row.done_at:%d.%m.%Y}: повторно ничего не создано.",
            )
    return redirect("school_year:new_year", year=year)


@require_POST
@require_role(Role.CURATOR)
def step_skip(request, year, step):
    organisation = request.access.organisation
    year, step = _year(year), _step(step)
    row, did = opening.step_run(
        organisation=organisation, year=year, step=step, by=request.user, skip=True
    )
    if did:
        messages.success(request, f"Шаг «{row.get_step_display()}» пропущен.")
    else:
        messages.info(
            request, f"Шаг «{row.get_step_display()}» уже {row.get_outcome_display().lower()}."
        )
    return redirect("school_year:new_year", year=year)
