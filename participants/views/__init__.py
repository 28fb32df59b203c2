from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from participants.access import SESSION_KEY


@require_POST
@login_required
def switch_organisation(request):
    """Make another of the user's organisations the current one."""
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    organisation = request.access.switchable().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    request.session[SESSION_KEY] = organisation.pk
    messages.success(request, f"Вы работаете в организации «{organisation.short_name}».")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "home"
    return redirect(next_url)
