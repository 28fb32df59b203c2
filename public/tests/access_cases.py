"""Who may open each URL of the public section (see tests/access.py).

The visitor's pages (``/s/…``) are served to everybody — anonymous included — for an open section;
everything else is the curator's.
"""

from public.models import Names
from public.tests.factories import (
    make_post,
    open_section,
    published_order,
    published_regulation,
    published_roadmap,
)
from tests.access import case

CURATOR = {"curator"}


def section_kwargs(world):
    return {"slug": open_section(world, rename=False).slug}


def roadmap_kwargs(world):
    section, roadmap = published_roadmap(world, rename=False)
    return {"slug": section.slug, "pk": roadmap.pk}


def regulation_kwargs(world):
    section, regulation = published_regulation(world, rename=False)
    return {"slug": section.slug, "pk": regulation.pk}


def order_kwargs(world):
    section, order = published_order(world, rename=False)
    return {"slug": section.slug, "pk": order.pk}


def public_post_kwargs(world):
    section = open_section(world, rename=False)
    return {"slug": section.slug, "pk": make_post(section).pk}


def blank_kwargs(world):
    from participants.services import consent_text_current
    from public import services

    section = open_section(world, rename=False)
    services.section_set(section=section, field="forms_published", value=True)
    consent_text_current(organisation=world.school)
    return {"slug": section.slug, "name": "request"}


def photo_kwargs(world):
    from django.core.files.base import ContentFile

    section = open_section(world, rename=False)
    post = make_post(
        section,
        published=False,
        photo=ContentFile(b"\x89PNG\r\n\x1a\n" + b"0" * 32, name="p.png"),
        photo_alt="Фото",
    )
    from public import services

    services.post_publish(post=post)
    return {"slug": section.slug, "pk": post.pk}


def private_photo_kwargs(world):
    return {"pk": photo_kwargs(world)["pk"]}


def post_kwargs(world):
    return {"pk": make_post(open_section(world, rename=False), published=False).pk}


def published_post_kwargs(world):
    return {"pk": make_post(open_section(world, rename=False)).pk}


def document_kwargs(kind):
    def build(world):
        if kind == "roadmap":
            _, document = published_roadmap(world, rename=False)
        else:
            _, document = published_order(world, rename=False)
        return {"kind": kind, "pk": document.pk}

    return build


def publication_kwargs(world):
    section, _ = published_roadmap(world, rename=False)
    return {"pk": section.publications.get().pk}


CASES = [
    case("public:index", (), public=True),
    case("public:section", (), kwargs=section_kwargs, public=True),
    case("public:regulation", (), kwargs=regulation_kwargs, public=True),
    case("public:regulation_pdf", (), kwargs=regulation_kwargs, public=True),
    case("public:roadmap", (), kwargs=roadmap_kwargs, public=True),
    case("public:roadmap_pdf", (), kwargs=roadmap_kwargs, public=True),
    case("public:order_pdf", (), kwargs=order_kwargs, public=True),
    case("public:post", (), kwargs=public_post_kwargs, public=True),
    case("public:post_photo", (), kwargs=photo_kwargs, public=True),
    case("public:form", (), kwargs=blank_kwargs, public=True),
    case("public:manage", CURATOR),
    case("public:settings", CURATOR),
    case(
        "public:switch",
        CURATOR,
        kwargs=lambda w: {"name": "mentors", "state": "on"},
        method="post",
        scoped=False,
    ),  # fmt: skip
    case("public:preview", CURATOR, kwargs=document_kwargs("roadmap")),
    case("public:preview_pdf", CURATOR, kwargs=document_kwargs("order")),
    case(
        "public:publish",
        CURATOR,
        kwargs=document_kwargs("roadmap"),
        method="post",
        data=lambda world, kwargs: {"names": Names.REPLACED},
    ),
    case("public:withdraw", CURATOR, kwargs=publication_kwargs, method="post"),
    case("public:post_create", CURATOR),
    case("public:post_preview", CURATOR, kwargs=post_kwargs),
    case("public:post_edit", CURATOR, kwargs=post_kwargs),
    case("public:post_photo_private", CURATOR, kwargs=private_photo_kwargs),
    case("public:post_publish", CURATOR, kwargs=post_kwargs, method="post"),
    case("public:post_withdraw", CURATOR, kwargs=published_post_kwargs, method="post"),
    case("public:post_delete", CURATOR, kwargs=post_kwargs, method="post"),
    case("public:package", CURATOR),
]
