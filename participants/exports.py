"""Excel exports of the banks: one row builder per bank, shared by the page and the file."""

from mentoring_portal.excel import Column, add_sheet, new_workbook

MENTEE_COLUMNS = [
    Column("ФИО"),
    Column("Категория"),
    Column("Должность"),
    Column("Предметы"),
    Column("Дата рождения"),
    Column("Затруднения", width=50, wrap=True),
    Column("Форма"),
    Column("Формат"),
    Column("Ожидаемый результат", width=40, wrap=True),
    Column("Статус"),
    Column("Подан"),
]
MENTOR_COLUMNS = [
    Column("ФИО"),
    Column("Категория"),
    Column("Должность"),
    Column("Предметы"),
    Column("Стаж, лет"),
    Column("Компетенции", width=50, wrap=True),
    Column("Формы наставничества", width=30, wrap=True),
    Column("Наставляемых не более"),
    Column("Обучение, часов"),
    Column("Статус"),
    Column("Подана"),
]


def _difficulties(items, other: str) -> str:
    names = [item.name for item in items]
    if other:
        names.append(other)
    return "; ".join(names)


def mentee_rows(requests):
    for request in requests:
        person = request.person
        yield [
            person.full_name,
            person.get_category_display(),
            person.position,
            request.subjects or person.subjects,
            person.birth_date,
            _difficulties(request.difficulties.all(), request.other_difficulty),
            request.get_preferred_kind_display(),
            request.get_preferred_format_display(),
            request.expected_result,
            request.get_status_display(),
            request.submitted_at,
        ]


def mentor_rows(profiles):
    for profile in profiles:
        person = profile.person
        yield [
            person.full_name,
            person.get_category_display(),
            person.position,
            profile.subjects or person.subjects,
            person.experience_years,
            _difficulties(profile.competencies.all(), profile.other_competencies),
            ", ".join(profile.kinds_offered_labels()),
            profile.max_mentees,
            sum(training.hours for training in profile.trainings.all()),
            profile.get_status_display(),
            profile.submitted_at,
        ]


def mentee_bank_workbook(requests):
    workbook = new_workbook()
    add_sheet(workbook, "Банк наставляемых", MENTEE_COLUMNS, mentee_rows(requests))
    return workbook


def mentor_bank_workbook(profiles):
    workbook = new_workbook()
    add_sheet(workbook, "Банк наставников", MENTOR_COLUMNS, mentor_rows(profiles))
    return workbook
