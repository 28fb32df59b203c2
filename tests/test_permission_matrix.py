"""Every URL of the portal × every persona: served, 403, 404 or the login page, as declared.

The cases live next to each app (``<app>/tests/access_cases.py``). A URL pattern without a case
fails ``test_every_url_has_an_access_case``, so a new page cannot ship without its access rule.

A refusal must also change nothing: for every refused request (403, 404, the login page) the whole
database — every table but the sessions — and the media folder are compared before and after.
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS

APPS_WITH_URLS = [
    "mentoring_portal",
    "participants",
    "roadmap",
    "pairs",
    "monitoring",
    "notifications",
    "school_year",
    "public",
]
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
    if case.owner is not None:
        return "served" if persona == case.owner else "404"
    if persona == "outsider":
        if case.is_scoped:
            return "404"
        return "served" if case.allowed & {"curator", "director"} else "403"
    return "served" if persona in case.allowed else "403"


# Sessions are refreshed as users come and go: not the record of anything.
UNCOMPARED_TABLES = {"django_session"}


def _plain(value):
    # PostgreSQL returns binary columns as memoryview, whose repr is its memory address.
    return bytes(value) if isinstance(value, memoryview) else value


def _snapshot() -> dict:
    """Every row of every table, and every file of the media folder with its size."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in UNCOMPARED_TABLES:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(repr(tuple(map(_plain, row))) for row in cursor.fetchall())
    media = Path(settings.MEDIA_ROOT)
    files = sorted((str(path), path.stat().st_size) for path in media.rglob("*") if path.is_file())
    return {"tables": rows, "media": files}


def _changes(before: dict, after: dict) -> list[str]:
    changed = [
        table
        for table in sorted(set(before["tables"]) | set(after["tables"]))
        if before["tables"].get(table) != after["tables"].get(table)
    ]
    if before["media"] != after["media"]:
        changed.append("media folder")
    return changed


@pytest.mark.parametrize("case", CASES, ids=str)
def test_access(case, world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # this test's files only (the workers run side by side)
    kwargs = case.kwargs(world) if case.kwargs else {}
    url = reverse(case.url_name, kwargs=kwargs)
    login_url = reverse(settings.LOGIN_URL)
    outcomes = {}
    for persona in [None, *PERSONAS]:
        with transaction.atomic():
            client = client_for(persona)
            data = case.data(world, kwargs) if case.data else {}
            before = _snapshot()
            response = getattr(client, case.method)(url, data)
            if response.status_code in (301, 302, 303) and response["Location"].startswith(
                login_url
            ):
                outcome = "login"
            elif response.status_code < 400:
                outcome = "served"
            else:
                outcome = str(response.status_code)
            # (A public page may end in the login page by design: logout does.)
            if outcome in ("403", "404") or (outcome == "login" and not case.public):
                changed = _changes(before, _snapshot())
                if changed:
                    outcome = f"{outcome}, but changed {', '.join(changed)}"
            transaction.set_rollback(True)
        outcomes[persona or "anonymous"] = (outcome, _expected(case, persona))
    wrong = {
        who: (got, expected)
        for who, (got, expected) in outcomes.items()
        # A public page may end in the login page (logout does, by design).
        if got != expected and not (case.public and got == "login")
    }
    assert wrong == {}, f"{case}: (got, expected) per persona"


def test_the_snapshot_sees_a_change_of_any_row_or_file(world, settings, tmp_path):
    from participants.models import Person

    settings.MEDIA_ROOT = tmp_path
    before = _snapshot()
    Person.objects.filter(pk=world.people["teacher"].pk).update(phone="+7 900 000-00-01")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-")
    assert _changes(before, _snapshot()) == [
        "participants_person",
        "media folder",
    ]
