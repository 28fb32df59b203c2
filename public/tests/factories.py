"""A school with an open public section, built through the services like the curator builds it."""

from django.utils import timezone

from pairs.models import Order
from pairs.tests.factories import world_order
from participants import services as participant_services
from participants.models import Consent, PublicationConsent
from public import services
from public.models import Names, Post, Section
from roadmap.models import Roadmap
from roadmap.tests.factories import make_roadmap

NAMES = {
    "mentor": ("Громов", "Сергей", "Иванович", "gromov@example.ru", "+7 913 100-20-30"),
    "mentee": ("Лебедева", "Ольга", "Дмитриевна", "lebedeva@example.ru", "8 (913) 200-30-40"),
    "working_group": ("Кравцова", "Елена", "Александровна", "kravtsova@example.ru", ""),
    "curator": ("Белова", "Ирина", "Николаевна", "belova@example.ru", "+79131112233"),
    "teacher": ("Зуев", "Антон", "Павлович", "zuev@example.ru", ""),
    "director": ("Седова", "Наталья", "Викторовна", "", ""),
}


def distinct_names(world) -> None:
    """The factory's names repeat (namesakes): give the personas names of their own."""
    from participants.models import Person

    for persona, (last, first, middle, email, phone) in NAMES.items():
        person = world.people[persona]
        Person.objects.filter(pk=person.pk).update(
            last_name=last, first_name=first, middle_name=middle, email=email, phone=phone
        )
        person.refresh_from_db()


def publish_consent(person, *, publication=True, photo=True):
    """A consent in force, with (or without) the consent to distribution beside it (given on
    paper through the service, as the curator registers it)."""
    from pairs.tests.factories import give_consent

    PublicationConsent.objects.filter(person=person).delete()
    Consent.objects.filter(person=person).delete()
    consent = give_consent(person)
    if publication:
        consent.publication = participant_services.publication_record_paper(
            person=person,
            scan="",
            signed_on=timezone.localdate(),
            photo=photo,
            conditions="",
            by=None,
        )
    return consent


def open_section(world, *, slug="gimnaziya-2", rename=True) -> Section:
    """The school's section, open; ``rename=False`` keeps the personas' names (the permission
    matrix builds records for the other school, whose «Чужая-…» names other tests look for)."""
    if rename:
        distinct_names(world)
    section = services.section_for(world.school)
    section.slug = slug
    section.aims = "Раскрытие потенциала наставляемого."
    services.section_save(section=section)
    return services.section_set(section=section, field="is_open", value=True)


def approved_roadmap(world) -> Roadmap:
    return make_roadmap(
        world.school,
        status=Roadmap.Status.APPROVED,
        responsible=[world.people["working_group"]],
    )


def published_roadmap(world, names=Names.REPLACED, rename=True):
    section = open_section(world, rename=rename)
    roadmap = approved_roadmap(world)
    services.document_publish(section=section, document=roadmap, names=names, by=None)
    return section, roadmap


def published_order(world, names=Names.REPLACED, rename=True):
    section = open_section(world, rename=rename)
    order = Order.objects.get(pk=world_order(world, status="signed").pk)
    services.document_publish(section=section, document=order, names=names, by=None)
    return section, order


def make_post(section, *, published=True, **fields) -> Post:
    fields = {"title": "Новость", "body": "Первый абзац.\n\nВторой абзац.", **fields}
    post = Post.objects.create(section=section, **fields)
    if published:
        services.post_publish(post=post)
    return post


def regulation_in_force(world):
    """The Положение approved by the director's signature on its order."""
    from pairs import services as pairs_services
    from pairs.models import OrderKind, Regulation

    order = pairs_services.order_create(
        organisation=world.school, kind=OrderKind.REGULATION, by=None
    )
    pairs_services.order_submit(order=order, by=None)
    pairs_services.order_sign(order=order, by=None)
    return Regulation.objects.get(pk=order.regulation_id)


def published_regulation(world, names=Names.FULL, rename=True):
    section = open_section(world, rename=rename)
    regulation = regulation_in_force(world)
    services.document_publish(section=section, document=regulation, names=names, by=None)
    return section, regulation
