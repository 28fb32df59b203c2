"""Staff changes: record a person leaving; reassign what they were responsible for."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring_portal.errors import ServiceError, show_error
from mentoring_portal.russian import gendered, plural_count
from participants.access import require_role
from participants.models import Role
from school_year import staff
from school_year.forms import LeaveForm, ReassignForm


def _page(request, *, leave_form=None, reassign_form=None, status=200):
    organisation = request.access.organisation
    activities = staff.activities_to_reassign(organisation)
    return render(
        request,
        "school_year/staff.html",
        {
            "leave_form": leave_form or LeaveForm(organisation=organisation, prefix="leave"),
            "reassign_form": reassign_form
            or ReassignForm(organisation=organisation, activities=activities, prefix="give"),
            "left": staff.left_people(organisation),
            "activities": list(activities),
            "program_items": list(staff.program_items_to_reassign(organisation)),
        },
        status=status,
    )


@require_role(Role.CURATOR)
def staff_changes(request):
    """GET: the page; POST: a person leaves the school."""
    if request.method != "POST":
        return _page(request)
    organisation = request.access.organisation
    form = LeaveForm(request.POST, organisation=organisation, prefix="leave")
    if form.is_valid():
        data = form.cleaned_data
        try:
            ended = staff.person_leave(
                person=data["person"],
                left_on=data["left_on"],
                reason=data["reason"],
                by=request.user,
            )
        except ServiceError as error:
            show_error(request, error, form=form)
        else:
            messages.success(
                request,
                f"{data['person'].short_name}: выбытие {data['left_on']:%d.%m.%Y} записано, "
                f"{gendered(data['person'], 'исключён', 'исключена')} из банков, прекращено пар: "
                f"{len(ended)}. Назначьте другого "
                "ответственного за мероприятия.",
            )
            return redirect("school_year:staff")
    return _page(request, leave_form=form, status=400)


@require_POST
@require_role(Role.CURATOR)
def staff_reassign(request):
    """Bulk «назначить другого» for the activities of people who left."""
    organisation = request.access.organisation
    named = [value for value in request.POST.getlist("give-activities") if value.isdigit()]
    if staff.other_schools_activities(organisation, named):
        raise Http404("Нет такого мероприятия.")
    activities = staff.activities_to_reassign(organisation)
    form = ReassignForm(
        request.POST, organisation=organisation, activities=activities, prefix="give"
    )
    if not form.is_valid():
        return _page(request, reassign_form=form, status=400)
    data = form.cleaned_data
    count = staff.activities_reassign(
        organisation=organisation, activities=data["activities"], person=data["person"]
    )
    messages.success(
        request,
        f"{data['person'].short_name} теперь отвечает за "
        f"{plural_count(count, 'мероприятие', 'мероприятия', 'мероприятий')}.",
    )
    return redirect("school_year:staff")
