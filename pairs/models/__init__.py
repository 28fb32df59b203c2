"""The pairs app's models, split by feature; import them from here."""

from pairs.models.acknowledgement import OrderAcknowledgement
from pairs.models.forms import MentoringForm
from pairs.models.order import Order, OrderCounter, OrderKind, OrderRemoval, OrderTemplate
from pairs.models.pair import DutiesConsent, Pair, PairMember
from pairs.models.program import Meeting, NextMeeting, Program, ProgramItem
from pairs.models.regulation import Regulation
from pairs.models.weights import MatchingWeights, school_weights

__all__ = [
    "DutiesConsent",
    "Meeting",
    "MatchingWeights",
    "MentoringForm",
    "NextMeeting",
    "Order",
    "OrderAcknowledgement",
    "OrderCounter",
    "OrderKind",
    "OrderRemoval",
    "OrderTemplate",
    "Pair",
    "PairMember",
    "Program",
    "ProgramItem",
    "Regulation",
    "school_weights",
]
