"""The monitoring app's models, split by feature; import them from here."""

from monitoring.models.questionnaire import (
    Answer,
    Campaign,
    Invitation,
    Question,
    Questionnaire,
    Response,
    ResponseDraft,
)
from monitoring.models.year import (
    IndicatorSnapshot,
    IndicatorTarget,
    ManualIndicator,
    MonitoringYear,
)

__all__ = [
    "Answer",
    "Campaign",
    "IndicatorSnapshot",
    "IndicatorTarget",
    "Invitation",
    "ManualIndicator",
    "MonitoringYear",
    "Question",
    "Questionnaire",
    "Response",
    "ResponseDraft",
]
