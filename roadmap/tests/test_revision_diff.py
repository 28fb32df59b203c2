"""What a new revision changes against the approved one, shown to the director where he decides
(the approval page, the order approving the roadmap) and on the history page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring_portal.russian import clip
from roadmap import services
from roadmap.diff import ADDED, CHANGED, REMOVED, revision_diff
from roadmap.models import Activity, Roadmap, Stage
from roadmap.tests.factories import make_roadmap
from tests.factories import PersonFactory


def _activity(roadmap, number: str) -> Activity:
    """The activity numbered ``number`` («2.1») in ``roadmap``."""
    stage_number, activity_number = (int(part) for part in number.split("."))
    stage = roadmap.stages.order_by("order", "pk")[stage_number - 1]
    return stage.activities.order_by("order", "pk")[activity_number - 1]


def _revised(world, **options):
    """An approved roadmap (two stages of two activities, Громова responsible) and its new
    revision, still a draft."""
    gromova = PersonFactory(organisation=world.school, last_name="Громова", first_name="Анна",
                            middle_name="Сергеевна")  # fmt: skip
    approved = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, responsible=[gromova], **options
    )
    revision = services.roadmap_new_revision(roadmap=approved, by=None)
    return approved, revision, gromova


def _edit(world, revision, gromova):
    """The curator's edits: 1.1 gets a new title, deadline and person; 1.2 is deleted; stage 2
    is renamed and gets a new activity; a third stage is added."""
    orlov = PersonFactory(organisation=world.school, last_name="Орлов", first_name="Пётр",
                          middle_name="Ильич")  # fmt: skip
    first = _activity(revision, "1.1")
    first.title = "Приказ о внедрении целевой модели наставничества"
    first.deadline_text = "до 30 ноября"
    services.activity_derive_deadline(activity=first, roadmap=revision)
    first.save()
    first.responsible_people.set([gromova, orlov])
    _activity(revision, "1.2").delete()
    stage = revision.stages.get(order=2)
    stage.title = "Формирование банка наставников"
    stage.save()
    Activity.objects.create(stage=stage, order=3, title="Анкетирование педагогов",
                            deadline_text="октябрь", result_form="Анкеты")  # fmt: skip
    Stage.objects.create(roadmap=revision, order=3, title="Подведение итогов")


def test_added_removed_and_changed_rows_with_old_and_new(world):
    approved, revision, gromova = _revised(world)
    _edit(world, revision, gromova)
    diff = revision_diff(revision)
    assert diff.base == approved
    rows = {(row.kind, row.number): row for row in diff.activities}
    assert set(rows) == {(CHANGED, "1.1"), (REMOVED, "1.2"), (ADDED, "2.3")}
    changed = {f.label: (f.old, f.new) for f in rows[CHANGED, "1.1"].fields}
    assert changed == {
        "Мероприятие": ("Мероприятие 1.1", "Приказ о внедрении целевой модели наставничества"),
        "Сроки (как записано)": ("до 31 октября", "до 30 ноября"),
        "Ответственные (люди)": ("Громова А. С.", "Громова А. С., Орлов П. И."),
    }
    assert rows[REMOVED, "1.2"].title == "Мероприятие 1.2"
    added = rows[ADDED, "2.3"]
    assert added.title == "Анкетирование педагогов"
    assert added.stage_title == "Формирование банка наставников"
    assert {f.label: f.new for f in added.fields} == {
        "Сроки (как записано)": "октябрь",
        "Форма представления результата": "Анкеты",
    }
    stages = {(row.kind, row.number): row for row in diff.stages}
    assert set(stages) == {(CHANGED, "2"), (ADDED, "3")}
    [renamed] = stages[CHANGED, "2"].fields
    assert (renamed.old, renamed.new) == ("Этап 2", "Формирование банка наставников")
    assert (diff.added, diff.removed, diff.changed) == (2, 1, 2)


def test_an_untouched_revision_has_no_changes(world, client_for):
    approved, revision, _gromova = _revised(world)
    assert revision_diff(revision).empty
    assert revision_diff(approved) is None  # the first revision has nothing to compare with
    page = client_for("curator").get(reverse("roadmap:history", kwargs={"pk": revision.pk}))
    assert "Изменений нет" in page.content.decode()


def test_a_stage_renamed_and_moved_is_matched_by_its_activities(world):
    """Stage 1 renamed and put after stage 2: its activities' copies say which it is."""
    _approved, revision, _gromova = _revised(world)
    first, second = revision.stages.order_by("order")
    first.title, first.order = "Подготовка условий", 5
    first.save()
    diff = revision_diff(revision)
    assert [(row.kind, row.number) for row in diff.stages] == [(CHANGED, "2")]
    assert [(f.old, f.new) for f in diff.stages[0].fields] == [("Этап 1", "Подготовка условий")]
    assert diff.activities == []  # same activities, only renumbered


def test_an_activity_moved_to_another_stage(world):
    _approved, revision, _gromova = _revised(world)
    moving = _activity(revision, "1.2")
    moving.stage = revision.stages.get(order=2)
    moving.order = 9
    moving.save()
    [row] = revision_diff(revision).activities
    assert (row.kind, row.number) == (CHANGED, "2.3")
    assert [(f.label, f.old, f.new) for f in row.fields] == [("Этап", "Этап 1", "Этап 2")]


def test_the_period_moves_the_dates_of_the_same_words(world):
    _approved, revision, _gromova = _revised(world)
    services.roadmap_update_period(
        roadmap=revision,
        title=revision.title,
        period_start=revision.period_start.replace(year=2027),
        period_end=revision.period_end.replace(year=2028),
    )
    diff = revision_diff(Roadmap.objects.get(pk=revision.pk))
    assert [f.label for f in diff.roadmap] == ["Начало периода", "Окончание периода"]
    row = diff.activities[0]
    assert [(f.label, f.old, f.new) for f in row.fields] == [
        ("Срок по дате", "31.10.2026", "31.10.2027")
    ]


@pytest.mark.parametrize("size", [5, 50])
def test_the_diff_costs_four_queries_for_any_size(world, size):
    """The base revision, the stages of both, their activities, the responsible people."""
    person = PersonFactory(organisation=world.school)
    approved = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1,
                            activities=size, responsible=[person])  # fmt: skip
    revision = services.roadmap_new_revision(roadmap=approved, by=None)
    Activity.objects.filter(stage__roadmap=revision).update(deadline_text="ноябрь")
    revision = Roadmap.objects.get(pk=revision.pk)
    with CaptureQueriesContext(connection) as queries:
        diff = revision_diff(revision)
    assert len(diff.activities) == size
    assert len(queries) == 4


def _on_approval(world):
    approved, revision, gromova = _revised(world)
    _edit(world, revision, gromova)
    services.roadmap_submit(roadmap=revision, by=None)
    return approved, revision


def test_the_director_reads_the_changes_where_he_approves(world, client_for):
    _approved, revision = _on_approval(world)
    for name in ("roadmap:approve", "roadmap:return"):
        response = client_for("director").get(reverse(name, kwargs={"pk": revision.pk}))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Что изменено в редакции 2 по сравнению с действующей редакцией 1" in page
        assert "«до 31 октября»</del> → <ins" in page
        assert "«до 30 ноября»" in page
        assert "Громова А. С., Орлов П. И." in page
        assert "<del>Мероприятие 1.2</del>" in page
        assert "Анкетирование педагогов" in page
        # Not the whole table: an unchanged activity is not listed.
        assert "Мероприятие 2.1" not in page
    detail = client_for("director").get(reverse("roadmap:detail", kwargs={"pk": revision.pk}))
    assert "#revision-diff" in detail.content.decode()


def test_the_order_approving_the_revision_shows_its_changes(world, client_for):
    from pairs import services as pairs_services
    from pairs.models import OrderKind

    _approved, revision, gromova = _revised(world)
    _edit(world, revision, gromova)
    order = pairs_services.order_create(organisation=world.school, kind=OrderKind.ROADMAP, by=None)
    assert order.roadmap == revision
    pairs_services.order_submit(order=order, by=None)
    for persona in ("director", "curator"):
        response = client_for(persona).get(reverse("pairs:order_detail", kwargs={"pk": order.pk}))
        page = response.content.decode()
        assert "Что изменено в редакции 2" in page
        assert "Приказ о внедрении целевой модели наставничества" in page


@pytest.mark.parametrize(("persona", "status"), [("director", 200), ("curator", 200),
                                                 ("teacher", 403), ("mentor", 403)])  # fmt: skip
def test_who_reads_the_changes_on_the_history_page(world, client_for, persona, status):
    _approved, revision = _on_approval(world)
    response = client_for(persona).get(reverse("roadmap:history", kwargs={"pk": revision.pk}))
    assert response.status_code == status
    if status == 200:
        assert "«до 31 октября»</del> → <ins" in response.content.decode()


def test_another_schools_revision_is_not_found(world, client_for):
    _approved, revision = _on_approval(world)
    for name in ("roadmap:history", "roadmap:approve"):
        url = reverse(name, kwargs={"pk": revision.pk})
        assert client_for("outsider").get(url).status_code == 404
    assert (
        client_for("teacher")
        .get(reverse("roadmap:approve", kwargs={"pk": revision.pk}))
        .status_code
        == 403
    )


def test_the_approval_page_costs_the_same_for_5_and_50_activities(world, client_for):
    counts = []
    for size in (5, 50):
        approved = make_roadmap(world.school, status=Roadmap.Status.APPROVED, stages=1,
                                activities=size, title=f"Карта {size}")  # fmt: skip
        revision = services.roadmap_new_revision(roadmap=approved, by=None)
        Activity.objects.filter(stage__roadmap=revision).update(result_form="Отчёт")
        services.roadmap_submit(roadmap=revision, by=None)
        client = client_for("director")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("roadmap:approve", kwargs={"pk": revision.pk}))
        assert page.content.decode().count("«Приказ»</del>") == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [
        ("Организация обучения наставников", 60, "Организация обучения наставников"),
        ("Организация обучения наставников", 20, "Организация…"),
        ("Организация обучения наставников", 21, "Организация обучения…"),
        ("Приказ, положение и дорожная карта", 10, "Приказ…"),
        ("Наставничество", 8, "Наставн…"),
        ("Приказ о внедрении целевой модели", 10, "Приказ…"),
        (
            "Развитие системы наставничества в МАОУ гимназии № 2",
            36,
            "Развитие системы наставничества…",
        ),
    ],
)
def test_clip_cuts_at_a_word_boundary(text, limit, clipped):
    assert clip(text, limit) == clipped
    assert len(clip(text, limit)) <= limit


def test_history_titles_are_not_cut_inside_a_word(world, client_for):
    roadmap = make_roadmap(world.school, stages=1, activities=1)
    activity = _activity(roadmap, "1.1")
    activity.title = (
        "Проведение педагогического совета по вопросам внедрения целевой модели наставничества "
        "и утверждения положения о программе"
    )
    activity.save()
    page = client_for("curator").get(reverse("roadmap:history", kwargs={"pk": roadmap.pk}))
    text = page.content.decode()
    assert (
        "Мероприятие «Проведение педагогического совета по вопросам внедрения целевой модели…»"
        in text
    )
    headings = re.findall(r"<strong>Мероприятие «(.*?)»</strong>", text)
    assert headings
    assert len(headings) == 2  # created as «Мероприятие 1.1», then renamed
    for heading in headings:
        shown = heading.removesuffix("…")
        title = activity.title if heading.endswith("…") else "Мероприятие 1.1"
        assert title.startswith(shown)
        assert shown == title or title[len(shown)] == " ", heading
