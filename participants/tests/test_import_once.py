"""A double click on «Подтвердить импорт» imports the staff once: the upload's token is consumed
in the import's transaction, the second request answers «Уже загружено» with a link."""

import pytest
from django.test import Client
from django.urls import reverse

from participants.models import Person
from participants.tests.test_import import GOOD, upload, xlsx
from tests.live import LiveUser, simultaneously

STAFF = [
    [f"Фамилия{i:03}", "Имя", "Отчество", "01.02.1985", "Учитель", "физика", 5, ""]
    for i in range(300)
]


def confirm_data(preview) -> dict:
    form = preview.context["form"]
    data = {field.html_name: field.value() or "" for field in form}
    data["token"] = preview.context["token"]
    return data


@pytest.mark.django_db
def test_a_second_confirmation_answers_already_imported(world, client_for):
    client = client_for("curator")
    preview = upload(client, xlsx(GOOD))
    data = confirm_data(preview)
    url = reverse("participants:people_import_confirm")

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "Уже загружено" in page and "Импортировано участников: 2." in page
    assert f'href="{reverse("participants:person_list")}"' in page
    assert Person.objects.filter(last_name="Орлова").count() == 1


@pytest.mark.django_db
def test_a_token_of_another_school_is_not_shown(world, client_for):
    client = client_for("curator")
    data = confirm_data(upload(client, xlsx(GOOD)))
    client.post(reverse("participants:people_import_confirm"), data)

    outsider = client_for("outsider")
    response = outsider.post(reverse("participants:people_import_confirm"), data)

    assert response.status_code == 302  # «Загрузите файл»: nothing about the other school
    assert "Уже загружено" not in outsider.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_failed_import_leaves_the_preview_confirmable(world, client_for, monkeypatch):
    from participants import importing

    client = client_for("curator")
    data = confirm_data(upload(client, xlsx(GOOD)))
    real = importing.import_people

    def broken(**kwargs):
        real(**kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "import_people", broken)
    with pytest.raises(RuntimeError):
        client.post(reverse("participants:people_import_confirm"), data)
    monkeypatch.setattr(importing, "import_people", real)

    assert client.post(reverse("participants:people_import_confirm"), data).status_code == 302
    assert Person.objects.filter(last_name="Орлова").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_on_confirm_imports_300_rows_once(world, live_server):
    client = Client()
    client.force_login(world.user("curator"))
    preview = upload(client, xlsx(STAFF))
    assert preview.context["preview"].ok
    data = confirm_data(preview)
    # One browser, two clicks: both requests carry the same session.
    session_key = client.cookies["sessionid"].value
    clicks = [LiveUser(live_server.url, session_key=session_key) for _ in range(2)]
    tokens = [
        browser.csrf_token(reverse("participants:people_import_preview")) for browser in clicks
    ]
    url = reverse("participants:people_import_confirm")

    outcome = simultaneously(
        lambda b=browser, t=token: b.post(url, data, token=t)
        for browser, token in zip(clicks, tokens, strict=True)
    )

    assert sorted(outcome.statuses) == [200, 302]
    assert (
        Person.objects.filter(organisation=world.school, last_name__startswith="Фамилия").count()
        == 300
    )
