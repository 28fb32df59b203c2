"""The published documents as the public sees them: the roadmap and the signed orders, built by
their own apps' document functions and passed through the section's :class:`Redactor`.

``names=FULL`` hides the people without a consent to distribution (there should be none — the
curator published it because everyone named had one — but a consent withdrawn since is honoured
at once); ``names=REPLACED`` hides everyone the document names.
"""

from django.template.loader import render_to_string

from pairs.documents import director_short_name, order_context, signing_note
from pairs.models import Order, PairMember
from participants.models import Person
from public.models import Names
from public.people import Redactor, with_publication_consent
from roadmap.documents import roadmap_document_context
from roadmap.models import Roadmap


def school_people(organisation) -> list[Person]:
    return list(with_publication_consent(Person.objects.filter(organisation=organisation)))


def redactor_for(organisation, names: str, labels: dict[int, str] | None = None) -> Redactor:
    people = school_people(organisation)
    if names == Names.REPLACED:
        return Redactor(people, labels)
    hidden = [person for person in people if not person.may_publish]
    return Redactor(hidden, labels, keep=[person for person in people if person.may_publish])


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
