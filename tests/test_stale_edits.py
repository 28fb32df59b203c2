"""Two people edit the same record: the second save made from a stale form is refused.

Each case opens the edit form (its hidden version), lets «someone else» save a change first, then
sends the stale form: nothing is overwritten and the message shows what the other person saved.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from pairs.forms import OrderForm, PairForm, ProgramForm
from pairs.models import Program
from pairs.services import program_create
from pairs.tests.factories import world_order, world_pair
from participants.forms import PersonForm
from roadmap.forms import ActivityForm, StageForm
from roadmap.models import Activity
from roadmap.tests.factories import first_activity, make_roadmap
from tests.factories import PersonFactory
from tests.live import LiveUser, simultaneously


def form_data(form) -> dict:
    """What the browser sends for an unbound form: every field's initial value, as text."""
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        widget = bound.field.widget
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = widget.format_value(value) or ""
    return data


@dataclass
class Case:
    url: str
    form: object
    field: str
    reload: object  # () -> the field's saved value


def activity_case(world):
    activity = first_activity(make_roadmap(world.school))
    return Case(
        reverse("roadmap:activity_edit", args=[activity.pk]),
        ActivityForm(instance=activity, organisation=world.school),
        "title",
        lambda: type(activity).objects.get(pk=activity.pk).title,
    )


def stage_case(world):
    stage = make_roadmap(world.school).stages.first()
    return Case(
        reverse("roadmap:stage_edit", args=[stage.pk]),
        StageForm(instance=stage),
        "title",
        lambda: type(stage).objects.get(pk=stage.pk).title,
    )


def person_case(world):
    person = PersonFactory(organisation=world.school, position="учитель физики")
    return Case(
        reverse("participants:person_edit", args=[person.pk]),
        PersonForm(instance=person, organisation=world.school),
        "position",
        lambda: type(person).objects.get(pk=person.pk).position,
    )


def pair_case(world):
    pair = world_pair(world)
    return Case(
        reverse("pairs:pair_edit", args=[pair.pk]),
        PairForm(organisation=world.school, pair=pair),
        "goal",
        lambda: type(pair).objects.get(pk=pair.pk).goal,
    )


def order_case(world):
    order = world_order(world)
    return Case(
        reverse("pairs:order_edit", args=[order.pk]),
        OrderForm(instance=order, organisation=world.school),
        "title",
        lambda: type(order).objects.get(pk=order.pk).title,
    )


def program_case(world):
    pair = world_pair(world)
    program = program_create(pair=pair)
    return Case(
        reverse("pairs:program_edit", args=[pair.pk]),
        ProgramForm(instance=program),
        "goals",
        lambda: Program.objects.get(pk=program.pk).goals,
    )


CASES = [activity_case, stage_case, person_case, pair_case, order_case, program_case]


@pytest.mark.parametrize("build", CASES, ids=lambda build: build.__name__.removesuffix("_case"))
def test_a_stale_save_is_refused_and_shows_the_other_change(world, client_for, build):
    case = build(world)
    loaded = form_data(case.form)
    edit_page = client_for("curator").get(case.url).content.decode()
    assert f'name="version" value="{loaded["version"]}"' in edit_page

    theirs = client_for("curator").post(case.url, {**loaded, case.field: "Изменение коллеги"})
    assert theirs.status_code == 302
    assert case.reload() == "Изменение коллеги"

    mine = client_for("curator").post(case.url, {**loaded, case.field: "Моё изменение"})

    assert mine.status_code == (400 if build is activity_case else 200)
    assert case.reload() == "Изменение коллеги"
    page = mine.content.decode()
    assert "Пока вы редактировали" in page
    assert "«Изменение коллеги»" in page.split("Пока вы редактировали", 1)[1].split("Проверьте")[0]


@pytest.mark.parametrize("build", CASES, ids=lambda build: build.__name__.removesuffix("_case"))
def test_after_seeing_the_refusal_saving_again_is_deliberate(world, client_for, build):
    case = build(world)
    loaded = form_data(case.form)
    client_for("curator").post(case.url, {**loaded, case.field: "Изменение коллеги"})
    refused = client_for("curator").post(case.url, {**loaded, case.field: "Моё изменение"})
    again = {**loaded, "version": refused.context["form"].data["version"]}
    again[case.field] = "Моё изменение"

    assert client_for("curator").post(case.url, again).status_code == 302
    assert case.reload() == "Моё изменение"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_curators_save_the_same_activity_at_the_same_moment(world, live_server):
    """Real threads through the live server: one save wins, the other is refused, the saved
    title is the winner's."""
    activity = first_activity(make_roadmap(world.school))
    path = reverse("roadmap:activity_edit", args=[activity.pk])
    loaded = form_data(ActivityForm(instance=activity, organisation=world.school))
    browsers = [LiveUser.logged_in(live_server.url, world.user("curator")) for _ in range(2)]
    tokens = [browser.csrf_token(path) for browser in browsers]
    titles = ["Название первого куратора", "Название второго куратора"]

    outcome = simultaneously(
        lambda b=browser, t=token, title=title: b.post(path, {**loaded, "title": title}, token=t)
        for browser, token, title in zip(browsers, tokens, titles, strict=True)
    )

    assert sorted(outcome.statuses) == [302, 400]
    saved = Activity.objects.get(pk=activity.pk)
    assert saved.title in titles
    assert saved.version == int(loaded["version"]) + 1
