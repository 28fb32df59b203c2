"""Tracking an approved roadmap: the activity page, reports with evidence, the curator's
decisions, comments and evidence downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.errors import ServiceError, attempt, show_error
from mentoring_portal.files import file_response
from participants.access import require_role
from participants.models import Role
from roadmap import services
from roadmap.forms import (
    CancelForm,
    CommentForm,
    CommentRequiredForm,
    EvidenceForm,
    ReportForm,
    YearChoiceForm,
)
from roadmap.history import activity_changes
from roadmap.permissions import (
    acts_as,
    get_activity,
    get_evidence,
    is_responsible,
    may_read_evidence,
    require_reporter,
    require_roadmap_role,
)
from roadmap.table import single_activity_row

COMMENTERS = (Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP)


def _to_activity(activity):
    return redirect("roadmap:activity_detail", pk=activity.pk)


def _years(activity):
    return activity.stage.roadmap.tracking_years() if activity.is_yearly else None


@require_GET
@require_role()
def activity_detail(request, pk):
    activity = get_activity(request, pk)
    roadmap = activity.stage.roadmap
    access = request.access
    evidence = list(activity.evidence.select_related("uploaded_by"))
    can_report = roadmap.is_tracked and (
        acts_as(access, Role.CURATOR) or is_responsible(request, activity)
    )
    return render(
        request,
        "roadmap/activity_detail.html",
        {
            "roadmap": roadmap,
            "activity": activity,
            "row": single_activity_row(activity),
            "evidence": evidence,
            "deletable_evidence": services.evidence_deletable_ids(
                activity=activity,
                evidence=evidence,
                user=request.user,
                is_curator=acts_as(access, Role.CURATOR),
            )
            if acts_as(access, Role.CURATOR, Role.WORKING_GROUP)
            else set(),
            "comments": activity.comments.select_related("author"),
            "changes": activity_changes(activity),
            "can_report": can_report,
            "can_add_evidence": can_report and services.evidence_may_add(activity),
            "can_decide": roadmap.is_tracked and acts_as(access, Role.CURATOR),
            "can_comment": access.has_role(*COMMENTERS),
            "can_read_evidence": bool(evidence) and may_read_evidence(request, activity),
            "comment_form": CommentForm(),
            "year_form": YearChoiceForm(years=_years(activity) or []),
        },
    )


@require_POST
@require_roadmap_role(Role.CURATOR, Role.WORKING_GROUP)
def activity_start(request, pk):
    activity = get_activity(request, pk)
    require_reporter(request, activity)
    try:
        services.activity_start(activity=activity, by=request.user)
        messages.success(request, "Мероприятие отмечено как выполняемое.")
    except ServiceError as error:
        show_error(request, error)
    return _to_activity(activity)


def _action_page(request, activity, form, *, heading, button, multipart=False, extra_form=None):
    """The one page of every activity action: its form, or the form back with errors (400)."""
    return render(
        request,
        "roadmap/activity_action.html",
        {
            "activity": activity,
            "roadmap": activity.stage.roadmap,
            "form": form,
            "extra_form": extra_form,
            "heading": heading,
            "button": button,
            "multipart": multipart,
        },
        status=400 if form.is_bound else 200,
    )


def _run_action(request, activity, form, action, success: str):
    """Run the service ``action``: on success a message and back to the activity; refused, the
    sentences go on ``form`` and None is returned so the view shows the form again."""
    return _to_activity(activity) if attempt(request, action, success, form=form) else None


@require_roadmap_role(Role.CURATOR, Role.WORKING_GROUP)
def activity_report(request, pk):
    """A responsible person reports the activity done, attaching a file or a link."""
    activity = get_activity(request, pk)
    require_reporter(request, activity)
    has_evidence = activity.evidence.exists() and not activity.is_yearly
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        years=_years(activity),
        require_evidence=not has_evidence,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run_action(
            request,
            activity,
            form,
            lambda: services.activity_report(
                activity=activity,
                by=request.user,
                comment=data["comment"],
                year=data.get("year"),
                evidence_title=data["title"],
                file=data["file"],
                url=data["url"],
            ),
            "Отчёт отправлен куратору на проверку.",
        )
        if done:
            return done
    return _action_page(
        request,
        activity,
        form,
        heading="Отчёт о выполнении",
        button="Отправить отчёт",
        multipart=True,
    )


@require_roadmap_role(Role.CURATOR, Role.WORKING_GROUP)
def evidence_add(request, pk):
    activity = get_activity(request, pk)
    require_reporter(request, activity)
    try:
        services.evidence_add_check(activity=activity)
    except ServiceError as error:
        show_error(request, error)
        return _to_activity(activity)
    form = EvidenceForm(request.POST or None, request.FILES or None, years=_years(activity))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run_action(
            request,
            activity,
            form,
            lambda: services.evidence_add(
                activity=activity,
                by=request.user,
                title=data["title"] or data["file"] and data["file"].name or data["url"],
                file=data["file"],
                url=data["url"],
                year=data.get("year"),
            ),
            "Подтверждение добавлено.",
        )
        if done:
            return done
    return _action_page(
        request, activity, form, heading="Добавить подтверждение", button="Добавить", multipart=True
    )


@require_POST
@require_roadmap_role(Role.CURATOR)
def activity_accept(request, pk):
    activity = get_activity(request, pk)
    form = YearChoiceForm(request.POST, years=_years(activity) or [])
    year = form.cleaned_data.get("year") if form.is_valid() else None
    try:
        services.activity_accept(activity=activity, by=request.user, year=year)
        messages.success(request, "Выполнение принято.")
    except ServiceError as error:
        show_error(request, error)
    return _to_activity(activity)


@require_roadmap_role(Role.CURATOR)
def activity_return(request, pk):
    activity = get_activity(request, pk)
    form = CommentRequiredForm(request.POST or None)
    year_form = YearChoiceForm(
        request.POST or None,
        years=_years(activity) or [],
        initial={"year": request.GET.get("year")},
    )
    if request.method == "POST" and form.is_valid() and year_form.is_valid():
        done = _run_action(
            request,
            activity,
            form,
            lambda: services.activity_return(
                activity=activity,
                by=request.user,
                comment=form.cleaned_data["comment"],
                year=year_form.cleaned_data.get("year"),
            ),
            "Отчёт возвращён на доработку.",
        )
        if done:
            return done
    return _action_page(
        request,
        activity,
        form,
        heading="Вернуть на доработку",
        button="Вернуть",
        extra_form=year_form if activity.is_yearly else None,
    )


@require_roadmap_role(Role.CURATOR)
def activity_cancel(request, pk):
    activity = get_activity(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run_action(
            request,
            activity,
            form,
            lambda: services.activity_cancel(
                activity=activity, by=request.user, reason=form.cleaned_data["reason"]
            ),
            "Мероприятие отменено.",
        )
        if done:
            return done
    return _action_page(
        request, activity, form, heading="Отменить мероприятие", button="Отменить мероприятие"
    )


@require_POST
@require_role(*COMMENTERS)
def activity_comment(request, pk):
    activity = get_activity(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(activity=activity, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Комментарий добавлен.")
    else:
        messages.error(request, "Комментарий пуст: нечего добавлять.")
    return _to_activity(activity)


@require_GET
@require_role()
def evidence_download(request, pk):
    """Files are served only through this view, after the access check (never from MEDIA_URL)."""
    evidence = get_evidence(request, pk)
    return file_response(evidence.file, title=evidence.title)


@require_http_methods(["GET", "POST"])
@require_roadmap_role(Role.CURATOR, Role.WORKING_GROUP)
def evidence_delete(request, pk):
    """GET shows what will be deleted; POST deletes (the uploader or the curator, until the
    completion is accepted)."""
    evidence = get_evidence(request, pk)
    if not services.evidence_may_delete(
        evidence=evidence, user=request.user, is_curator=acts_as(request.access, Role.CURATOR)
    ):
        raise PermissionDenied
    activity = evidence.activity
    if request.method == "POST":
        try:
            services.evidence_delete(evidence=evidence, by=request.user)
        except ServiceError as error:
            show_error(request, error)
        else:
            messages.success(request, f"Подтверждение «{evidence.title}» удалено.")
        return _to_activity(activity)
    try:
        services.evidence_check_deletable(evidence)
    except ServiceError as error:
        show_error(request, error)
        return _to_activity(activity)
    return render(
        request,
        "roadmap/evidence_confirm_delete.html",
        {"evidence": evidence, "activity": activity, "roadmap": activity.stage.roadmap},
    )
