"""A pair's page links only to the orders its reader may open (issue 17, point 12), and a signed
order says how to check it in plain words (point 6)."""

import pytest
from django.urls import reverse

from pairs.tests.factories import world_order


@pytest.mark.parametrize("persona", ["mentor", "mentee"])
def test_member_sees_a_draft_order_as_text(world, client_for, persona):
    order = world_order(world, status="submitted")
    pair = order.pairs.get()
    html = client_for(persona).get(reverse("pairs:pair_detail", args=[pair.pk])).content.decode()
    assert order.title in html
    assert reverse("pairs:order_detail", args=[order.pk]) not in html
    assert (
        client_for(persona).get(reverse("pairs:order_detail", args=[order.pk])).status_code == 403
    )


@pytest.mark.parametrize("persona", ["mentor", "mentee"])
def test_member_follows_the_link_to_the_signed_order_that_names_them(world, client_for, persona):
    order = world_order(world, status="signed")
    pair = order.pairs.get()
    client = client_for(persona)
    html = client.get(reverse("pairs:pair_detail", args=[pair.pk])).content.decode()
    url = reverse("pairs:order_detail", args=[order.pk])
    assert f'href="{url}"' in html
    assert client.get(url).status_code == 200


def test_curator_links_every_order(world, client_for):
    order = world_order(world, status="draft")
    pair = order.pairs.get()
    html = client_for("curator").get(reverse("pairs:pair_detail", args=[pair.pk])).content.decode()
    assert reverse("pairs:order_detail", args=[order.pk]) in html


def test_signed_order_offers_a_check_of_authenticity_in_words(world, client_for):
    order = world_order(world, status="signed")
    html = client_for("director").get(reverse("pairs:order_detail", args=[order.pk])).content
    html = html.decode()
    assert "Проверить подлинность" in html and "Контрольная сумма файла PDF" in html
    assert order.pdf_sha256 in html and "SHA-256 PDF:" not in html
    listing = client_for("director").get(reverse("pairs:order_list")).content.decode()
    assert "SHA-256" not in listing and "Скачать PDF" in listing
