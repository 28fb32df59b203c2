"""«С приказом ознакомлен(а)» online: who the order names, who confirmed and when."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from notifications.services import notifications_mark_read_by_key
from pairs.documents import order_people
from pairs.models import Order, OrderAcknowledgement
from participants.models import Person


def acknowledge_key(order: Order) -> str:
    """The key of the bell's «ознакомьтесь» item of ``order`` (see pairs.notices)."""
    return f"order_acknowledge:{order.pk}"


@dataclass(frozen=True)
class AcknowledgementRow:
    person: Person
    confirmed_at: datetime | None


def order_acknowledgement_rows(order: Order, people=None) -> list[AcknowledgementRow]:
    """Everyone the signed order names, with when they confirmed online (None: not yet), in the
    order of the printed sheet. One query beside ``people``."""
    if people is None:
        people = order_people(order)
    confirmed = dict(
        OrderAcknowledgement.objects.filter(order=order).values_list("person_id", "confirmed_at")
    )
    return [AcknowledgementRow(person, confirmed.get(person.pk)) for person in people]


def order_acknowledge(*, order: Order, person: Person | None, by) -> OrderAcknowledgement:
    """``person`` (named in the signed ``order``) confirms they have read it. A second click or
    tab finds the first confirmation and returns it unchanged; the bell's item is marked read."""
    if order.status != Order.Status.SIGNED:
        raise ServiceError(
            "Ознакомиться можно только с подписанным приказом.", code="order_not_signed"
        )
    if person is None or all(named.pk != person.pk for named in order_people(order)):
        raise ServiceError("Вы не названы в этом приказе.", code="not_named")
    with transaction.atomic():
        # ON CONFLICT DO NOTHING: two clicks at once make one row, neither fails.
        OrderAcknowledgement.objects.bulk_create(
            [
                OrderAcknowledgement(
                    order=order, person=person, confirmed_at=timezone.now(), confirmed_by=by
                )
            ],
            ignore_conflicts=True,
        )
        acknowledgement = OrderAcknowledgement.objects.get(order=order, person=person)
        if by is not None:
            notifications_mark_read_by_key(user=by, key=acknowledge_key(order))
    return acknowledgement
