"""Who is told of what happens to orders and pairs (the services call these)."""

from django.urls import reverse

from notifications.services import notify
from participants.models import Role
from participants.notices import logins_of, logins_with_role


def order_named_people(order, pairs=None) -> list:
    """Everyone the order names (its «С приказом ознакомлены» sheet), as Person records."""
    from pairs.documents import order_people

    return order_people(order, pairs)


def order_submitted(*, order, by) -> None:
    notify(
        users=logins_with_role(order.organisation, Role.DIRECTOR),
        kind="order_submitted",
        text=f"Приказ «{order.title}» направлен вам на подпись",
        url=reverse("pairs:order_detail", args=[order.pk]),
        by=by,
    )


def order_returned(*, order, by) -> None:
    notify(
        users=logins_with_role(order.organisation, Role.CURATOR),
        kind="order_decided",
        text=f"Приказ «{order.title}» возвращён на доработку: {order.return_comment}",
        url=reverse("pairs:order_detail", args=[order.pk]),
        by=by,
    )


def order_signed(*, order, by, pairs) -> None:
    """Signed → the curators, and everyone the order names (who may confirm online that they
    have read it); the mentors and mentees of the pairs it fixes are told of their pair."""
    url = reverse("pairs:order_detail", args=[order.pk])
    label = f"Приказ от {order.date:%d.%m.%Y} № {order.number_label} «{order.title}»"
    notify(
        users=logins_with_role(order.organisation, Role.CURATOR),
        kind="order_decided",
        text=f"{label} подписан",
        url=url,
        by=by,
        key=f"order_signed:{order.pk}",
    )
    notify(
        users=logins_of(order_named_people(order, pairs)),
        kind="order_acknowledge",
        text=f"{label} подписан. Ознакомьтесь с приказом и подтвердите ознакомление",
        url=url,
        by=by,
        key=f"order_acknowledge:{order.pk}",  # services.acknowledgements.acknowledge_key
    )


def pairs_fixed(*, order, pairs, by) -> None:
    for pair in pairs:
        mentors = ", ".join(m.person.short_name for m in pair.members.all() if m.role == "mentor")
        notify(
            users=logins_of(m.person for m in pair.members.all()),
            kind="pair_fixed",
            text=(
                f"Наставническая пара закреплена приказом № {order.number_label} "
                f"(наставник: {mentors})"
            ),
            url=reverse("pairs:pair_detail", args=[pair.pk]),
            by=by,
            key=f"pair_fixed:{pair.pk}",
        )
