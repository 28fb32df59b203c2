from datetime import date

import pytest
from django.urls import reverse

from roadmap import services
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import first_activity, make_roadmap


@pytest.fixture
def mixed(world):
    """An approved roadmap with a range of deadlines and one activity per status."""
    roadmap = make_roadmap(world.school, status=Roadmap.Status.DRAFT, stages=2, activities=0)
    stage_one, stage_two = roadmap.stages.order_by("order")
    group = world.people["working_group"]
    specs = [
        (stage_one, "Приказ о внедрении", "до 31 октября", [group]),
        (stage_one, "Анкетирование наставников", "Декабрь", []),
        (stage_two, "Итоговый круглый стол", "до 25 мая", [group]),
        (stage_two, "Психологическое сопровождение", "по мере необходимости", []),
    ]
    for stage, title, deadline, people in specs:
        activity = Activity(
            stage=stage, title=title, deadline_text=deadline, responsible_roles="РГ"
        )
        services.activity_save(activity=activity, roadmap=roadmap, people=people)
    services.roadmap_submit(roadmap=roadmap, by=None)
    services.roadmap_approve(
        roadmap=roadmap, by=None, document_kind="order", number="1", date=date(2026, 9, 1)
    )
    return roadmap


def _detail(client, roadmap, **params):
    return client.get(reverse("roadmap:detail", kwargs={"pk": roadmap.pk}), params).content.decode()


def test_table_grouped_by_stage_with_numbering_and_overdue(world, client_for, mixed):
    page = _detail(client_for("teacher"), mixed)
    assert page.index("Приказ о внедрении") < page.index("Итоговый круглый стол")
    assert ">1.1<" in page and ">2.2<" in page
    # Today (2026-11-23 in the demo; whatever the clock says in CI) decides overdue: the
    # October deadline of 2026 is past from November 2026 on.
    assert "activity-overdue" in page or date.today() <= date(2026, 10, 31)
    assert "Изменить" not in page  # approved: nobody edits in place


@pytest.mark.parametrize(
    "params,shown,hidden",
    [
        ({"q": "круглый"}, ["Итоговый круглый стол"], ["Приказ о внедрении"]),
        ({"status": "done"}, [], ["Приказ о внедрении", "Итоговый круглый стол"]),
        (
            {"due_from": "01.12.2026", "due_to": "31.12.2026"},
            ["Анкетирование наставников"],
            ["Приказ о внедрении", "Итоговый круглый стол"],
        ),
    ],
)
def test_filters(world, client_for, mixed, params, shown, hidden):
    page = _detail(client_for("curator"), mixed, **params)
    for title in shown:
        assert title in page
    for title in hidden:
        assert title not in page


def test_filter_by_stage_and_responsible(world, client_for, mixed):
    stage_two = mixed.stages.order_by("order")[1]
    page = _detail(client_for("curator"), mixed, stage=stage_two.pk)
    assert "Итоговый круглый стол" in page and "Приказ о внедрении" not in page
    person = world.people["working_group"]
    page = _detail(client_for("curator"), mixed, responsible=person.pk)
    assert "Приказ о внедрении" in page and "Анкетирование наставников" not in page


def test_overdue_filter(world, client_for, mixed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2026, 11, 23))
    page = _detail(client_for("curator"), mixed, overdue="on")
    assert "Приказ о внедрении" in page
    assert "Анкетирование наставников" not in page
    assert "Психологическое сопровождение" not in page


def test_calendar_places_due_dates_in_the_month_grid(world, client_for, mixed):
    client = client_for("teacher")
    url = reverse("roadmap:calendar", kwargs={"pk": mixed.pk})
    page = client.get(url, {"month": "2026-10"}).content.decode()
    assert "Октябрь 2026" in page
    assert "Приказ о внедрении" in page
    assert "?month=2026-09" in page and "?month=2026-11" in page
    may = client.get(url, {"month": "2027-05"}).content.decode()
    assert "Итоговый круглый стол" in may and "Приказ о внедрении" not in may
    garbage = client.get(url, {"month": "abc"})
    assert garbage.status_code == 200


def test_my_activities_lists_only_mine(world, client_for, mixed):
    page = client_for("working_group").get(reverse("roadmap:my")).content.decode()
    assert "Приказ о внедрении" in page and "Итоговый круглый стол" in page
    assert "Анкетирование наставников" not in page
    empty = client_for("teacher").get(reverse("roadmap:my")).content.decode()
    assert "нет мероприятий, где вы указаны ответственным" in empty


def test_teacher_does_not_see_drafts(world, client_for, draft, mixed):
    page = client_for("teacher").get(reverse("roadmap:list")).content.decode()
    assert reverse("roadmap:detail", kwargs={"pk": mixed.pk}) in page
    assert reverse("roadmap:detail", kwargs={"pk": draft.pk}) not in page
    detail = client_for("teacher").get(reverse("roadmap:detail", kwargs={"pk": draft.pk}))
    assert detail.status_code == 403


def test_activity_page_has_evidence_comments_and_history(world, client_for, mixed):
    activity = first_activity(mixed)
    services.activity_report(
        activity=activity,
        by=world.user("working_group"),
        url="https://school.example.ru/prikaz",
        evidence_title="Приказ № 7",
        comment="Приказ подписан",
    )
    page = (
        client_for("director")
        .get(reverse("roadmap:activity_detail", kwargs={"pk": activity.pk}))
        .content.decode()
    )
    assert "Приказ № 7" in page
    assert "Приказ подписан" in page
    assert "История" in page and "создано" in page


def test_home_page_panels(world, client_for, mixed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2026, 11, 23))
    activity = first_activity(mixed)
    services.activity_report(activity=activity, by=None, url="https://e.ru/x", evidence_title="X")
    page = client_for("curator").get(reverse("home")).content.decode()
    assert "Ждут проверки куратора: 1" in page
    assert "0 из 2" in page
    mine = client_for("working_group").get(reverse("home")).content.decode()
    assert "Мои мероприятия" in mine


@pytest.mark.parametrize("persona", ["curator", "teacher"])
def test_roadmap_page_query_count_does_not_grow(
    world, client_for, django_assert_num_queries, persona
):
    group = [world.people["working_group"], world.people["mentor"]]
    small = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, stages=2, activities=5, responsible=group
    )
    big = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, stages=10, activities=20, responsible=group
    )
    assert Activity.objects.filter(stage__roadmap=big).count() == 200
    client = client_for(persona)
    client.get(reverse("roadmap:detail", kwargs={"pk": small.pk}))  # warm the session
    counts = []
    for roadmap in (small, big):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("roadmap:detail", kwargs={"pk": roadmap.pk}))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_num_queries(counts[0]):
        client.get(reverse("roadmap:detail", kwargs={"pk": big.pk}))


def test_not_understood_deadlines_are_counted_for_the_curator(world, client_for, draft):
    activity = first_activity(draft)
    activity.deadline_text = "когда получится"
    services.activity_save(activity=activity, roadmap=draft)
    page = _detail(client_for("curator"), draft)
    assert "Сроков, которые не удалось распознать: 1" in page


@pytest.mark.parametrize(
    "url_name,method,target",
    [
        ("detail", "post", "roadmap"),
        ("submit", "get", "roadmap"),
        ("new_revision", "get", "roadmap"),
        ("pdf", "post", "roadmap"),
        ("activity_move", "get", "activity"),
        ("activity_accept", "get", "activity"),
        ("activity_comment", "get", "activity"),
        ("activity_detail", "post", "activity"),
    ],
)
def test_wrong_method_is_405(world, client_for, approved, url_name, method, target):
    kwargs = {"pk": approved.pk if target == "roadmap" else first_activity(approved).pk}
    if url_name == "activity_move":
        kwargs["direction"] = "up"
    response = getattr(client_for("curator"), method)(reverse(f"roadmap:{url_name}", kwargs=kwargs))
    assert response.status_code == 405


def test_list_newest_period_first(world, client_for):
    old = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        period=(date(2021, 9, 1), date(2024, 8, 31)),
        title="Старая карта",
    )
    make_roadmap(world.school, status=Roadmap.Status.APPROVED, title="Новая карта")
    page = client_for("teacher").get(reverse("roadmap:list")).content.decode()
    assert page.index("Новая карта") < page.index("Старая карта")
    assert old.period_label == "2021/2022 – 2023/2024 учебные годы"


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["curator", "working_group"])
def test_list_pages_query_counts_do_not_grow(world, client_for, persona):
    group = [world.people["working_group"]]
    client = client_for(persona)
    client.get(reverse("home"))
    small = make_roadmap(
        world.school, status=Roadmap.Status.APPROVED, stages=1, activities=3, responsible=group
    )
    urls = lambda roadmap: [  # noqa: E731
        reverse("home"),
        reverse("roadmap:list"),
        reverse("roadmap:my"),
        reverse("roadmap:calendar", kwargs={"pk": roadmap.pk}) + "?month=2026-10",
        reverse("roadmap:xlsx", kwargs={"pk": roadmap.pk}),
    ]
    before = [_count_queries(client, url) for url in urls(small)]
    big = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=6,
        activities=10,
        responsible=group,
        deadline="ежегодно до 31 октября",
    )
    small.delete()
    after = [_count_queries(client, url) for url in urls(big)]
    assert before == after


def _xlsx_titles(response):
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Мероприятие")
    return sheet.title, [row[column] for row in rows[1:]]


def test_excel_link_carries_the_filter_and_the_export_applies_it(world, client_for, mixed):
    client = client_for("curator")
    page = _detail(client, mixed, q="круглый")
    xlsx_url = reverse("roadmap:xlsx", kwargs={"pk": mixed.pk})
    assert f'href="{xlsx_url}?q=%D0%BA%D1%80%D1%83%D0%B3%D0%BB%D1%8B%D0%B9"' in page
    title, activities = _xlsx_titles(client.get(xlsx_url, {"q": "круглый"}))
    assert title == "Дорожная карта (выборка)"
    assert activities == ["Итоговый круглый стол"]
    stage_two = mixed.stages.order_by("order")[1]
    response = client.get(xlsx_url, {"stage": stage_two.pk, "status": "planned"})
    assert (
        "выборка" in response["Content-Disposition"]
        or "%D0%B2%D1%8B%D0%B1" in (response["Content-Disposition"])
    )
    _, activities = _xlsx_titles(response)
    assert activities == ["Итоговый круглый стол", "Психологическое сопровождение"]


def test_unfiltered_excel_has_every_activity_and_the_same_queries(
    world, client_for, mixed, django_assert_num_queries
):
    client = client_for("director")
    xlsx_url = reverse("roadmap:xlsx", kwargs={"pk": mixed.pk})
    page = _detail(client, mixed)
    assert f'href="{xlsx_url}"' in page
    client.get(xlsx_url)  # warm the session
    queries = _count_queries(client, xlsx_url)
    with django_assert_num_queries(queries):
        title, activities = _xlsx_titles(client.get(xlsx_url, {"q": ""}))  # empty filter
    assert title == "Дорожная карта"
    assert sorted(activities) == sorted(
        Activity.objects.filter(stage__roadmap=mixed).values_list("title", flat=True)
    )
    assert len(activities) == 4
    # A filter costs its own query (ids), not one per row.
    with django_assert_num_queries(queries + 1):
        client.get(xlsx_url, {"q": "о"})
