"""manage.py send_reminders: what is due reaches the right people once, in one letter a day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.tests.factories import open_campaign
from notifications.models import Notification, Preference, ReminderSent
from pairs.models import Meeting, Pair, Program, ProgramItem
from pairs.tests.factories import world_pair
from participants.models import Role
from roadmap.deadlines import DeadlineKind
from roadmap.models import Activity, Roadmap
from roadmap.tests.factories import make_roadmap
from tests.factories import make_member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)


def run(on: date = TODAY) -> str:
    out = StringIO()
    call_command("send_reminders", date=on.isoformat(), stdout=out)
    return out.getvalue()


def texts(user, kind):
    return list(
        Notification.objects.filter(user=user, kind=kind)
        .order_by("pk")
        .values_list("text", flat=True)
    )


def roadmap_due(world, due: date, people, *, activities=1):
    """An approved roadmap whose activities are due on ``due``, ``people`` responsible."""
    roadmap = make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        stages=1,
        activities=activities,
        responsible=people,
    )
    Activity.objects.filter(stage__roadmap=roadmap).update(
        deadline_kind=DeadlineKind.DATE, deadline_due=due, deadline_start=None
    )
    mail.outbox.clear()
    Notification.objects.all().delete()
    return roadmap


def test_an_activity_is_reminded_7_days_3_days_and_overdue_once_each(world):
    member = world.people["working_group"]
    roadmap_due(world, TODAY + timedelta(days=7), [member])

    run()
    assert texts(member.user, "activity_due") == [
        "Мероприятие «Мероприятие 1.1»: срок через 7 дней, 11.12.2026"
    ]
    run()  # the same day again: nothing new, no letter
    assert len(texts(member.user, "activity_due")) == 1
    assert len(mail.outbox) == 1

    run(TODAY + timedelta(days=2))  # 5 days left: still the 7-day step, already told
    assert len(texts(member.user, "activity_due")) == 1
    run(TODAY + timedelta(days=4))
    run(TODAY + timedelta(days=5))
    assert texts(member.user, "activity_due")[1:] == [
        "Мероприятие «Мероприятие 1.1»: срок через 3 дня, 11.12.2026"
    ]
    run(TODAY + timedelta(days=8))
    assert texts(member.user, "activity_due")[2:] == [
        "Мероприятие «Мероприятие 1.1» просрочено: срок прошёл 11.12.2026"
    ]
    assert texts(world.user("teacher"), "activity_due") == []


def test_the_weekly_summary_of_overdue_goes_to_curator_and_director_once_a_week(world):
    roadmap = roadmap_due(world, TODAY - timedelta(days=2), [], activities=3)
    run()
    expected = (
        f"Сводка за неделю: в дорожной карте «{roadmap.title}» просрочено 3 мероприятия: "
        "«Мероприятие 1.1» (срок 02.12.2026); «Мероприятие 1.2» (срок 02.12.2026); "
        "«Мероприятие 1.3» (срок 02.12.2026)"
    )
    for persona in ("curator", "director"):
        assert texts(world.user(persona), "overdue_summary") == [expected]
    assert texts(world.user("outsider"), "overdue_summary") == []
    run(TODAY + timedelta(days=1))  # Saturday of the same week
    assert Notification.objects.filter(kind="overdue_summary").count() == 2
    run(TODAY + timedelta(days=3))  # Monday: a new week
    assert Notification.objects.filter(kind="overdue_summary").count() == 4


def fixed_pair(world, **fields) -> Pair:
    pair = world_pair(world, **fields)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.ACTIVE)
    pair.refresh_from_db()
    Notification.objects.all().delete()
    return pair


def test_a_program_item_due_in_3_days_and_overdue_reaches_the_pair(world):
    pair = fixed_pair(world)
    program = Program.objects.create(pair=pair, goals="Цели", tasks="Задачи")
    ProgramItem.objects.create(program=program, title="Открытый урок", due=TODAY + timedelta(2))
    ProgramItem.objects.create(
        program=program, title="Готово", due=TODAY + timedelta(1), done_on=TODAY
    )
    run()
    for persona in ("mentor", "mentee"):
        assert texts(world.user(persona), "program_item_due") == [
            "Пункт программы наставничества «Открытый урок»: срок через 2 дня, 06.12.2026"
        ]
    run(TODAY + timedelta(days=3))
    assert texts(world.user("mentor"), "program_item_due")[1:] == [
        "Пункт программы наставничества «Открытый урок» не выполнен: срок прошёл 06.12.2026"
    ]
    assert texts(world.user("curator"), "program_item_due") == []


def test_a_pair_without_meetings_for_30_days_is_told_to_mentor_and_curator(world):
    pair = fixed_pair(world, period_start=date(2026, 9, 1), period_end=date(2027, 5, 31))
    Meeting.objects.create(pair=pair, date=date(2026, 11, 1), topic="Знакомство", done="Беседа")
    run()
    mentor, mentee = pair.mentors[0].person, pair.mentees[0].person
    expected = [
        f"В паре {mentor.short_name} — {mentee.short_name} новых встреч не записано "
        "с 01.11.2026 (33 дня)"
    ]
    assert texts(world.user("mentor"), "pair_no_meeting") == expected
    assert texts(world.user("curator"), "pair_no_meeting") == expected
    assert texts(world.user("mentee"), "pair_no_meeting") == []
    run(TODAY + timedelta(days=10))  # still the same silence: not again
    assert Notification.objects.filter(kind="pair_no_meeting").count() == 2
    Meeting.objects.create(pair=pair, date=TODAY, topic="Урок", done="Разбор")
    run(TODAY + timedelta(days=20))
    assert Notification.objects.filter(kind="pair_no_meeting").count() == 2


def test_a_closing_campaign_reminds_only_those_who_have_not_answered(world):
    from monitoring import services
    from monitoring.tests.factories import full_answers

    teacher, mentee = world.people["teacher"], world.people["mentee"]
    campaign = open_campaign(
        world.school,
        people=[teacher, mentee],
        starts_on=TODAY - timedelta(5),
        ends_on=TODAY + timedelta(3),
    )
    # The teacher answered while it was open (the service checks the real today, and TODAY is
    # a fixed day of the past): the campaign's end is put back after the answer.
    type(campaign).objects.filter(pk=campaign.pk).update(ends_on=date.max)
    campaign.refresh_from_db()
    services.response_submit(campaign=campaign, person=teacher, answers=full_answers(campaign))
    type(campaign).objects.filter(pk=campaign.pk).update(ends_on=TODAY + timedelta(3))
    run(TODAY - timedelta(days=1))  # 4 days left: not yet
    assert Notification.objects.filter(kind="campaign_closing").count() == 0
    run()
    title = campaign.questionnaire.title
    assert texts(mentee.user, "campaign_closing") == [
        f"Анкетирование «{title}» скоро закроется, вы ещё не ответили: закрытие через 3 дня, "
        "07.12.2026"
    ]
    assert texts(teacher.user, "campaign_closing") == []


def test_a_campaign_started_ahead_is_announced_on_its_first_day(world):
    from django.utils import timezone

    # Ahead of the real today: the service that opens it announces it only once it has started.
    today = timezone.localdate()
    mentee = world.people["mentee"]
    campaign = open_campaign(
        world.school, people=[mentee], starts_on=today + timedelta(2), ends_on=today + timedelta(20)
    )
    assert texts(mentee.user, "campaign_opened") == []
    run(today)
    assert texts(mentee.user, "campaign_opened") == []
    run(today + timedelta(2))
    run(today + timedelta(3))
    assert texts(mentee.user, "campaign_opened") == [
        f"Открыто анкетирование «{campaign.questionnaire.title}»: ответьте до "
        f"{today + timedelta(20):%d.%m.%Y}"
    ]


def test_one_digest_a_day_per_person_and_preferences_respected(world):
    member, teacher, mentor = (world.people[p] for p in ("working_group", "teacher", "mentor"))
    roadmap_due(world, TODAY + timedelta(days=2), [member, teacher, mentor], activities=3)
    Preference.objects.create(user=teacher.user, kind="activity_due", delivery="off")
    Preference.objects.create(user=mentor.user, kind="activity_due", delivery="instant")
    run()
    by_address = {}
    for letter in mail.outbox:
        by_address.setdefault(letter.to[0], []).append(letter)
    assert len(by_address[member.user.email]) == 1, "three reminders, one digest"
    digest = by_address[member.user.email][0]
    assert digest.subject == "Наставничество: сводка на 04.12.2026 — 3 уведомления"
    assert digest.body.count("срок через 2 дня, 06.12.2026") == 3
    assert teacher.user.email not in by_address, "off: the bell only"
    assert len(texts(teacher.user, "activity_due")) == 3
    assert len(by_address[mentor.user.email]) == 3, "instant: a letter each"


def test_a_person_without_an_address_gets_the_bell_only(world):
    member = world.people["working_group"]
    member.user.email = ""
    member.user.save()
    roadmap_due(world, TODAY + timedelta(days=2), [member])
    run()
    assert len(texts(member.user, "activity_due")) == 1
    assert mail.outbox == []


def test_a_bad_date_is_refused_in_russian(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Дата должна быть в виде ГГГГ-ММ-ДД"):
        call_command("send_reminders", date="04.12.2026", stdout=StringIO())


def district(world, size: int):
    """``size`` working-group members, each responsible for an activity due in 2 days and
    invited to a campaign closing in 2 days."""
    people = [
        make_member(world.school, f"member{size}_{n}", Role.WORKING_GROUP) for n in range(size)
    ]
    roadmap = roadmap_due(world, TODAY + timedelta(days=2), [], activities=size)
    for activity, person in zip(
        Activity.objects.filter(stage__roadmap=roadmap).order_by("pk"), people, strict=True
    ):
        activity.responsible_people.set([person])
    open_campaign(
        world.school, people=people, starts_on=TODAY - timedelta(1), ends_on=TODAY + timedelta(2)
    )
    Notification.objects.all().delete()
    return people


@pytest.mark.parametrize("size", [5, 50])
def test_queries_do_not_grow_with_the_number_of_people(world, size):
    people = district(world, size)
    with CaptureQueriesContext(connection) as queries:
        run()
    assert Notification.objects.filter(kind="activity_due").count() == size
    assert Notification.objects.filter(kind="campaign_closing").count() == size
    assert len(mail.outbox) == size
    assert ReminderSent.objects.count() == 2 * size
    assert len(queries) == 19, [q["sql"] for q in queries]
    assert {letter.to[0] for letter in mail.outbox} == {person.user.email for person in people}
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as again:
        run()
    assert mail.outbox == [], "a second run the same day sends nothing"
    assert len(again) == 11
