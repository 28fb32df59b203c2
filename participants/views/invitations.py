"""«Пригласить сотрудников»: logins for every staff member without one, after a confirmation."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mentoring_portal.russian import plural_count, surname_initials
from participants import services
from participants.access import require_role
from participants.views.common import CURATORS


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def staff_invite(request):
    """GET: whom the invitation reaches and whom not (no address, address taken); POST: invite."""
    organisation = request.access.organisation
    if request.method == "POST":
        invited, skipped = services.staff_invite(organisation=organisation, by=request.user)
        if invited:
            count = plural_count(len(invited), "сотрудник", "сотрудника", "сотрудников")
            messages.success(request, f"Созданы учётные записи и отправлены приглашения: {count}.")
        if skipped:
            # A few names (no-break spaces: «Никитин Р. В.» never splits), the rest counted;
            # the whole list is on the invitation page.
            names = ", ".join(surname_initials(person) for person in skipped[:5])
            more = len(skipped) - 5
            if more > 0:
                names += f" и ещё {more}"
            messages.warning(
                request,
                f"Без приглашения ({len(skipped)}): нет адреса электронной почты или он уже "
                f"занят другой учётной записью ({names}). Укажите адрес в карточке участника "
                "и пригласите снова или выдайте вход на карточке.",
            )
        if not invited and not skipped:
            messages.info(request, "Приглашать некого: у всех сотрудников уже есть вход.")
        return redirect("participants:person_list")
    people = list(services.staff_without_login(organisation))
    addresses = {person.email.strip().lower() for person in people if person.email.strip()}
    taken = {
        name.lower()
        for name in get_user_model()
        .objects.filter(username__in=addresses)
        .values_list("username", flat=True)
    }
    ready = [p for p in people if p.email.strip() and p.email.strip().lower() not in taken]
    left = [p for p in people if p not in ready]
    return render(
        request,
        "participants/staff_invite.html",
        {
            "ready": ready,
            "left": left,
            "taken": taken,
            "days": services.password_link_validity(),
        },
    )
