"""Every paper-consent scan of the demo opens as a real PDF with the consent's heading."""

import io

import pytest
from django.core.management import call_command

from pairs.models import DutiesConsent
from participants.models import Consent, PublicationConsent

pytestmark = pytest.mark.django_db


def test_every_demo_scan_opens_with_pypdf(tmp_path):
    from pypdf import PdfReader

    call_command("load_demo", stdout=io.StringIO())
    scans = (
        [
            (c.scan, "Согласие на обработку персональных данных")
            for c in Consent.objects.exclude(scan="")
        ]
        + [
            (d.scan, "Согласие на возложение дополнительных обязанностей")
            for d in DutiesConsent.objects.exclude(scan="")
        ]
        + [
            (p.scan, "Согласие на распространение персональных данных")
            for p in PublicationConsent.objects.exclude(scan="")
        ]
    )
    kinds = {heading for _, heading in scans}
    assert len(kinds) == 3 and len(scans) >= 5
    for scan, heading in scans:
        assert scan.name.endswith(".pdf")
        with scan.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()), strict=True)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert heading.upper() in text.upper(), text[:200]
    # Each kind of scan is drawn with the fonts of static/fonts only, like every document.
    from monitoring.tests.test_shipped_fonts import embedded_fonts, shipped_fonts

    for heading in kinds:
        scan = next(scan for scan, kind in scans if kind == heading)
        with scan.open("rb") as handle:
            assert embedded_fonts(handle.read(), tmp_path) <= shipped_fonts(), heading
