"""«Портфолио наставника»: the list of mentors, a mentor's page and PDF, the mentor's own, and
recording a thanks or an award."""

from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mentoring_portal.documents import pdf_response
from mentoring_portal.paging import paginate
from pairs.models import PairMember
from participants.access import require_role
from participants.models import MentorProfile, Person, Role
from school_year.forms import AwardForm
from school_year.portfolio import mentor_portfolio, portfolio_pdf

MANAGEMENT = (Role.CURATOR, Role.DIRECTOR)


def _mentors(organisation):
    as_mentor = PairMember.objects.filter(person=OuterRef("pk"), role=PairMember.Role.MENTOR)
    profile = MentorProfile.objects.filter(person=OuterRef("pk")).exclude(
        status__in=[MentorProfile.Status.DRAFT]
    )
    return (
        Person.objects.filter(organisation=organisation)
        .filter(Q(Exists(as_mentor)) | Q(Exists(profile)))
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


@require_role(*MANAGEMENT)
def mentor_list(request):
    page = paginate(request, _mentors(request.access.organisation))
    return render(request, "school_year/mentor_list.html", {"page": page})


def _mentor(request, pk) -> Person:
    person = get_object_or_404(Person, pk=pk, organisation=request.access.organisation)
    if not _mentors(request.access.organisation).filter(pk=person.pk).exists():
        raise Http404("Этот участник не наставник.")
    return person


def _page(request, person, *, own: bool):
    return render(
        request,
        "school_year/portfolio.html",
        {
            "portfolio": mentor_portfolio(person),
            "own": own,
            "may_award": request.access.has_role(*MANAGEMENT),
        },
    )


@require_role(*MANAGEMENT)
def portfolio(request, pk):
    return _page(request, _mentor(request, pk), own=False)


@require_role(Role.MENTOR)
def my_portfolio(request):
    person = request.access.person
    if person is None:
        raise Http404("У вас нет карточки участника в этой школе.")
    return _page(request, person, own=True)


def _pdf(request, person):
    portfolio_data = mentor_portfolio(person)
    pdf = portfolio_pdf(
        portfolio_data, organisation=request.access.organisation, printed_on=timezone.localdate()
    )
    return pdf_response(pdf, f"portfolio-{person.pk}.pdf")


@require_role(*MANAGEMENT)
def portfolio_download(request, pk):
    return _pdf(request, _mentor(request, pk))


@require_role(Role.MENTOR)
def my_portfolio_download(request):
    person = request.access.person
    if person is None:
        raise Http404("У вас нет карточки участника в этой школе.")
    return _pdf(request, person)


@require_role(*MANAGEMENT)
@require_http_methods(["GET", "POST"])
def award_add(request, pk):
    person = _mentor(request, pk)
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        award = form.save(commit=False)
        award.person = person
        award.recorded_by = request.user
        award.save()
        messages.success(request, f"Поощрение записано: {award.get_kind_display().lower()}.")
        return redirect("school_year:portfolio", pk=person.pk)
    return render(
        request,
        "school_year/award_form.html",
        {"form": form, "person": person},
        status=400 if form.is_bound else 200,
    )
