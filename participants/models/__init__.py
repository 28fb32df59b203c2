"""The participants app's models, split by feature; import them from here."""

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

__all__ = [
    "Consent",
    "ConsentText",
    "Difficulty",
    "Membership",
    "MenteeRequest",
    "MentorProfile",
    "MentorTraining",
    "MentoringKind",
    "Organisation",
    "Person",
    "Role",
    "WorkFormat",
]
