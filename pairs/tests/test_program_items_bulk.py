"""Several program items marked done at once (the mentor or the curator), and who may take a
mark off: a mentee takes off only their own, never the mentor's."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs import services
from pairs.models import ProgramItem
from pairs.tests.factories import make_pair, world_pair


def _program(world):
    pair = world_pair(world)
    program = services.program_create(pair=pair)
    return pair, program, list(program.items.all())


def _url(pair):
    return reverse("pairs:items_done", kwargs={"pk": pair.pk})


def test_mentor_marks_three_items_in_one_post_and_a_double_click_changes_nothing(world, client_for):
    pair, program, items = _program(world)
    chosen = [str(item.pk) for item in items[:3]]
    client = client_for("mentor")
    response = client.post(_url(pair), {"chosen": chosen}, follow=True)
    assert "Отмечено выполненными: 3 мероприятия." in response.content.decode()
    done = ProgramItem.objects.filter(program=program, done_on__isnull=False)
    assert sorted(done.values_list("pk", flat=True)) == [item.pk for item in items[:3]]
    assert set(done.values_list("done_by", flat=True)) == {world.user("mentor").pk}
    # Each mark is in the item's history, with who made it.
    assert items[0].history.filter(history_user=world.user("mentor")).exists()
    before = list(done.values_list("pk", "done_on", "done_by"))
    response = client.post(_url(pair), {"chosen": chosen}, follow=True)
    assert "уже выполнены: ничего не изменилось" in response.content.decode()
    assert list(done.values_list("pk", "done_on", "done_by")) == before


def test_curator_may_and_the_mentee_and_director_may_not(world, client_for):
    pair, program, items = _program(world)
    data = {"chosen": [str(items[0].pk)]}
    assert client_for("mentee").post(_url(pair), data).status_code == 403
    assert client_for("director").post(_url(pair), data).status_code == 403
    assert not ProgramItem.objects.filter(program=program, done_on__isnull=False).exists()
    assert client_for("curator").post(_url(pair), data).status_code == 302
    items[0].refresh_from_db()
    assert items[0].done_by == world.user("curator")


def test_the_mentor_of_another_pair_may_not(world, client_for):
    other = make_pair(world.school)
    program = services.program_create(pair=other)
    item = program.items.first()
    response = client_for("mentor").post(_url(other), {"chosen": [str(item.pk)]})
    assert response.status_code == 403
    item.refresh_from_db()
    assert not item.is_done


def test_another_schools_pair_is_404_and_its_items_are_never_marked(world, client_for):
    pair, program, items = _program(world)
    foreign = make_pair(world.other_school)
    foreign_item = services.program_create(pair=foreign).items.first()
    response = client_for("outsider").post(_url(pair), {"chosen": [str(items[0].pk)]})
    assert response.status_code == 404
    # An item of another program slipped into the form is ignored.
    client_for("curator").post(_url(pair), {"chosen": [str(foreign_item.pk), str(items[1].pk)]})
    foreign_item.refresh_from_db()
    items[1].refresh_from_db()
    assert not foreign_item.is_done and items[1].is_done


def test_nothing_checked_says_so_and_marks_nothing(world, client_for):
    pair, program, _items = _program(world)
    for data in ({}, {"chosen": ["x", "-1"]}):
        response = client_for("mentor").post(_url(pair), data, follow=True)
        assert "Отметьте мероприятия, которые выполнены." in response.content.decode()
    assert not ProgramItem.objects.filter(program=program, done_on__isnull=False).exists()


def test_query_count_is_the_same_for_two_and_five_items(world, client_for):
    pair, program, items = _program(world)
    client = client_for("mentor")
    with CaptureQueriesContext(connection) as two:
        client.post(_url(pair), {"chosen": [str(item.pk) for item in items[:2]]})
    with CaptureQueriesContext(connection) as five:
        client.post(_url(pair), {"chosen": [str(item.pk) for item in items[2:]]})
    assert ProgramItem.objects.filter(program=program, done_on__isnull=True).count() == 0
    assert len(two) == len(five)


def test_a_mentee_cannot_undo_the_mentors_mark_but_may_undo_their_own(world, client_for):
    pair, program, items = _program(world)
    services.program_item_mark_done(item=items[0], by=world.user("mentor"))
    services.program_item_mark_done(item=items[1], by=world.user("mentee"))
    mentee = client_for("mentee")
    response = mentee.post(reverse("pairs:item_undo", kwargs={"pk": items[0].pk}), follow=True)
    assert "снять её может только он" in response.content.decode()
    items[0].refresh_from_db()
    assert items[0].done_by == world.user("mentor")
    mentee.post(reverse("pairs:item_undo", kwargs={"pk": items[1].pk}))
    items[1].refresh_from_db()
    assert not items[1].is_done
    # The mentor takes off any mark of the pair.
    services.program_item_mark_done(item=items[1], by=world.user("mentee"))
    client_for("mentor").post(reverse("pairs:item_undo", kwargs={"pk": items[1].pk}))
    items[1].refresh_from_db()
    assert not items[1].is_done


def test_the_plan_has_actions_apart_from_the_status(world, client_for):
    pair, program, items = _program(world)
    services.program_item_mark_done(item=items[0], by=world.user("mentor"))
    url = reverse("pairs:program_detail", kwargs={"pk": pair.pk})
    mentor_page = client_for("mentor").get(url).content.decode()
    assert ">Отметить выполненным</button>" in mentor_page
    assert ">Выполнено</button>" not in mentor_page
    assert "выполнено " in mentor_page  # the badge
    assert mentor_page.count('name="chosen"') == 5  # the five not done
    assert "Отметить выполненными" in mentor_page
    mentee_page = client_for("mentee").get(url).content.decode()
    # The mentee marks one at a time, and sees no «снять отметку» at the mentor's mark.
    assert 'name="chosen"' not in mentee_page and "Отметить выполненными" not in mentee_page
    assert ">Отметить выполненным</button>" in mentee_page
    assert "снять отметку" not in mentee_page


def test_the_plan_page_costs_the_same_for_six_and_sixteen_items(world, client_for):
    from datetime import timedelta

    pair, program, items = _program(world)
    services.program_item_mark_done(item=items[0], by=world.user("mentee"))
    client = client_for("mentor")
    url = reverse("pairs:program_detail", kwargs={"pk": pair.pk})
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    ProgramItem.objects.bulk_create(
        ProgramItem(program=program, title=f"Встреча {n}", due=items[0].due + timedelta(days=n))
        for n in range(10)
    )
    with CaptureQueriesContext(connection) as sixteen:
        page = client.get(url).content.decode()
    assert page.count('name="chosen"') == 15
    assert len(six) == len(sixteen)
