"""Fixing what the reader got wrong about the table's structure, in the preview, without
retyping: a row that is a stage («Сделать этапом») and back, a wrapped line read as a row of
its own (merge into the previous one), a cell holding several activities (split it).

Each function changes an :class:`ImportedRoadmap` in place, addressed by the activity's
position in the whole preview (0-based, as the preview's rows are numbered), and returns a
sentence for the curator; a refusal is a :class:`RoadmapImportError`.
"""

from copy import deepcopy

from roadmap.importing import cells as cellkit
from roadmap.importing.errors import RoadmapImportError
from roadmap.importing.result import ImportedActivity, ImportedRoadmap, ImportedStage


def _locate(imported: ImportedRoadmap, index: int) -> tuple[ImportedStage, int]:
    position = 0
    for stage in imported.stages:
        if index < position + len(stage.activities):
            return stage, index - position
        position += len(stage.activities)
    raise RoadmapImportError("Такой строки в предпросмотре нет.", code="no_row")


def activity_to_stage(imported: ImportedRoadmap, index: int) -> str:
    """The row becomes a stage; the rows after it in its stage move into the new stage."""
    stage, at = _locate(imported, index)
    activity = stage.activities[at]
    new_stage = ImportedStage(
        title=activity.title, number="", activities=stage.activities[at + 1 :]
    )
    stage.activities = stage.activities[:at]
    imported.stages.insert(imported.stages.index(stage) + 1, new_stage)
    if not stage.activities:
        imported.stages.remove(stage)
    return f"Строка «{_short(activity.title)}» стала этапом."


def stage_to_activity(imported: ImportedRoadmap, stage_index: int) -> str:
    """The stage becomes a row at the end of the previous stage, its rows follow it there."""
    if not 0 < stage_index < len(imported.stages):
        raise RoadmapImportError(
            "Первый этап нельзя сделать мероприятием: перед ним нет этапа.", code="first_stage"
        )
    stage = imported.stages.pop(stage_index)
    previous = imported.stages[stage_index - 1]
    previous.activities.append(
        ImportedActivity(number=stage.number, title=stage.title, warnings=["Бывший этап."])
    )
    previous.activities.extend(stage.activities)
    return f"Этап «{_short(stage.title)}» стал мероприятием этапа «{_short(previous.title)}»."


def merge_into_previous(imported: ImportedRoadmap, index: int) -> str:
    """A line read as its own row is the end of the row above: texts are joined."""
    stage, at = _locate(imported, index)
    if at == 0:
        raise RoadmapImportError(
            "Это первая строка этапа: присоединить её не к чему.", code="first_row"
        )
    row = stage.activities.pop(at)
    previous = stage.activities[at - 1]
    previous.title = _join(previous.title, row.title, " ")
    previous.result_form = _join(previous.result_form, row.result_form, " ")
    previous.deadline_text = _join(previous.deadline_text, row.deadline_text, ", ")
    previous.responsible_text = _join(previous.responsible_text, row.responsible_text, "; ")
    for role in row.responsible_roles:
        if role not in previous.responsible_roles:
            previous.responsible_roles.append(role)
    for name in row.responsible_people_names:
        if name not in previous.responsible_people_names:
            previous.responsible_people_names.append(name)
    previous.warnings = []
    return f"Строка присоединена к «{_short(previous.title)}»."


def split_activity(imported: ImportedRoadmap, index: int) -> str:
    """A cell holding several activities («1. … 2. …», dashes, «; ») becomes several rows, each
    with the row's deadline and responsible."""
    stage, at = _locate(imported, index)
    activity = stage.activities[at]
    items = cellkit.split_items(activity.title)
    if len(items) < 2:
        items = [
            cellkit.Item("", part.strip())
            for part in activity.title.replace("\n", ";").split(";")
            if part.strip()
        ]
    if len(items) < 2:
        raise RoadmapImportError(
            "В строке одно мероприятие: делить нечего (разделителями служат номера «1.», "
            "«2.», тире в начале пунктов и «;»).",
            code="nothing_to_split",
        )
    rows = []
    for number, item in enumerate(items, start=1):
        row = deepcopy(activity)
        row.title = item.full_text.strip()
        row.number = item.number or f"{activity.number}.{number}".lstrip(".")
        row.warnings = []
        rows.append(row)
    stage.activities[at : at + 1] = rows
    return f"Строка разделена на {len(rows)} мероприятия(-й)."


def _join(first: str, second: str, separator: str) -> str:
    return separator.join(part for part in (first.strip(), second.strip()) if part)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
