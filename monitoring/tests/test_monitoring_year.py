"""The year's report: targets and manual indicators, approval that freezes the values, the
comparison with the previous approved year, the page with its charts and the PDF."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from mentoring_portal.russian import initials_surname
from monitoring import services
from monitoring.forms import ManualIndicatorFormSet
from monitoring.models import IndicatorSnapshot, MonitoringYear
from monitoring.report import year_report
from monitoring.tests.factories import full_answers, make_pair, make_year, open_campaign


def _value(report, code):
    return next(i.value for i in report.indicators if i.code == code)


def test_approval_freezes_the_values(world):
    year = make_year(world.school)
    make_pair(world.school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    year.refresh_from_db()
    assert year.is_approved and year.approver_name == world.people["curator"].short_name
    assert IndicatorSnapshot.objects.get(monitoring_year=year, code="pairs_formed").value == 1
    make_pair(world.school)
    make_pair(world.school)
    assert _value(year_report(year), "pairs_formed") == Decimal(1)
    assert year.frozen_charts["forms"][0][1] == 1
    with pytest.raises(ServiceError):
        services.monitoring_year_approve(monitoring_year=year, by=None)


def test_draft_follows_the_data(world):
    year = make_year(world.school)
    make_pair(world.school)
    assert _value(year_report(year), "pairs_formed") == Decimal(1)
    make_pair(world.school)
    assert _value(year_report(year), "pairs_formed") == Decimal(2)


def test_next_year_compares_with_the_previous_approved_one(world):
    make_pair(
        world.school,
        period=(__import__("datetime").date(2024, 9, 1), __import__("datetime").date(2025, 5, 31)),
    )
    previous = make_year(world.school, 2024)
    services.monitoring_year_approve(monitoring_year=previous, by=None)
    make_year(world.school, 2023)  # a draft is never the comparison
    this = make_year(world.school, 2025)
    report = year_report(this)
    assert report.previous == previous
    assert report.previous_values["pairs_formed"] == Decimal(1)
    assert _value(report, "pairs_formed") == Decimal(0)


def test_curator_sets_targets_manual_indicators_and_conclusions(world, client_for):
    year = make_year(world.school)
    response = client_for("curator").post(
        reverse("monitoring:year_edit", args=[year.pk]),
        {
            "conclusions-conclusions": "Программа реализуется в полном объёме.",
            "targets-pairs_formed": "4",
            "targets-roadmap_on_time": "",
            "manual-TOTAL_FORMS": "1",
            "manual-INITIAL_FORMS": "0",
            "manual-0-order": "1",
            "manual-0-title": "Доля педагогов, прошедших аттестацию",
            "manual-0-stage": "2",
            "manual-0-unit": "%",
            "manual-0-value": "60",
            "manual-0-target": "50",
        },
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.conclusions.startswith("Программа")
    assert dict(year.targets.values_list("code", "target")) == {"pairs_formed": Decimal(4)}
    assert year.manual_indicators.get().value == Decimal(60)


def test_bad_target_is_refused_and_nothing_saved(world, client_for):
    year = make_year(world.school)
    response = client_for("curator").post(
        reverse("monitoring:year_edit", args=[year.pk]),
        {
            "conclusions-conclusions": "Текст",
            "targets-pairs_formed": "много",
            "manual-TOTAL_FORMS": "0",
            "manual-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    year.refresh_from_db()
    assert year.conclusions == "" and not year.targets.exists()


def test_approved_year_cannot_be_edited(world, client_for):
    year = make_year(world.school)
    client = client_for("curator")
    assert client.post(reverse("monitoring:year_approve", args=[year.pk])).status_code == 302
    year.refresh_from_db()
    assert year.status == MonitoringYear.Status.APPROVED
    response = client.post(
        reverse("monitoring:year_edit", args=[year.pk]), {"conclusions-conclusions": "Иначе"}
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.conclusions == ""


def test_page_shows_charts_and_the_numbers_as_a_table(world, client_for):
    year = make_year(world.school)
    make_pair(world.school)
    campaign = open_campaign(
        world.school, people=[world.people["mentee"]], starts_on=date(2025, 10, 1)
    )
    services.response_submit(
        campaign=campaign, person=world.people["mentee"], answers=full_answers(campaign, scale=9)
    )
    previous = make_year(world.school, 2024)
    services.monitoring_year_approve(monitoring_year=previous, by=None)
    page = client_for("director").get(reverse("monitoring:year_detail", args=[year.pk]))
    html = page.content.decode()
    assert html.count("<svg") >= 2
    assert "Наставнические пары и группы по формам" in html
    assert 'data-testid="indicator-table"' in html
    assert "Сформировано наставнических пар" in html
    assert "Этот год в сравнении с прошлым" in html
    assert "cdn" not in html.lower()


def test_pdf_report_has_indicators_conclusions_and_signature(world, client_for):
    year = make_year(world.school)
    year.conclusions = "Рекомендуется расширить банк наставников."
    year.save()
    make_pair(world.school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    response = client_for("coordinator").get(reverse("monitoring:year_report_pdf", args=[year.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in text
    assert "Сформировано наставнических пар" in text
    assert "Рекомендуется расширить банк наставников." in text
    # The signature: initials before the surname (issue 12, point 9).
    assert initials_surname(world.people["curator"]).replace("\u00a0", " ") in text.replace(
        "\u00a0", " "
    )
    assert "Наставнические пары и группы по формам" in text  # an SVG chart's title


def test_an_approval_landing_during_the_edit_wins_and_nothing_is_saved(world):
    year = make_year(world.school)
    stale = MonitoringYear.objects.get(pk=year.pk)  # what the edit page loaded
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    formset = ManualIndicatorFormSet(
        {"manual-TOTAL_FORMS": "0", "manual-INITIAL_FORMS": "0"}, instance=stale, prefix="manual"
    )
    assert formset.is_valid()
    with pytest.raises(ServiceError) as refused:
        services.monitoring_year_update(
            monitoring_year=stale,
            conclusions="Иначе",
            targets={"pairs_formed": Decimal(4)},
            manual_formset=formset,
        )
    assert refused.value.code == "approved"
    year.refresh_from_db()
    assert year.conclusions == "" and not year.targets.exists()
