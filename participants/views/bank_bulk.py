"""The curator decides several requests or questionnaires at once, from the bank's list."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring_portal.russian import plural_count
from participants import services
from participants.access import require_role
from participants.forms import ReturnForm
from participants.models import MenteeRequest, MentorProfile
from participants.views.common import CURATORS

BANKS = {
    "mentees": (MenteeRequest, "participants:mentee_bank", ("запрос", "запроса", "запросов")),
    "mentors": (MentorProfile, "participants:mentor_bank", ("анкета", "анкеты", "анкет")),
}


def _chosen(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("chosen") if v.isdigit() and len(v) < 19]


def _back(request, url_name):
    """Back to the list as it was filtered (the form carries the query string)."""
    query = request.POST.get("query", "")
    url = reverse(url_name)
    return HttpResponseRedirect(f"{url}?{query}" if query and "\n" not in query else url)


def _decide(request, bank: str, *, accept: bool):
    model, url_name, words = BANKS[bank]
    chosen = _chosen(request)
    if not chosen:
        messages.error(request, "Отметьте строки, которые нужно рассмотреть.")
        return _back(request, url_name)
    comment = ""
    if not accept:
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Напишите, что исправить: комментарий получит каждый автор.")
            return _back(request, url_name)
        comment = form.cleaned_data["comment"]
    done, problems = services.bank_applications_decide(
        model=model,
        pks=chosen,
        organisation=request.access.organisation,
        by=request.user,
        accept=accept,
        comment=comment,
    )
    if done:
        verb = "Принято в банк" if accept else "Возвращено на доработку"
        messages.success(request, f"{verb}: {plural_count(len(done), *words)}.")
    for problem in problems:
        messages.error(request, problem)
    return _back(request, url_name)


@require_role(*CURATORS)
@require_POST
def mentee_bulk_accept(request):
    return _decide(request, "mentees", accept=True)


@require_role(*CURATORS)
@require_POST
def mentee_bulk_return(request):
    return _decide(request, "mentees", accept=False)


@require_role(*CURATORS)
@require_POST
def mentor_bulk_accept(request):
    return _decide(request, "mentors", accept=True)


@require_role(*CURATORS)
@require_POST
def mentor_bulk_return(request):
    return _decide(request, "mentors", accept=False)
