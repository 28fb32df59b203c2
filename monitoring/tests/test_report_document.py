"""The analytical report as a registered document (issue 12, point 9), read back from its PDF:
an approved report carries its approval's date and number, a draft «ПРОЕКТ» and «№ ____»; the
charts print long labels whole; an indicator without a value says why, and the approved report
keeps the reason it was approved with."""

import re
from datetime import date
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring_portal import russian
from monitoring import charts, services
from monitoring.indicators import compute_indicators
from monitoring.models import IndicatorSnapshot
from monitoring.report import year_report
from monitoring.tests.factories import make_pair, make_year, open_campaign
from monitoring.views.years import signature_name
from pairs.tests.factories import mentor_in_bank
from tests.factories import PersonFactory

NBSP = "\u00a0"


def _text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(BytesIO(response.content)).pages
    return re.sub("\u2010\\s+", "", " ".join(" ".join(p.extract_text() for p in pages).split()))


def _report(client, year) -> str:
    return _text(client.get(reverse("monitoring:year_report_pdf", args=[year.pk])))


def test_an_approved_report_is_dated_and_numbered_at_its_approval(world, client_for):
    earlier, later = make_year(world.school, 2024), make_year(world.school, 2025)
    services.monitoring_year_approve(monitoring_year=earlier, by=world.user("curator"))
    services.monitoring_year_approve(monitoring_year=later, by=world.user("curator"))
    later.refresh_from_db()
    # The second report approved in the calendar year is № 2; another school starts at № 1.
    other = make_year(world.other_school, 2025)
    services.monitoring_year_approve(monitoring_year=other, by=world.user("outsider"))
    other.refresh_from_db()
    assert (later.report_number, other.report_number) == (2, 1)
    text = _report(client_for("director"), later)
    approved_on = timezone.localdate(later.approved_at)
    day = russian.date_text(approved_on).replace(NBSP, " ")
    assert f"АНАЛИТИЧЕСКАЯ СПРАВКА {day} № 2 г. Асино" in text
    assert "ПРОЕКТ" not in text and "____" not in text


def test_a_draft_report_prints_project_and_a_blank_number(world, client_for):
    year = make_year(world.school)
    text = _report(client_for("curator"), year)
    assert "ПРОЕКТ" in text
    assert "№ ____" in text
    assert "«___» ____________ 20__" in text
    # The draft is signed by the school's curator, initials first, as the approved one is.
    curator = world.people["curator"]
    assert signature_name(curator.short_name).replace(NBSP, " ") in text


def test_chart_labels_wrap_and_are_never_cut():
    label = (
        "Доля обучающихся в возрасте от 10 до 18 лет, вовлечённых в различные формы наставничества"
    )
    svg = charts.hbar_chart(
        [label, "Коротко"], [charts.Series("Год", [50, 20])], title="Сравнение", unit="%"
    )
    assert "…" not in svg
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines[:-1]) == label  # the long label over several lines, every word kept
    assert len(lines) >= 3 and lines[-1] == "Коротко"
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)


def _mentors_asked_nobody_answered(world, mentors: int):
    people = [PersonFactory(organisation=world.school) for _ in range(mentors)]
    for person in people:
        mentor_in_bank(person)
    open_campaign(world.school, key="mentor", people=people, starts_on=date(2025, 10, 1))


def test_no_value_says_why_from_the_figures_it_is_computed_with(world):
    _mentors_asked_nobody_answered(world, 3)
    values = {v.code: v for v in compute_indicators(organisation=world.school, year=2025)}
    assert values["mentor_satisfaction"].value is None
    assert values["mentor_satisfaction"].note == "анкеты наставников не заполнены (0 из 3)"
    assert values["mentee_satisfaction"].note == (
        "анкетирование наставляемых в учебном году не проводилось"
    )
    assert values["mentees_with_pair"].note == "банк наставляемых пуст"
    assert values["pairs_formed"].note == ""  # a count always has a value


def test_an_approved_report_keeps_the_reason_it_was_approved_with(world, client_for):
    _mentors_asked_nobody_answered(world, 2)
    make_pair(world.school)
    year = make_year(world.school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    snapshot = IndicatorSnapshot.objects.get(monitoring_year=year, code="mentor_satisfaction")
    assert (snapshot.value, snapshot.note) == (None, "анкеты наставников не заполнены (0 из 2)")
    # Answers arriving later change nothing in the approved report.
    rows = {row.title: row for row in year_report(year).rows()}
    assert rows[snapshot.title].note == snapshot.note
    text = _report(client_for("director"), year)
    assert "Нет данных: анкеты наставников не заполнены (0 из 2)." in text
    page = client_for("curator").get(reverse("monitoring:year_detail", args=[year.pk]))
    assert "Нет данных: анкеты наставников не заполнены (0 из 2)." in page.content.decode()


def test_the_report_is_refused_to_others(world, client_for):
    year = make_year(world.school)
    url = reverse("monitoring:year_report_pdf", args=[year.pk])
    assert client_for("mentor").get(url).status_code == 403
    assert client_for("teacher").get(url).status_code == 403
    other = make_year(world.other_school)
    assert (
        client_for("director")
        .get(reverse("monitoring:year_report_pdf", args=[other.pk]))
        .status_code
        == 404
    )
    missing = reverse("monitoring:year_report_pdf", args=[other.pk + 1000])
    assert client_for("director").get(missing).status_code == 404


def test_the_report_costs_a_pinned_number_of_queries(world, client_for, django_assert_num_queries):
    year = make_year(world.school)
    for _ in range(3):
        make_pair(world.school)
    services.monitoring_year_approve(monitoring_year=year, by=world.user("curator"))
    client = client_for("director")
    url = reverse("monitoring:year_report_pdf", args=[year.pk])
    client.get(url)
    with django_assert_num_queries(REPORT_QUERIES):
        assert client.get(url).status_code == 200


REPORT_QUERIES = 7
