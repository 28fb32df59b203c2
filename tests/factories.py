"""Factories for the records every app's tests need (factory_boy)."""

import factory
from django.contrib.auth import get_user_model

from participants.models import Membership, Organisation, Person, Role

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    full_name = factory.Sequence(
        lambda n: f"Муниципальное бюджетное общеобразовательное учреждение «Школа № {n}»"
    )
    short_name = factory.Sequence(lambda n: f"МБОУ «Школа № {n}»")
    address = "636840, Томская область, г. Асино, ул. Школьная, д. 1"
    city = "г. Асино"
    director_name = "Седова Наталья Викторовна"
    director_position = "Директор"


class DepartmentFactory(OrganisationFactory):
    kind = Organisation.Kind.DEPARTMENT
    short_name = factory.Sequence(lambda n: f"Управление образования № {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ru")
    first_name = "Анна"
    last_name = "Иванова"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    last_name = factory.Iterator(
        ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Васильев"]
    )
    first_name = factory.Iterator(["Анна", "Сергей", "Мария", "Илья", "Ольга", "Пётр"])
    middle_name = factory.Iterator(["Петровна", "Иванович", "Олеговна", "Андреевич", "Сергеевна"])
    position = "Учитель"
    category = Person.Category.TEACHER


def make_member(organisation, username: str, *roles: str, **person_fields) -> Person:
    """A user with ``roles`` in ``organisation`` and their Person record."""
    user = UserFactory(username=username)
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return PersonFactory(organisation=organisation, user=user, **person_fields)


__all__ = ["PASSWORD", "Role", "make_member"]
