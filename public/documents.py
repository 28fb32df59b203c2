"""The published documents as the public sees them: the roadmap and the signed orders, built by
their own apps' document functions and passed through the section's :class:`Redactor`.

Whatever the choice, a person without a consent to distribution is replaced (initials, or
«Наставник 1» in an order's table) — a consent withdrawn after publishing is honoured at once.
``names=FULL`` was published because everyone named had one: while that holds, a signed order
goes out as its stored PDF. ``names=REPLACED`` also replaces the members of an order's pairs
who did consent, so its table reads as one; the director's signature keeps a consenting name.
"""

from django.template.loader import render_to_string

from mentoring_portal import russian
from pairs.documents import director_short_name, order_context, signing_note
from pairs.models import Order, PairMember, Regulation
from participants.models import Person
from public.models import Names
from public.people import Redactor, with_publication_consent
from roadmap.documents import roadmap_document_context
from roadmap.models import Roadmap


def school_people(organisation) -> list[Person]:
    return list(with_publication_consent(Person.objects.filter(organisation=organisation)))


def redactor_for(organisation, names: str, labels: dict[int, str] | None = None) -> Redactor:
    return redactor_from(school_people(organisation), names, labels)


def redactor_from(people, names: str, labels: dict[int, str] | None = None) -> Redactor:
    """The redactor over ``people`` (annotated ``may_publish``), already loaded."""
    labels = labels or {}
    # Replaced: the people the document lists (the members of an order's pairs) become
    # «Наставник 1», «Наставляемый 2» whatever their consent, so its table reads as one.
    listed = set(labels) if names == Names.REPLACED else set()
    hidden = [person for person in people if not person.may_publish or person.pk in listed]
    kept = [person for person in people if person.may_publish and person.pk not in listed]
    return Redactor(hidden, labels, keep=kept)


def without_consent(organisation) -> Redactor:
    """Finds (and hides) the people of the school who may not be named in public."""
    return redactor_for(organisation, Names.FULL)


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    from mentoring_portal.documents import DOCUMENT_BASE_URL, StaticOnlyFetcher

    return HTML(
        string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher()
    ).write_pdf()


# --- the roadmap ---------------------------------------------------------------------------


def roadmap_html(roadmap: Roadmap) -> str:
    """The roadmap's printed document (its «УТВЕРЖДАЮ» block, the table) as HTML."""
    return render_to_string("roadmap/roadmap_pdf.html", roadmap_document_context(roadmap))


def public_roadmap_pdf(roadmap: Roadmap, names: str) -> bytes:
    redact = redactor_for(roadmap.organisation, names)
    return pdf_from_html(redact(roadmap_html(roadmap)))


# --- orders --------------------------------------------------------------------------------


def order_labels(order: Order) -> dict[int, str]:
    """«Наставник 1», «Наставляемый 2» for the people of the order's pairs, in table order."""
    labels, counters = {}, {PairMember.Role.MENTOR: 0, PairMember.Role.MENTEE: 0}
    words = {PairMember.Role.MENTOR: "Наставник", PairMember.Role.MENTEE: "Наставляемый"}
    for pair in sorted(order.pairs.with_members(), key=lambda p: p.pk):
        for member in pair.members.all():
            if member.person_id in labels or member.role not in counters:
                continue
            counters[member.role] += 1
            labels[member.person_id] = f"{words[member.role]} {counters[member.role]}"
    return labels


def order_html(order: Order) -> str:
    """The signed order as it printed: the same template and context as its stored PDF."""
    context = order_context(order)
    context["signatory_short"] = director_short_name(context["signatory_name"])
    context["draft"] = False
    context["signing_note"] = signing_note(order)
    return render_to_string("pairs/print/order.html", context)


def public_order_pdf(order: Order, names: str) -> bytes:
    """The stored PDF when nobody in it needs hiding; otherwise the order printed again from
    the same template with the hidden people replaced."""
    redact = redactor_for(order.organisation, names, order_labels(order))
    html = order_html(order)
    if names == Names.FULL and not redact.found(html):
        return order.pdf_bytes()
    return pdf_from_html(redact(html))


# --- the Положение о наставничестве --------------------------------------------------------


def regulation_html(regulation: Regulation) -> str:
    """The Положение in force as it printed (the template and context of its stored PDF)."""
    organisation = regulation.organisation
    return render_to_string(
        "pairs/print/regulation.html",
        {
            "regulation": regulation,
            "organisation": organisation,
            "organisation_genitive": russian.organisation_in_case(
                organisation.short_name, "genitive"
            ),
            "blocks": regulation.blocks(),
            "draft": False,
        },
    )


def public_regulation_pdf(regulation: Regulation, names: str) -> bytes:
    """Its stored PDF, unless the text names someone who must be hidden."""
    redact = redactor_for(regulation.organisation, names)
    html = regulation_html(regulation)
    if not redact.found(html):
        return regulation.pdf_bytes()
    return pdf_from_html(redact(html))
