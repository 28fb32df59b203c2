"""Orders: templates, numbering, drafting, submitting, returning and signing (the stored PDF
and the roadmap evidence)."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import claim_version
from pairs import notices
from pairs.models import (
    DutiesConsent,
    Order,
    OrderCounter,
    OrderKind,
    OrderTemplate,
    Pair,
)
from pairs.order_texts import DEFAULT_TEMPLATES
from pairs.services.duties import people_without_duties_consent
from pairs.services.pairs import current_roadmap
from pairs.services.programs import program_create
from pairs.services.regulations import regulation_approve, regulation_draft
from participants.models import MenteeRequest, MentorProfile, Person
from roadmap import services as roadmap_services
from roadmap.models import Activity, Roadmap
from roadmap.services import evidence_add, evidence_add_check


def order_template(*, organisation, kind: str) -> OrderTemplate:
    """The school's template of a kind, created from the portal's default the first time."""
    default = DEFAULT_TEMPLATES[kind]
    template, _ = OrderTemplate.objects.get_or_create(
        organisation=organisation,
        kind=kind,
        defaults={
            "title": default["title"],
            "preamble": default["preamble"],
            "points": "\n".join(default["points"]),
        },
    )
    return template


def allocate_order_number(*, organisation, year: int) -> int:
    """The next number of the organisation's year, never given before.

    The counter row is locked (SELECT … FOR UPDATE) until the caller's transaction ends, so
    concurrent callers queue; two callers creating the year's first counter at once meet the
    counter's unique constraint, and the loser reads the winner's row.
    """
    with transaction.atomic():
        for _attempt in range(3):
            counter = (
                OrderCounter.objects.select_for_update()
                .filter(organisation=organisation, year=year)
                .first()
            )
            if counter is not None:
                break
            start = (
                Order.objects.filter(organisation=organisation, year=year).aggregate(
                    top=Max("number")
                )["top"]
                or 0
            )
            try:
                with transaction.atomic():
                    counter = OrderCounter.objects.create(
                        organisation=organisation, year=year, last_number=start
                    )
                break
            except IntegrityError:
                continue
        else:  # pragma: no cover - three lost races in a row
            raise IntegrityError("Не удалось выделить номер приказа, повторите.")
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return counter.last_number


def _free_order_number(*, organisation, year: int) -> int:
    """The counter's next number, past any number given outside it (an import, a hand-made
    row): the counter stays locked by the caller's transaction meanwhile."""
    while True:
        number = allocate_order_number(organisation=organisation, year=year)
        if not Order.objects.filter(organisation=organisation, year=year, number=number).exists():
            return number


def order_default_pairs(*, organisation, kind: str) -> list[Pair]:
    """The pairs a new order of ``kind`` lists: for a pair-fixing order, every proposal
    («Предложена») of the school; none for other kinds."""
    if kind != OrderKind.PAIRS:
        return []
    return list(
        Pair.objects.filter(organisation=organisation, status=Pair.Status.PROPOSED).order_by("pk")
    )


def order_default_appendix(*, organisation, kind: str, by) -> dict:
    """What a new approving order carries as its appendix: the Положение's draft revision
    (made from the standard text or the revision in force when there is none), or the roadmap
    being prepared; nothing for other kinds."""
    if kind == OrderKind.REGULATION:
        return {"regulation": regulation_draft(organisation=organisation, by=by)}
    if kind == OrderKind.ROADMAP:
        return {"roadmap": Roadmap.objects.in_preparation(organisation)}
    return {}


def order_appendix_check(order: Order) -> None:
    """Refuse to send an approving order to the director without the document it approves."""
    if order.kind == OrderKind.ROADMAP:
        roadmap = order.roadmap
        if roadmap is None or roadmap.status not in (
            Roadmap.Status.DRAFT,
            Roadmap.Status.ON_APPROVAL,
        ):
            raise ServiceError(
                "К приказу не приложена дорожная карта, ожидающая утверждения: выберите проект "
                "дорожной карты в приказе.",
                code="no_roadmap",
            )
    if order.kind == OrderKind.REGULATION:
        regulation = order.regulation
        if regulation is None or regulation.status != regulation.Status.DRAFT:
            raise ServiceError(
                "К приказу не приложен проект Положения о наставничестве.", code="no_regulation"
            )
        if not regulation.text.strip():
            raise ServiceError("Текст Положения пуст.", code="empty_regulation")


def order_create(
    *,
    organisation,
    kind: str,
    by,
    on: date | None = None,
    pairs=None,
    amends: Order | None = None,
) -> Order:
    """A draft of ``kind`` from the school's template, without a number: the number (and the
    date, unless the curator sets one) is given at signing, see :func:`order_sign`.

    ``on`` dates the draft in advance (the demo, an order planned for a day); ``pairs`` None
    takes :func:`order_default_pairs`; pass a list (even empty) to choose.
    """
    template = order_template(organisation=organisation, kind=kind)
    with transaction.atomic():
        appendix = order_default_appendix(organisation=organisation, kind=kind, by=by)
        order = Order.objects.create(
            **appendix,
            organisation=organisation,
            kind=kind,
            date=on,
            title=template.title,
            preamble=template.preamble,
            points=template.points,
            controller=DEFAULT_TEMPLATES[kind].get("controller", "оставляю за собой"),
            amends=amends,
            created_by=by,
        )
        chosen = (
            order_default_pairs(organisation=organisation, kind=kind) if pairs is None else pairs
        )
        if chosen:
            order.pairs.set(chosen)
    return order


def order_delete(*, order: Order) -> None:
    """A draft (or a returned draft) is deleted with its list of pairs; it holds no number, so
    the register keeps no gap. An order on signature or signed is never deleted."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.is_editable:
            raise ServiceError(
                "Удалить можно только проект приказа: приказ в статусе «%(status)s» не удаляется.",
                code="order_not_deletable",
                params={"status": order.get_status_display()},
            )
        order.delete()


def order_pairs_check(order: Order, pairs) -> None:
    """Refuse, with every reason at once, when the pairs of ``order`` cannot be fixed by it."""
    problems = []
    pairs = list(pairs)
    if order.kind == OrderKind.PAIRS and not pairs:
        problems.append("В приказе о закреплении нет ни одной пары (группы).")
    # An amendment restates the composition: the pairs of the order it amends stay in it.
    allowed = {None, order.pk, order.amends_id if order.kind == OrderKind.AMENDMENT else None}
    for pair in pairs:
        if pair.organisation_id != order.organisation_id:
            problems.append(f"Пара {pair} не из этой организации.")
        elif pair.status != Pair.Status.PROPOSED and pair.fixed_by_order_id not in allowed:
            problems.append(
                f"Пара {pair} уже закреплена приказом: изменения — приказом о внесении изменений."
            )
    mentors = {m.person for pair in pairs for m in pair.members.all() if m.role == "mentor"}
    missing = people_without_duties_consent(mentors)
    # Agreements not yet in force (by the same rule): say from when, not «нет согласия».
    starts = dict(
        DutiesConsent.objects.not_withdrawn()
        .with_in_force()
        .filter(person__in=missing, is_in_force=False)
        .order_by("person_id", "-agreement_date")
        .values_list("person_id", "agreement_date")
    )
    for person in missing:
        if person.pk in starts:
            problems.append(
                f"Наставник {person.short_name}: дополнительное соглашение к трудовому договору "
                f"вступает в силу {starts[person.pk]:%d.%m.%Y} (ст. 351.8 ТК РФ)."
            )
            continue
        problems.append(
            f"Наставник {person.short_name}: нет письменного согласия на возложение "
            "дополнительных обязанностей или дополнительного соглашения к трудовому "
            "договору (ст. 351.8 ТК РФ)."
        )
    people = [m.person for pair in pairs for m in pair.members.all()]
    with_consent = set(
        Person.objects.with_valid_consent()
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    for person in dict.fromkeys(people):
        if person.pk not in with_consent:
            problems.append(
                f"{person.short_name}: нет действующего согласия на обработку персональных данных."
            )
    if problems:
        raise ServiceError(problems, code="pairs_not_ready")


def order_update(*, order: Order, data: dict, pairs=None, version: int | None = None) -> Order:
    """Save a draft; ``version`` is the one the form was loaded with (a stale one is refused)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        order.check_editable()
        claim_version(order, version)
        for field, value in data.items():
            setattr(order, field, value)
        order.save()
        if pairs is not None and order.has_pairs_table:
            order.pairs.set(pairs)
    return order


def order_submit(*, order: Order, by) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        order.check_editable()
        if order.has_pairs_table:
            order_pairs_check(order, order.pairs.with_members())
        order_appendix_check(order)
        if order.roadmap_id and order.roadmap.status == Roadmap.Status.DRAFT:
            # One flow: the roadmap goes to the director with the order that approves it.
            roadmap_services.roadmap_submit(roadmap=order.roadmap, by=by)
        order.status = Order.Status.SUBMITTED
        order.submitted_at = timezone.now()
        order.save(update_fields=["status", "submitted_at"])
        notices.order_submitted(order=order, by=by)
    return order


def order_return(*, order: Order, by, comment: str) -> Order:
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(
            {"comment": ValidationError("Напишите, что исправить.", code="no_comment")}
        )
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.SUBMITTED:
            raise ServiceError("Вернуть можно только приказ на подписи.", code="not_submitted")
        order.status = Order.Status.RETURNED
        order.return_comment = comment
        order.save(update_fields=["status", "return_comment"])
        if order.roadmap_id and order.roadmap.status == Roadmap.Status.ON_APPROVAL:
            roadmap_services.roadmap_return(roadmap=order.roadmap, by=by, comment=comment)
        notices.order_returned(order=order, by=by)
    return order


ORDER_ACTIVITY_WORDS = {
    OrderKind.PAIRS: ("закреплен",),
    OrderKind.IMPLEMENTATION: ("внедрени",),
    OrderKind.REGULATION: ("положени",),
    OrderKind.ROADMAP: ("дорожн",),
    OrderKind.FINAL_EVENT: ("итогов",),
}


def roadmap_activity_for_order(order: Order):
    """The current roadmap's activity about issuing this kind of order («Издание приказа
    о закреплении наставнических пар»), or None."""
    words = ORDER_ACTIVITY_WORDS.get(order.kind)
    roadmap = current_roadmap(order.organisation)
    if not words or roadmap is None:
        return None
    candidates = Activity.objects.filter(stage__roadmap=roadmap).exclude(
        status=Activity.Status.CANCELLED
    )
    for word in words:
        candidates = candidates.filter(Q(title__icontains=word) | Q(result_form__icontains=word))
    with_order = candidates.filter(
        Q(title__icontains="приказ") | Q(result_form__icontains="приказ")
    )
    return (
        with_order.order_by("stage__order", "order", "pk").first()
        or candidates.order_by("stage__order", "order", "pk").first()
    )


def order_sign(*, order: Order, by, on: date | None = None) -> Order:
    """The director signs: the order is registered (dated and numbered), the PDF is rendered
    once and stored with its SHA-256, the pairs are fixed by the order, and the PDF becomes
    evidence of the roadmap activity about the order.

    The order is dated the day of signing (``on``, today by default) unless the draft carries a
    date, and takes the next number of that date's year in this transaction: the counter row
    stays locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction holds the
    database) until the signature is stored, so two signings never share a number and the
    numbers follow the order of signing.
    """
    from pairs.documents import order_pdf

    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.SUBMITTED:
            raise ServiceError(
                "Подписать можно только приказ, направленный на подпись.", code="not_submitted"
            )
        pairs = list(order.pairs.with_members())
        if order.has_pairs_table:
            order_pairs_check(order, pairs)
        organisation = order.organisation
        order.date = order.date or on or timezone.localdate()
        order.year = order.date.year
        order.number = _free_order_number(organisation=organisation, year=order.year)
        order.signatory_name = organisation.director_name
        order.signatory_position = organisation.director_position or "Директор"
        order.signed_by = by
        now = timezone.localtime()
        order.signed_at = (
            now if on is None else now.replace(year=on.year, month=on.month, day=on.day)
        )
        order.status = Order.Status.SIGNED
        order_appendix_check(order)
        _approve_appendix(order, by=by)
        pdf = order_pdf(order, pairs=pairs)
        order.pdf = pdf
        order.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        # One UPDATE from «submitted» to «signed»: after it the trigger refuses any other.
        order.save()

        proposed = [pair.pk for pair in pairs if pair.status == Pair.Status.PROPOSED]
        Pair.objects.filter(pk__in=proposed).update(status=Pair.Status.FIXED, fixed_by_order=order)
        mentees = [m.person_id for p in pairs for m in p.members.all() if m.role == "mentee"]
        mentors = [m.person_id for p in pairs for m in p.members.all() if m.role == "mentor"]
        MenteeRequest.objects.filter(
            person_id__in=mentees, status=MenteeRequest.Status.ACCEPTED
        ).update(status=MenteeRequest.Status.PAIRED)
        MentorProfile.objects.filter(
            person_id__in=mentors,
            status__in=[MentorProfile.Status.IN_BANK, MentorProfile.Status.TRAINED],
        ).update(status=MentorProfile.Status.ACTIVE)
        for pair in pairs:
            if pair.pk in proposed:
                program_create(pair=pair)

        activity = roadmap_activity_for_order(order)
        if activity is not None:
            try:
                evidence_add_check(activity=activity)
            except ServiceError:
                # An activity already accepted keeps its record as it was: no evidence is added.
                pass
            else:
                evidence_add(
                    activity=activity,
                    by=by,
                    title=f"Приказ от {order.date:%d.%m.%Y} № {order.number_label} «{order.title}»",
                    file=ContentFile(pdf, name=order_filename(order)),
                )
        notices.order_signed(order=order, by=by, pairs=pairs)
        notices.pairs_fixed(order=order, pairs=[p for p in pairs if p.pk in proposed], by=by)
    return order


def _approve_appendix(order: Order, *, by) -> None:
    """Signing an approving order approves what it carries: the roadmap (its approval line
    then reads this order's date and number) or the Положение (rendered and stored)."""
    if order.kind == OrderKind.ROADMAP:
        roadmap = Roadmap.objects.select_for_update().get(pk=order.roadmap_id)
        if roadmap.status == Roadmap.Status.DRAFT:
            roadmap_services.roadmap_submit(roadmap=roadmap, by=by)
        roadmap_services.roadmap_approve(
            roadmap=roadmap,
            by=by,
            document_kind=Roadmap.DocumentKind.ORDER,
            number=order.number_label,
            date=order.date,
        )
        order.roadmap = roadmap
    elif order.kind == OrderKind.REGULATION:
        order.regulation = regulation_approve(regulation=order.regulation, order=order)


def order_filename(order: Order) -> str:
    return f"prikaz-{order.year}-{order.number}.pdf"
