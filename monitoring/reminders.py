"""Daily reminders of questionnaires: a campaign that starts today (started ahead) → its audience;
three days before a campaign closes → those who have not answered.

Two queries for any number of campaigns and people.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from monitoring.models import Invitation
from notifications.reminders import Reminder, due_phrase

CLOSING_DAYS = 3


def _waiting(today: date):
    return (
        Invitation.objects.filter(
            campaign__closed_at__isnull=True,
            campaign__starts_on__lte=today,
            campaign__ends_on__gte=today,
            person__user__isnull=False,
            person__user__is_active=True,
            answered=False,
        )
        .select_related("campaign__questionnaire", "person__user")
        .order_by("campaign_id", "pk")
    )


def reminders(today: date) -> list[Reminder]:
    found = []
    for invitation in _waiting(today):
        campaign, user = invitation.campaign, invitation.person.user
        title = campaign.questionnaire.title[:200]
        url = reverse("monitoring:campaign_answer", args=[campaign.pk])
        if campaign.starts_on > timezone.localdate(campaign.created_at):
            # Started ahead: not announced when it was created (the same key as at creation).
            found.append(
                Reminder(
                    user=user,
                    kind="campaign_opened",
                    text=(
                        f"Открыто анкетирование «{title}»: ответьте до {campaign.ends_on:%d.%m.%Y}"
                    ),
                    url=url,
                    key=f"campaign_opened:{campaign.pk}",
                )
            )
        if campaign.ends_on - today <= timedelta(days=CLOSING_DAYS):
            found.append(
                Reminder(
                    user=user,
                    kind="campaign_closing",
                    text=(
                        f"Анкетирование «{title}» скоро закроется, вы ещё не ответили: "
                        f"{due_phrase(campaign.ends_on, today).replace('срок', 'закрытие', 1)}"
                    ),
                    url=url,
                    key=f"campaign_closing:{campaign.pk}",
                )
            )
    return found
