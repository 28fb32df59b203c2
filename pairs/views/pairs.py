"""Pairs and groups: the list, a pair's card, the curator's create/edit/delete and statuses;
the forms of mentoring; the mentors' consents to the additional duties."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.errors import attempt, show_error
from mentoring_portal.files import file_response
from mentoring_portal.paging import paginate
from mentoring_portal.russian import surname_initials
from mentoring_portal.versioning import StaleEditError
from pairs import services, suggestions
from pairs.filters import PairFilter
from pairs.forms import (
    DutiesConsentForm,
    DutiesConsentOnlineForm,
    EndEarlyForm,
    PairForm,
)
from pairs.models import DutiesConsent, MentoringForm, Pair, PairMember, Program
from pairs.models.pair import needs_duties_consent
from pairs.views.common import (
    MANAGERS,
    MEMBERS,
    READERS,
    get_pair,
    require_pair_reader,
)
from participants.access import require_role
from participants.models import MentorProfile, Person, Role


@require_role(*READERS)
def pair_list(request):
    queryset = Pair.objects.in_organisation(request.access.organisation).with_members()
    pair_filter = PairFilter(request.GET, queryset=queryset)
    page = paginate(request, pair_filter.qs)
    return render(
        request,
        "pairs/pair_list.html",
        {"filter": pair_filter, "page": page},
    )


@require_role(*MEMBERS)
def my_pairs(request):
    person = request.access.person
    pairs = (
        Pair.objects.in_organisation(request.access.organisation)
        .filter(members__person=person)
        .with_members()
        .select_related("program")
        .distinct()
        if person
        else Pair.objects.none()
    )
    return render(request, "pairs/my_pairs.html", {"pairs": pairs, "person": person})


@require_role(*READERS, *MEMBERS)
def pair_detail(request, pk):
    pair = get_pair(request, pk)
    member_role = require_pair_reader(request, pair)
    context = {
        "pair": pair,
        "member_role": member_role,
        "orders": pair.orders.all(),  # drafts first, then the register (Order.Meta.ordering)
        "meetings": pair.meetings.select_related("recorded_by"),
        "program": Program.objects.filter(pair=pair).first(),
        "can_manage": request.access.has_role(*MANAGERS),
        # A member reads only a signed order (it names them); a draft is shown as text.
        "can_read_orders": request.access.has_role(*READERS),
        "missing_duties": services.people_without_duties_consent([m.person for m in pair.mentors]),
    }
    return render(request, "pairs/pair_detail.html", context)


def _suggested_request(request, organisation):
    """The mentee's request a suggestion's «Создать пару» came from (``?request=``), if any."""
    pk = request.GET.get("request", "")
    if request.method != "GET" or not pk.isdigit() or len(pk) > 18:
        return None
    return suggestions.mentee_requests(organisation).filter(pk=pk).first()


@require_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def pair_create(request):
    organisation = request.access.organisation
    initial = {}
    for field in ("mentors", "mentees"):
        ids = [v for v in request.GET.getlist(field) if v.isdigit()]
        if ids:
            initial[field] = Person.objects.filter(organisation=organisation, pk__in=ids)
    from_suggestion = _suggested_request(request, organisation)
    if from_suggestion is not None:
        mentors = list(initial.get("mentors", []))
        initial.update(
            suggestions.pair_initial(organisation, from_suggestion, mentors[0] if mentors else None)
        )
    form = PairForm(request.POST or None, organisation=organisation, initial=initial)
    if form.is_valid():
        try:
            pair = services.pair_create(organisation=organisation, by=request.user, **form.values())
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Пара (группа) создана со статусом «Предложена».")
            return redirect("pairs:pair_detail", pk=pair.pk)
    return render(request, "pairs/pair_form.html", {"form": form})


@require_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def pair_edit(request, pk):
    pair = get_pair(request, pk)
    if not pair.is_editable:
        messages.error(
            request,
            "Пара закреплена приказом: изменения вносятся приказом о внесении изменений.",
        )
        return redirect("pairs:pair_detail", pk=pair.pk)
    form = PairForm(request.POST or None, organisation=request.access.organisation, pair=pair)
    if form.is_valid():
        try:
            services.pair_update(pair=pair, version=form.loaded_version, **form.values())
        except StaleEditError as error:
            form.show_stale(error)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("pairs:pair_detail", pk=pair.pk)
    return render(request, "pairs/pair_form.html", {"form": form, "pair": pair})


@require_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def pair_delete(request, pk):
    pair = get_pair(request, pk)
    if request.method == "POST":
        try:
            services.pair_delete(pair=pair)
        except ValidationError as error:
            show_error(request, error)
            return redirect("pairs:pair_detail", pk=pair.pk)
        messages.success(request, "Пара удалена.")
        return redirect("pairs:pair_list")
    return render(request, "pairs/pair_confirm_delete.html", {"pair": pair})


@require_role(*MANAGERS)
@require_POST
def pair_activate(request, pk):
    pair = get_pair(request, pk)
    attempt(request, lambda: services.pair_activate(pair=pair), "Пара начала работу.")
    return redirect("pairs:pair_detail", pk=pair.pk)


@require_role(*MANAGERS)
@require_POST
def pair_complete(request, pk):
    pair = get_pair(request, pk)
    attempt(request, lambda: services.pair_complete(pair=pair), "Работа пары завершена.")
    return redirect("pairs:pair_detail", pk=pair.pk)


@require_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def pair_end_early(request, pk):
    pair = get_pair(request, pk)
    form = EndEarlyForm(request.POST or None)
    if form.is_valid():
        try:
            services.pair_end_early(pair=pair, **form.cleaned_data)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Работа пары прекращена досрочно.")
            return redirect("pairs:pair_detail", pk=pair.pk)
    return render(request, "pairs/pair_end_form.html", {"form": form, "pair": pair})


# --- forms of mentoring -----------------------------------------------------------------------


@require_role(*MANAGERS, Role.DIRECTOR)
def form_list(request):
    forms = MentoringForm.objects.all()
    return render(
        request,
        "pairs/form_list.html",
        {
            "groups": [
                (label, [f for f in forms if f.group == value])
                for value, label in MentoringForm.Group.choices
            ],
        },
    )


# --- consents to the additional duties -------------------------------------------------------


@require_role(*MANAGERS, Role.DIRECTOR)
def duties_list(request):
    """Mentors of current pairs and of the bank, with their consent and agreement."""
    organisation = request.access.organisation
    mentors = (
        Person.objects.filter(organisation=organisation)
        .filter(
            Exists(
                PairMember.objects.filter(
                    person=OuterRef("pk"),
                    role=PairMember.Role.MENTOR,
                    pair__status__in=Pair.CURRENT_STATUSES,
                )
            )
            | Exists(MentorProfile.objects.in_bank().filter(person=OuterRef("pk")))
        )
        .prefetch_related(
            Prefetch(
                "duties_consents",
                queryset=DutiesConsent.objects.not_withdrawn().with_in_force(),
            )
        )
        .order_by("last_name", "first_name")
    )
    rows = []
    for person in mentors:
        consents = list(person.duties_consents.all())
        # The one in force (signing accepts it), else the newest not yet in force.
        consent = next((c for c in consents if c.is_in_force), consents[0] if consents else None)
        rows.append(
            {
                "person": person,
                "consent": consent,
                "needed": needs_duties_consent(person),
            }
        )
    return render(
        request,
        "pairs/duties_list.html",
        {"rows": rows, "can_manage": request.access.has_role(*MANAGERS)},
    )


@require_GET
@require_role(*MANAGERS, Role.DIRECTOR)
def duties_scan(request, pk):
    """The scan of a paper consent to the duties, to those who keep the duties list."""
    consent = get_object_or_404(
        DutiesConsent.objects.select_related("person"),
        pk=pk,
        person__organisation=request.access.organisation,
    )
    return file_response(
        consent.scan,
        title=f"Согласие на доп. обязанности — {consent.person.short_name}, "
        f"{consent.given_on:%d.%m.%Y}",
    )


@require_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def duties_create(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk, organisation=request.access.organisation)
    form = DutiesConsentForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            services.duties_consent_record(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, f"Согласие {surname_initials(person, 'genitive')} записано.")
            return redirect("pairs:duties_list")
    return render(request, "pairs/duties_form.html", {"form": form, "person": person})


@require_role(Role.MENTOR)
@require_http_methods(["GET", "POST"])
def duties_give(request):
    person = request.access.person
    if person is None:
        return render(request, "pairs/duties_give.html", {"person": None})
    form = DutiesConsentOnlineForm(request.POST or None)
    if form.is_valid():
        try:
            services.duties_consent_record(
                person=person,
                method=DutiesConsent.Method.ONLINE,
                given_on=timezone.localdate(),
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Согласие на возложение дополнительных обязанностей дано.")
            return redirect("pairs:my_pairs")
    consents = person.duties_consents.all()
    return render(
        request, "pairs/duties_give.html", {"form": form, "person": person, "consents": consents}
    )
