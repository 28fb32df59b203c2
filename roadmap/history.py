"""The history of a roadmap as the user reads it: who, when, what changed (simple-history)."""

from dataclasses import dataclass
from datetime import datetime

from roadmap.models import Activity, Roadmap, Stage

ACTIONS = {"+": "создано", "~": "изменено", "-": "удалено"}
HIDDEN_FIELDS = {"id", "order", "deadline_note", "deadline_understood", "deadline_kind"}


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


def _display(model, name, value) -> str:
    if value in (None, ""):
        return "—"
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _changes(records, model, describe) -> list[Change]:
    """Records newest first; each compared with the one before it via ``diff_against``."""
    changes = []
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        for previous, record in zip([None, *versions], versions, strict=False):
            fields = []
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                for change in delta.changes:
                    if change.field in HIDDEN_FIELDS:
                        continue
                    label = str(model._meta.get_field(change.field).verbose_name)
                    fields.append(
                        (
                            label,
                            _display(model, change.field, change.old),
                            _display(model, change.field, change.new),
                        )
                    )
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
        *_changes(stage_records, Stage, lambda r: f"Этап «{r.title[:60]}»"),
        *_changes(activity_records, Activity, lambda r: f"Мероприятие «{r.title[:60]}»"),
    ]
    return sorted(changes, key=lambda c: c.when, reverse=True)[:limit]
