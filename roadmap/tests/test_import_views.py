"""The browser steps of «Импорт дорожной карты»: upload, preview, corrections, confirmation."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from participants.models import Person
from roadmap.models import Activity, Roadmap, Stage
from roadmap.tests.fixtures_import.builders import seed_bytes, seed_docx
from roadmap.views.importing import SESSION_KEY


def _upload(client, data: bytes, name: str):
    return client.post(reverse("roadmap:import"), {"file": SimpleUploadedFile(name, data)})


def _token(response) -> str:
    return re.search(r"/import/([^/]+)/$", response["Location"])[1]


def _post_data(client, token) -> dict:
    """The preview form as the browser would submit it unchanged."""
    response = client.get(reverse("roadmap:import_preview", kwargs={"token": token}))
    forms = response.context["forms"]
    data = {}
    for form in [forms.head, forms.stages.management_form, forms.rows.management_form]:
        for field in form:
            value = field.value()
            data[field.html_name] = value.strftime("%d.%m.%Y") if hasattr(value, "day") else value
    for formset in (forms.stages, forms.rows):
        for form in formset.forms:
            for field in form:
                if field.name != "skip":
                    data[field.html_name] = field.value() or ""
    return data


@pytest.fixture
def curator(client_for):
    return client_for("curator")


def test_upload_preview_confirm_creates_a_draft(world, curator):
    Person.objects.create(
        organisation=world.school, last_name="Евстропова", first_name="Лидия", middle_name="Г."
    )
    response = _upload(curator, seed_docx("004"), "карта.docx")
    assert response.status_code == 302
    token = _token(response)
    assert Roadmap.objects.count() == 0  # nothing written before the confirmation
    page = curator.get(response["Location"])
    html = page.content.decode()
    assert "Мероприятий: 12" in html
    assert "Приказ № 158 от 16.04.2021" in html
    assert "Евстропова Л. Г. ✓" in html
    assert "Зарубина У. В. (текстом)" in html
    assert "→ с 01.10.2021 по 31.10.2021" in html
    data = _post_data(curator, token)
    data["rows-0-title"] = "Разработка критериев оценки (исправлено)"
    data["rows-11-skip"] = "on"
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), data)
    roadmap = Roadmap.objects.get()
    assert response["Location"] == reverse("roadmap:detail", kwargs={"pk": roadmap.pk})
    assert roadmap.status == Roadmap.Status.DRAFT and roadmap.organisation == world.school
    assert roadmap.created_by == world.user("curator")
    activities = list(Activity.objects.filter(stage__roadmap=roadmap).order_by("order"))
    assert len(activities) == 11
    assert activities[0].title == "Разработка критериев оценки (исправлено)"
    assert [p.last_name for p in activities[0].responsible_people.all()] == ["Евстропова"]
    assert "Зарубина У. В." in activities[2].responsible_roles
    assert curator.session.get(SESSION_KEY) == {}


def test_corrections_are_kept_between_steps_and_deadlines_derived_again(world, curator):
    token = _token(_upload(curator, seed_bytes("003"), "карта.txt"))
    data = _post_data(curator, token)
    data["rows-0-deadline_text"] = "до 15 ноября"
    data["stages-0-title"] = "Подготовка"
    response = curator.post(reverse("roadmap:import_preview", kwargs={"token": token}), data)
    assert response.status_code == 302
    page = curator.get(reverse("roadmap:import_preview", kwargs={"token": token}))
    imported = page.context["imported"]
    assert imported.stages[0].title == "Подготовка"
    first = imported.stages[0].activities[0]
    assert first.deadline_text == "до 15 ноября"
    assert str(first.deadline.due) == "2020-11-15"
    assert Roadmap.objects.count() == 0


def test_bad_file_shows_a_russian_error_and_writes_nothing(world, curator):
    response = _upload(curator, "Просто текст без таблицы".encode(), "заметка.txt")
    assert response.status_code == 200
    assert "не найдена таблица дорожной карты" in response.content.decode()
    response = _upload(curator, b"%PDF-1.4", "карта.pdf")
    assert "PDF-файл повреждён" in response.content.decode()
    response = _upload(curator, b"PK\x03\x04 opendocument", "карта.odt")
    assert "Файлы этого типа не поддерживаются" in response.content.decode()
    assert Roadmap.objects.count() == 0
    assert not curator.session.get(SESSION_KEY)


def test_invalid_corrections_show_errors_and_write_nothing(world, curator):
    token = _token(_upload(curator, seed_bytes("000"), "карта.txt"))
    data = _post_data(curator, token)
    data["rows-0-title"] = "  "
    data["head-period_end"] = "01.01.2019"
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Укажите мероприятие." in html
    assert "Окончание периода должно быть позже начала." in html
    assert Roadmap.objects.count() == 0


def test_a_failure_while_saving_writes_nothing(world, curator, monkeypatch):
    from roadmap.importing import saving

    def failing(**kwargs):
        raise DatabaseError("сбой при записи")

    token = _token(_upload(curator, seed_bytes("002"), "карта.txt"))
    data = _post_data(curator, token)
    monkeypatch.setattr(saving, "activity_derive_deadline", failing)
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), data)
    assert response.status_code == 200
    assert "ничего не записано" in response.content.decode()
    assert Roadmap.objects.count() == 0 and Stage.objects.count() == 0


def test_another_schools_curator_cannot_open_the_preview(world, client_for):
    curator = client_for("curator")
    token = _token(_upload(curator, seed_bytes("001"), "карта.txt"))
    outsider = client_for("outsider")  # a new login: a new session, the token is not there
    response = outsider.get(reverse("roadmap:import_preview", kwargs={"token": token}))
    assert response.status_code == 302 and response["Location"] == reverse("roadmap:import")


def test_preview_query_count_does_not_grow_with_rows(world, curator):
    small = _token(_upload(curator, seed_bytes("003"), "a.txt"))  # 22 activities
    big = _token(_upload(curator, seed_bytes("001"), "b.txt"))  # 30 activities
    url = lambda token: reverse("roadmap:import_preview", kwargs={"token": token})  # noqa: E731
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        curator.get(url(small))
    with CaptureQueriesContext(connection) as second:
        curator.get(url(big))
    assert len(first.captured_queries) == len(second.captured_queries)


def test_wrong_method_and_wrong_role(world, client_for):
    curator = client_for("curator")
    assert curator.get(reverse("roadmap:import_confirm", kwargs={"token": "x"})).status_code == 405
    teacher = client_for("teacher")
    assert teacher.get(reverse("roadmap:import")).status_code == 403


def test_a_roadmap_too_long_for_the_preview_form_is_refused_with_advice(world, curator):
    rows = "\n".join(f"{n}\tМероприятие {n}\tоктябрь" for n in range(1, 2002))
    text = f"Дорожная карта на 2024-2025 учебный год\n№\tМероприятия\tСроки\n{rows}\n"
    response = _upload(curator, text.encode(), "длинная.txt")
    assert response.status_code == 200
    assert "В файле 2001 мероприятие" in response.content.decode()
    assert "manage.py import_roadmap" in response.content.decode()


def test_people_the_import_makes_responsible_are_told_once(world, curator, mailoutbox):
    """Евстропова is matched in several activities of seed 004: one notice names them all, with
    a link to «Мои мероприятия»; a person without a login is skipped, the curator is not told."""
    from django.contrib.auth import get_user_model

    from notifications.models import Notification

    login = get_user_model().objects.create_user(
        "evstropova", email="evstropova@school.example", password="x"
    )
    Person.objects.create(
        organisation=world.school,
        last_name="Евстропова",
        first_name="Лидия",
        middle_name="Г.",
        user=login,
    )
    token = _token(_upload(curator, seed_docx("004"), "карта.docx"))
    assert not Notification.objects.exists(), "nobody is told before the confirmation"
    curator.post(
        reverse("roadmap:import_confirm", kwargs={"token": token}), _post_data(curator, token)
    )
    roadmap = Roadmap.objects.get()
    named_in = Activity.objects.filter(
        stage__roadmap=roadmap, responsible_people__user=login
    ).count()
    assert named_in >= 2
    notice = Notification.objects.get(user=login)
    assert notice.kind == "activity_assigned"
    assert f"за {named_in} мероприяти" in notice.text
    assert f"«{roadmap.title}»" in notice.text
    assert notice.url == reverse("roadmap:my")
    assert not Notification.objects.filter(user=world.user("curator")).exists()


def test_the_period_is_a_date_input_bounded_by_the_period(world, curator):
    """The preview's own dates are date inputs like every date field (issue 17 point 2): ISO in
    the value, the other end of the period as the calendar's bound; ISO and ДД.ММ.ГГГГ both
    accepted back."""
    token = _token(_upload(curator, seed_bytes("000"), "карта.txt"))
    response = curator.get(reverse("roadmap:import_preview", kwargs={"token": token}))
    head = response.context["forms"].head
    start, end = head.initial["period_start"], head.initial["period_end"]
    html = response.content.decode()
    start_input = re.search(r'<input[^>]*name="head-period_start"[^>]*>', html)[0]
    end_input = re.search(r'<input[^>]*name="head-period_end"[^>]*>', html)[0]
    assert 'type="date"' in start_input and 'type="date"' in end_input
    assert f'value="{start.isoformat()}"' in start_input
    assert f'max="{end.isoformat()}"' in start_input
    assert f'min="{start.isoformat()}"' in end_input
    data = _post_data(curator, token)
    data["head-period_start"] = start.isoformat()
    data["head-period_end"] = end.strftime("%d.%m.%Y")
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), data)
    assert response.status_code == 302
    roadmap = Roadmap.objects.get()
    assert (roadmap.period_start, roadmap.period_end) == (start, end)
