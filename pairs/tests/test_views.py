"""Pages of pairs and orders per role: happy paths, bad input, scoping, query counts."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs import services
from pairs.models import Order, Pair
from pairs.tests.factories import (
    make_order,
    make_pair,
    mentor_in_bank,
    pair_form_data,
    ready_mentee,
    ready_mentor,
    signed_order,
    world_order,
    world_pair,
)
from tests.factories import PersonFactory


def test_curator_creates_a_pair(world, client_for, mentor, mentee):
    response = client_for("curator").post(
        reverse("pairs:pair_create"), pair_form_data(mentor, mentee)
    )
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pairs:pair_detail", kwargs={"pk": pair.pk})


def test_pair_form_shows_the_rule_next_to_the_field(world, client_for, mentor):
    no_consent = PersonFactory(organisation=world.school, last_name="Тихонова")
    response = client_for("curator").post(
        reverse("pairs:pair_create"), pair_form_data(mentor, no_consent)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    # Without a consent nobody is in the mentee bank, so the picker's field refuses the name.
    assert errors["mentees"][0] == "Этого человека нельзя выбрать в это поле."
    assert not Pair.objects.exists()


def test_pair_form_bad_dates(world, client_for, mentor, mentee):
    response = client_for("curator").post(
        reverse("pairs:pair_create"), pair_form_data(mentor, mentee, period_start="31.02.2026")
    )
    assert "ДД.ММ.ГГГГ" in response.context["form"].errors["period_start"][0]


def test_people_of_another_school_are_not_offered(world, client_for, mentor):
    stranger = ready_mentee(world.other_school)
    response = client_for("curator").get(reverse("pairs:pair_create"))
    assert stranger not in response.context["form"].fields["mentees"].queryset


def test_mentor_sees_only_own_pairs(world, client_for):
    own = world_pair(world)
    other = make_pair(world.school)
    client = client_for("mentor")
    response = client.get(reverse("pairs:my_pairs"))
    assert list(response.context["pairs"]) == [own]
    assert client.get(reverse("pairs:pair_detail", kwargs={"pk": own.pk})).status_code == 200
    assert client.get(reverse("pairs:pair_detail", kwargs={"pk": other.pk})).status_code == 403
    assert client.get(reverse("pairs:pair_list")).status_code == 403


def test_wrong_method(world, client_for):
    pair = world_pair(world)
    response = client_for("curator").get(reverse("pairs:pair_activate", kwargs={"pk": pair.pk}))
    assert response.status_code == 405


def test_end_early_form(world, client_for):
    pair = world_pair(world)
    url = reverse("pairs:pair_end_early", kwargs={"pk": pair.pk})
    response = client_for("curator").post(url, {"ended_on": "01.10.2026", "reason": ""})
    assert "reason" in response.context["form"].errors
    response = client_for("curator").post(url, {"ended_on": "01.10.2026", "reason": "Переезд"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED_EARLY and pair.end_reason == "Переезд"


def test_pair_list_query_count(world, client_for, django_assert_num_queries):
    client = client_for("curator")
    url = reverse("pairs:pair_list")

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        make_pair(world.school)
    few = count()
    for _ in range(8):
        make_pair(world.school)
    with django_assert_num_queries(few):
        client.get(url)


def test_order_register_query_count_and_filters(world, client_for, django_assert_num_queries):
    client = client_for("director")
    url = reverse("pairs:order_list")
    signed_order(world.school)
    make_order(world.school)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for _ in range(6):
        signed_order(world.school)
    with django_assert_num_queries(len(queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 8
    signed = client.get(url, {"status": "signed"}).context["page"].object_list
    assert len(signed) == 7
    assert all(order.is_signed for order in signed)
    response = client.get(url, {"q": "2-о"})
    assert [o.number for o in response.context["page"].object_list] == [2]
    # The register offers the signed file; its checksum sits on the order's page behind
    # «Проверить подлинность», not as a column of hex in the list.
    first = Order.objects.signed().first()
    register = client.get(url).content.decode()
    assert reverse("pairs:order_download", args=[first.pk]) in register
    assert first.pdf_sha256[:16] not in register
    detail = client.get(reverse("pairs:order_detail", args=[first.pk])).content.decode()
    assert "Проверить подлинность" in detail and first.pdf_sha256 in detail


def test_order_journey_through_views(world, client_for):
    pair = world_pair(world)
    curator = client_for("curator")
    response = curator.post(reverse("pairs:order_create"), {"kind": "pairs", "pairs": [pair.pk]})
    order = Order.objects.get()
    assert response["Location"] == reverse("pairs:order_edit", kwargs={"pk": order.pk})
    assert list(order.pairs.all()) == [pair]
    response = curator.post(
        reverse("pairs:order_edit", kwargs={"pk": order.pk}),
        {
            "date": "",  # dated the day it is signed
            "title": "О закреплении наставнических пар на 2026/2027 учебный год",
            "preamble": order.preamble,
            "points": order.points,
            "controller": "оставляю за собой",
            "pairs": [pair.pk],
        },
    )
    assert response.status_code == 302
    curator.post(reverse("pairs:order_submit", kwargs={"pk": order.pk}))
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED
    # The curator cannot sign.
    assert curator.post(reverse("pairs:order_sign", kwargs={"pk": order.pk})).status_code == 403
    director = client_for("director")
    director.post(reverse("pairs:order_sign", kwargs={"pk": order.pk}))
    order.refresh_from_db()
    assert order.is_signed and order.title.endswith("2026/2027 учебный год")
    assert (order.number, order.date) == (1, timezone.localdate())
    # The edit page of a signed order sends back to the card, nothing saved.
    response = client_for("curator").post(
        reverse("pairs:order_edit", kwargs={"pk": order.pk}), {"title": "x"}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.title != "x"


def test_order_edit_bad_input_keeps_the_draft(world, client_for):
    order = world_order(world)
    response = client_for("curator").post(
        reverse("pairs:order_edit", kwargs={"pk": order.pk}),
        {"date": "31.02.2027", "title": "", "preamble": "", "points": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors and "date" in errors
    order.refresh_from_db()
    assert order.title


def test_a_date_set_on_the_draft_dates_the_signed_order(world, client_for):
    order = world_order(world)
    response = client_for("curator").post(
        reverse("pairs:order_edit", kwargs={"pk": order.pk}),
        {
            "date": "15.01.2027",
            "title": "Т",
            "preamble": "П",
            "points": "1",
            "controller": "",
            "pairs": [order.pairs.get().pk],
        },
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.date, order.number, order.year) == (date(2027, 1, 15), None, None)
    order = services.order_sign(order=services.order_submit(order=order, by=None), by=None)
    assert (order.date, order.year, order.number) == (date(2027, 1, 15), 2027, 1)


def test_director_returns_with_a_comment(world, client_for):
    order = world_order(world, status="submitted")
    url = reverse("pairs:order_return", kwargs={"pk": order.pk})
    response = client_for("director").post(url, {"comment": ""})
    assert response.status_code == 200
    client_for("director").post(url, {"comment": "Уточните сроки"})
    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED and order.return_comment == "Уточните сроки"


def test_amendment_refers_to_a_signed_order(world, client_for):
    first = world_order(world, status="signed")
    curator = client_for("curator")
    response = curator.post(reverse("pairs:order_create"), {"kind": "amendment"})
    assert "amends" in response.context["form"].errors
    curator.post(reverse("pairs:order_create"), {"kind": "amendment", "amends": first.pk})
    amendment = Order.objects.get(kind="amendment")
    assert amendment.amends == first and amendment.number is None  # numbered at signing


def test_template_edit(world, client_for):
    client = client_for("curator")
    url = reverse("pairs:template_edit", kwargs={"kind": "final_event"})
    assert client.get(url).status_code == 200
    client.post(
        url, {"title": "О проведении фестиваля наставничества", "preamble": "П", "points": "1"}
    )
    order = make_order(world.school, kind="final_event")
    assert order.title == "О проведении фестиваля наставничества"
    assert client.get(reverse("pairs:template_edit", kwargs={"kind": "nope"})).status_code == 404


def test_duties_consent_recorded_by_the_curator(world, client_for):
    person = PersonFactory(organisation=world.school)
    mentor_in_bank(person)
    url = reverse("pairs:duties_create", kwargs={"person_pk": person.pk})
    response = client_for("curator").post(
        url,
        {
            "method": "paper",
            "given_on": "20.08.2026",
            "agreement_number": "15",
            "agreement_date": "25.08.2026",
        },
    )
    assert "scan" in response.context["form"].errors
    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = SimpleUploadedFile("s.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_for("curator").post(
        url,
        {
            "method": "paper",
            "given_on": "20.08.2026",
            "agreement_number": "15",
            "agreement_date": "25.08.2026",
            "scan": scan,
        },
    )
    assert response.status_code == 302
    assert person.duties_consents.get().agreement_number == "15"


def test_mentor_gives_duties_consent_online(world, client_for):
    mentor = world.people["mentor"]
    response = client_for("mentor").post(
        reverse("pairs:duties_give"),
        {
            "typed_name": mentor.full_name,
            "agreement_number": "3",
            "agreement_date": "01.09.2026",
        },
    )
    assert response.status_code == 302
    consent = mentor.duties_consents.get()
    assert consent.method == "online" and consent.typed_name == mentor.full_name


@pytest.mark.parametrize("persona", ["curator", "director", "working_group", "coordinator"])
def test_readers_see_the_order(world, client_for, persona):
    order = world_order(world, status="signed")
    response = client_for(persona).get(reverse("pairs:order_detail", kwargs={"pk": order.pk}))
    assert response.status_code == 200
    assert order.pdf_sha256 in response.content.decode()


def test_ready_helpers_make_valid_people(world):
    assert ready_mentor(world.school).has_valid_consent()


def test_duties_list_query_count(world, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pairs.tests.factories import mentor_in_bank, ready_mentor

    client = client_for("curator")
    url = reverse("pairs:duties_list")
    for _ in range(2):
        ready_mentor(world.school)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        ready_mentor(world.school)
        mentor_in_bank(PersonFactory(organisation=world.school))  # no consent yet
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    rows = response.context["rows"]
    assert len(rows) == 8
    assert sum(row["consent"] is None for row in rows) == 3


def test_a_consent_with_a_future_agreement_is_not_yet_in_force(world, client_for):
    """The list and signing share one rule: an agreement dated tomorrow does not count yet."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from pairs import services
    from pairs.models import DutiesConsent
    from pairs.tests.factories import make_order, make_pair, mentor_in_bank, ready_mentee

    mentor = PersonFactory(organisation=world.school)
    mentor_in_bank(mentor)
    starts = timezone.localdate() + timedelta(days=3)
    DutiesConsent.objects.create(
        person=mentor,
        method=DutiesConsent.Method.PAPER,
        given_on=timezone.localdate(),
        agreement_number="40",
        agreement_date=starts,
    )
    response = client_for("curator").get(reverse("pairs:duties_list"))
    row = next(r for r in response.context["rows"] if r["person"] == mentor)
    assert row["consent"].is_in_force is False
    assert f"вступает в силу {starts:%d.%m.%Y}" in response.content.decode()

    pair = make_pair(world.school, mentor, ready_mentee(world.school))
    order = make_order(world.school, pairs=[pair])
    with pytest.raises(ValidationError) as error:
        services.order_submit(order=order, by=None)
    assert (
        f"Наставник {mentor.short_name}: дополнительное соглашение к трудовому договору "
        f"вступает в силу {starts:%d.%m.%Y}"
    ) in str(error.value)
    # Once the day comes, the same consent is in force for signing and for the list.
    assert services.people_without_duties_consent([mentor], on=starts) == []
    row_consent = DutiesConsent.objects.with_in_force(starts).get(person=mentor)
    assert row_consent.is_in_force is True


def test_an_in_force_consent_shows_no_pending_badge(world, client_for):
    from pairs.tests.factories import ready_mentor

    ready_mentor(world.school)
    response = client_for("curator").get(reverse("pairs:duties_list"))
    assert "вступает в силу" not in response.content.decode()
    assert all(r["consent"].is_in_force for r in response.context["rows"] if r["consent"])


# --- deleting a draft -------------------------------------------------------------------------


def test_the_curator_deletes_a_draft_after_confirming(world, client_for):
    order = world_order(world)
    pair = order.pairs.get()
    curator = client_for("curator")
    url = reverse("pairs:order_delete", kwargs={"pk": order.pk})
    page = curator.get(url)
    assert page.status_code == 200
    assert "Удалить проект приказа?" in page.content.decode()
    assert Order.objects.filter(pk=order.pk).exists()  # a GET deletes nothing
    detail = curator.get(reverse("pairs:order_detail", kwargs={"pk": order.pk})).content.decode()
    assert url in detail  # the card links to the confirmation
    response = curator.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pairs:order_list")
    assert f"Проект приказа «{order.title}» удалён." in [
        str(m) for m in response.context["messages"]
    ]
    assert not Order.objects.filter(pk=order.pk).exists()
    pair.refresh_from_db()
    assert pair.status == Pair.Status.PROPOSED  # the pairs stay, ready for another order


@pytest.mark.parametrize("status", ["submitted", "signed"])
def test_an_order_past_its_draft_is_never_deleted(world, client_for, status):
    order = world_order(world, status=status)
    curator = client_for("curator")
    url = reverse("pairs:order_delete", kwargs={"pk": order.pk})
    for response in (curator.get(url, follow=True), curator.post(url, follow=True)):
        assert response.redirect_chain[-1][0] == reverse(
            "pairs:order_detail", kwargs={"pk": order.pk}
        )
        assert any("не удаляется" in str(m) for m in response.context["messages"])
    assert Order.objects.filter(pk=order.pk, status=status).exists()
    detail = curator.get(reverse("pairs:order_detail", kwargs={"pk": order.pk})).content.decode()
    assert url not in detail


def test_only_the_curator_of_the_school_deletes_a_draft(world, client_for):
    order = world_order(world)
    url = reverse("pairs:order_delete", kwargs={"pk": order.pk})
    assert client_for("director").post(url).status_code == 403
    assert client_for("outsider").post(url).status_code == 404
    assert client_for("outsider").get(url).status_code == 404
    assert Order.objects.filter(pk=order.pk).exists()
