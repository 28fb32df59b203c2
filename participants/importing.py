"""Import of the staff list from Excel: read → map columns → check every row → create all or none.

The file is read with openpyxl (read-only). Columns are matched by their header («Фамилия»,
«Имя», «Отчество» or one «ФИО» to split, «Дата рождения», «Должность», «Предметы», «Стаж»,
«Телефон», «Email»); the curator may change the mapping. A row is refused when the surname or the
name is missing, the date or the number is wrong, or the same person (ФИО + дата рождения) is twice
in the file or already among the school's people. Nothing is saved while any row is wrong.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history

from mentoring_portal.ooxml import check_office_archive
from participants.forms import normalise_name
from participants.models import Person

MAX_IMPORT_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
# An upload waiting for its preview to be confirmed: in the storage (not a web server's disk), so
# that the preview and the confirmation may reach different app servers of a region.
IMPORT_PREFIX = "imports/"

FIELDS = {
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "full_name": "ФИО (одной ячейкой)",
    "birth_date": "Дата рождения",
    "position": "Должность",
    "subjects": "Предметы",
    "experience_years": "Стаж",
    "phone": "Телефон",
    "email": "Email",
}
HEADER_SYNONYMS = {
    "фамилия": "last_name",
    "имя": "first_name",
    "отчество": "middle_name",
    "фио": "full_name",
    "ф.и.о.": "full_name",
    "фамилия, имя, отчество": "full_name",
    "дата рождения": "birth_date",
    "должность": "position",
    "предметы": "subjects",
    "предмет": "subjects",
    "преподаваемые предметы": "subjects",
    "стаж": "experience_years",
    "педагогический стаж": "experience_years",
    "телефон": "phone",
    "email": "email",
    "e-mail": "email",
    "электронная почта": "email",
}


@dataclass
class ImportRow:
    number: int  # the row's number in the sheet, as Excel shows it
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        parts = (self.values.get(k) for k in ("last_name", "first_name", "middle_name"))
        return " ".join(p for p in parts if p)


@dataclass
class ImportPreview:
    headers: list[str]
    mapping: dict[str, int | None]
    rows: list[ImportRow]
    errors: list[str]  # file-level: a missing column

    @property
    def row_errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.row_errors and bool(self.rows)


def save_upload(upload) -> str:
    """Check that ``upload`` is an .xlsx workbook and keep it under a random token."""
    if upload.size > MAX_IMPORT_SIZE:
        raise ValidationError("Файл больше 5 МБ.", code="too_big")
    if not zipfile.is_zipfile(upload):
        raise ValidationError(
            "Это не файл Excel (.xlsx). Сохраните таблицу в формате «Книга Excel (.xlsx)».",
            code="not_xlsx",
        )
    # Before anything is written or parsed: a staff list never unpacks to more than a few MB.
    check_office_archive(upload, max_total_bytes=MAX_UNPACKED_BYTES)
    upload.seek(0)
    token = uuid.uuid4().hex
    default_storage.save(_name(token), File(upload))
    try:
        read_sheet(token)
    except ValidationError:
        discard(token)
        raise
    return token


def _name(token: str) -> str:
    if not token.isalnum():
        raise ValidationError("Файл импорта не найден.", code="bad_token")
    return f"{IMPORT_PREFIX}{token}.xlsx"


def discard_stale(max_age_hours: int = 24) -> int:
    """Remove uploads nobody confirmed (run by the daily ``anonymise_withdrawn``)."""
    try:
        _, names = default_storage.listdir(IMPORT_PREFIX)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - timedelta(hours=max_age_hours)
    removed = 0
    for name in names:
        if (
            name.endswith(".xlsx")
            and default_storage.get_modified_time(IMPORT_PREFIX + name) < cutoff
        ):
            default_storage.delete(IMPORT_PREFIX + name)
            removed += 1
    return removed


def discard(token: str) -> None:
    default_storage.delete(_name(token))


def read_sheet(token: str) -> tuple[list[str], list[tuple[int, tuple]]]:
    """The first sheet's header and data rows (empty rows skipped)."""
    name = _name(token)
    if not default_storage.exists(name):
        raise ValidationError("Файл импорта не найден: загрузите его снова.", code="gone")
    with default_storage.open(name, "rb") as stored:
        content = io.BytesIO(stored.read())  # at most MAX_IMPORT_SIZE; openpyxl seeks
    try:
        workbook = load_workbook(content, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            "Не удалось прочитать файл как таблицу Excel (.xlsx).", code="not_xlsx"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(header):
            raise ValidationError(
                "В первой строке листа нет заголовков столбцов.", code="no_header"
            )
        data = []
        for number, row in enumerate(rows, start=2):
            if any(value not in (None, "") for value in row):
                data.append((number, row))
            if len(data) > MAX_ROWS:
                raise ValidationError(
                    "Слишком много строк: не больше %(max)s за один импорт.",
                    code="too_many_rows",
                    params={"max": MAX_ROWS},
                )
    finally:
        workbook.close()
    return [str(value or "").strip() for value in header], data


def auto_mapping(headers: list[str]) -> dict[str, int | None]:
    mapping = dict.fromkeys(FIELDS)
    for index, header in enumerate(headers):
        key = HEADER_SYNONYMS.get(" ".join(header.lower().replace("ё", "е").split()))
        if key and mapping[key] is None:
            mapping[key] = index
    return mapping


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return parsed
    raise ValueError(text)


def build_preview(token: str, mapping: dict[str, int | None], organisation) -> ImportPreview:
    headers, data = read_sheet(token)
    errors = []
    has_full = mapping.get("full_name") is not None
    for key, label in (("last_name", "Фамилия"), ("first_name", "Имя")):
        if mapping.get(key) is None and not has_full:
            errors.append(f"Не выбран столбец «{label}» (или «ФИО»).")
    existing = {
        (normalise_name(p.full_name), p.birth_date)
        for p in Person.objects.filter(organisation=organisation).only(
            "last_name", "first_name", "middle_name", "birth_date"
        )
    }
    seen: dict[tuple, int] = {}
    rows = []
    for number, raw in data:
        row = ImportRow(number)

        def cell(key, raw=raw):
            index = mapping.get(key)
            return raw[index] if index is not None and index < len(raw) else None

        if has_full:
            parts = _text(cell("full_name")).split(" ", 2)
            parts += [""] * (3 - len(parts))
            row.values.update(last_name=parts[0], first_name=parts[1], middle_name=parts[2])
        for key in ("last_name", "first_name", "middle_name", "position", "subjects", "phone"):
            if mapping.get(key) is not None:
                row.values[key] = _text(cell(key))
        for key, label in (("last_name", "фамилия"), ("first_name", "имя")):
            if not row.values.get(key):
                row.errors.append(f"Не указана {label}.")
        birth = cell("birth_date")
        row.values["birth_date"] = None
        if birth not in (None, ""):
            try:
                row.values["birth_date"] = _date(birth)
            except ValueError:
                row.errors.append(
                    f"Неверная дата рождения «{_text(birth)}»: нужна дата ДД.ММ.ГГГГ."
                )
            else:
                if not date(1930, 1, 1) <= row.values["birth_date"] <= timezone.localdate():
                    row.errors.append("Дата рождения вне разумных пределов.")
        experience = cell("experience_years")
        row.values["experience_years"] = None
        if experience not in (None, ""):
            try:
                years = int(float(str(experience).replace(",", ".")))
                if not 0 <= years <= 70:
                    raise ValueError
                row.values["experience_years"] = years
            except ValueError:
                row.errors.append(f"Стаж «{_text(experience)}» — не число лет.")
        email = _text(cell("email"))
        row.values["email"] = email
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.errors.append(f"Неверный адрес электронной почты «{email}».")
        key = (normalise_name(row.full_name), row.values.get("birth_date"))
        if row.values.get("last_name"):
            if key in seen:
                row.errors.append(f"Этот человек уже есть в файле (строка {seen[key]}).")
            else:
                seen[key] = number
            if key in existing:
                row.errors.append("Этот человек уже есть среди участников школы.")
        rows.append(row)
    if not data:
        errors.append("В файле нет строк с данными.")
    return ImportPreview(headers, mapping, rows, errors)


def import_people(*, token: str, mapping: dict, organisation) -> list[Person]:
    """Create every row's Person in one transaction, or nothing when any row is wrong."""
    preview = build_preview(token, mapping, organisation)
    if not preview.ok:
        raise ValidationError("В файле есть ошибки: ничего не импортировано.", code="has_errors")
    people = []
    for row in preview.rows:
        category = Person.Category.TEACHER
        people.append(Person(organisation=organisation, category=category, **row.values))
    with transaction.atomic():
        created = bulk_create_with_history(people, Person, batch_size=500)
        # After the commit: a caller's transaction that rolls back keeps the upload.
        transaction.on_commit(lambda: discard(token))
    return created
