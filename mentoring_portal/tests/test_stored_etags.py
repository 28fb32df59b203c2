"""Every stored document goes out with an ETag, and a client that already has it gets a 304
without the bytes: a signed order (its SHA-256) and an uploaded file (its random stored name)."""

import pytest
from django.urls import reverse

from pairs.tests.factories import signed_order
from participants.tests.factories import ConsentFactory, ConsentTextFactory

pytestmark = pytest.mark.django_db


def test_a_signed_order_is_served_with_its_sha256_and_a_304_when_unchanged(world, client_for):
    order = signed_order(world.school)
    client = client_for("director")
    url = reverse("pairs:order_download", args=[order.pk])

    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"] == f'"{order.pdf_sha256}"'
    assert first.content.startswith(b"%PDF")

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_an_uploaded_scan_is_served_with_an_etag_and_a_304_when_unchanged(world, client_for):
    text = ConsentTextFactory(organisation=world.school)
    consent = ConsentFactory(person=world.people["mentor"], text=text, paper=True)
    client = client_for("curator")
    url = reverse("participants:consent_scan", args=[consent.pk])

    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    assert b"".join(first.streaming_content).startswith(b"%PDF")

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    # Still private: the access check ran, and nothing may be stored by a proxy.
    assert "no-store" in again["Cache-Control"]
    assert client_for("outsider").get(url, HTTP_IF_NONE_MATCH=etag).status_code == 404
