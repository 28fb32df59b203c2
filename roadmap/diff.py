"""What a new revision of a roadmap changes against the revision it was copied from: the rows
added, removed and changed, each changed field as old → new — what the director reads before
approving, instead of the whole table.

Rows are matched by a stable identity where the model has one:
- an activity by ``Activity.copied_from`` (the copy names its source, see ``revisions.py``);
  an activity without a source in the old revision is added, an old one no copy names is removed;
- a stage has no such link, so stages are matched first by their activities' lineage (the stage
  holding most copies of an old stage's activities is that stage, renamed or not), then by the
  same title, then by the same number among the stages still unmatched (a stage renamed in
  place). Two stages that swapped both their titles and all their activities would be read as
  two renamed ones. An activity moved inside its stage is not a change (its number follows).

Only the plan is compared (titles, deadlines, responsible people, form of result, notes), never
the tracking record (statuses, marks, evidence): that one is carried over at the approval.
Three queries for any size: the stages of both revisions, their activities, the responsible
people.
"""

from collections import Counter
from dataclasses import dataclass, field

from roadmap.models import Activity, Roadmap, Stage

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# The fields of an activity the diff compares, in the order it lists them.
ACTIVITY_FIELDS = ("title", "deadline_text", "result_form", "responsible_roles", "notes")
ROADMAP_FIELDS = ("title", "period_start", "period_end")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RowChange:
    """A stage or an activity added, removed or changed; ``number`` is the row's number in the
    new revision (in the old one for a removed row)."""

    kind: str
    number: str
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    stage_title: str = ""

    @property
    def label(self) -> str:
        return {ADDED: "Добавлено", REMOVED: "Исключено", CHANGED: "Изменено"}[self.kind]


@dataclass
class RevisionDiff:
    base: Roadmap
    new: Roadmap
    roadmap: list[FieldChange]
    stages: list[RowChange]
    activities: list[RowChange]

    @property
    def empty(self) -> bool:
        return not (self.roadmap or self.stages or self.activities)

    def count(self, kind: str) -> int:
        return sum(1 for row in (*self.stages, *self.activities) if row.kind == kind)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    @property
    def removed(self) -> int:
        return self.count(REMOVED)

    @property
    def changed(self) -> int:
        return self.count(CHANGED) + (1 if self.roadmap else 0)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _text(value) -> str:
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _people(activity: Activity) -> str:
    names = sorted(person.short_name for person in activity.responsible_people.all())
    return ", ".join(names) or "—"


def _activity_fields(old: Activity, new: Activity, stages_by_pk: dict) -> list[FieldChange]:
    changes = []
    for name in ACTIVITY_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if (before or "").strip() != (after or "").strip():
            changes.append(FieldChange(_label(Activity, name), _text(before), _text(after)))
        # The same words placed on other dates (the period of the roadmap changed).
        if (
            name == "deadline_text"
            and before == after
            and (old.deadline_start, old.deadline_due) != (new.deadline_start, new.deadline_due)
        ):
            changes.append(
                FieldChange(
                    "Срок по дате",
                    _period(old.deadline_start, old.deadline_due),
                    _period(new.deadline_start, new.deadline_due),
                )
            )
    people_before, people_after = _people(old), _people(new)
    if people_before != people_after:
        changes.append(FieldChange("Ответственные (люди)", people_before, people_after))
    stage_before, stage_after = stages_by_pk[old.stage_id], stages_by_pk[new.stage_id]
    if stage_before.match_id != stage_after.pk:
        changes.append(FieldChange("Этап", stage_before.title, stage_after.title))
    return changes


def _period(start, due) -> str:
    if start and due and start != due:
        return f"{start:%d.%m.%Y} – {due:%d.%m.%Y}"
    return _text(due or start)


def _match_stages(old_stages: list[Stage], new_stages: list[Stage], lineage: Counter) -> None:
    """Set ``match_id`` on every stage (the other revision's stage it is, or None)."""
    for stage in (*old_stages, *new_stages):
        stage.match_id = None
    old_by_pk = {stage.pk: stage for stage in old_stages}
    new_by_pk = {stage.pk: stage for stage in new_stages}

    def pair(old: Stage, new: Stage) -> None:
        old.match_id, new.match_id = new.pk, old.pk

    # 1. By lineage: most copied activities first.
    for (old_pk, new_pk), _count in lineage.most_common():
        old, new = old_by_pk[old_pk], new_by_pk[new_pk]
        if old.match_id is None and new.match_id is None:
            pair(old, new)
    # 2. By the same title.
    for new in new_stages:
        if new.match_id is None:
            old = next((s for s in old_stages if s.match_id is None and s.title == new.title), None)
            if old is not None:
                pair(old, new)
    # 3. By position among the stages left.
    left_old = [s for s in old_stages if s.match_id is None]
    left_new = [s for s in new_stages if s.match_id is None]
    for old, new in zip(left_old, left_new, strict=False):
        if old.number == new.number:
            pair(old, new)


def _load(roadmaps: list[Roadmap]):
    """Stages and activities of ``roadmaps`` numbered as the table numbers them (3 queries)."""
    ids = [roadmap.pk for roadmap in roadmaps]
    stages = {roadmap.pk: [] for roadmap in roadmaps}
    for stage in Stage.objects.filter(roadmap_id__in=ids).order_by("order", "pk"):
        stage.number = len(stages[stage.roadmap_id]) + 1
        stage.rows = []
        stages[stage.roadmap_id].append(stage)
    stages_by_pk = {stage.pk: stage for rows in stages.values() for stage in rows}
    activities = (
        Activity.objects.filter(stage__roadmap_id__in=ids)
        .prefetch_related("responsible_people")
        .order_by("order", "pk")
    )
    for activity in activities:
        stage = stages_by_pk[activity.stage_id]
        stage.rows.append(activity)
        activity.number = f"{stage.number}.{len(stage.rows)}"
    return stages, stages_by_pk


def revision_base(roadmap: Roadmap) -> Roadmap | None:
    """The revision ``roadmap`` was copied from (the approved one it replaces), if any."""
    return roadmap.previous_revision if roadmap.previous_revision_id else None


def revision_diff(new: Roadmap, base: Roadmap | None = None) -> RevisionDiff | None:
    """The changes of ``new`` against ``base`` (by default the revision it was copied from);
    None for a first revision."""
    base = base or revision_base(new)
    if base is None:
        return None
    stages, stages_by_pk = _load([base, new])
    old_stages, new_stages = stages[base.pk], stages[new.pk]
    old_activities = {a.pk: a for stage in old_stages for a in stage.rows}
    new_activities = [a for stage in new_stages for a in stage.rows]
    lineage = Counter(
        (old_activities[a.copied_from_id].stage_id, a.stage_id)
        for a in new_activities
        if a.copied_from_id in old_activities
    )
    _match_stages(old_stages, new_stages, lineage)

    roadmap_changes = [
        FieldChange(_label(Roadmap, name), _text(getattr(base, name)), _text(getattr(new, name)))
        for name in ROADMAP_FIELDS
        if getattr(base, name) != getattr(new, name)
    ]

    stage_changes = []
    for stage in new_stages:
        if stage.match_id is None:
            stage_changes.append(RowChange(ADDED, str(stage.number), stage.title))
        elif stages_by_pk[stage.match_id].title != stage.title:
            old = stages_by_pk[stage.match_id]
            stage_changes.append(
                RowChange(
                    CHANGED,
                    str(stage.number),
                    stage.title,
                    [FieldChange(_label(Stage, "title"), old.title, stage.title)],
                )
            )
    for stage in old_stages:
        if stage.match_id is None:
            stage_changes.append(RowChange(REMOVED, str(stage.number), stage.title))

    activity_changes = []
    copied = set()
    for activity in new_activities:
        stage_title = stages_by_pk[activity.stage_id].title
        source = old_activities.get(activity.copied_from_id)
        if source is None:
            fields = [
                FieldChange(_label(Activity, name), "", _text(getattr(activity, name)))
                for name in ACTIVITY_FIELDS[1:]
                if getattr(activity, name)
            ]
            if activity.responsible_people.all():
                fields.append(FieldChange("Ответственные (люди)", "", _people(activity)))
            activity_changes.append(
                RowChange(ADDED, activity.number, activity.title, fields, stage_title)
            )
            continue
        copied.add(source.pk)
        fields = _activity_fields(source, activity, stages_by_pk)
        if fields:
            activity_changes.append(
                RowChange(CHANGED, activity.number, activity.title, fields, stage_title)
            )
    for source in old_activities.values():
        if source.pk not in copied:
            activity_changes.append(
                RowChange(
                    REMOVED,
                    source.number,
                    source.title,
                    stage_title=stages_by_pk[source.stage_id].title,
                )
            )
    return RevisionDiff(base, new, roadmap_changes, stage_changes, activity_changes)
