"""Revisions of an approved roadmap: the copy into a new draft, and at its approval the
carry-over of what was done meanwhile on the roadmap in force.

A revision is a full copy: every stage, every activity with every field, its responsible people
and its tracking record (evidence, year marks, comments). The copy is generic — it walks the
models' fields — so a field added later is carried without anyone remembering to add it here.
"""

from django.db import models, transaction

from roadmap.importing.normalise import plural_count
from roadmap.models import Activity, Evidence, Roadmap, YearMark
from roadmap.table import roadmap_table

# The reverse relations of an activity that make up its tracking record and travel with it into
# a new revision. ``roadmap/tests/test_revision_copy.py`` fails when an activity gains a reverse
# relation that is neither here nor declared as not copied there.
ACTIVITY_RECORD = ("evidence", "year_marks", "comments", "school_tasks")


def copy_row(source: models.Model, **overrides) -> models.Model:
    """Save a new row with every concrete field of ``source`` except its primary key and the
    ``overrides`` (by field name), then give it the same many-to-many links.

    The new row is built from the values, never by clearing the primary key of ``source``: a
    reused instance keeps the prefetch cache of the old row, and ``.set()`` on it would compare
    against the old links and add nothing (how revision 2 once lost every responsible person).
    """
    model = type(source)
    values = {
        field.attname: getattr(source, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in overrides
    }
    copy = model.objects.create(**values, **overrides)
    for field in model._meta.many_to_many:
        getattr(copy, field.name).set(list(getattr(source, field.name).all()))
    return copy


def activity_record_copy(*, source: Activity, target: Activity) -> None:
    """Copy the tracking record (evidence, marks, comments) of ``source`` onto ``target``.

    Evidence files are shared, not duplicated: both rows name the same stored file, and
    ``evidence_delete`` keeps a file that another row still names.
    """
    for name in ACTIVITY_RECORD:
        relation = Activity._meta.get_field(name)
        for child in getattr(source, name).all():
            copy_row(child, **{relation.field.name: target})


def roadmap_copy_contents(*, source: Roadmap, target: Roadmap) -> None:
    """Copy every stage and activity of ``source`` (with its record) into ``target``."""
    stages = source.stages.prefetch_related(
        "activities__responsible_people",
        *(f"activities__{name}" for name in ACTIVITY_RECORD),
    )
    for stage in stages:
        new_stage = copy_row(stage, roadmap=target)
        for activity in stage.activities.all():
            new_activity = copy_row(activity, stage=new_stage, copied_from=activity)
            activity_record_copy(source=activity, target=new_activity)


# What an activity's tracking record consists of on the activity itself: the fields the accept,
# report, return and cancel services write. A draft revision cannot change them.
TRACKING_FIELDS = ("status", "cancel_reason", "return_comment", "accepted_at")


def _content(row: models.Model, parent: str) -> tuple:
    """The values of ``row`` apart from its key and its activity: equal for a row and its copy."""
    values = []
    for field in type(row)._meta.concrete_fields:
        if field.primary_key or field.name == parent:
            continue
        value = getattr(row, field.attname)
        values.append(value.name if isinstance(field, models.FileField) else value)
    return tuple(values)


def _own_since(row: models.Model, since) -> bool:
    """Whether ``row`` was made at or after ``since`` (not a copy of an older row)."""
    moment = getattr(row, "uploaded_at", None) or getattr(row, "created_at", None)
    return moment is not None and moment >= since


def _sync_year_marks(source: Activity, target: Activity) -> list[str]:
    """Year marks by year (one per activity and year): the source's state wins."""
    carried = []
    target_marks = {mark.year: mark for mark in target.year_marks.all()}
    for mark in source.year_marks.all():
        current = target_marks.get(mark.year)
        if current is not None and _content(current, "activity") == _content(mark, "activity"):
            continue
        if current is None:
            copy_row(mark, activity=target)
        else:
            for field in YearMark._meta.concrete_fields:
                if not field.primary_key and field.name != "activity":
                    setattr(current, field.attname, getattr(mark, field.attname))
            current.save()
        carried.append(
            f"отметка за {mark.year}/{mark.year + 1} учебный год — "
            f"«{mark.get_status_display().lower()}»"
        )
    return carried


def _sync_school_tasks(source: Activity, target: Activity) -> list[str]:
    """A municipal activity's schools: the source's state wins, school by school (a report
    made or accepted on the roadmap in force while the revision waited is not lost)."""
    carried = []
    target_tasks = {task.school_id: task for task in target.school_tasks.all()}
    for task in source.school_tasks.all():
        current = target_tasks.get(task.school_id)
        if current is not None and _content(current, "activity") == _content(task, "activity"):
            continue
        if current is None:
            copy_row(task, activity=target)
        else:
            for field in type(task)._meta.concrete_fields:
                if not field.primary_key and field.name != "activity":
                    setattr(current, field.attname, getattr(task, field.attname))
            current.save()
        carried.append(f"школа {task.school} — «{task.get_status_display().lower()}»")
    return carried


def _sync_rows(source: Activity, target: Activity, name: str, since) -> tuple[int, int]:
    """Evidence or comments: the source's rows the target lacks are copied; the target's copies
    whose source row is gone (evidence deleted on the roadmap in force) are removed. Rows made on
    the draft itself (at or after ``since``) stay. Returns (added, removed)."""
    parent = Activity._meta.get_field(name).field.name
    source_rows = list(getattr(source, name).all())
    target_rows = list(getattr(target, name).all())
    target_keys = {_content(row, parent) for row in target_rows}
    source_keys = {_content(row, parent) for row in source_rows}
    added = 0
    for row in source_rows:
        if _content(row, parent) not in target_keys:
            copy_row(row, **{parent: target})
            added += 1
    gone = [
        row.pk
        for row in target_rows
        if _content(row, parent) not in source_keys and not _own_since(row, since)
    ]
    if gone:
        rows = getattr(target, name).filter(pk__in=gone)
        files = (
            list(rows.exclude(**{"file": ""}).values_list("file", flat=True))
            if name == "evidence"
            else []
        )
        rows.delete()
        _delete_unnamed_files(files)
    return added, len(gone)


def _delete_unnamed_files(names: list[str]) -> None:
    """Remove, once the transaction commits, the stored files no evidence row names any more."""
    storage = Evidence._meta.get_field("file").storage
    for name in names:
        if not Evidence.objects.filter(file=name).exists():
            transaction.on_commit(lambda name=name: storage.delete(name))


def activity_carry_over(*, source: Activity, target: Activity, since) -> list[str]:
    """Bring ``target`` (the copy in the new revision) up to what happened on ``source`` (the
    roadmap in force) since the copy was made; what was carried, in words."""
    carried = []
    if any(getattr(source, f) != getattr(target, f) for f in TRACKING_FIELDS):
        if source.status != target.status:
            carried.append(
                f"статус «{target.get_status_display()}» → «{source.get_status_display()}»"
            )
        elif source.cancel_reason != target.cancel_reason:
            carried.append("причина отмены")
        elif source.return_comment != target.return_comment:
            carried.append("замечания куратора")
        for field in TRACKING_FIELDS:
            setattr(target, field, getattr(source, field))
        target.save()
    carried += _sync_year_marks(source, target)
    carried += _sync_school_tasks(source, target)
    added, removed = _sync_rows(source, target, "evidence", since)
    if added:
        carried.append(
            "добавлено " + plural_count(added, "подтверждение", "подтверждения", "подтверждений")
        )
    if removed:
        carried.append(
            "удалено " + plural_count(removed, "подтверждение", "подтверждения", "подтверждений")
        )
    added, _ = _sync_rows(source, target, "comments", since)
    if added:
        carried.append(plural_count(added, "комментарий", "комментария", "комментариев"))
    return carried


def _touched_since(activity: Activity, since) -> bool:
    """Whether anything was recorded on ``activity`` at or after ``since``."""
    moments = [activity.accepted_at]
    moments += [row.uploaded_at for row in activity.evidence.all()]
    moments += [row.created_at for row in activity.comments.all()]
    for mark in activity.year_marks.all():
        moments += [mark.reported_at, mark.accepted_at]
    return any(moment is not None and moment >= since for moment in moments)


def revision_carry_over(*, old: Roadmap, new: Roadmap) -> list[str]:
    """At the approval of ``new``: carry over into its activities what was done on ``old`` (the
    roadmap in force) since ``new`` was copied from it — statuses, acceptance, year marks,
    evidence, comments — matched through ``Activity.copied_from``. An activity the new revision
    deleted is left as it is: its record stays in ``old``, which goes to the archive.

    Returns the lines that say what was carried (stored on ``new`` and shown on its page).
    """
    since = new.created_at
    prefetch = ("evidence", "comments", "year_marks", "school_tasks__school")
    sources = {
        activity.pk: activity
        for activity in Activity.objects.filter(stage__roadmap=old).prefetch_related(*prefetch)
    }
    numbers = {
        row.activity.pk: row.number for stage in roadmap_table(new) for row in stage.activities
    }
    lines = []
    matched = set()
    targets = (
        Activity.objects.filter(stage__roadmap=new, copied_from__in=list(sources))
        .prefetch_related(*prefetch)
        .order_by("stage__order", "stage__pk", "order", "pk")
    )
    for target in targets:
        source = sources[target.copied_from_id]
        matched.add(source.pk)
        carried = activity_carry_over(source=source, target=target, since=since)
        if carried:
            lines.append(f"{numbers.get(target.pk, '')} «{target.title}»: " + "; ".join(carried))
    for source in sources.values():
        if source.pk not in matched and _touched_since(source, since):
            lines.append(
                f"«{source.title}» исключено из новой редакции: отметки о его выполнении "
                f"остаются в архивной редакции {old.revision}."
            )
    return lines
