"""Business rules of the roadmap: creation from the template, approval, revisions, tracking.

Every function is keyword-only, runs in one transaction and refuses what the rules forbid with
the portal's :class:`~mentoring_portal.errors.ServiceError` (a Russian message the views show as
is).
"""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import claim_version
from roadmap import notices, revisions
from roadmap.deadlines import parse_deadline
from roadmap.models import Activity, Comment, Evidence, Roadmap, Stage, YearMark
from roadmap.stored_pdf import approved_pdf_request_on_commit
from roadmap.template import TARGET_MODEL_STAGES


def _require_editable(roadmap: Roadmap) -> None:
    if not roadmap.is_editable:
        raise ServiceError(
            f"Дорожная карта в статусе «{roadmap.get_status_display()}» не редактируется. "
            "Чтобы внести изменения в утверждённую карту, создайте новую редакцию.",
            code="not_editable",
        )


def _require_tracked(roadmap: Roadmap) -> None:
    if not roadmap.is_tracked:
        raise ServiceError(
            "Отмечать выполнение можно только в утверждённой (действующей) дорожной карте.",
            code="not_tracked",
        )


def activity_derive_deadline(*, activity: Activity, roadmap: Roadmap) -> None:
    """Derive the stored deadline fields from the text as written (not saved here)."""
    activity.apply_deadline(
        parse_deadline(
            activity.deadline_text,
            period_start=roadmap.period_start,
            period_end=roadmap.period_end,
        )
    )


@transaction.atomic
def roadmap_create(
    *,
    organisation,
    title: str,
    period_start: date,
    period_end: date,
    from_template: bool,
    by,
) -> Roadmap:
    """A new draft roadmap, empty or with the seven stages of the target model."""
    roadmap = Roadmap.objects.create(
        organisation=organisation,
        title=title,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
    )
    if from_template:
        for stage_order, (stage_title, activities) in enumerate(TARGET_MODEL_STAGES, start=1):
            stage = Stage.objects.create(roadmap=roadmap, order=stage_order, title=stage_title)
            for order, (activity_title, result, deadline, roles) in enumerate(activities, 1):
                activity = Activity(
                    stage=stage,
                    order=order,
                    title=activity_title,
                    result_form=result,
                    deadline_text=deadline,
                    responsible_roles=roles,
                )
                activity_derive_deadline(activity=activity, roadmap=roadmap)
                activity.save()
    return roadmap


@transaction.atomic
def roadmap_update_period(*, roadmap: Roadmap, title, period_start, period_end) -> Roadmap:
    """Change the title or period; deadlines written without a year are derived again."""
    _require_editable(roadmap)
    roadmap.title, roadmap.period_start, roadmap.period_end = title, period_start, period_end
    roadmap.save()
    for activity in Activity.objects.filter(stage__roadmap=roadmap):
        activity_derive_deadline(activity=activity, roadmap=roadmap)
        activity.save()
    return roadmap


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def stage_add(*, roadmap: Roadmap, title: str) -> Stage:
    _require_editable(roadmap)
    return Stage.objects.create(
        roadmap=roadmap, title=title, order=_next_order(roadmap.stages.all())
    )


@transaction.atomic
def stage_update(*, stage: Stage, title: str, version: int | None = None) -> Stage:
    """Rename a stage; ``version`` is the one the form was loaded with (a stale one is refused
    with :class:`StaleEditError`)."""
    _require_editable(stage.roadmap)
    claim_version(stage, version)
    stage.title = title
    stage.save()
    return stage


@transaction.atomic
def stage_delete(*, stage: Stage) -> None:
    _require_editable(stage.roadmap)
    stage.delete()


def _move(item, siblings, direction: str) -> None:
    """Swap ``item`` with its neighbour; orders are renumbered 1…n on the way."""
    ordered = list(siblings.order_by("order", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered, start=1):
        if other.order != position:
            other.order = position
            other.save(update_fields=["order"])


@transaction.atomic
def stage_move(*, stage: Stage, direction: str) -> None:
    _require_editable(stage.roadmap)
    _move(stage, stage.roadmap.stages.all(), direction)


@transaction.atomic
def activity_save(
    *, activity: Activity, roadmap: Roadmap, people=None, version: int | None = None, by=None
) -> Activity:
    """Create or update an activity of an editable roadmap; the deadline is derived again.

    ``version``: the one the edit form was loaded with; a stale one is refused
    (:class:`StaleEditError`) and nothing is written."""
    _require_editable(roadmap)
    claim_version(activity, version)
    if activity.pk is None:
        activity.order = _next_order(activity.stage.activities.all())
    activity_derive_deadline(activity=activity, roadmap=roadmap)
    is_new = activity.pk is None
    activity.save()
    if people is not None:
        before = set() if is_new else set(activity.responsible_people.values_list("pk", flat=True))
        activity.responsible_people.set(people)
        added = [person for person in people if person.pk not in before]
        if added:
            notices.activity_assigned(activity=activity, people=added, by=by)
    return activity


@transaction.atomic
def activity_move(*, activity: Activity, direction: str) -> None:
    _require_editable(activity.stage.roadmap)
    _move(activity, activity.stage.activities.all(), direction)


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    _require_editable(activity.stage.roadmap)
    activity.delete()


@transaction.atomic
def roadmap_submit(*, roadmap: Roadmap, by) -> Roadmap:
    """The curator sends the draft to the director."""
    if roadmap.status != Roadmap.Status.DRAFT:
        raise ServiceError("На утверждение направляется только черновик.", code="not_draft")
    if not Activity.objects.filter(stage__roadmap=roadmap).exists():
        raise ServiceError("В дорожной карте нет ни одного мероприятия.", code="no_activities")
    roadmap.status = Roadmap.Status.ON_APPROVAL
    roadmap.submitted_at = timezone.now()
    roadmap.return_comment = ""
    roadmap.save()
    notices.roadmap_submitted(roadmap=roadmap, by=by)
    return roadmap


@transaction.atomic
def roadmap_approve(
    *, roadmap: Roadmap, by, document_kind: str, number: str, date: date
) -> Roadmap:
    """The director approves; the revision it replaces goes to the archive, after what was done
    on it since the copy (statuses, marks, evidence, comments) is carried into this one.
    Once committed, its PDF is rendered and stored by a task (roadmap.stored_pdf)."""
    # Read under a lock: of two clicks on «Утвердить» at once the second finds it approved.
    locked = Roadmap.objects.select_for_update().filter(pk=roadmap.pk).values_list("status")
    if roadmap.status != Roadmap.Status.ON_APPROVAL or locked.get()[0] != roadmap.status:
        raise ServiceError(
            "Утвердить можно только карту, направленную на утверждение.", code="not_on_approval"
        )
    roadmap.status = Roadmap.Status.APPROVED
    roadmap.approved_by = by
    roadmap.approved_at = timezone.now()
    roadmap.approval_document_kind = document_kind
    roadmap.approval_document_number = number
    roadmap.approval_document_date = date
    in_force = roadmap.previous_revision
    if in_force is not None and in_force.status == Roadmap.Status.APPROVED:
        lines = revisions.revision_carry_over(old=in_force, new=roadmap)
        roadmap.carried_over = "\n".join(lines)
    roadmap.save()
    previous = roadmap.previous_revision
    while previous is not None:
        if previous.status == Roadmap.Status.APPROVED:
            previous.status = Roadmap.Status.ARCHIVED
            previous.save()
        previous = previous.previous_revision
    notices.roadmap_decided(roadmap=roadmap, by=by, approved=True)
    approved_pdf_request_on_commit(roadmap)
    return roadmap


@transaction.atomic
def roadmap_return(*, roadmap: Roadmap, by, comment: str) -> Roadmap:
    """The director returns the roadmap to the curator with a comment; it is a draft again."""
    if roadmap.status != Roadmap.Status.ON_APPROVAL:
        raise ServiceError(
            "Вернуть можно только карту, направленную на утверждение.", code="not_on_approval"
        )
    roadmap.status = Roadmap.Status.DRAFT
    roadmap.return_comment = comment
    roadmap.save()
    notices.roadmap_decided(roadmap=roadmap, by=by, approved=False)
    return roadmap


@transaction.atomic
def roadmap_new_revision(*, roadmap: Roadmap, by) -> Roadmap:
    """Copy an approved roadmap into a new draft revision; the approved one stays in force
    until the new revision is approved. Every field, responsible person and the tracking record
    (statuses, marks, evidence, comments) are carried over."""
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ServiceError(
            "Новая редакция создаётся из утверждённой дорожной карты.", code="not_approved"
        )
    if roadmap.next_revisions.exclude(status=Roadmap.Status.ARCHIVED).exists():
        raise ServiceError(
            "Новая редакция этой дорожной карты уже создана.", code="revision_exists"
        )
    copy = Roadmap.objects.create(
        organisation=roadmap.organisation,
        title=roadmap.title,
        period_start=roadmap.period_start,
        period_end=roadmap.period_end,
        revision=roadmap.revision + 1,
        previous_revision=roadmap,
        created_by=by,
    )
    revisions.roadmap_copy_contents(source=roadmap, target=copy)
    return copy


def _comment(activity: Activity, by, text: str) -> None:
    if text:
        Comment.objects.create(activity=activity, author=by, text=text)


@transaction.atomic
def activity_start(*, activity: Activity, by) -> Activity:
    _require_tracked(activity.stage.roadmap)
    if activity.status != Activity.Status.PLANNED:
        raise ServiceError("Начать можно только запланированное мероприятие.", code="not_planned")
    activity.status = Activity.Status.IN_PROGRESS
    activity.save()
    return activity


@transaction.atomic
def evidence_accepted_years(activity: Activity) -> set[int]:
    """The tracking years of a yearly activity whose completion was accepted (one query)."""
    if not activity.is_yearly:
        return set()
    return set(
        activity.year_marks.filter(status=YearMark.Status.DONE).values_list("year", flat=True)
    )


def evidence_add_check(*, activity: Activity, year=None) -> None:
    """Refuse adding evidence once the completion is accepted — the activity or, for a yearly
    one, that year: its evidence is then the record and is closed."""
    if activity.status == Activity.Status.CANCELLED:
        raise ServiceError("Мероприятие отменено.", code="activity_cancelled")
    if activity.status == Activity.Status.DONE:
        raise ServiceError(
            "Выполнение мероприятия уже принято: новые подтверждения не добавляются.",
            code="activity_accepted",
        )
    if year is not None and year in evidence_accepted_years(activity):
        raise ServiceError(
            "Выполнение за этот год уже принято: новые подтверждения за него не добавляются.",
            code="year_accepted",
        )


def evidence_open_years(activity: Activity):
    """The tracking years evidence may still be added for (None for a one-off activity)."""
    if not activity.is_yearly:
        return None
    accepted = evidence_accepted_years(activity)
    return [y for y in activity.stage.roadmap.tracking_years() if y.key not in accepted]


def evidence_may_add(activity: Activity) -> bool:
    """Whether the «Добавить подтверждение» action is open at all."""
    try:
        evidence_add_check(activity=activity)
    except ServiceError:
        return False
    return not activity.is_yearly or bool(evidence_open_years(activity))


def evidence_add(*, activity: Activity, by, title: str, file=None, url: str = "", year=None):
    """Attach a file or a link (validated by the form) to an activity."""
    evidence_add_check(activity=activity, year=year)
    return Evidence.objects.create(
        activity=activity,
        title=title,
        file=file or "",
        url=url,
        for_year=year,
        uploaded_by=by,
    )


def evidence_is_accepted(evidence: Evidence) -> bool:
    """The evidence is the record of an accepted completion: the activity is done or, for a
    yearly activity, the year the evidence is for was accepted."""
    activity = evidence.activity
    if activity.status == Activity.Status.DONE:
        return True
    return (
        activity.is_yearly
        and evidence.for_year is not None
        and activity.year_marks.filter(year=evidence.for_year, status=YearMark.Status.DONE).exists()
    )


def evidence_may_delete(*, evidence: Evidence, user, is_curator: bool) -> bool:
    """The curator, or whoever uploaded it (the accepted record is checked separately)."""
    return is_curator or (
        evidence.uploaded_by_id is not None and evidence.uploaded_by_id == user.pk
    )


def evidence_deletable_ids(*, activity: Activity, evidence, user, is_curator: bool) -> set[int]:
    """Of ``evidence`` (the activity's items), those ``user`` may delete now — one query at most."""
    if not activity.stage.roadmap.is_tracked or activity.status == Activity.Status.DONE:
        return set()
    accepted_years = evidence_accepted_years(activity)
    return {
        item.pk
        for item in evidence
        if item.for_year not in accepted_years
        and evidence_may_delete(evidence=item, user=user, is_curator=is_curator)
    }


def evidence_check_deletable(evidence: Evidence) -> None:
    """Raise ``ServiceError`` when nobody may delete the evidence any more."""
    _require_tracked(evidence.activity.stage.roadmap)
    if evidence_is_accepted(evidence):
        raise ServiceError(
            "Выполнение уже принято: подтверждение хранится как отметка о выполнении "
            "и не удаляется.",
            code="evidence_accepted",
        )


@transaction.atomic
def evidence_delete(*, evidence: Evidence, by) -> None:
    """Remove an evidence item before the completion is accepted; the file leaves the storage once
    the transaction commits, and a comment on the activity says who removed what."""
    evidence_check_deletable(evidence)
    label = f"«{evidence.title}»"
    # A title left empty took the file's name or the link; the stored file's name is random.
    if evidence.file and evidence.filename != evidence.title:
        label += f" (файл {evidence.file_type})"
    elif not evidence.file and evidence.url != evidence.title:
        label += f" (ссылка {evidence.url})"
    if evidence.for_year:
        label += f" за {evidence.for_year}/{evidence.for_year + 1} учебный год"
    storage, name = evidence.file.storage, evidence.file.name
    activity = evidence.activity
    evidence.delete()
    _comment(activity, by, f"Удалено подтверждение {label}.")
    # A new revision shares its copied evidence's files: the file goes with its last row.
    if name and not Evidence.objects.filter(file=name).exists():
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def activity_report(
    *,
    activity: Activity,
    by,
    comment: str = "",
    year: int | None = None,
    evidence_title: str = "",
    file=None,
    url: str = "",
) -> Activity:
    """A responsible person reports the activity done, with evidence (new or attached before).

    A yearly activity is reported for one tracking year; the activity itself stays in progress
    until every year is accepted.
    """
    roadmap = activity.stage.roadmap
    _require_tracked(roadmap)
    if activity.status in (Activity.Status.DONE, Activity.Status.CANCELLED):
        raise ServiceError("Мероприятие уже закрыто.", code="activity_closed")
    if file or url:
        evidence_add(
            activity=activity,
            by=by,
            title=evidence_title or "Подтверждение выполнения",
            file=file,
            url=url,
            year=year if activity.is_yearly else None,
        )
    evidence = activity.evidence.all()
    if activity.is_yearly:
        years = {y.key for y in roadmap.tracking_years()}
        if year not in years:
            raise ServiceError("Выберите год, за который отчитываетесь.", code="no_year")
        evidence = evidence.filter(for_year=year)
    if not evidence.exists():
        raise ServiceError(
            "Приложите файл или ссылку, подтверждающие выполнение.", code="no_evidence"
        )
    if activity.is_yearly:
        mark, _ = YearMark.objects.get_or_create(
            activity=activity, year=year, defaults={"status": YearMark.Status.REPORTED}
        )
        if mark.status == YearMark.Status.DONE:
            raise ServiceError("Выполнение за этот год уже принято.", code="year_accepted")
        mark.status = YearMark.Status.REPORTED
        mark.reported_by, mark.reported_at = by, timezone.now()
        mark.save()
        if activity.status == Activity.Status.PLANNED:
            activity.status = Activity.Status.IN_PROGRESS
    else:
        activity.status = Activity.Status.REPORTED
    activity.return_comment = ""
    activity.save()
    _comment(activity, by, comment)
    notices.activity_reported(activity=activity, by=by)
    return activity


def _reported_mark(activity: Activity, year: int | None) -> YearMark:
    mark = activity.year_marks.filter(year=year, status=YearMark.Status.REPORTED).first()
    if mark is None:
        raise ServiceError("За этот год нет отчёта на проверке.", code="year_not_reported")
    return mark


@transaction.atomic
def activity_accept(*, activity: Activity, by, year: int | None = None) -> Activity:
    """The curator accepts the reported completion (of one year, for a yearly activity)."""
    roadmap = activity.stage.roadmap
    _require_tracked(roadmap)
    mark = None
    if activity.is_yearly:
        mark = _reported_mark(activity, year)
        mark.status = YearMark.Status.DONE
        mark.accepted_by, mark.accepted_at = by, timezone.now()
        mark.save()
        done = set(
            activity.year_marks.filter(status=YearMark.Status.DONE).values_list("year", flat=True)
        )
        if done >= {y.key for y in roadmap.tracking_years()}:
            activity.status = Activity.Status.DONE
    else:
        if activity.status != Activity.Status.REPORTED:
            raise ServiceError(
                "Принять можно только мероприятие с отчётом на проверке.", code="not_reported"
            )
        activity.status = Activity.Status.DONE
    if activity.status == Activity.Status.DONE:
        activity.accepted_at = timezone.now()
    activity.save()
    notices.activity_decided(
        activity=activity, by=by, accepted=True, reporter=mark.reported_by if mark else None
    )
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, by, comment: str, year: int | None = None) -> Activity:
    """The curator returns the report with a comment; the activity is in progress again."""
    _require_tracked(activity.stage.roadmap)
    mark = None
    if activity.is_yearly:
        mark = _reported_mark(activity, year)
        mark.status = YearMark.Status.RETURNED
        mark.save()
    elif activity.status != Activity.Status.REPORTED:
        raise ServiceError(
            "Вернуть можно только мероприятие с отчётом на проверке.", code="not_reported"
        )
    activity.status = Activity.Status.IN_PROGRESS
    activity.return_comment = comment
    activity.save()
    _comment(activity, by, f"Возвращено на доработку: {comment}")
    notices.activity_decided(
        activity=activity, by=by, accepted=False, reporter=mark.reported_by if mark else None
    )
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by, reason: str) -> Activity:
    _require_tracked(activity.stage.roadmap)
    if activity.status in (Activity.Status.DONE, Activity.Status.CANCELLED):
        raise ServiceError("Мероприятие уже закрыто.", code="activity_closed")
    activity.status = Activity.Status.CANCELLED
    activity.cancel_reason = reason
    activity.save()
    _comment(activity, by, f"Отменено: {reason}")
    return activity


@transaction.atomic
def comment_add(*, activity: Activity, by, text: str) -> None:
    _comment(activity, by, text)


@transaction.atomic
def activities_assign(*, roadmap: Roadmap, activities, people, by=None) -> int:
    """Add ``people`` to the responsible people of several activities of an editable roadmap at
    once (one transaction; each activity moves to its next version, so a form opened before is
    refused as stale instead of undoing this). Returns how many activities gained someone; each
    person is told once per activity they are new on."""
    _require_editable(roadmap)
    changed = 0
    for activity in activities:
        claim_version(activity, None)
        before = set(activity.responsible_people.values_list("pk", flat=True))
        added = [person for person in people if person.pk not in before]
        if added:
            activity.responsible_people.add(*added)
            notices.activity_assigned(activity=activity, people=added, by=by)
            changed += 1
    return changed
