"""The order fixing pairs holds the pairs the curator checks: every proposed pair is listed with a
check box, none checked, and none goes in silently."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs.models import Order, Pair
from pairs.tests.factories import make_pair, signed_order

URL = reverse("pairs:order_create")


def test_every_proposed_pair_is_listed_unchecked(world, client_for):
    first, second = make_pair(world.school), make_pair(world.school)
    fixed = make_pair(world.school)
    signed_order(world.school, pairs=[fixed])
    page = client_for("curator").get(URL, {"kind": "pairs"}).content.decode()
    for pair in (first, second):
        assert f'value="{pair.pk}"' in page and str(pair) in page
    assert f'name="pairs" value="{fixed.pk}"' not in page
    assert page.count('name="pairs"') == 2 and " checked" not in page.split("order-pairs")[1]
    assert "(предложено: 2)" in page


def test_only_the_checked_pairs_go_into_the_order(world, client_for):
    first, second = make_pair(world.school), make_pair(world.school)
    response = client_for("curator").post(URL, {"kind": "pairs", "pairs": [second.pk]})
    order = Order.objects.get()
    assert response["Location"] == reverse("pairs:order_edit", kwargs={"pk": order.pk})
    assert list(order.pairs.all()) == [second]
    first.refresh_from_db()
    assert first.status == Pair.Status.PROPOSED


def test_nothing_checked_creates_nothing_and_says_why(world, client_for):
    make_pair(world.school)
    response = client_for("curator").post(URL, {"kind": "pairs"})
    assert response.status_code == 200
    assert response.context["form"].errors["pairs"] == [
        "Отметьте пары (группы), которые войдут в приказ."
    ]
    assert not Order.objects.exists()


def test_no_proposed_pairs_says_to_make_them_first(world, client_for):
    response = client_for("curator").post(URL, {"kind": "pairs"})
    assert "сначала составьте пары" in response.context["form"].errors["pairs"][0]
    assert not Order.objects.exists()


def test_another_schools_pair_is_refused(world, client_for):
    make_pair(world.school)
    foreign = make_pair(world.other_school)
    response = client_for("curator").post(URL, {"kind": "pairs", "pairs": [foreign.pk]})
    assert response.status_code == 200 and "pairs" in response.context["form"].errors
    assert not Order.objects.exists()
    assert client_for("teacher").get(URL).status_code == 403


def test_other_kinds_take_no_pairs(world, client_for):
    pair = make_pair(world.school)
    client_for("curator").post(URL, {"kind": "final_event", "pairs": [pair.pk]})
    assert not Order.objects.get().pairs.exists()


def test_the_page_costs_the_same_for_two_and_eight_proposed_pairs(
    world, client_for, django_assert_num_queries
):
    for _ in range(2):
        make_pair(world.school)
    client = client_for("curator")
    with CaptureQueriesContext(connection) as two:
        client.get(URL, {"kind": "pairs"})
    for _ in range(6):
        make_pair(world.school)
    with django_assert_num_queries(len(two)):
        page = client.get(URL, {"kind": "pairs"}).content.decode()
    assert page.count('name="pairs"') == 8
