"""Every paper-consent scan of the demo opens as a real PDF with the consent's heading."""

import io

import pytest
from django.core.management import call_command

from pairs.models import DutiesConsent
from participants.models import Consent

pytestmark = pytest.mark.django_db


def test_every_demo_scan_opens_with_pypdf():
    from pypdf import PdfReader

    call_command("load_demo", stdout=io.StringIO())
    scans = [
        (c.scan, "Согласие на обработку персональных данных")
        for c in Consent.objects.exclude(scan="")
    ] + [
        (d.scan, "Согласие на возложение дополнительных обязанностей")
        for d in DutiesConsent.objects.exclude(scan="")
    ]
    kinds = {heading for _, heading in scans}
    assert len(kinds) == 2 and len(scans) >= 5
    for scan, heading in scans:
        assert scan.name.endswith(".pdf")
        with scan.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()), strict=True)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert heading.upper() in text.upper(), text[:200]
