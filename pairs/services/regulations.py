"""The Положение о наставничестве: its draft revision, edits, and approval by its order."""

import hashlib

from django.db import transaction
from django.db.models import Max

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import claim_version
from pairs.models import Order, OrderKind, Regulation
from pairs.regulation_text import standard_text


def regulation_draft(*, organisation, by) -> Regulation:
    """The school's draft revision, made when there is none: a copy of the revision in force
    (the next revision), or the portal's standard text before the first approval."""
    with transaction.atomic():
        draft = Regulation.objects.select_for_update().filter(
            organisation=organisation, status=Regulation.Status.DRAFT
        )
        existing = draft.first()
        if existing is not None:
            return existing
        in_force = Regulation.objects.in_force(organisation)
        if in_force is not None:
            title, text = in_force.title, in_force.text
        else:
            title, text = standard_text(organisation)
        top = Regulation.objects.filter(organisation=organisation).aggregate(top=Max("revision"))
        return Regulation.objects.create(
            organisation=organisation,
            revision=(top["top"] or 0) + 1,
            title=title,
            text=text,
            created_by=by,
        )


def regulation_on_signature(regulation: Regulation) -> Order | None:
    """The order approving ``regulation`` that waits for the director's signature, if any."""
    return (
        Order.objects.filter(
            regulation=regulation, kind=OrderKind.REGULATION, status=Order.Status.SUBMITTED
        )
        .defer("pdf")
        .first()
    )


def regulation_check_editable(regulation: Regulation) -> None:
    if not regulation.is_editable:
        raise ServiceError(
            "Утверждённая редакция Положения не изменяется: создайте новую редакцию.",
            code="regulation_not_editable",
        )
    if regulation_on_signature(regulation) is not None:
        raise ServiceError(
            "Положение на подписи у директора в составе приказа об утверждении: изменить его "
            "можно, когда приказ вернут на доработку.",
            code="regulation_on_signature",
        )


def regulation_update(
    *, regulation: Regulation, title: str, text: str, version: int | None = None
) -> Regulation:
    """Save the draft revision; every save is kept in its history (who, when, what)."""
    with transaction.atomic():
        regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
        regulation_check_editable(regulation)
        claim_version(regulation, version)
        regulation.title = title
        regulation.text = text
        regulation.save()
    return regulation


def regulation_approve(*, regulation: Regulation, order: Order) -> Regulation:
    """Inside the signing of ``order``: the draft revision becomes the one in force, approved
    by that order; its PDF is rendered once and stored; the revision in force before it loses
    force."""
    from pairs.documents import regulation_pdf

    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    if regulation.status != Regulation.Status.DRAFT:
        raise ServiceError(
            "Эта редакция Положения уже утверждена: приложите к приказу проект новой редакции.",
            code="regulation_not_draft",
        )
    Regulation.objects.filter(
        organisation=regulation.organisation, status=Regulation.Status.APPROVED
    ).update(status=Regulation.Status.ARCHIVED)
    regulation.status = Regulation.Status.APPROVED
    regulation.approved_on = order.date
    regulation.approval_label = f"от {order.date:%d.%m.%Y} № {order.number_label}"
    pdf = regulation_pdf(regulation, order=order)
    regulation.pdf = pdf
    regulation.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    regulation.save()
    return regulation


def regulation_filename(regulation: Regulation) -> str:
    return f"polozhenie-o-nastavnichestve-red-{regulation.revision}.pdf"
