"""Every hand-over between roles reaches the next person's bell (and mailbox, once)."""

from datetime import date

import pytest
from django.core import mail

from notifications.models import Notification
from pairs import services as pair_services
from pairs.tests.factories import make_order, world_pair
from participants import services as participant_services
from participants.models import MenteeRequest
from roadmap import services as roadmap_services
from roadmap.models import Roadmap
from roadmap.tests.factories import first_activity, make_roadmap

pytestmark = pytest.mark.django_db


def told(user, kind=None):
    items = Notification.objects.filter(user=user)
    if kind:
        items = items.filter(kind=kind)
    return list(items.values_list("text", flat=True))


def test_roadmap_submitted_approved_returned(world):
    curator, director = world.user("curator"), world.user("director")
    roadmap = make_roadmap(world.school)
    roadmap_services.roadmap_submit(roadmap=roadmap, by=curator)
    assert told(director) == [f"Дорожная карта «{roadmap.title}» направлена вам на утверждение"]
    roadmap_services.roadmap_return(roadmap=roadmap, by=director, comment="Добавьте сроки")
    assert told(curator) == [
        f"Дорожная карта «{roadmap.title}» возвращена на доработку: Добавьте сроки"
    ]
    roadmap_services.roadmap_submit(roadmap=roadmap, by=curator)
    roadmap_services.roadmap_approve(
        roadmap=roadmap, by=director, document_kind="order", number="1", date=date(2026, 9, 1)
    )
    assert f"Дорожная карта «{roadmap.title}» утверждена" in told(curator)
    assert told(world.user("outsider")) == []


def test_activity_assigned_reported_accepted_returned(world):
    curator, member = world.user("curator"), world.people["working_group"]
    roadmap = make_roadmap(world.school)
    activity = first_activity(roadmap)
    roadmap_services.activity_save(activity=activity, roadmap=roadmap, people=[member], by=curator)
    assert told(member.user) == [f"Вы назначены ответственным за мероприятие «{activity.title}»"]
    roadmap_services.activity_save(activity=activity, roadmap=roadmap, people=[member], by=curator)
    assert len(told(member.user)) == 1, "saving again is no new assignment"

    roadmap_services.roadmap_submit(roadmap=roadmap, by=curator)
    roadmap_services.roadmap_approve(
        roadmap=roadmap, by=None, document_kind="order", number="1", date=date(2026, 9, 1)
    )
    activity.refresh_from_db()
    roadmap_services.activity_report(
        activity=activity, by=member.user, url="https://school.example/report"
    )
    assert told(curator, "activity_reported") == [
        f"Отчёт о выполнении мероприятия «{activity.title}» ждёт проверки"
    ]
    roadmap_services.activity_return(activity=activity, by=curator, comment="Нет протокола")
    assert told(member.user, "activity_decided") == [
        f"Отчёт о мероприятии «{activity.title}» возвращён на доработку: Нет протокола"
    ]
    roadmap_services.activity_report(activity=activity, by=member.user)
    roadmap_services.activity_accept(activity=activity, by=curator)
    assert f"Выполнение мероприятия «{activity.title}» принято" in told(member.user)


def test_request_accepted_and_returned(world):
    from pairs.tests.factories import give_consent

    teacher = world.people["teacher"]
    give_consent(teacher)
    request = MenteeRequest.objects.create(person=teacher, status=MenteeRequest.Status.SUBMITTED)
    participant_services.bank_application_return(
        application=request, by=world.user("curator"), comment="Уточните трудности"
    )
    assert told(teacher.user) == [
        "Ваш запрос на наставника возвращён на доработку: Уточните трудности"
    ]
    request.status = MenteeRequest.Status.SUBMITTED
    request.save()
    participant_services.mentee_request_accept(request=request, by=world.user("curator"))
    assert "Ваш запрос на наставника принят в банк наставляемых" in told(teacher.user)


def test_consent_withdrawn_tells_the_curator(world):
    from pairs.tests.factories import give_consent

    teacher = world.people["teacher"]
    consent = give_consent(teacher)
    participant_services.consent_withdraw(
        consent=consent, by=teacher.user, date=date.today(), reason="Переезд"
    )
    [text] = told(world.user("curator"))
    assert text.startswith(
        f"Отозвано согласие на обработку персональных данных: {teacher.full_name}"
    )


def test_order_submitted_signed_pairs_fixed(world, django_capture_on_commit_callbacks):
    curator, director = world.user("curator"), world.user("director")
    pair = world_pair(world)
    order = make_order(world.school, pairs=[pair])
    with django_capture_on_commit_callbacks(execute=True):
        pair_services.order_submit(order=order, by=curator)
    assert told(director) == [f"Приказ «{order.title}» направлен вам на подпись"]
    assert [m.to for m in mail.outbox] == [[director.email]]
    assert (
        mail.outbox[0].subject == f"Наставничество: Приказ «{order.title}» направлен вам на подпись"
    )
    order = pair_services.order_sign(order=order, by=director)
    label = f"Приказ от {order.date:%d.%m.%Y} № {order.number_label} «{order.title}»"
    assert told(curator, "order_decided") == [f"{label} подписан"]
    for persona in ("mentor", "mentee"):
        user = world.user(persona)
        assert told(user, "order_acknowledge") == [
            f"{label} подписан. Ознакомьтесь с приказом и подтвердите ознакомление"
        ]
        assert len(told(user, "pair_fixed")) == 1


def test_a_rolled_back_write_sends_no_mail(world, django_capture_on_commit_callbacks):
    from django.db import transaction

    roadmap = make_roadmap(world.school)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        roadmap_services.roadmap_submit(roadmap=roadmap, by=world.user("curator"))
        raise RuntimeError
    assert mail.outbox == []
    assert Notification.objects.count() == 0
    assert Roadmap.objects.get(pk=roadmap.pk).status == Roadmap.Status.DRAFT
