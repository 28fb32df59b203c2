from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static

from mentoring_portal.dashboard import panels_for


@login_required
def home(request):
    return render(request, "home.html", {"panels": panels_for(request)})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the URL is resolved per request
    because the production storage knows the hashed name only after collectstatic."""
    return redirect(static("img/favicon.svg"), permanent=True)
