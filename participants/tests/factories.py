"""Factories of the participants app's records (the shared ones live in tests/factories.py)."""

import factory
from django.core.files.base import ContentFile

from participants.models import (
    Consent,
    ConsentText,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    PublicationConsent,
)
from participants.services import default_consent_body
from tests.factories import OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n% scan placeholder\n"


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText
        django_get_or_create = ("organisation", "version")

    organisation = factory.SubFactory(OrganisationFactory)
    version = 1
    body = factory.LazyAttribute(lambda text: default_consent_body(text.organisation))


class ConsentFactory(factory.django.DjangoModelFactory):
    """A valid online consent of ``person``."""

    class Meta:
        model = Consent

    person = None
    text = factory.LazyAttribute(lambda c: ConsentTextFactory(organisation=c.person.organisation))
    purposes = factory.LazyAttribute(lambda c: c.text.purposes)
    data_categories = factory.LazyAttribute(lambda c: c.text.data_categories)
    method = Consent.Method.ONLINE
    typed_name = factory.LazyAttribute(lambda c: c.person.full_name)
    ip_address = "10.0.0.7"

    class Params:
        paper = factory.Trait(
            method=Consent.Method.PAPER,
            typed_name="",
            ip_address=None,
            scan=factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="scan.pdf")),
        )


class PublicationConsentFactory(factory.django.DjangoModelFactory):
    """A consent to distribution of ``person`` (ст. 10.1), on paper with its scan."""

    class Meta:
        model = PublicationConsent

    person = None
    photo = True
    data_items = "фамилия, имя, отчество; должность; фотографическое изображение"
    resources = "раздел «Наставничество» портала"
    method = Consent.Method.PAPER
    scan = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="publication.pdf"))


class MenteeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeRequest
        skip_postgeneration_save = True

    person = None
    subjects = "математика"
    expected_result = "Научиться проектировать урок по ФГОС"
    status = MenteeRequest.Status.SUBMITTED


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    person = None
    subjects = "математика"
    experience = "Стаж 20 лет, победитель конкурса «Учитель года»"
    kinds_offered = ["traditional"]
    max_mentees = 2
    status = MentorProfile.Status.SUBMITTED


class MentorTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorTraining

    profile = None
    title = "Школа наставника"
    finished_on = factory.Faker("date_this_year")
    hours = 36
