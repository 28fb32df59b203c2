"""The participants app's models, split by feature; import them from here.

What other apps ask of participants:
- ``Person.objects.with_valid_consent()`` / ``person.has_valid_consent()``: may be processed,
  put in a bank or a pair; ``Person.objects.consent_withdrawn()``: never list or export them;
  ``Person.objects.teachers().under_35(on=date)``: the young teachers of the indicators.
- ``MenteeRequest.objects.in_bank()`` / ``MentorProfile.objects.in_bank()``: in the bank now
  (accepted, consent valid); ``.listed()``: what the bank pages and exports show;
  ``IN_BANK_STATUSES``; a pair moves a request to ``PAIRED`` (and ``FINISHED``) and a profile to
  ``ACTIVE``.
- ``Person.objects.with_publication_consent()``: ``may_publish`` (and ``may_publish_photo``), the
  consent to distribution (ст. 10.1) in force beside a valid consent to processing — the one rule
  of who may be named in public.
- ``participants.anonymisation.register(hook)``: anonymise another app's data of a person whose
  consent was withdrawn (run daily by ``manage.py anonymise_withdrawn``).
"""

from participants.models.awards import MentorAward
from participants.models.banks import (
    Difficulty,
    MenteeRequest,
    MentoringKind,
    MentorProfile,
    MentorTraining,
    WorkFormat,
)
from participants.models.consent import Consent, ConsentText
from participants.models.organisation import Membership, Organisation, Role
from participants.models.person import Person
from participants.models.publication import PublicationConsent

__all__ = [
    "Consent",
    "ConsentText",
    "Difficulty",
    "Membership",
    "MenteeRequest",
    "MentorAward",
    "MentorProfile",
    "MentorTraining",
    "MentoringKind",
    "Organisation",
    "Person",
    "PublicationConsent",
    "Role",
    "WorkFormat",
]
