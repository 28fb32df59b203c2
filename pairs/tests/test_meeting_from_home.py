"""A mentor logs a meeting from the home page: the panel «Моя наставническая пара» offers
«Записать встречу» to the pair's mentor (not to the mentee), and the form comes with the day and
the plan's next item, so on a phone only «Что сделано» is typed."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pairs import services
from pairs.models import ProgramItem
from pairs.tests.factories import make_pair, ready_mentee, world_pair
from participants.models import MentorProfile

IN_THE_PERIOD = date(2026, 12, 8)


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return set_day


def test_the_mentor_is_offered_the_log_on_the_home_page(world, client_for):
    pair = world_pair(world)
    url = reverse("pairs:meeting_add", kwargs={"pk": pair.pk})
    home = client_for("mentor").get(reverse("home")).content.decode()
    assert f'href="{url}"' in home and "Записать встречу" in home
    # The mentee reads the log but does not keep it: no button.
    home = client_for("mentee").get(reverse("home")).content.decode()
    assert "Записать встречу" not in home and url not in home


def test_the_form_offers_today_and_the_plans_next_item(world, client_for, on_day):
    on_day(IN_THE_PERIOD)
    pair = world_pair(world)
    url = reverse("pairs:meeting_add", kwargs={"pk": pair.pk})
    form = client_for("mentor").get(url).context["form"]
    assert form.initial == {"date": IN_THE_PERIOD}  # no program yet, no topic

    program = services.program_create(pair=pair)
    first, second = list(program.items.order_by("due", "pk"))[:2]
    form = client_for("mentor").get(url).context["form"]
    assert form.initial == {"date": IN_THE_PERIOD, "topic": first.title}
    services.program_item_mark_done(item=first, by=None)
    form = client_for("mentor").get(url).context["form"]
    assert form.initial["topic"] == second.title

    # After the pair's period the last day is offered (a later date is refused by the field).
    on_day(date(2027, 6, 15))
    form = client_for("mentor").get(url).context["form"]
    assert form.initial["date"] == pair.period_end


def test_another_schools_pair_is_404_and_the_topic_can_be_changed(world, client_for, on_day):
    on_day(IN_THE_PERIOD)
    pair = world_pair(world)
    services.program_create(pair=pair)
    other = make_pair(world.other_school)
    assert (
        client_for("mentor").get(reverse("pairs:meeting_add", kwargs={"pk": other.pk})).status_code
        == 404
    )
    response = client_for("mentor").post(
        reverse("pairs:meeting_add", kwargs={"pk": pair.pk}),
        {"date": "08.12.2026", "topic": "Своя тема", "done": "Разобрали урок"},
    )
    assert response.status_code == 302
    assert pair.meetings.get().topic == "Своя тема"
    assert ProgramItem.objects.filter(program__pair=pair, done_on__isnull=False).count() == 0


def test_the_home_page_costs_the_same_for_one_pair_and_three(world, client_for):
    world_pair(world)
    client = client_for("mentor")
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("home")).status_code == 200
    MentorProfile.objects.filter(person=world.people["mentor"]).update(max_mentees=5)
    for _ in range(2):
        make_pair(world.school, world.people["mentor"], ready_mentee(world.school))
    with CaptureQueriesContext(connection) as three:
        content = client.get(reverse("home")).content.decode()
    assert content.count("Записать встречу") == 3
    assert len(three) == len(one)
