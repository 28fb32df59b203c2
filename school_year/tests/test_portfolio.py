"""«Портфолио наставника»: the page, the PDF read back, the thanks recorded by the curator."""

from datetime import date

import pytest
from django.urls import reverse

from monitoring import services as monitoring_services
from monitoring.tests.factories import full_answers
from pairs.models import Meeting, ProgramItem
from participants.models import MentorAward, MentorProfile, MentorTraining

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(world, last_year):
    mentor = world.people["mentor"]
    pair = last_year["pair"]
    items = list(pair.program.items.order_by("due"))
    ProgramItem.objects.filter(pk__in=[items[0].pk, items[1].pk]).update(done_on=date(2026, 11, 1))
    Meeting.objects.create(pair=pair, date=date(2026, 10, 5), topic="Адаптация", done="Беседа")
    MentorTraining.objects.create(
        profile=MentorProfile.objects.get(person=mentor),
        title="Школа наставников",
        organiser="ТОИПКРО",
        finished_on=date(2026, 6, 10),
        hours=36,
        document="Удостоверение № 7001",
    )
    campaign = last_year["campaign"]
    campaign.starts_on = date(2026, 11, 1)
    campaign.save()
    monitoring_services.response_submit(
        campaign=campaign, person=mentor, answers=full_answers(campaign, scale=9)
    )
    MentorAward.objects.create(
        person=mentor,
        kind=MentorAward.Kind.THANKS,
        title="за успешное наставничество молодого специалиста",
        awarded_on=date(2026, 11, 20),
        basis="приказ от 20.11.2026 № 140-о",
        awarded_by="директор школы",
    )
    return pair


def test_page_shows_the_whole_record(world, client_for, record, last_year):
    mentor = world.people["mentor"]
    response = client_for("curator").get(reverse("school_year:portfolio", args=[mentor.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.people["mentee"].full_name in page
    assert "учитель – учитель" in page
    assert "2 из " in page  # program items done
    assert "Школа наставников" in page and "36&nbsp;ч" in page
    assert "9,0</strong> из 10" in page
    assert last_year["order"].title in page
    assert "за успешное наставничество молодого специалиста" in page


def test_mentor_downloads_own_pdf_and_it_reads_back(world, client_for, record, last_year):
    from io import BytesIO

    from pypdf import PdfReader

    response = client_for("mentor").get(reverse("school_year:my_portfolio_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.replace("\u2010\n", "").replace("\u2010 ", "").split())
    mentor = world.people["mentor"]
    assert "ПОРТФОЛИО НАСТАВНИКА" in text
    assert mentor.full_name in text
    assert world.people["mentee"].full_name in text
    assert "Школа наставников" in text and "36 ч" in text
    assert f"№ {last_year['order'].number_label}" in text
    assert "Благодарность за успешное наставничество молодого специалиста" in text
    assert "20 ноября 2026 г." in text


def test_curator_records_a_thanks(world, client_for, record):
    mentor = world.people["mentor"]
    url = reverse("school_year:award_add", args=[mentor.pk])
    client = client_for("director")
    response = client.post(
        url,
        {
            "kind": "certificate",
            "title": "за победу в конкурсе «Наставник года»",
            "awarded_on": "01.12.2026",
            "basis": "приказ от 01.12.2026 № 150-о",
            "awarded_by": "директор школы",
        },
    )
    assert response.status_code == 302
    award = MentorAward.objects.get(kind="certificate")
    assert award.recorded_by == world.user("director")
    assert award.awarded_on == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Укажите, за что объявлено поощрение."),
        ({"basis": ""}, "Укажите основание"),
        ({"awarded_on": "31.02.2026"}, "Введите дату в формате ДД.ММ.ГГГГ"),
        ({"awarded_on": "01.01.2099"}, "Дата поощрения ещё не наступила."),
    ],
)
def test_bad_award_saves_nothing(world, client_for, record, overrides, message):
    data = {
        "kind": "thanks",
        "title": "за работу",
        "awarded_on": "01.12.2026",
        "basis": "приказ № 1",
        "awarded_by": "директор",
    }
    data.update(overrides)
    mentor = world.people["mentor"]
    response = client_for("curator").post(reverse("school_year:award_add", args=[mentor.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MentorAward.objects.count() == 1


def test_a_person_who_is_not_a_mentor_has_no_portfolio(world, client_for):
    teacher = world.people["teacher"]
    response = client_for("curator").get(reverse("school_year:portfolio", args=[teacher.pk]))
    assert response.status_code == 404


def test_other_schools_mentor_is_404(world, client_for, record):
    mentor = world.people["mentor"]
    assert (
        client_for("outsider")
        .get(reverse("school_year:portfolio_pdf", args=[mentor.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_mentor_list_query_count(world, client_for, rows, django_assert_num_queries):
    from pairs.tests.factories import ready_mentor

    for _ in range(rows):
        ready_mentor(world.school)
    client = client_for("curator")
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("school_year:mentor_list"))
    from mentoring_portal.paging import PAGE_SIZE

    assert len(response.context["page"]) == min(rows, PAGE_SIZE)


QUERIES = 6


def test_awards_appear_in_the_years_monitoring(world, client_for, record, last_year):
    from io import BytesIO

    from pypdf import PdfReader

    monitoring = last_year["monitoring"]  # 2026/2027: the thanks of 20.11.2026 belongs to it
    client = client_for("director")
    page = client.get(reverse("monitoring:year_detail", args=[monitoring.pk])).content.decode()
    assert "Мотивация и поощрение наставников" in page
    assert "за успешное наставничество молодого специалиста" in page
    pdf = client.get(reverse("monitoring:year_report_pdf", args=[monitoring.pk])).content
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "3. Мотивация и поощрение наставников" in text
    assert world.people["mentor"].full_name in text
    # An award of another year is not this year's.
    MentorAward.objects.update(awarded_on=date(2025, 12, 1))
    page = client.get(reverse("monitoring:year_detail", args=[monitoring.pk])).content.decode()
    assert "за успешное наставничество молодого специалиста" not in page
