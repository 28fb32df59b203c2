"""Every URL of the portal × every persona: served, 403, 404 or the login page, as declared.

The cases live next to each app (``<app>/tests/access_cases.py``). A URL pattern without a case
fails ``test_every_url_has_an_access_case``, so a new page cannot ship without its access rule.
"""

import importlib

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS

APPS_WITH_URLS = ["mentoring_portal", "participants", "roadmap", "pairs", "monitoring"]
IGNORED_NAMESPACES = {"admin"}


def _all_cases():
    cases = []
    for app in APPS_WITH_URLS:
        try:
            module = importlib.import_module(f"{app}.tests.access_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.CASES)
    return cases


CASES = _all_cases()


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in IGNORED_NAMESPACES:
                continue
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name}"
                if pattern.name
                else f"{namespace}<unnamed {pattern.pattern}>"
            )


def test_every_url_has_an_access_case():
    covered = {c.url_name for c in CASES}
    patterns = set(_url_names(get_resolver().url_patterns))
    patterns = {name for name in patterns if not name.startswith("<unnamed ^media")}
    assert sorted(patterns - covered) == [], "URL patterns without an access case"
    assert sorted(covered - patterns) == [], "access cases for URLs that do not exist"


def _expected(case, persona):
    if case.public:
        return "served"
    if persona is None:
        return "login"
    if persona == "outsider":
        if case.is_scoped:
            return "404"
        return "served" if case.allowed & {"curator", "director"} else "403"
    return "served" if persona in case.allowed else "403"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_access(case, world, client_for):
    kwargs = case.kwargs(world) if case.kwargs else {}
    url = reverse(case.url_name, kwargs=kwargs)
    login_url = reverse(settings.LOGIN_URL)
    outcomes = {}
    for persona in [None, *PERSONAS]:
        with transaction.atomic():
            client = client_for(persona)
            data = case.data(world, kwargs) if case.data else {}
            response = getattr(client, case.method)(url, data)
            if response.status_code in (301, 302, 303) and response["Location"].startswith(
                login_url
            ):
                outcome = "login"
            elif response.status_code < 400:
                outcome = "served"
            else:
                outcome = str(response.status_code)
            transaction.set_rollback(True)
        outcomes[persona or "anonymous"] = (outcome, _expected(case, persona))
    wrong = {
        who: (got, expected)
        for who, (got, expected) in outcomes.items()
        # A public page may end in the login page (logout does, by design).
        if got != expected and not (case.public and got == "login")
    }
    assert wrong == {}, f"{case}: (got, expected) per persona"
