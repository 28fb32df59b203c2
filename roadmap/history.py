"""The history of a roadmap as the user reads it: who, when, what changed (simple-history)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from mentoring_portal.russian import clip
from participants.models import Person
from roadmap.models import Activity, Roadmap, Stage

ACTIONS = {"+": "создано", "~": "изменено", "-": "удалено"}
SAME_EDIT = timedelta(seconds=2)
HIDDEN_FIELDS = {
    "id",
    "order",
    "deadline_note",
    "deadline_understood",
    "deadline_kind",
    "copied_from",
}


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    action: str
    fields: list[tuple[str, str, str]]


def _user_name(record) -> str:
    user = record.history_user
    if user is None:
        return "система"
    return user.get_full_name() or user.get_username()


def _people(ids, people) -> str:
    """The people of an m2m snapshot (their ids, in order) as names."""
    return ", ".join(people[pk].short_name if pk in people else f"№ {pk}" for pk in ids) or "—"


def _m2m_snapshots(records, model) -> dict[tuple[int, str], list[int]]:
    """The responsible people of every historical record, one query per m2m field in all
    (simple-history's ``diff_against`` would query twice per record): {(history_id, field): ids}.
    """
    snapshots: dict[tuple[int, str], list[int]] = {}
    if not records:
        return snapshots
    history_ids = [record.history_id for record in records]
    for field in model.history.model._history_m2m_fields:
        through = getattr(records[0], field.name).model  # the historical m2m table, no query
        target = field.m2m_reverse_field_name()
        rows = (
            through.objects.filter(history_id__in=history_ids)
            .order_by(target)
            .values_list("history_id", target)
        )
        for history_id in history_ids:
            snapshots[history_id, field.name] = []
        for history_id, related_id in rows:
            snapshots[history_id, field.name].append(related_id)
    return snapshots


def _display(model, name, value) -> str:
    field = model._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _edits(versions):
    """Group the records one save makes (a form save writes the fields, then the responsible
    people, removed and added: three records) into one edit: the last record of the group."""
    group = []
    for record in versions:
        if group and (
            record.history_type != "~"
            or record.history_user_id != group[-1].history_user_id
            or record.history_date - group[-1].history_date > SAME_EDIT
        ):
            yield group[-1]
            group = []
        group.append(record)
    if group:
        yield group[-1]


def _m2m_changes(model, previous, record, snapshots, people) -> list[tuple[str, str, str]]:
    fields = []
    for field in model.history.model._history_m2m_fields:
        old = snapshots.get((previous.history_id, field.name), [])
        new = snapshots.get((record.history_id, field.name), [])
        if old != new:
            fields.append((str(field.verbose_name), _people(old, people), _people(new, people)))
    return fields


def _changes(records, model, describe) -> list[Change]:
    """Records grouped by object, oldest first; each edit compared with the previous one via
    simple-history's ``diff_against`` (fields) and the m2m snapshots read in one query."""
    records = list(records)
    snapshots = _m2m_snapshots(records, model)
    people_ids = {pk for ids in snapshots.values() for pk in ids}
    people = Person.objects.in_bulk(people_ids) if people_ids else {}
    m2m_names = [field.name for field in model.history.model._history_m2m_fields]
    changes = []
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        # The creation stands alone; later records are grouped into edits.
        edits = (
            [versions[0], *_edits(versions[1:])]
            if versions[0].history_type == "+"
            else list(_edits(versions))
        )
        for previous, record in zip([None, *edits], edits, strict=False):
            fields = []
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous, excluded_fields=m2m_names)
                for change in delta.changes:
                    if change.field in HIDDEN_FIELDS:
                        continue
                    label = str(model._meta.get_field(change.field).verbose_name)
                    old = _display(model, change.field, change.old)
                    new = _display(model, change.field, change.new)
                    if old != new:
                        fields.append((label, old, new))
                fields.extend(_m2m_changes(model, previous, record, snapshots, people))
                if not fields:
                    continue
            changes.append(
                Change(
                    record.history_date,
                    _user_name(record),
                    describe(record),
                    ACTIONS[record.history_type],
                    fields,
                )
            )
    return changes


def activity_changes(activity: Activity) -> list[Change]:
    records = activity.history.select_related("history_user")
    changes = _changes(records, Activity, lambda r: "Мероприятие")
    return sorted(changes, key=lambda c: c.when, reverse=True)


def roadmap_changes(roadmap: Roadmap, limit: int = 300) -> list[Change]:
    roadmap_records = Roadmap.history.filter(id=roadmap.pk).select_related("history_user")
    stage_records = Stage.history.filter(roadmap_id=roadmap.pk).select_related("history_user")
    stage_ids = {record.id for record in stage_records}
    activity_records = Activity.history.filter(stage_id__in=stage_ids).select_related(
        "history_user"
    )
    changes = [
        *_changes(roadmap_records, Roadmap, lambda r: "Дорожная карта"),
        *_changes(stage_records, Stage, lambda r: f"Этап «{clip(r.title, 80)}»"),
        *_changes(activity_records, Activity, lambda r: f"Мероприятие «{clip(r.title, 80)}»"),
    ]
    return sorted(changes, key=lambda c: c.when, reverse=True)[:limit]
