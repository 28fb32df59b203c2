"""Roadmaps: list, create, the table page, approval workflow, calendar, history."""

import calendar as calendar_module
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from mentoring_portal.errors import ServiceError
from participants.access import PROGRAM_READERS, require_role
from participants.models import Role
from roadmap import services
from roadmap.diff import revision_diff
from roadmap.filters import filter_roadmap_activities
from roadmap.forms import (
    ApproveForm,
    AssignForm,
    CommentRequiredForm,
    RoadmapCreateForm,
    RoadmapForm,
)
from roadmap.history import roadmap_changes
from roadmap.links import attach_links
from roadmap.models import Activity, Roadmap
from roadmap.permissions import (
    acts_as,
    get_roadmap,
    require_roadmap_role,
    responsible_activities,
    visible_roadmaps,
)
from roadmap.table import roadmap_table
from roadmap.views.common import back_to_roadmap, refuse, refuse_not_editable

MONTHS = [
    "",
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]


@require_GET
@require_role()
def roadmap_list(request):
    roadmaps = (
        visible_roadmaps(request.access)
        .select_related("approved_by")
        .annotate(
            activity_count=Count("stages__activities", distinct=True),
            done_count=Count(
                "stages__activities",
                filter=Q(stages__activities__status=Activity.Status.DONE),
                distinct=True,
            ),
        )
        # Meta.ordering does not apply to a query with GROUP BY.
        .order_by("-period_start", "-revision")
    )
    return render(
        request,
        "roadmap/roadmap_list.html",
        {"roadmaps": roadmaps, "can_create": acts_as(request.access, Role.CURATOR)},
    )


@require_roadmap_role(Role.CURATOR)
def roadmap_create(request):
    form = RoadmapCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        roadmap = services.roadmap_create(
            organisation=request.access.organisation,
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            from_template=form.cleaned_data["from_template"],
            by=request.user,
        )
        messages.success(request, "Дорожная карта создана.")
        return redirect("roadmap:detail", pk=roadmap.pk)
    if not form.is_bound:
        today = timezone.localdate()
        year = today.year if today.month >= 7 else today.year - 1
        form.initial.update(
            title=(
                "Дорожная карта реализации целевой модели наставничества "
                f"на {year}/{year + 1} учебный год"
            ),
            period_start=date(year, 9, 1),
            period_end=date(year + 1, 8, 31),
        )
    return render(request, "roadmap/roadmap_form.html", {"form": form, "creating": True})


def _final_counts(table) -> dict:
    marks = [row.activity.final_mark for stage in table for row in stage.activities]
    return {"done": marks.count(Activity.FinalMark.DONE), "total": len(marks)}


@require_roadmap_role(Role.CURATOR)
def roadmap_edit(request, pk):
    roadmap = get_roadmap(request, pk)
    if not roadmap.is_editable:
        return refuse_not_editable(request, roadmap)
    form = RoadmapForm(
        request.POST or None,
        initial={
            "title": roadmap.title,
            "period_start": roadmap.period_start,
            "period_end": roadmap.period_end,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.roadmap_update_period(roadmap=roadmap, **form.cleaned_data)
        messages.success(request, "Изменения сохранены.")
        return back_to_roadmap(roadmap)
    return render(request, "roadmap/roadmap_form.html", {"form": form, "roadmap": roadmap})


@require_GET
@require_role()
def roadmap_detail(request, pk):
    roadmap = get_roadmap(request, pk)
    activity_filter, activity_ids = filter_roadmap_activities(request.GET, roadmap)
    table = roadmap_table(roadmap, activity_ids=activity_ids)
    attach_links(table)
    access = request.access
    can_edit = roadmap.is_editable and acts_as(access, Role.CURATOR)
    return render(
        request,
        "roadmap/roadmap_detail.html",
        {
            "roadmap": roadmap,
            "table": table,
            "filter": activity_filter,
            "filtered": activity_ids is not None,
            "shown_count": sum(len(stage.activities) for stage in table),
            "not_understood": sum(
                1
                for stage in table
                for row in stage.activities
                if row.activity.deadline_text and not row.activity.deadline_understood
            ),
            "can_edit": can_edit,
            "assign_form": AssignForm(roadmap=roadmap) if can_edit else None,
            "can_submit": roadmap.status == Roadmap.Status.DRAFT and acts_as(access, Role.CURATOR),
            "can_approve": roadmap.status == Roadmap.Status.ON_APPROVAL
            and access.has_role(Role.DIRECTOR),
            "can_revise": roadmap.status == Roadmap.Status.APPROVED
            and acts_as(access, Role.CURATOR),
            "can_close": roadmap.status == Roadmap.Status.APPROVED
            and roadmap.period_ended()
            and acts_as(access, Role.CURATOR),
            "final_counts": _final_counts(table)
            if roadmap.status == Roadmap.Status.CLOSED
            else None,
            "newer": roadmap.next_revisions.exclude(status=Roadmap.Status.ARCHIVED).first(),
            "query_string": request.GET.urlencode(),
        },
    )


@require_POST
@require_roadmap_role(Role.CURATOR)
def roadmap_submit(request, pk):
    roadmap = get_roadmap(request, pk)
    try:
        services.roadmap_submit(roadmap=roadmap, by=request.user)
    except ServiceError as error:
        return refuse(request, error, roadmap)
    messages.success(request, "Дорожная карта направлена директору на утверждение.")
    return back_to_roadmap(roadmap)


def _refuse_not_on_approval(request, roadmap, verb: str):
    error = ServiceError(
        f"{verb} можно только карту, направленную на утверждение.", code="not_on_approval"
    )
    return refuse(request, error, roadmap)


@require_role(Role.DIRECTOR)
def roadmap_approve(request, pk):
    roadmap = get_roadmap(request, pk)
    if roadmap.status != Roadmap.Status.ON_APPROVAL:
        return _refuse_not_on_approval(request, roadmap, "Утвердить")
    form = ApproveForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.roadmap_approve(
            roadmap=roadmap,
            by=request.user,
            document_kind=form.cleaned_data["document_kind"],
            number=form.cleaned_data["number"],
            date=form.cleaned_data["date"],
        )
        messages.success(request, "Дорожная карта утверждена.")
        if roadmap.carried_over:
            count = len(roadmap.carried_over.splitlines())
            messages.info(
                request,
                "Из действовавшей редакции перенесено то, что было сделано, пока новая "
                f"редакция ждала утверждения (строк: {count}); список — над таблицей.",
            )
        return back_to_roadmap(roadmap)
    return render(
        request,
        "roadmap/roadmap_decision.html",
        {"roadmap": roadmap, "form": form, "approving": True, "diff": revision_diff(roadmap)},
    )


@require_role(Role.DIRECTOR)
def roadmap_return(request, pk):
    roadmap = get_roadmap(request, pk)
    if roadmap.status != Roadmap.Status.ON_APPROVAL:
        return _refuse_not_on_approval(request, roadmap, "Вернуть")
    form = CommentRequiredForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.roadmap_return(
            roadmap=roadmap, by=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(request, "Дорожная карта возвращена куратору на доработку.")
        return back_to_roadmap(roadmap)
    return render(
        request,
        "roadmap/roadmap_decision.html",
        {"roadmap": roadmap, "form": form, "approving": False, "diff": revision_diff(roadmap)},
    )


@require_POST
@require_roadmap_role(Role.CURATOR)
def roadmap_new_revision(request, pk):
    roadmap = get_roadmap(request, pk)
    try:
        revision = services.roadmap_new_revision(roadmap=roadmap, by=request.user)
    except ServiceError as error:
        return refuse(request, error, roadmap)
    messages.success(
        request,
        f"Создана редакция {revision.revision}. Действующая редакция остаётся в силе, пока "
        "директор не утвердит новую.",
    )
    return back_to_roadmap(revision)


@require_GET
@require_role()
def roadmap_calendar(request, pk):
    """A month grid of the derived deadlines (due dates; yearly ones in each year)."""
    roadmap = get_roadmap(request, pk)
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
        if not roadmap.period_start <= today <= roadmap.period_end:
            first = roadmap.period_start.replace(day=1)
    last_day = calendar_module.monthrange(first.year, first.month)[1]
    last = first.replace(day=last_day)
    by_day: dict[date, list] = {}
    for stage in roadmap_table(roadmap):
        for row in stage.activities:
            activity = row.activity
            dues = (
                [year_row["due"] for year_row in row.year_rows]
                if activity.is_yearly
                else [activity.deadline_due]
            )
            for due in dues:
                if due is not None and first <= due <= last:
                    by_day.setdefault(due, []).append(row)
    weeks = [
        [
            {"day": day, "in_month": day.month == first.month, "rows": by_day.get(day, [])}
            for day in week
        ]
        for week in calendar_module.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]
    previous_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    return render(
        request,
        "roadmap/roadmap_calendar.html",
        {
            "roadmap": roadmap,
            "weeks": weeks,
            "month_label": f"{MONTHS[first.month]} {first.year}",
            "previous_month": f"{previous_month:%Y-%m}",
            "next_month": f"{next_month:%Y-%m}",
            "today": today,
            "weekdays": ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
        },
    )


@require_GET
@require_role()
def my_activities(request):
    """«Мои мероприятия»: the activities where the logged-in user's Person is responsible."""
    person = request.access.person
    today = timezone.localdate()
    rows = []
    if person is not None:
        activities = (
            responsible_activities(person, request.access.organisation)
            .prefetch_related("year_marks", "responsible_people")
            .annotate(evidence_count=Count("evidence"))
            .order_by("deadline_due", "pk")
        )
        for activity in activities:
            roadmap = activity.stage.roadmap
            rows.append(
                {
                    "activity": activity,
                    "overdue": activity.is_overdue(roadmap, today),
                    "next_due": activity.next_due(roadmap, today),
                }
            )
    rows.sort(key=lambda row: (not row["overdue"], row["next_due"] or date.max))
    return render(
        request,
        "roadmap/my_activities.html",
        {"rows": rows, "person": person, "today": today},
    )


@require_GET
@require_role(*PROGRAM_READERS)
def roadmap_history(request, pk):
    """What this revision changes against the one it was copied from, then who changed what
    and when: the roadmap, its stages and activities (simple-history)."""
    roadmap = get_roadmap(request, pk)
    return render(
        request,
        "roadmap/roadmap_history.html",
        {
            "roadmap": roadmap,
            "diff": revision_diff(roadmap),
            "changes": roadmap_changes(roadmap),
        },
    )


@require_GET
@require_role()
def roadmap_calendar_ics(request, pk):
    """The roadmap's dated activities as an .ics file (all-day events on their due dates)."""
    from notifications.calendars import ics_response
    from roadmap.calendars import roadmap_events

    roadmap = get_roadmap(request, pk)
    return ics_response(
        roadmap_events(roadmap_table(roadmap), roadmap),
        name=f"Дорожная карта: {roadmap.title}",
        filename=f"dorozhnaya-karta-{roadmap.pk}.ics",
    )
