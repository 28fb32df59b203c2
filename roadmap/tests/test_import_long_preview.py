"""A long roadmap in the preview: the rows are posted as one JSON field (the page's script
builds it), so 300 activities pass Django's limit of 1,000 form fields; a payload that is not
rows is refused with the preview's message and nothing is written."""

import json

from django.urls import reverse

from roadmap.models import Roadmap
from roadmap.tests.test_import_views import _post_data, _token, _upload


def _long_text(activities: int) -> bytes:
    lines = ["Дорожная карта наставничества на 2024-2025 учебный год", ""]
    lines.append("№\tМероприятия\tСроки\tОтветственные")
    for number in range(1, activities + 1):
        lines.append(f"{number}.\tМероприятие номер {number}\tдо 31 октября\tКуратор")
    return "\n".join(lines).encode()


def _as_json(data: dict) -> dict:
    """What the script posts: the rows in ``rows_json``, no per-row fields."""
    total = int(data["rows-TOTAL_FORMS"])
    rows = [
        {
            "title": data[f"rows-{i}-title"],
            "result_form": data[f"rows-{i}-result_form"],
            "deadline_text": data[f"rows-{i}-deadline_text"],
            "responsible": data[f"rows-{i}-responsible"],
            "skip": False,
        }
        for i in range(total)
    ]
    posted = {
        key: value
        for key, value in data.items()
        if not key.startswith("rows-") or key.startswith("rows-") and not key[5:6].isdigit()
    }
    posted["rows_json"] = json.dumps(rows, ensure_ascii=False)
    return posted, rows


def test_300_rows_go_through_as_one_json_field(world, client_for):
    curator = client_for("curator")
    response = _upload(curator, _long_text(300), "карта.txt")
    assert response.status_code == 302
    token = _token(response)
    posted, rows = _as_json(_post_data(curator, token))
    rows[250]["title"] = "Исправлено в длинной карте"
    rows[10]["skip"] = True
    posted["rows_json"] = json.dumps(rows, ensure_ascii=False)
    assert len(posted) < 100
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), posted)
    assert response.status_code == 302
    roadmap = Roadmap.objects.get()
    titles = list(roadmap.stages.get().activities.order_by("order").values_list("title", flat=True))
    assert len(titles) == 299
    assert "Исправлено в длинной карте" in titles
    assert "Мероприятие номер 11" not in titles


def test_rows_json_that_is_not_rows_is_refused(world, client_for):
    curator = client_for("curator")
    token = _token(_upload(curator, _long_text(5), "карта.txt"))
    posted, _ = _as_json(_post_data(curator, token))
    posted["rows_json"] = '{"title": "не список"}'
    response = curator.post(reverse("roadmap:import_confirm", kwargs={"token": token}), posted)
    assert response.status_code == 200
    assert "Форма предпросмотра устарела" in response.content.decode()
    assert Roadmap.objects.count() == 0
