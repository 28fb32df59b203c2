"""A double click on «Создать черновик» creates one roadmap: the preview's token is consumed in
the import's transaction; the second request answers «Уже загружено» with a link to it."""

import pytest
from django.test import Client
from django.urls import reverse

from roadmap.models import Roadmap
from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.test_import_views import _post_data, _token, _upload
from tests.live import LiveUser, simultaneously


@pytest.mark.django_db
def test_a_second_confirmation_answers_already_imported(world, client_for):
    curator = client_for("curator")
    token = _token(_upload(curator, seed_docx("004"), "карта.docx"))
    data = _post_data(curator, token)
    url = reverse("roadmap:import_confirm", kwargs={"token": token})

    first = curator.post(url, data)
    second = curator.post(url, data)

    roadmap = Roadmap.objects.get()
    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "Уже загружено" in page
    assert f'href="{reverse("roadmap:detail", kwargs={"pk": roadmap.pk})}"' in page


@pytest.mark.django_db
def test_another_schools_curator_learns_nothing_from_a_used_token(world, client_for):
    curator = client_for("curator")
    token = _token(_upload(curator, seed_docx("004"), "карта.docx"))
    data = _post_data(curator, token)
    url = reverse("roadmap:import_confirm", kwargs={"token": token})
    curator.post(url, data)

    response = client_for("outsider").post(url, data)

    assert response.status_code == 302 and response["Location"] == reverse("roadmap:import")
    assert Roadmap.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_confirm_creates_one_roadmap(world, live_server):
    client = Client()
    client.force_login(world.user("curator"))
    token = _token(_upload(client, seed_docx("004"), "карта.docx"))
    data = _post_data(client, token)
    preview = reverse("roadmap:import_preview", kwargs={"token": token})
    url = reverse("roadmap:import_confirm", kwargs={"token": token})
    session_key = client.cookies["sessionid"].value
    clicks = [LiveUser(live_server.url, session_key=session_key) for _ in range(2)]
    tokens = [browser.csrf_token(preview) for browser in clicks]

    outcome = simultaneously(
        lambda b=browser, t=csrf: b.post(url, data, token=t)
        for browser, csrf in zip(clicks, tokens, strict=True)
    )

    assert sorted(outcome.statuses) == [200, 302]
    assert Roadmap.objects.filter(organisation=world.school).count() == 1
