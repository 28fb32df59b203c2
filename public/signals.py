"""A consent given, changed or withdrawn, or a person's name or contacts changed: the school's
public pages are stale at once.

A signal, not a call from the participants services: ``participants`` must not import
``public`` (the design's direction of dependencies), and a consent changes in several places
(the online form, the paper scan, a withdrawal, the anonymisation). The receiver only moves the
cache stamp on — one UPDATE, no rule of the domain.
"""

from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from participants.models import Consent, Organisation, Person, PublicationConsent
from public.services import sections_touch


@receiver([post_save, post_delete], sender=Consent, dispatch_uid="public_consent_changed")
@receiver(
    [post_save, post_delete], sender=PublicationConsent, dispatch_uid="public_publication_changed"
)
def consent_changed(sender, instance, **kwargs):
    organisation = Person.objects.filter(pk=instance.person_id).values("organisation_id")
    sections_touch(organisation_ids=Subquery(organisation))


@receiver([post_save, post_delete], sender=Person, dispatch_uid="public_person_changed")
def person_changed(sender, instance, **kwargs):
    sections_touch(organisation_ids=[instance.organisation_id])


@receiver(post_save, sender=Organisation, dispatch_uid="public_organisation_changed")
def organisation_changed(sender, instance, created, **kwargs):
    if not created:
        sections_touch(organisation_ids=[instance.pk])
