"""What the curator does with the public section: open it, publish and withdraw items.

Every write moves the section's ``stamp`` on, in the same transaction: the cached pages are
keyed by it, so the next visitor gets pages built from what is published now.
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from pairs.models import Regulation
from participants.models import Organisation
from public.documents import order_html, redactor_for, regulation_html, roadmap_html
from public.models import Names, Post, Publication, Section
from roadmap.models import Roadmap

LATIN = "a b v g d e e zh z i y k l m n o p r s t u f h ts ch sh sch _ y _ e yu ya"
TRANSLIT = {
    letter: ("" if latin == "_" else latin)
    for letter, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", LATIN.split(), strict=True)
}


def default_slug(organisation: Organisation) -> str:
    """«МАОУ гимназия № 2 г. Асино» → «maou-gimnaziya-2-g-asino», made unique."""
    text = "".join(TRANSLIT.get(letter, letter) for letter in organisation.short_name.lower())
    base = re.sub(r"[^a-z0-9]+", "-", text.replace("-", " ")).strip("-")[:50] or "school"
    slug, number = base, 1
    while Section.objects.filter(slug=slug).exclude(organisation=organisation).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def section_for(organisation: Organisation) -> Section:
    """The school's section, created closed on first use."""
    section = Section.objects.filter(organisation=organisation).first()
    if section is not None:
        return section
    try:
        with transaction.atomic():
            return Section.objects.create(
                organisation=organisation, slug=default_slug(organisation)
            )
    except IntegrityError:  # a second tab created it first
        return Section.objects.get(organisation=organisation)


def section_touch(section: Section) -> None:
    """Move the stamp on: every cached page of the section is stale from now."""
    Section.objects.filter(pk=section.pk).update(stamp=F("stamp") + 1)


def sections_touch(*, organisation_ids) -> None:
    Section.objects.filter(organisation_id__in=organisation_ids).update(stamp=F("stamp") + 1)


@transaction.atomic
def section_save(*, section: Section) -> Section:
    section.save()
    section_touch(section)
    return section


@transaction.atomic
def section_set(*, section: Section, field: str, value: bool) -> Section:
    """Open or close the section, show or hide the mentors or the forms: one click each."""
    if field not in ("is_open", "mentors_published", "forms_published"):
        raise ServiceError("Неизвестный переключатель раздела.", code="unknown_switch")
    Section.objects.filter(pk=section.pk).update(**{field: value}, stamp=F("stamp") + 1)
    section.refresh_from_db()
    return section


def check_names(*, organisation, html: str, names: str) -> None:
    """Publishing with names needs a consent to distribution of everyone the document names."""
    if names != Names.FULL:
        return
    missing = redactor_for(organisation, Names.FULL).found(html)
    if missing:
        raise ServiceError(
            "Без согласия на распространение (ст. 10.1 152-ФЗ) в документе названы: "
            "%(people)s. Опубликуйте его с заменой имён или получите их согласие.",
            code="names_without_consent",
            params={"people": ", ".join(person.short_name for person in missing)},
        )


def document_html(document) -> str:
    if isinstance(document, Regulation):
        return regulation_html(document)
    return roadmap_html(document) if isinstance(document, Roadmap) else order_html(document)


@transaction.atomic
def document_publish(*, section: Section, document, names: str, by) -> Publication:
    """Publish the Положение in force, the approved roadmap or a signed order (again: with
    the other choice of names)."""
    if names not in Names.values:
        raise ServiceError("Выберите, как показать людей в документе.", code="names_choice")
    if isinstance(document, Regulation):
        if document.status != Regulation.Status.APPROVED:
            raise ServiceError(
                "Опубликовать можно только действующее положение.", code="not_approved"
            )
        key = {"kind": Publication.Kind.REGULATION, "regulation": document}
    elif isinstance(document, Roadmap):
        if document.status != Roadmap.Status.APPROVED:
            raise ServiceError(
                "Опубликовать можно только утверждённую дорожную карту.", code="not_approved"
            )
        key = {"kind": Publication.Kind.ROADMAP, "roadmap": document}
    else:
        if not document.is_signed:
            raise ServiceError("Опубликовать можно только подписанный приказ.", code="not_signed")
        key = {"kind": Publication.Kind.ORDER, "order": document}
    check_names(organisation=section.organisation, html=document_html(document), names=names)
    publication, _ = Publication.objects.update_or_create(
        section=section,
        **key,
        defaults={"names": names, "published_at": timezone.now(), "published_by": by},
    )
    section_touch(section)
    return publication


@transaction.atomic
def document_withdraw(*, publication: Publication) -> None:
    section = publication.section
    Publication.objects.filter(pk=publication.pk).delete()
    section_touch(section)


def post_public_text(post: Post) -> str:
    return "\n".join([post.title, post.body, post.photo_alt])


@transaction.atomic
def post_save(*, post: Post, people=None) -> Post:
    post.save()
    if people is not None:
        post.people.set(people)
    if post.is_published:
        check_post_names(post)
        section_touch(post.section)
    return post


def check_post_names(post: Post) -> None:
    """With names: everyone named or shown has a consent to distribution, and the text names
    nobody else of the school without one. A photo shows only people whose consent allows their
    photograph, names or not."""
    organisation = post.section.organisation
    people = list(post.people.all())
    if post.names == Names.FULL:
        allowed = {person.pk for person in redactor_people_with_consent(organisation, people)}
        missing = [person for person in people if person.pk not in allowed]
        missing += redactor_for(organisation, Names.FULL).found(post_public_text(post))
        if missing:
            raise ServiceError(
                "Без согласия на распространение (ст. 10.1 152-ФЗ) названы: %(people)s. "
                "Выберите «Имена заменены» или получите их согласие.",
                code="names_without_consent",
                params={"people": ", ".join(sorted({p.short_name for p in missing}))},
            )
    if post.photo:
        pictured = redactor_people_with_consent(organisation, people, photo=True)
        allowed_photo = {person.pk for person in pictured}
        unpictured = [person for person in people if person.pk not in allowed_photo]
        if unpictured:
            raise ServiceError(
                "На фотографии люди без согласия на распространение их изображения: %(people)s. "
                "Уберите фотографию или получите их согласие.",
                code="photo_without_consent",
                params={"people": ", ".join(sorted({p.short_name for p in unpictured}))},
            )


def redactor_people_with_consent(organisation, people, *, photo: bool = False):
    from public.people import publishable_people

    return publishable_people(organisation, photo=photo).filter(
        pk__in=[person.pk for person in people]
    )


@transaction.atomic
def post_publish(*, post: Post) -> Post:
    post.published_at = post.published_at or timezone.now()
    check_post_names(post)
    Post.objects.filter(pk=post.pk).update(published_at=post.published_at)
    section_touch(post.section)
    return post


@transaction.atomic
def post_withdraw(*, post: Post) -> Post:
    Post.objects.filter(pk=post.pk).update(published_at=None)
    post.published_at = None
    section_touch(post.section)
    return post


@transaction.atomic
def post_delete(*, post: Post) -> None:
    section = post.section
    if post.photo:
        post.photo.delete(save=False)
    post.delete()
    section_touch(section)
