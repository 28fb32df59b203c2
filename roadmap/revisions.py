"""Revisions of an approved roadmap: the copy into a new draft.

A revision is a full copy: every stage, every activity with every field, its responsible people
and its tracking record (evidence, year marks, comments). The copy is generic — it walks the
models' fields — so a field added later is carried without anyone remembering to add it here.
"""

from django.db import models

from roadmap.models import Activity, Roadmap

# The reverse relations of an activity that make up its tracking record and travel with it into
# a new revision. ``roadmap/tests/test_revision_copy.py`` fails when an activity gains a reverse
# relation that is neither here nor declared as not copied there.
ACTIVITY_RECORD = ("evidence", "year_marks", "comments")


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
            new_activity = copy_row(activity, stage=new_stage)
            activity_record_copy(source=activity, target=new_activity)
