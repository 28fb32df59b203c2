"""Fixing the structure in the preview without retyping: «Сделать этапом» and back, a row
joined to the previous one, a cell split into activities — the curator's unsaved edits of the
other rows survive each action, nothing is written to the database."""

from datetime import date

import pytest
from django.urls import reverse

from roadmap.importing import RoadmapImportError, structure
from roadmap.importing.result import ImportedActivity, ImportedRoadmap, ImportedStage
from roadmap.models import Roadmap
from roadmap.tests.fixtures_import.builders import seed_docx
from roadmap.tests.test_import_views import _post_data, _token, _upload


def _roadmap(*titles: str) -> ImportedRoadmap:
    return ImportedRoadmap(
        title="Карта",
        period_start=date(2024, 9, 1),
        period_end=date(2025, 8, 31),
        stages=[
            ImportedStage(
                "Мероприятия дорожной карты",
                activities=[
                    ImportedActivity(str(n), title, deadline_text="сентябрь")
                    for n, title in enumerate(titles, start=1)
                ],
            )
        ],
    )


def test_a_row_becomes_a_stage_and_back():
    imported = _roadmap("Первое", "Организационный этап", "Приказ", "Пары")
    structure.activity_to_stage(imported, 1)
    assert [s.title for s in imported.stages] == [
        "Мероприятия дорожной карты",
        "Организационный этап",
    ]
    assert [a.title for a in imported.stages[1].activities] == ["Приказ", "Пары"]
    structure.stage_to_activity(imported, 1)
    assert [a.title for a in imported.activities] == [
        "Первое",
        "Организационный этап",
        "Приказ",
        "Пары",
    ]
    with pytest.raises(RoadmapImportError, match="Первый этап"):
        structure.stage_to_activity(imported, 0)


def test_the_first_row_becoming_a_stage_leaves_no_empty_stage():
    imported = _roadmap("Подготовка", "Приказ")
    structure.activity_to_stage(imported, 0)
    assert [(s.title, len(s.activities)) for s in imported.stages] == [("Подготовка", 1)]


def test_merge_and_split():
    imported = _roadmap("Назначение кураторов внедрения", "целевой модели", "1. Анкеты 2. Пары")
    structure.merge_into_previous(imported, 1)
    assert [a.title for a in imported.activities] == [
        "Назначение кураторов внедрения целевой модели",
        "1. Анкеты 2. Пары",
    ]
    assert imported.activities[0].deadline_text == "сентябрь, сентябрь"
    with pytest.raises(RoadmapImportError, match="первая строка"):
        structure.merge_into_previous(imported, 0)
    structure.split_activity(imported, 1)
    assert [(a.number, a.title, a.deadline_text) for a in imported.activities[1:]] == [
        ("1", "Анкеты", "сентябрь"),
        ("2", "Пары", "сентябрь"),
    ]
    with pytest.raises(RoadmapImportError, match="делить нечего"):
        structure.split_activity(imported, 1)


@pytest.fixture
def preview(world, client_for):
    curator = client_for("curator")
    token = _token(_upload(curator, seed_docx("004"), "карта.docx"))
    return curator, token


def _act(client, name, token, index, data):
    url = reverse(f"roadmap:{name}", kwargs={"token": token, "index": index})
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("roadmap:import_preview", kwargs={"token": token}))
    return page.context["imported"], page.content.decode()


def test_actions_through_the_preview_keep_unsaved_edits(preview):
    curator, token = preview
    data = _post_data(curator, token)
    data["rows-5-title"] = "Исправленный текст шестой строки"
    imported, html = _act(curator, "import_row_to_stage", token, 3, data)
    assert len(imported.stages) == 2 and len(imported.activities) == 11
    assert imported.stages[1].activities[1].title == "Исправленный текст шестой строки"
    assert "стала этапом" in html

    imported, _ = _act(curator, "import_stage_to_row", token, 1, _post_data(curator, token))
    assert len(imported.stages) == 1 and len(imported.activities) == 12

    before = imported.activities[1].title
    joined = imported.activities[0].title + " " + before
    imported, _ = _act(curator, "import_row_merge", token, 1, _post_data(curator, token))
    assert imported.activities[0].title == joined and len(imported.activities) == 11

    data = _post_data(curator, token)
    data["rows-2-title"] = "1. Анкетирование педагогов 2. Собеседование"
    imported, _ = _act(curator, "import_row_split", token, 2, data)
    assert [a.title for a in imported.activities[2:4]] == [
        "Анкетирование педагогов",
        "Собеседование",
    ]
    assert Roadmap.objects.count() == 0


def test_a_refused_action_says_why_and_changes_nothing(preview):
    curator, token = preview
    imported, html = _act(curator, "import_row_merge", token, 0, _post_data(curator, token))
    assert "присоединить её не к чему" in html
    assert len(imported.activities) == 12


def test_an_unknown_preview_sends_back_to_the_upload(world, client_for):
    curator = client_for("curator")
    url = reverse("roadmap:import_row_split", kwargs={"token": "нет", "index": 0})
    response = curator.post(url, {})
    assert response.status_code == 302 and response["Location"] == reverse("roadmap:import")
    assert curator.get(url).status_code == 405
