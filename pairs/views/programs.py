"""Personalised programs (ППН): progress of all pairs, a pair's program with its plan, done marks,
the PDF; and the pair's meeting log that the mentor keeps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.documents import pdf_response
from mentoring_portal.errors import show_error
from mentoring_portal.russian import plural_count
from mentoring_portal.versioning import StaleEditError
from mentoring_portal.widgets import date_bounds
from pairs import services
from pairs.documents import program_pdf
from pairs.forms import MeetingForm, NextMeetingForm, ProgramForm, ProgramItemForm
from pairs.models import NextMeeting, Pair, PairMember, Program, ProgramItem
from pairs.views.common import (
    MANAGERS,
    MEMBERS,
    READERS,
    deny,
    get_pair,
    pair_role,
    require_pair_reader,
)
from participants.access import require_role
from participants.models import Role


def _program(pair: Pair) -> Program | None:
    return Program.objects.filter(pair=pair).prefetch_related("items").first()


def _require_manager_or_mentor(request, pair: Pair) -> None:
    if request.access.has_role(*MANAGERS):
        return
    if pair_role(request, pair) != PairMember.Role.MENTOR:
        deny(request, "not the pair's mentor")


@require_role(*READERS)
def program_progress(request):
    """Done / planned / overdue per current pair: one query for pairs, one for items."""
    pairs = (
        Pair.objects.in_organisation(request.access.organisation)
        .current()
        .with_members()
        .select_related("program")
        .prefetch_related(Prefetch("program__items", queryset=ProgramItem.objects.all()))
        .order_by("period_start", "pk")
    )
    rows = []
    for pair in pairs:
        program = getattr(pair, "program", None)
        rows.append(
            {"pair": pair, "program": program, "progress": program.progress() if program else None}
        )
    return render(request, "pairs/program_progress.html", {"rows": rows})


@require_role(*READERS, *MEMBERS)
def program_detail(request, pk):
    pair = get_pair(request, pk)
    member_role = require_pair_reader(request, pair)
    program = _program(pair)
    is_manager = request.access.has_role(*MANAGERS)
    return render(
        request,
        "pairs/program_detail.html",
        {
            "pair": pair,
            "program": program,
            "progress": program.progress() if program else None,
            "member_role": member_role,
            "can_edit": is_manager or member_role == PairMember.Role.MENTOR,
            "can_mark": is_manager or member_role is not None,
            # Several items at once, and any mark taken off: the mentor or the curator.
            "can_mark_many": is_manager or member_role == PairMember.Role.MENTOR,
            "me": request.user,
            "can_log": member_role == PairMember.Role.MENTOR,
            "can_create": is_manager,
            "meetings": pair.meetings.select_related("recorded_by"),
            "next_meeting": NextMeeting.objects.filter(pair=pair).first(),
        },
    )


@require_role(*MANAGERS)
@require_POST
def program_create(request, pk):
    pair = get_pair(request, pk)
    services.program_create(pair=pair)
    messages.success(request, "Программа создана по шаблону: уточните цели, задачи и план.")
    return redirect("pairs:program_detail", pk=pair.pk)


@require_role(*MANAGERS, Role.MENTOR)
@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    pair = get_pair(request, pk)
    _require_manager_or_mentor(request, pair)
    program = get_object_or_404(Program, pair=pair)
    form = ProgramForm(request.POST or None, instance=program)
    if form.is_valid():
        try:
            form.save_versioned()
        except StaleEditError as error:
            form.show_stale(error)
        else:
            messages.success(request, "Программа сохранена.")
            return redirect("pairs:program_detail", pk=pair.pk)
    return render(
        request,
        "pairs/program_part_form.html",
        _part_form(form, pair, "Программа: цели, задачи, итог"),
    )


@require_role(*MANAGERS, Role.MENTOR)
@require_http_methods(["GET", "POST"])
def item_add(request, pk):
    pair = get_pair(request, pk)
    _require_manager_or_mentor(request, pair)
    program = get_object_or_404(Program, pair=pair)
    form = ProgramItemForm(request.POST or None)
    date_bounds(form.fields["due"], pair.period_start, pair.period_end)
    if form.is_valid():
        item = form.save(commit=False)
        item.program = program
        item.save()
        messages.success(request, "Мероприятие добавлено в план.")
        return redirect("pairs:program_detail", pk=pair.pk)
    return render(
        request, "pairs/program_part_form.html", _part_form(form, pair, "Новое мероприятие плана")
    )


def _item(request, pk) -> tuple[ProgramItem, Pair]:
    item = get_object_or_404(
        ProgramItem.objects.select_related("program"),
        pk=pk,
        program__pair__organisation=request.access.organisation,
    )
    return item, get_pair(request, item.program.pair_id)


def _require_marker(request, pair: Pair) -> None:
    if not request.access.has_role(*MANAGERS) and pair_role(request, pair) is None:
        deny(request, "not a member of the pair")


@require_role(*MANAGERS, *MEMBERS)
@require_POST
def item_done(request, pk):
    item, pair = _item(request, pk)
    _require_marker(request, pair)
    try:
        services.program_item_mark_done(
            item=item, by=request.user, note=request.POST.get("note", "")
        )
        messages.success(request, f"«{item.title}» отмечено выполненным.")
    except ValidationError as error:
        show_error(request, error)
    return redirect("pairs:program_detail", pk=pair.pk)


@require_role(*MANAGERS, Role.MENTOR)
@require_POST
def items_done(request, pk):
    """«Отметить выполненными» the items checked in the plan: the mentor or the curator."""
    pair = get_pair(request, pk)
    _require_manager_or_mentor(request, pair)
    program = get_object_or_404(Program, pair=pair)
    chosen = [int(v) for v in request.POST.getlist("chosen") if v.isdigit() and len(v) < 19]
    if not chosen:
        messages.error(request, "Отметьте мероприятия, которые выполнены.")
        return redirect("pairs:program_detail", pk=pair.pk)
    done = services.program_items_mark_done(program=program, pks=chosen, by=request.user)
    if done:
        count = plural_count(len(done), "мероприятие", "мероприятия", "мероприятий")
        messages.success(request, f"Отмечено выполненными: {count}.")
    else:
        messages.info(request, "Отмеченные мероприятия уже выполнены: ничего не изменилось.")
    return redirect("pairs:program_detail", pk=pair.pk)


@require_role(*MANAGERS, *MEMBERS)
@require_POST
def item_undo(request, pk):
    item, pair = _item(request, pk)
    _require_marker(request, pair)
    # A mentee takes off only their own mark; the mentor's or the curator's stays.
    only_own = not request.access.has_role(*MANAGERS) and (
        pair_role(request, pair) == PairMember.Role.MENTEE
    )
    try:
        services.program_item_unmark(item=item, by=request.user, only_own=only_own)
    except ValidationError as error:
        show_error(request, error)
    else:
        messages.success(request, f"Отметка о выполнении «{item.title}» снята.")
    return redirect("pairs:program_detail", pk=pair.pk)


@require_role(*READERS, *MEMBERS)
def program_download(request, pk):
    pair = get_pair(request, pk)
    require_pair_reader(request, pair)
    program = get_object_or_404(
        Program.objects.select_related("pair__organisation").prefetch_related(
            "items",
            Prefetch("pair__members", queryset=PairMember.objects.select_related("person")),
        ),
        pair=pair,
    )
    return pdf_response(program_pdf(program), f"ppn-{pair.pk}.pdf")


def _meeting_initial(pair: Pair) -> dict:
    """A meeting is usually logged the day it happens and is about the plan's next item: both are
    offered, so a mentor on a phone only writes what was done (one query for the item)."""
    today = timezone.localdate()
    initial = {"date": min(today, pair.period_end)}
    item = (
        ProgramItem.objects.filter(program__pair=pair, done_on__isnull=True)
        .order_by("due", "pk")
        .values_list("title", flat=True)
        .first()
    )
    if item:
        initial["topic"] = item
    return initial


@require_role()
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk):
    """The meeting log is kept by the pair's mentor."""
    pair = get_pair(request, pk)
    if pair_role(request, pair) != PairMember.Role.MENTOR:
        deny(request, "only the pair's mentor keeps the log")
    form = MeetingForm(request.POST or None, initial=_meeting_initial(pair))
    date_bounds(form.fields["date"], pair.period_start, pair.period_end)
    if form.is_valid():
        try:
            services.meeting_add(
                pair=pair,
                on=form.cleaned_data["date"],
                topic=form.cleaned_data["topic"],
                done=form.cleaned_data["done"],
                by=request.user,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Встреча записана в журнал.")
            return redirect("pairs:program_detail", pk=pair.pk)
    return render(
        request, "pairs/program_part_form.html", _part_form(form, pair, "Запись в журнал встреч")
    )


@require_role()
@require_http_methods(["GET", "POST"])
def next_meeting_edit(request, pk):
    """«Следующая встреча»: the mentor sets when and where; it goes into the pair's calendars."""
    pair = get_pair(request, pk)
    if pair_role(request, pair) != PairMember.Role.MENTOR:
        deny(request, "only the pair's mentor plans its meetings")
    form = NextMeetingForm(
        request.POST or None, instance=NextMeeting.objects.filter(pair=pair).first()
    )
    if form.is_valid():
        try:
            services.next_meeting_plan(
                pair=pair,
                on=form.cleaned_data["date"],
                at=form.cleaned_data["time"],
                place=form.cleaned_data["place"],
                by=request.user,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(
                request, "Следующая встреча запланирована и добавлена в календари пары."
            )
            return redirect("pairs:program_detail", pk=pair.pk)
    return render(
        request, "pairs/program_part_form.html", _part_form(form, pair, "Следующая встреча")
    )


@require_role(*READERS, *MEMBERS)
def program_ics(request, pk):
    """The pair's program (its dated items) and its next meeting as an .ics file."""
    from notifications.calendars import ics_response
    from pairs.calendars import pair_events

    pair = get_pair(request, pk)
    require_pair_reader(request, pair)
    program = _program(pair)
    items = list(program.items.all()) if program else []
    return ics_response(
        pair_events(pair, items, NextMeeting.objects.filter(pair=pair).first()),
        name=f"Программа наставничества: {pair}",
        filename=f"ppn-{pair.pk}.ics",
    )


def _part_form(form, pair, heading: str) -> dict:
    """The context of the page that edits a part of a program (goals, an item, a meeting)."""
    return {"form": form, "pair": pair, "heading": heading}
