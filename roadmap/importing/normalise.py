"""RawDocument → ImportedRoadmap: find the roadmap's table by its header, then its stages and
activities, whatever the layout (see the seeds in shared/seeds):

* columns are found by their header wording, in any order;
* a stage is a row with one cell spanning the table (000), a stage column whose continuation
  rows are blank (003) or a numbered row whose activities are all in one cell (001, 002);
* a row broken across a page continues on the next line with a blank number and a text starting
  with a small letter (000, 003): it is glued back to its row;
* a row with a blank number and stage that starts a new item is a new row of the same stage;
  when its deadline and responsible cells are blank too, it shares those of the row above
  (Word's vertically merged cells lose their text in a text export).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from mentoring_portal.russian import plural_count
from roadmap.deadlines import parse_deadline
from roadmap.importing import cells as cellkit
from roadmap.importing.errors import RoadmapImportError
from roadmap.importing.preamble import (
    clean_line,
    find_approval,
    find_organisation,
    find_period,
    find_title,
)
from roadmap.importing.readers import RawDocument, RawRow, RawTable
from roadmap.importing.responsible import split_responsible
from roadmap.importing.result import ImportedActivity, ImportedRoadmap, ImportedStage

NUMBER, STAGE, ACTIVITY, RESULT, DEADLINE, RESPONSIBLE = (
    "number",
    "stage",
    "activity",
    "result",
    "deadline",
    "responsible",
)
COLUMN_LABELS = {
    NUMBER: "№",
    STAGE: "Этап",
    ACTIVITY: "Мероприятия",
    RESULT: "Форма представления результата",
    DEADLINE: "Сроки",
    RESPONSIBLE: "Ответственные",
}
DEFAULT_STAGE = "Мероприятия дорожной карты"
GUESSED = "Столбцы восстановлены из текста без таблицы (скопирован из PDF?) — проверьте строку."


def header_role(text: str) -> str | None:
    """Which column a header cell names, by its wording."""
    text = re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip(" .:*")
    if not text or len(text) > 120:
        return None
    if re.fullmatch(r"(№|n|#|no|номер)\s*(п\s*/\s*п|пп)?\.?|п\s*/\s*п", text):
        return NUMBER
    if "этап" in text and "мероприят" not in text and "деятельност" not in text:
        return STAGE
    if "мероприят" in text or "деятельност" in text or "наименование работ" in text:
        return ACTIVITY
    if "результат" in text or "форма представлен" in text:
        return RESULT
    if text.startswith("срок") or " срок" in text or text.startswith("дата") or text == "период":
        return DEADLINE
    if "ответств" in text or "исполнител" in text:
        return RESPONSIBLE
    return None


def header_columns(row: RawRow) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        role = header_role(cellkit.cell_text(cell))
        if role and role not in columns:
            columns[role] = index
    return columns


@dataclass
class _Row:
    cells: dict[str, str]
    line: int
    continuation: bool = False
    whole: bool = False
    guessed: bool = False


@dataclass
class _Stage:
    title: str
    number: str = ""
    rows: list[_Row] = field(default_factory=list)


def _find_table(document: RawDocument) -> tuple[int, int, dict[str, int]]:
    for block_index, block in enumerate(document.blocks):
        if not isinstance(block, RawTable):
            continue
        for row_index, row in enumerate(block.rows[:40]):
            columns = header_columns(row)
            if ACTIVITY in columns and len(columns) >= 2:
                return block_index, row_index, columns
    raise RoadmapImportError(
        "В файле не найдена таблица дорожной карты: нужна таблица со столбцом «Мероприятия» "
        "(или «Содержание деятельности») и хотя бы одним из столбцов «№», «Этап», «Сроки», "
        "«Ответственные».",
        code="not_roadmap",
    )


def _row_line(row: RawRow) -> str:
    return " ".join(cellkit.cell_text(cell) for cell in row.cells if cell.strip())


def normalise(document: RawDocument, *, today: date | None = None) -> ImportedRoadmap:
    block_index, header_index, columns = _find_table(document)
    table: RawTable = document.blocks[block_index]
    preamble_lines: list[str] = []
    for block in document.blocks[:block_index]:
        if isinstance(block, RawTable):
            preamble_lines.extend(_row_line(row) for row in block.rows)
        else:
            preamble_lines.append(block)
    preamble_lines.extend(_row_line(row) for row in table.rows[:header_index])

    warnings: list[str] = list(document.notes)
    title = find_title(preamble_lines)
    preamble_text = "\n".join(clean_line(line) for line in preamble_lines).strip()
    approval = find_approval(preamble_lines)
    period = find_period(title) or find_period(preamble_text)
    if not title:
        title = "Дорожная карта"
        warnings.append("Название дорожной карты не найдено перед таблицей — укажите его.")
    if period is None:
        period = _fallback_period(approval.date, today)
        warnings.append(
            "Период дорожной карты не указан в названии: взят учебный год "
            f"{period[0].year}/{period[1].year} — проверьте."
        )
    for role in (DEADLINE, RESPONSIBLE):
        if role not in columns:
            warnings.append(f"В таблице нет столбца «{COLUMN_LABELS[role]}».")

    stages = _stages(table.rows[header_index + 1 :], columns, table.rows[header_index])
    if not any(stage.rows for stage in stages):
        raise RoadmapImportError(
            "В таблице дорожной карты не найдено ни одного мероприятия.", code="no_activities"
        )
    if len(stages) == 1 and stages[0].title == DEFAULT_STAGE:
        warnings.append(
            f"Этапы в таблице не выделены: все мероприятия помещены в один этап «{DEFAULT_STAGE}»."
        )
    result = ImportedRoadmap(
        title=title,
        period_start=period[0],
        period_end=period[1],
        approval=approval,
        organisation_text=find_organisation(title),
        preamble=preamble_text,
        warnings=warnings,
        source_format=document.source_format,
    )
    for stage in stages:
        imported = ImportedStage(title=stage.title, number=stage.number)
        _activities(stage, imported, columns, result)
        if not imported.activities:
            warnings.append(f"Этап «{stage.title}» без мероприятий.")
        result.stages.append(imported)
    return result


def _fallback_period(approved: date | None, today: date | None) -> tuple[date, date]:
    day = approved or today or date.today()
    start_year = day.year if day.month >= 7 else day.year - 1
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def _is_separator(row: RawRow) -> bool:
    return all(re.fullmatch(r"[-–—_=\s]*", cellkit.cell_text(cell)) for cell in row.cells)


def _is_column_numbers(row: RawRow) -> bool:
    values = [cellkit.cell_text(cell) for cell in row.cells if cell.strip()]
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def _stages(rows: list[RawRow], columns: dict[str, int], header: RawRow) -> list[_Stage]:
    stages: list[_Stage] = []
    header_key = [cellkit.cell_text(cell) for cell in header.cells]

    def cell(row: RawRow, role: str) -> str:
        index = columns.get(role)
        return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

    body = [
        row
        for row in rows
        if not (_is_separator(row) or _is_column_numbers(row))
        and [cellkit.cell_text(c) for c in row.cells] != header_key  # repeated on every page
    ]
    for line, row in enumerate(body, start=1):
        filled = [index for index, value in enumerate(row.cells) if value.strip()]
        stage_row = _numbered_stage_row(row, body[line] if line < len(body) else None, columns)
        if stage_row:
            number, title = stage_row
            stages.append(_Stage(title, number))
            continue
        if (
            len(filled) == 1
            and (row.spanning or filled[0] != columns[ACTIVITY])
            and (filled[0] != columns.get(NUMBER) or row.spanning or STAGE not in columns)
        ):
            title = cellkit.cell_text(row.cells[filled[0]])
            number, title = _split_stage_number(title)
            if not (stages and stages[-1].title == title):
                stages.append(_Stage(title, number))
            continue
        values = {role: cell(row, role) for role in columns}
        stage_title = cellkit.cell_text(values.get(STAGE, ""))
        number = cellkit.cell_text(values.get(NUMBER, ""))
        if STAGE in columns and stage_title and not (stages and stages[-1].title == stage_title):
            stage_number = number.rstrip(".") if number else ""
            stages.append(_Stage(stage_title, stage_number))
            stages[-1].rows.append(_Row(values, line, guessed=row.guessed))
            continue
        if not stages:
            stages.append(_Stage(DEFAULT_STAGE))
        stage = stages[-1]
        same_number = not number or (STAGE in columns and number.rstrip(".") == stage.number)
        if stage.rows and same_number and not (STAGE not in columns and number):
            activity_text = cellkit.cell_text(values.get(ACTIVITY, ""))
            if not activity_text or activity_text[:1].islower():
                _glue(stage.rows[-1], values)
                continue
            stage.rows.append(_Row(values, line, continuation=True, guessed=row.guessed))
            continue
        stage.rows.append(_Row(values, line, whole=row.whole, guessed=row.guessed))
    # One-cell rows after the last activity are a signature or a note under the table
    # («Заместитель директора по УВР Арданова М.В.»), not stages.
    while stages and not stages[-1].rows and any(stage.rows for stage in stages):
        stages.pop()
    return stages


_TOP_NUMBER = re.compile(r"(?:этап\s+)?([IVX]{1,4}|\d{1,2})[.)]?", re.IGNORECASE)


def _numbered_stage_row(
    row: RawRow, following: RawRow | None, columns: dict[str, int]
) -> tuple[str, str] | None:
    """A stage written as a row «1. | Организационный этап | | |» — a top-level number, the
    name in the activities' column, every other cell empty (not merged) — followed by its
    activities «1.1», «1.2» (or printed in bold): (number, title), else ``None``."""
    if STAGE in columns or NUMBER not in columns:
        return None
    number_at, activity_at = columns[NUMBER], columns[ACTIVITY]
    filled = {index for index, value in enumerate(row.cells) if value.strip()}
    if not filled <= {number_at, activity_at} or activity_at not in filled:
        return None
    number = cellkit.cell_text(row.cells[number_at]) if number_at in filled else ""
    title = cellkit.cell_text(row.cells[activity_at])
    if len(cellkit.split_items(row.cells[activity_at])) > 1:
        return None
    if not number:
        return _split_stage_number(title) if row.bold else None
    top = _TOP_NUMBER.fullmatch(number)
    if not top:
        return None
    following_number = ""
    if following is not None and number_at < len(following.cells):
        following_number = cellkit.cell_text(following.cells[number_at])
    if row.bold or following_number.startswith(f"{top[1]}."):
        if following_number.rstrip(".") == top[1]:
            return None
        return top[1], title
    return None


def _split_stage_number(title: str) -> tuple[str, str]:
    match = re.match(r"^(?:этап\s+)?([IVX]+|\d{1,2})[.)]?\s+(?=\S)", title, re.IGNORECASE)
    if match and len(title) > match.end():
        return match[1], title[match.end() :].strip()
    return "", title


def _glue(previous: _Row, values: dict[str, str]) -> None:
    """A row broken across a page: each non-empty cell continues the cell above."""
    for role, value in values.items():
        if role in (NUMBER, STAGE) or not value.strip():
            continue
        before = previous.cells.get(role, "")
        if before.strip() == value.strip():
            continue  # a vertically merged cell repeated by the reader, not a continuation
        previous.cells[role] = f"{before} {value}".strip() if before else value


def _activities(
    stage: _Stage, imported: ImportedStage, columns: dict[str, int], roadmap: ImportedRoadmap
) -> None:
    previous_row_activities: list[ImportedActivity] = []
    for row in stage.rows:
        activity_cell = row.cells.get(ACTIVITY, "")
        if row.whole and activity_cell.strip():
            items = [cellkit.Item("", cellkit.cell_text(activity_cell))]
        else:
            items = cellkit.split_items(activity_cell)
        if not items:
            continue
        row_number = ""
        if NUMBER in columns and STAGE not in columns:
            row_number = cellkit.cell_text(row.cells.get(NUMBER, "")).rstrip(".)")
        deadlines = cellkit.pair(
            cellkit.cell_paragraphs(row.cells.get(DEADLINE, "")), items, spread_on_mismatch=False
        )
        responsible = cellkit.pair(
            cellkit.cell_paragraphs(row.cells.get(RESPONSIBLE, "")), items, spread_on_mismatch=True
        )
        results = cellkit.pair(
            cellkit.cell_paragraphs(row.cells.get(RESULT, "")), items, spread_on_mismatch=True
        )
        inherit = (
            row.continuation
            and previous_row_activities
            and deadlines.how == "empty"
            and responsible.how == "empty"
        )
        row_activities = []
        for index, item in enumerate(items):
            warnings: list[str] = []
            if row.guessed:
                warnings.append(GUESSED)
            number = item.number
            if not number:
                if row_number and len(items) == 1:
                    number = row_number
                elif row_number:
                    number = f"{row_number}.{index + 1}"
                else:
                    number = str(sum(1 for a in imported.activities if "." not in a.number) + 1)
            deadline_text = _join_unique(deadlines.values[index], ", ")
            responsible_text = _join_unique(responsible.values[index], "\n")
            result_form = _join_unique(results.values[index], " ")
            if inherit:
                source = previous_row_activities[-1]
                deadline_text, responsible_text = source.deadline_text, source.responsible_text
                warnings.append(
                    "Срок и ответственные не указаны в этой строке таблицы — взяты из строки "
                    "выше (объединённые ячейки?)."
                )
            for label, pairing in (("Сроки", deadlines), ("Ответственные", responsible)):
                if pairing.how in ("leaves", "groups") and len(items) > 1:
                    warnings.append(
                        f"{label} сопоставлены с мероприятием по порядку абзацев в ячейке — "
                        "проверьте."
                    )
                elif pairing.how == "mismatch":
                    column = DEADLINE if label == "Сроки" else RESPONSIBLE
                    count = len(cellkit.cell_paragraphs(row.cells.get(column, "")))
                    how = (
                        "распределены по порядку"
                        if label == "Сроки"
                        else "указаны все для каждого мероприятия"
                    )
                    paragraphs = plural_count(count, "абзац", "абзаца", "абзацев")
                    activities = plural_count(
                        len(items), "мероприятие", "мероприятия", "мероприятий"
                    )
                    warnings.append(
                        f"{label}: в ячейке {paragraphs} на {activities} — {how}, проверьте."
                    )
            if results.how == "mismatch":
                warnings.append("Форма результата дана одной ячейкой на несколько мероприятий.")
            deadline = parse_deadline(
                deadline_text, period_start=roadmap.period_start, period_end=roadmap.period_end
            )
            if DEADLINE in columns:
                if not deadline_text:
                    warnings.append("Срок не указан.")
                elif not deadline.understood:
                    warnings.append(f"Срок «{deadline_text}» не распознан: {deadline.note}")
            roles, people = split_responsible(responsible_text)
            if RESPONSIBLE in columns and not responsible_text:
                warnings.append("Ответственные не указаны.")
            activity = ImportedActivity(
                number=number,
                title=_tidy(item.full_text),
                result_form=result_form,
                deadline_text=deadline_text,
                deadline=deadline,
                responsible_text=re.sub(r"\s*\n\s*", "; ", responsible_text),
                responsible_roles=roles,
                responsible_people_names=people,
                warnings=warnings,
            )
            imported.activities.append(activity)
            row_activities.append(activity)
        previous_row_activities = row_activities


def _join_unique(values: list[str], separator: str) -> str:
    unique: list[str] = []
    for value in values:
        if value not in unique:
            unique.append(value)
    return separator.join(unique)


def _tidy(text: str) -> str:
    text = text.strip().rstrip(";,").strip()
    return text[:1].upper() + text[1:]
