"""manage.py import_roadmap: --dry-run --json writes nothing; without it, one draft roadmap."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from participants.models import Person
from roadmap.models import Activity, Roadmap, Stage
from roadmap.tests.fixtures_import.builders import seed_docx, seed_path


def _run(*args):
    out = StringIO()
    call_command("import_roadmap", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_writes_nothing_and_prints_what_it_understood(world):
    Person.objects.create(
        organisation=world.school, last_name="Евстропова", first_name="Людмила", middle_name="Г."
    )
    output = _run(
        str(seed_path("004")), "--organisation", world.school.short_name, "--dry-run", "--json"
    )
    data = json.loads(output)
    assert Roadmap.objects.count() == 0
    assert data["period_start"] == "2021-01-01" and data["period_end"] == "2024-12-31"
    assert data["approval"] == {
        "heading": "Приказ",
        "kind": "order",
        "by": "И.о. начальника РУО Н.В. Тарханова",
        "date": "2021-04-16",
        "number": "158",
    }
    activities = data["stages"][0]["activities"]
    assert len(activities) == 12
    first = activities[0]
    assert first["number"] == "1"
    assert first["deadline_text"] == "Октябрь 2021 г."
    assert first["deadline"]["kind"] == "date"
    assert first["deadline"]["start"] == "2021-10-01" and first["deadline"]["due"] == "2021-10-31"
    person = Person.objects.get(last_name="Евстропова")
    assert first["responsible_people"] == [{"name": "Евстропова Л. Г.", "person_id": person.pk}]
    third = activities[2]["responsible_people"]
    assert third[0] == {"name": "Зарубина У. В.", "person_id": None}


def test_import_creates_one_draft_with_stages_activities_and_people(world, tmp_path):
    path = tmp_path / "карта.docx"
    path.write_bytes(seed_docx("003"))
    output = _run(str(path), "--organisation", str(world.school.pk))
    roadmap = Roadmap.objects.get()
    assert roadmap.status == Roadmap.Status.DRAFT
    assert roadmap.organisation == world.school
    assert f"(id {roadmap.pk})" in output
    assert "этапов 7, мероприятий 22" in output
    assert Stage.objects.filter(roadmap=roadmap).count() == 7
    activities = Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__order", "order")
    assert activities.count() == 22
    first = activities[0]
    assert first.deadline_text == "до 31 октября"
    assert str(first.deadline_due) == "2020-10-31"
    assert first.deadline_understood
    assert first.responsible_roles == "Директор, Зам.по УВР"
    assert first.notes == ""  # numbered 1 in the document, and 1 in its stage here


def test_sub_numbers_of_the_document_are_kept_in_the_notes(world):
    _run(str(seed_path("001")), "--organisation", str(world.school.pk))
    activities = Activity.objects.filter(stage__order=1).order_by("order")
    assert [a.notes for a in activities[:3]] == [
        "",
        "№ в исходном документе: 1.1",
        "№ в исходном документе: 1.2",
    ]
    assert Activity.objects.count() == 30


def test_unknown_organisation_and_bad_file_are_clear_errors(world, tmp_path):
    with pytest.raises(CommandError, match="не найдена"):
        _run(str(seed_path("000")), "--organisation", "Нет такой школы", "--dry-run")
    empty = tmp_path / "пусто.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="Файл пустой"):
        _run(str(empty), "--organisation", str(world.school.pk))
    with pytest.raises(CommandError, match="Не удалось открыть"):
        _run(str(tmp_path / "нет.docx"), "--organisation", str(world.school.pk))
    assert Roadmap.objects.count() == 0


def test_a_failure_while_writing_leaves_nothing(world, monkeypatch):
    from roadmap.importing import saving

    calls = {"n": 0}
    original = saving.activity_derive_deadline

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("диск переполнен")
        return original(**kwargs)

    monkeypatch.setattr(saving, "activity_derive_deadline", failing)
    with pytest.raises(RuntimeError):
        _run(str(seed_path("000")), "--organisation", str(world.school.pk))
    assert Roadmap.objects.count() == 0
    assert Stage.objects.count() == 0
