"""Who is told when a questionnaire campaign opens (the service and the daily reminders)."""

from django.urls import reverse

from notifications.services import notify
from participants.notices import logins_of


def campaign_opened(*, campaign, people, by=None) -> int:
    """The campaign's audience is asked to answer (once per campaign and person)."""
    return notify(
        users=logins_of(people),
        kind="campaign_opened",
        text=(
            f"Открыто анкетирование «{campaign.questionnaire.title}»: ответьте "
            f"до {campaign.ends_on:%d.%m.%Y}"
        ),
        url=reverse("monitoring:campaign_answer", args=[campaign.pk]),
        by=by,
        key=f"campaign_opened:{campaign.pk}",
    )
