"""Closing a finished roadmap: a final mark per activity, then the status «Закрыта».

A closed roadmap is a record: it leaves every overdue list and counter (it is no longer in
force, so nothing in it can be late), and stays readable and printable with its final marks.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from roadmap.models import Activity, Roadmap


@dataclass(frozen=True)
class FinalMark:
    done: bool
    reason: str = ""


def roadmap_check_closable(*, roadmap: Roadmap, today: date | None = None) -> None:
    """Raise ``ServiceError`` unless ``roadmap`` may be closed now: the roadmap in force,
    whose period has ended, with no newer revision waiting."""
    today = today or timezone.localdate()
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ServiceError(
            "Закрыть можно только утверждённую (действующую) дорожную карту; эта — "
            f"в статусе «{roadmap.get_status_display()}»."
        )
    if today <= roadmap.period_end:
        raise ServiceError(
            "Дорожную карту можно закрыть после окончания её периода "
            f"({roadmap.period_end:%d.%m.%Y})."
        )
    if roadmap.next_revisions.exclude(status=Roadmap.Status.ARCHIVED).exists():
        raise ServiceError(
            "У дорожной карты есть новая редакция, которая ещё не утверждена: сначала "
            "завершите работу с ней."
        )


def final_mark_initial(activity: Activity) -> FinalMark | None:
    """What the closing page offers: an accepted activity is done; a cancelled one is not done,
    for the reason it was cancelled; the rest the curator decides."""
    if activity.status == Activity.Status.DONE:
        return FinalMark(done=True)
    if activity.status == Activity.Status.CANCELLED:
        return FinalMark(done=False, reason=activity.cancel_reason)
    return None


@transaction.atomic
def roadmap_close(
    *, roadmap: Roadmap, by, marks: dict[int, FinalMark], today: date | None = None
) -> Roadmap:
    """Close a finished roadmap with a final mark for every activity (a not-done one with its
    reason); all marks are saved, or none."""
    roadmap_check_closable(roadmap=roadmap, today=today)
    activities = list(Activity.objects.filter(stage__roadmap=roadmap).order_by("pk"))
    for activity in activities:
        mark = marks.get(activity.pk)
        if mark is None:
            raise ServiceError(f"Нет итоговой отметки у мероприятия «{activity.title[:80]}».")
        reason = mark.reason.strip()
        if not mark.done and not reason:
            raise ServiceError(f"Укажите, почему не выполнено мероприятие «{activity.title[:80]}».")
        activity.final_mark = Activity.FinalMark.DONE if mark.done else Activity.FinalMark.NOT_DONE
        activity.final_reason = "" if mark.done else reason
    for activity in activities:  # one save each: the history keeps every final mark
        activity.save()
    roadmap.status = Roadmap.Status.CLOSED
    roadmap.closed_by = by
    roadmap.closed_at = timezone.now()
    roadmap.save()
    return roadmap
