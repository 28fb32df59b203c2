"""What a visitor sees: the section's pages and PDFs as data, built from what is published.

The views (``public.views.pages``) cache the result; these functions do the work on a miss and
feed the curator's preview and the «Пакет для сайта» too, so all three show the same thing.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse

from pairs.models import Order, Regulation
from public import blanks
from public.documents import (
    pdf_from_html,
    public_order_pdf,
    public_regulation_pdf,
    public_roadmap_pdf,
    redactor_for,
    redactor_from,
    school_people,
    without_consent,
)
from public.models import Names, Post, Publication, Section
from public.people import initials, public_mentors, publishable_people
from roadmap.models import Roadmap
from roadmap.table import roadmap_table


@dataclass
class PublicDocument:
    title: str
    pdf_url: str
    html_url: str = ""
    filename: str = ""


def publications(section: Section):
    """The published documents still in force: the approved roadmap and the signed orders."""
    in_force = Publication.objects.filter(section=section).select_related(
        "regulation", "roadmap", "order"
    )
    return sorted(
        (
            publication
            for publication in in_force.defer("regulation__pdf", "order__pdf")
            if (
                publication.regulation
                and publication.regulation.status == Regulation.Status.APPROVED
            )
            or (publication.roadmap and publication.roadmap.status == Roadmap.Status.APPROVED)
            or (publication.order and publication.order.is_signed)
        ),
        key=lambda publication: (KIND_ORDER.index(publication.kind), -publication.pk),
    )


KIND_ORDER = [Publication.Kind.REGULATION, Publication.Kind.ROADMAP, Publication.Kind.ORDER]


def regulation_title(regulation: Regulation) -> str:
    label = (
        f", утверждено приказом {regulation.approval_label}" if regulation.approval_label else ""
    )
    return f"{regulation.title}{label}"


def roadmap_title(roadmap: Roadmap) -> str:
    """«Дорожная карта … (2026/2027 учебный год)», the period once."""
    period = roadmap.period_label
    return roadmap.title if period in roadmap.title else f"{roadmap.title} ({period})"


def order_title(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.number_label} «{order.title}»"


def documents(section: Section) -> list[PublicDocument]:
    listed = []
    for publication in publications(section):
        if publication.regulation:
            regulation = publication.regulation
            listed.append(
                PublicDocument(
                    regulation_title(regulation),
                    reverse("public:regulation_pdf", args=[section.slug, regulation.pk]),
                    reverse("public:regulation", args=[section.slug, regulation.pk]),
                    "Положение о наставничестве.pdf",
                )
            )
        elif publication.roadmap:
            roadmap = publication.roadmap
            listed.append(
                PublicDocument(
                    roadmap_title(roadmap),
                    reverse("public:roadmap_pdf", args=[section.slug, roadmap.pk]),
                    reverse("public:roadmap", args=[section.slug, roadmap.pk]),
                    f"Дорожная карта {roadmap.period_label}.pdf",
                )
            )
        else:
            order = publication.order
            listed.append(
                PublicDocument(
                    order_title(order),
                    reverse("public:order_pdf", args=[section.slug, order.pk]),
                    filename=f"Приказ № {order.number_label} от {order.date:%d.%m.%Y}.pdf",
                )
            )
    return listed


def published_posts(section: Section) -> list[Post]:
    posts = list(
        Post.objects.filter(section=section, published_at__isnull=False).prefetch_related("people")
    )
    allowed = set(
        publishable_people(section.organisation, photo=True)
        .filter(pk__in=[p.pk for post in posts for p in post.people.all()])
        .values_list("pk", flat=True)
    )
    people = None
    for post in posts:
        if post.names == Names.REPLACED:
            people = people if people is not None else school_people(section.organisation)
            replace = redactor_from(people, Names.REPLACED, post_labels(post))
            post.title, post.body = replace(post.title), replace(post.body)
        # A face cannot be replaced: the photo goes with the consent of everyone it shows.
        post.show_photo = bool(post.photo) and all(p.pk in allowed for p in post.people.all())
    return posts


def post_labels(post: Post) -> dict[int, str]:
    """Replaced: everyone the post names is left as initials, consent or not."""
    return {person.pk: initials(person) for person in post.people.all()}


def curator(section: Section):
    if section.curator_id is None:
        return None
    return publishable_people(section.organisation).filter(pk=section.curator_id).first()


def section_context(section: Section) -> dict:
    posts = published_posts(section)
    kinds = Post.Kind
    return {
        "section": section,
        "organisation": section.organisation,
        "curator": curator(section),
        "documents": documents(section),
        "mentors": public_mentors(section.organisation) if section.mentors_published else None,
        "news": [post for post in posts if post.kind == kinds.NEWS],
        "practices": [post for post in posts if post.kind != kinds.NEWS],
        "post_blocks": [
            {"id": "news", "title": "Новости", "posts": [p for p in posts if p.kind == kinds.NEWS]},
            {
                "id": "practices",
                "title": "Лучшие практики и «Наставник года»",
                "posts": [p for p in posts if p.kind != kinds.NEWS],
            },
        ],
        "forms": blanks.BLANKS if section.forms_published else [],
    }


def section_page(section: Section) -> str:
    html = render_to_string("public/section.html", section_context(section))
    return without_consent(section.organisation)(html)


def find_publication(section: Section, **lookup) -> Publication | None:
    return next(
        (
            publication
            for publication in publications(section)
            if all(getattr(publication, f"{key}_id") == value for key, value in lookup.items())
        ),
        None,
    )


def roadmap_page(section: Section, roadmap: Roadmap, names: str) -> str:
    html = render_to_string(
        "public/roadmap.html",
        {
            "section": section,
            "organisation": section.organisation,
            "roadmap": roadmap,
            "table": roadmap_table(roadmap),
        },
    )
    return redactor_for(section.organisation, names)(html)


def roadmap_pdf(section: Section, roadmap: Roadmap, names: str) -> bytes:
    return public_roadmap_pdf(roadmap, names)


def order_pdf(section: Section, order: Order, names: str) -> bytes:
    return public_order_pdf(order, names)


def post_page(section: Section, post: Post, photo_url: str = "") -> str:
    photo_url = photo_url or reverse("public:post_photo", args=[section.slug, post.pk])
    html = render_to_string(
        "public/post.html",
        {
            "section": section,
            "organisation": section.organisation,
            "post": post,
            "photo_url": photo_url,
        },
    )
    return redactor_for(section.organisation, post.names or Names.FULL, post_labels(post))(html)


def blank_pdf(section: Section, name: str) -> bytes | None:
    html = blanks.blank_html(name, section.organisation)
    if html is None:
        return None
    # The consent names the operator's director: a person of the school like any other.
    return pdf_from_html(without_consent(section.organisation)(html))


def index_page(sections) -> str:
    return render_to_string("public/index.html", {"sections": sections})


def regulation_page(section: Section, regulation: Regulation, names: str) -> str:
    html = render_to_string(
        "public/regulation.html",
        {
            "section": section,
            "organisation": section.organisation,
            "regulation": regulation,
            "blocks": regulation.blocks(),
        },
    )
    return redactor_for(section.organisation, names)(html)


def regulation_pdf(section: Section, regulation: Regulation, names: str) -> bytes:
    return public_regulation_pdf(regulation, names)
