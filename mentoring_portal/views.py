import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from mentoring_portal.dashboard import panels_for

logger = logging.getLogger(__name__)


@login_required
def home(request):
    return render(request, "home.html", {"panels": panels_for(request)})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the URL is resolved per request
    because the production storage knows the hashed name only after collectstatic."""
    return redirect(static("img/favicon.svg"), permanent=True)


def database_answers() -> bool:
    """One round trip to the database: what a load balancer or a monitor needs to know."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Проверка /healthz: база данных не отвечает")
        return False


@never_cache
def healthz(request):
    """200 «ok» when the database answers, 503 otherwise; no login, no session, no cookie,
    so that nginx, systemd or a cluster's load balancer can ask it every few seconds."""
    plain = "text/plain; charset=utf-8"
    if database_answers():
        return HttpResponse("ok\n", content_type=plain)
    return HttpResponse("база данных не отвечает\n", status=503, content_type=plain)
