"""The curator keeps the school's people: list, card, create, edit, delete, give a login."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from mentoring_portal.errors import ServiceError, show_error
from mentoring_portal.paging import paginate
from mentoring_portal.versioning import StaleEditError
from notifications.models import MailAddressState
from participants import invitations, services
from participants.access import require_role
from participants.filters import PersonFilter
from participants.forms import GiveLoginForm, PersonForm
from participants.models import MenteeRequest, MentorProfile, Person
from participants.views.common import CURATORS, PEOPLE_READERS


def _person(request, pk):
    return get_object_or_404(Person, pk=pk, organisation=request.access.organisation)


@require_role(*PEOPLE_READERS)
def person_list(request):
    queryset = (
        Person.objects.filter(organisation=request.access.organisation, anonymised_at__isnull=True)
        .with_consent_state(organisation=request.access.organisation)
        .select_related("legal_representative", "user")
    )
    people_filter = PersonFilter(request.GET, queryset=queryset)
    page = paginate(request, people_filter.qs)
    return render(
        request,
        "participants/person_list.html",
        {"filter": people_filter, "page": page},
    )


@require_role(*PEOPLE_READERS)
def person_detail(request, pk):
    person = _person(request, pk)
    context = {
        "person": person,
        "consents": person.consents.select_related("text", "given_by_person").order_by("-given_at"),
        "publications": person.publication_consents.select_related("given_by_person").order_by(
            "-given_at"
        ),
        "requests": MenteeRequest.objects.filter(person=person).order_by("-created_at"),
        "profiles": MentorProfile.objects.filter(person=person).order_by("-created_at"),
        "represented": person.represented.all(),
        "has_valid_consent": person.has_valid_consent(),
        "curator": request.access.has_role(*CURATORS),
        # The login's address the mail server refused: its letters stop (the bell goes on).
        "bounced": MailAddressState.objects.filter(user_id=person.user_id).first()
        if person.user_id
        else None,
    }
    return render(request, "participants/person_detail.html", context)


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_create(request):
    form = PersonForm(request.POST or None, organisation=request.access.organisation)
    if form.is_valid():
        person = form.save(commit=False)
        person.organisation = request.access.organisation
        person.save()
        messages.success(request, f"Участник {person.full_name} добавлен.")
        return redirect("participants:person_detail", pk=person.pk)
    return render(request, "participants/person_form.html", {"form": form})


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _person(request, pk)
    form = PersonForm(
        request.POST or None, instance=person, organisation=request.access.organisation
    )
    if form.is_valid():
        try:
            form.save_versioned()
        except StaleEditError as error:
            form.show_stale(error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("participants:person_detail", pk=person.pk)
    return render(request, "participants/person_form.html", {"form": form, "person": person})


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_delete(request, pk):
    person = _person(request, pk)
    try:
        if request.method == "POST":
            name = person.full_name
            services.person_delete(person=person)
            messages.success(request, f"Участник {name} удалён.")
            return redirect("participants:person_list")
        services.person_delete_check(person)
    except ServiceError as error:
        blocker = " ".join(error.messages)
    else:
        blocker = None
    return render(
        request, "participants/person_delete.html", {"person": person, "blocker": blocker}
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def person_give_login(request, pk):
    person = _person(request, pk)
    if person.user_id:
        messages.info(request, "У участника уже есть учётная запись.")
        return redirect("participants:person_detail", pk=person.pk)
    form = GiveLoginForm(request.POST or None, initial={"email": person.email})
    if form.is_valid():
        try:
            user, link = services.person_give_login(
                person=person,
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
                by=request.user,
            )
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            url = request.build_absolute_uri(link)
            days = services.password_link_validity()
            if user.email:
                send_mail(
                    invitations.SUBJECT,
                    invitations.invitation_text(
                        person=person, username=user.username, url=url, days=days
                    ),
                    None,
                    [user.email],
                )
            return render(
                request,
                "participants/person_login_created.html",
                {"person": person, "login_user": user, "url": url, "days": days},
            )
    return render(request, "participants/person_give_login.html", {"form": form, "person": person})
