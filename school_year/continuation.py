"""A pair whose period ends: completed, or continued into the next academic year.

Continuing makes a new proposed pair of the same people, form and goal over the same months a
year later, and lists it in the year's draft order «О продлении работы наставнических пар»
(pairs' own order services: the director signs it as any order, and signing fixes the pair).
The old pair is completed: its record (program, meetings, order) stays as it was.
"""

from django.db import IntegrityError, transaction

from mentoring_portal.errors import ServiceError
from pairs.models import Order, OrderKind, Pair, PairMember
from pairs.services.orders import order_create, order_update
from pairs.services.pairs import pair_activate, pair_complete
from roadmap.deadlines.shifting import shift_year
from school_year import years
from school_year.models import PairContinuation

PROLONGATION_TITLE = "О продлении работы наставнических пар (групп) в {label} учебном году"
PROLONGATION_POINTS = (
    "Продлить работу наставнических пар (групп) в составе согласно приложению к настоящему "
    "приказу на {label} учебный год на указанный в нём срок.\n"
    "Наставникам совместно с наставляемыми в течение двух недель дополнить персонализированные "
    "программы наставничества на {label} учебный год.\n"
    "Куратору программы наставничества обеспечить сопровождение и мониторинг работы "
    "наставнических пар (групп)."
)


def prolongation_order(*, organisation, year: int, by) -> Order:
    """The draft order that prolongs pairs into ``year`` (created once, reused while a draft)."""
    label = years.year_label(year)
    title = PROLONGATION_TITLE.format(label=label)
    existing = (
        Order.objects.filter(
            organisation=organisation,
            kind=OrderKind.PAIRS,
            title=title,
            status__in=[Order.Status.DRAFT, Order.Status.RETURNED],
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    order = order_create(organisation=organisation, kind=OrderKind.PAIRS, by=by, pairs=[])
    return order_update(
        order=order,
        data={"title": title, "points": PROLONGATION_POINTS.format(label=label)},
    )


def pair_continue(*, pair: Pair, by) -> PairContinuation:
    """Continue ``pair`` into the next academic year (once: a second call returns the first
    continuation)."""
    organisation = pair.organisation
    with transaction.atomic():
        pair = Pair.objects.select_for_update().get(pk=pair.pk)
        existing = PairContinuation.objects.filter(old_pair=pair).first()
        if existing is not None:
            return existing
        if pair.status not in (Pair.Status.ACTIVE, Pair.Status.FIXED):
            raise ServiceError(
                "Продолжить можно только пару, закреплённую приказом или работающую; эта — "
                f"«{pair.get_status_display()}».",
                code="not_continuable",
            )
        members = list(pair.members.all())
        new_pair = Pair.objects.create(
            organisation=organisation,
            form=pair.form,
            kind=pair.kind,
            goal=pair.goal,
            period_start=shift_year(pair.period_start),
            period_end=shift_year(pair.period_end),
            created_by=by,
        )
        PairMember.objects.bulk_create(
            PairMember(pair=new_pair, person_id=m.person_id, role=m.role) for m in members
        )
        next_year = years.running_year(organisation, new_pair.period_start)
        order = prolongation_order(organisation=organisation, year=next_year, by=by)
        order.pairs.add(new_pair)
        # The old pair is completed without finishing the mentee's request: the mentee stays
        # paired, in the new pair.
        Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.COMPLETED)
        try:
            with transaction.atomic():
                return PairContinuation.objects.create(
                    old_pair=pair, new_pair=new_pair, order=order, created_by=by
                )
        except IntegrityError:  # pragma: no cover - the pair row lock makes this unreachable
            raise ServiceError("Пара уже продолжена.", code="already_continued") from None


def pair_finish(*, pair: Pair) -> Pair:
    """Complete a pair at the end of its period: a working one, or one fixed by order whose
    start was never marked (it is started, then completed — pairs' own two steps, one
    transaction)."""
    with transaction.atomic():
        if PairContinuation.objects.filter(old_pair=pair).exists():
            raise ServiceError("Пара уже продолжена в новом учебном году.", code="continued")
        if Pair.objects.filter(pk=pair.pk, status=Pair.Status.FIXED).exists():
            pair_activate(pair=pair)
        return pair_complete(pair=pair)
