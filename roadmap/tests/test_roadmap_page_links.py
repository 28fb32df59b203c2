"""The editable roadmap's links are reversed once a page (roadmap.links), not once a row: every
link and form of every row must still be the one ``reverse()`` gives, under a script prefix too."""

import re

import pytest
from django.urls import clear_script_prefix, resolvers, reverse, set_script_prefix

from roadmap.models import Activity, Stage
from roadmap.tests.factories import make_roadmap

INLINE = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _row(html: str, element_id: str) -> str:
    match = re.search(rf'<(tr|tbody) id="{element_id}".*?</tr>', html, re.S)
    assert match, element_id
    return match.group(0)


def _links(fragment: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"]+)"', fragment)


def _activity_links(activity) -> list[str]:
    pk = activity.pk
    return [
        reverse("roadmap:activity_detail", args=[pk]),
        reverse("roadmap:activity_edit", args=[pk]),
        reverse("roadmap:activity_move", args=[pk, "up"]),
        reverse("roadmap:activity_move", args=[pk, "down"]),
        reverse("roadmap:activity_delete", args=[pk]),
    ]


def _stage_links(stage) -> list[str]:
    pk = stage.pk
    return [
        reverse("roadmap:stage_edit", args=[pk]),
        reverse("roadmap:stage_move", args=[pk, "up"]),
        reverse("roadmap:stage_move", args=[pk, "down"]),
        reverse("roadmap:stage_delete", args=[pk]),
    ]


@pytest.mark.parametrize("prefix", ["/", "/nastavnik/"])
def test_every_row_of_the_editable_table_links_where_reverse_says(world, client_for, prefix):
    roadmap = make_roadmap(world.school, stages=3, activities=4)
    client = client_for("curator")
    url = reverse("roadmap:detail", args=[roadmap.pk])
    set_script_prefix(prefix)  # as the WSGI handler sets it from SCRIPT_NAME; the client does not
    try:
        html = client.get(url).content.decode()
        stages = list(Stage.objects.filter(roadmap=roadmap).order_by("order"))
        for stage in stages:
            block = html.split(f'<tbody id="stage-{stage.pk}"', 1)[1].split("</tbody>", 1)[0]
            stage_row = block.split("</tr>", 1)[0]
            assert _links(stage_row) == _stage_links(stage)
            assert f'href="{reverse("roadmap:activity_add", args=[stage.pk])}"' in block
            for activity in Activity.objects.filter(stage=stage).order_by("order"):
                row = _row(html, f"activity-{activity.pk}")
                assert _links(row) == _activity_links(activity)
                assert row.count('name="csrfmiddlewaretoken"') == 2
        assert all(link.startswith(prefix) for link in _activity_links(activity))
    finally:
        clear_script_prefix()


def test_read_only_rows_link_only_to_the_activity(world, client_for):
    roadmap = make_roadmap(world.school, stages=1, activities=2)
    html = client_for("working_group").get(reverse("roadmap:detail", args=[roadmap.pk]))
    html = html.content.decode()
    for activity in Activity.objects.filter(stage__roadmap=roadmap):
        assert _links(_row(html, f"activity-{activity.pk}")) == [
            reverse("roadmap:activity_detail", args=[activity.pk])
        ]


def test_reverse_is_called_as_often_for_200_activities_as_for_4(world, client_for, monkeypatch):
    client = client_for("curator")
    counts = []
    calls = []
    original = resolvers.URLResolver._reverse_with_prefix

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    for stages, activities in ((2, 2), (10, 20)):
        roadmap = make_roadmap(world.school, stages=stages, activities=activities)
        url = reverse("roadmap:detail", args=[roadmap.pk])
        client.get(url)  # warm the session
        calls.clear()
        monkeypatch.setattr(resolvers.URLResolver, "_reverse_with_prefix", counting)
        assert client.get(url).status_code == 200
        monkeypatch.undo()
        counts.append(len(calls))
    assert counts[0] == counts[1], counts


def test_the_inline_editor_returns_the_row_with_its_links(world, client_for):
    roadmap = make_roadmap(world.school, stages=1, activities=1)
    activity = Activity.objects.get(stage__roadmap=roadmap)
    response = client_for("curator").post(
        reverse("roadmap:activity_edit", args=[activity.pk]),
        {
            "title": "Новое название",
            "result_form": "Приказ",
            "deadline_text": "до 31 октября",
            "responsible_roles": "Рабочая группа",
            "notes": "",
            "version": activity.version,
        },
        **INLINE,
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.strip().startswith("<tr") and text.count("<tr") == 1
    assert _links(text) == _activity_links(activity)
    assert text.count('name="csrfmiddlewaretoken"') == 2
