"""«Итоги года»: the open items of the year, each linked; pairs completed or continued."""

from datetime import date

import pytest
from django.urls import reverse

from pairs.models import Order, Pair
from school_year.models import PairContinuation
from school_year.tests.factories import IN_MAY

pytestmark = pytest.mark.django_db

# Session, user, roles, roadmap, pairs, continuations, questionnaires, monitoring …
QUERIES = 11


def _results(client, year=2026):
    return client.get(reverse("school_year:results", args=[year]))


def test_lists_every_open_item_with_its_link(world, client_for, last_year, after_year):
    response = _results(client_for("curator"))
    assert response.status_code == 200
    page = response.content.decode()
    roadmap, pair = last_year["roadmap"], last_year["pair"]
    assert reverse("roadmap:close", args=[roadmap.pk]) in page
    assert reverse("school_year:pair_continue", args=[pair.pk]) in page
    assert reverse("school_year:pair_complete", args=[pair.pk]) in page
    assert reverse("monitoring:year_detail", args=[last_year["monitoring"].pk]) in page
    # The mentor questionnaire ran in April; the mentee one does not exist: nothing to send.
    assert "Все анкеты наставников и наставляемых в этом году проведены" in page
    assert response.context["results"].open_count == 3  # roadmap, pair, monitoring


def test_a_questionnaire_not_run_this_year_is_listed(world, client_for, last_year, after_year):
    from monitoring.services import questionnaire_copy_standard

    mentee = questionnaire_copy_standard(organisation=world.school, key="mentee", by=None)
    page = _results(client_for("curator")).content.decode()
    assert reverse("monitoring:campaign_create", args=[mentee.pk]) in page
    assert "в этом году не проводилось" in page


def test_roadmap_not_yet_ended_is_not_closable(world, client_for, last_year, on_day):
    on_day(IN_MAY)
    page = _results(client_for("curator")).content.decode()
    assert reverse("roadmap:close", args=[last_year["roadmap"].pk]) not in page
    assert "после окончания её периода (31.08.2027)" in page


def test_director_reads_without_buttons(world, client_for, last_year, after_year):
    page = _results(client_for("director")).content.decode()
    assert reverse("school_year:pair_continue", args=[last_year["pair"].pk]) not in page


def test_continue_drafts_the_prolongation_order_once(world, client_for, last_year, after_year):
    client = client_for("curator")
    pair = last_year["pair"]
    url = reverse("school_year:pair_continue", args=[pair.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double click
    continuation = PairContinuation.objects.get()
    new = continuation.new_pair
    assert (new.period_start, new.period_end) == (date(2027, 9, 1), date(2028, 5, 31))
    assert new.status == Pair.Status.PROPOSED
    assert sorted(m.person_id for m in new.members.all()) == sorted(
        m.person_id for m in pair.members.all()
    )
    order = continuation.order
    assert order.status == Order.Status.DRAFT
    assert order.title == "О продлении работы наставнических пар (групп) в 2027/2028 учебном году"
    assert list(order.pairs.all()) == [new]
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED
    assert Pair.objects.filter(organisation=world.school).count() == 2
    page = _results(client).content.decode()
    assert "Продолжены в 2027/2028 учебном году" in page
    # The director signs the prolongation as any order: the new pair is fixed.
    from pairs.services import orders

    orders.order_submit(order=order, by=None)
    orders.order_sign(order=order, by=None, on=date(2027, 9, 1))
    new.refresh_from_db()
    assert new.status == Pair.Status.FIXED


def test_complete_a_working_pair(world, client_for, last_year, after_year):
    pair = last_year["pair"]
    client_for("curator").post(reverse("school_year:pair_complete", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED
    assert not PairContinuation.objects.exists()


def test_a_proposed_pair_is_refused_with_a_message(world, client_for, after_year):
    from pairs.tests.factories import world_pair

    pair = world_pair(world)
    response = client_for("curator").post(
        reverse("school_year:pair_continue", args=[pair.pk]), follow=True
    )
    assert "Продолжить можно только пару, закреплённую приказом" in response.content.decode()
    assert not PairContinuation.objects.exists()


def test_other_schools_pair_is_404(world, client_for, last_year, after_year):
    client = client_for("outsider")
    assert (
        client.post(reverse("school_year:pair_continue", args=[last_year["pair"].pk])).status_code
        == 404
    )


def test_get_on_a_post_action_is_405(world, client_for, last_year):
    client = client_for("curator")
    assert (
        client.get(reverse("school_year:pair_continue", args=[last_year["pair"].pk])).status_code
        == 405
    )


def test_home_panel_from_may_on(world, client_for, last_year, on_day):
    client = client_for("curator")
    on_day(date(2027, 3, 1))
    page = client.get("/").content.decode()
    assert "Итоги 2026/2027 учебного года" not in page
    # The rest of the year a small card keeps the year's pages one click away.
    assert "Учебный год 2026/2027" in page
    assert reverse("school_year:staff") in page
    on_day(IN_MAY)
    page = client.get("/").content.decode()
    assert "Итоги 2026/2027 учебного года" in page
    assert reverse("school_year:results", args=[2026]) in page
    # In September the ended year stays on the home page while anything of it is open.
    on_day(date(2027, 9, 10))
    assert "Итоги 2026/2027 учебного года" in client.get("/").content.decode()


def test_index_goes_to_the_year_to_close(world, client_for, after_year):
    response = client_for("director").get(reverse("school_year:index"))
    assert response.url == reverse("school_year:results", args=[2026])


def test_a_year_out_of_range_is_404(world, client_for):
    assert _results(client_for("curator"), year=9999).status_code == 404


@pytest.mark.parametrize("rows", [1, 6])
def test_results_query_count_does_not_grow(
    world, client_for, last_year, after_year, rows, django_assert_num_queries
):
    from pairs.tests.factories import make_pair, ready_mentee, ready_mentor
    from pairs.tests.factories import signed_order as sign

    pairs = [
        make_pair(world.school, ready_mentor(world.school), ready_mentee(world.school))
        for _ in range(rows)
    ]
    sign(world.school, pairs=pairs)
    client = client_for("curator")
    with django_assert_num_queries(QUERIES):
        response = _results(client)
    assert len(response.context["results"].ending_pairs) == rows + 1


def test_complete_a_pair_fixed_but_never_started(world, client_for, after_year):
    from pairs.tests.factories import signed_order, world_pair

    pair = world_pair(world)
    signed_order(world.school, pairs=[pair])
    client_for("curator").post(reverse("school_year:pair_complete", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.status == Pair.Status.COMPLETED
