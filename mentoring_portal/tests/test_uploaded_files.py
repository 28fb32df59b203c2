"""Uploaded files are never served from MEDIA_ROOT: they get random names with an extension
proved by their content, and go out only through access-checked views with the right type."""

import importlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from mentoring_portal.files import RandomName, content_extension, safe_filename
from pairs.models import DutiesConsent
from participants.models import Consent
from roadmap.models import Evidence
from roadmap.tests.factories import first_activity
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(world):
    from roadmap.models import Roadmap
    from roadmap.tests.factories import make_roadmap

    return make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, responsible=[world.people["working_group"]]
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
RANDOM = r"[0-9a-f]{32}"


def _mentor_in_bank(world):
    from pairs.tests.test_views import mentor_in_bank

    person = PersonFactory(organisation=world.school, last_name="Соколова")
    mentor_in_bank(person)
    return person


def _record_paper_duties(world, client, person, scan):
    return client.post(
        reverse("pairs:duties_create", kwargs={"person_pk": person.pk}),
        {
            "method": "paper",
            "given_on": "20.08.2026",
            "agreement_number": "15",
            "agreement_date": "25.08.2026",
            "scan": scan,
        },
    )


def test_evil_html_duties_scan_is_stored_as_pdf_and_never_served_as_html(world, client_for):
    person = _mentor_in_bank(world)
    curator = client_for("curator")
    evil = SimpleUploadedFile("evil.html", PDF + b"<script>alert(1)</script>", "text/html")
    assert _record_paper_duties(world, curator, person, evil).status_code == 302
    consent = DutiesConsent.objects.get(person=person)
    assert re.fullmatch(rf"duties_consents/\d{{4}}/{RANDOM}\.pdf", consent.scan.name)
    assert "evil" not in consent.scan.name

    response = curator.get(reverse("pairs:duties_scan", kwargs={"pk": consent.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline")
    assert "filename*=utf-8''" in disposition  # RFC 5987: the Russian name survives
    assert ".html" not in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_every_file_field_uses_the_random_name_helper():
    from django.apps import apps
    from django.db.models import FileField

    fields = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, FileField) and not model.__name__.startswith("Historical")
    ]
    assert fields  # evidence, consent scans, duties scans
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField) and not model.__name__.startswith("Historical"):
                assert isinstance(field.upload_to, RandomName), f"{model.__name__}.{field.name}"


def test_evidence_gets_a_random_name_with_the_content_s_extension(world, client_for, approved):
    activity = first_activity(approved)
    client = client_for("curator")
    response = client.post(
        reverse("roadmap:evidence_add", kwargs={"pk": activity.pk}),
        {"title": "", "file": SimpleUploadedFile("Приказ о наставничестве.pdf", PDF)},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert re.fullmatch(rf"evidence/\d{{4}}/{RANDOM}\.pdf", evidence.file.name)
    assert evidence.title == "Приказ о наставничестве.pdf"
    download = client.get(reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (
        "filename*=utf-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7" in download["Content-Disposition"]
    )


def test_paper_consent_scan_download_type_and_name(world, client_for):
    from participants.tests.factories import ConsentFactory

    consent = ConsentFactory(person=world.people["teacher"], paper=True)
    assert re.fullmatch(rf"consents/\d{{4}}/{RANDOM}\.pdf", consent.scan.name)
    response = client_for("director").get(
        reverse("participants:consent_scan", kwargs={"pk": consent.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    # The file gone from storage is a 404, not a 500.
    default_storage.delete(consent.scan.name)
    assert (
        client_for("director")
        .get(reverse("participants:consent_scan", kwargs={"pk": consent.pk}))
        .status_code
        == 404
    )


def test_content_decides_the_extension_not_the_name():
    consent = Consent(scan=ContentFile(b"<html><script>1</script></html>", name="scan.pdf"))
    name = Consent._meta.get_field("scan").generate_filename(consent, "scan.pdf")
    assert name.endswith(".bin")
    assert content_extension(ContentFile(PDF)) == ".pdf"
    # Code saving through the FieldFile names the type itself; an unknown name is ``.bin``.
    evidence = Evidence()
    assert Evidence._meta.get_field("file").upload_to(evidence, "a.PDF").endswith(".pdf")
    assert Evidence._meta.get_field("file").upload_to(evidence, "evil.html").endswith(".bin")


@pytest.mark.parametrize(
    "title,extension,expected",
    [
        ("Приказ № 5/о «О наставничестве»", ".pdf", "Приказ № 5 о «О наставничестве».pdf"),
        ('../../etc/passwd"\r\n', ".bin", "etc passwd.bin"),
        ("отчёт.pdf", ".pdf", "отчёт.pdf"),
        ("   ", ".png", "файл.png"),
    ],
)
def test_safe_filename(title, extension, expected):
    assert safe_filename(title, extension) == expected


@pytest.mark.parametrize("debug", [False, True])
def test_media_is_never_served_even_logged_in_and_in_debug(world, client_for, debug):
    from participants.tests.factories import ConsentFactory

    consent = ConsentFactory(person=world.people["teacher"], paper=True)
    assert default_storage.exists(consent.scan.name)
    with override_settings(DEBUG=debug):
        import mentoring_portal.urls

        importlib.reload(mentoring_portal.urls)
        clear_url_caches()
        try:
            for persona in ("curator", "director"):
                response = client_for(persona).get(f"/media/{consent.scan.name}")
                assert response.status_code == 404
        finally:
            importlib.reload(mentoring_portal.urls)
            clear_url_caches()
