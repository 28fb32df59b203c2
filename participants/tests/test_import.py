import io
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from participants.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Должность", "Предметы", "Стаж", "Email"]


def xlsx(rows, header=HEADER, name="staff.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD = [
    ["Орлова", "Вера", "Ивановна", datetime(1990, 4, 1), "Учитель", "физика", 10, "o@example.ru"],
    ["Рыбаков", "Олег", "", "15.06.2001", "Учитель", "информатика", "2", ""],
]


def upload(client, file):
    return client.post(reverse("participants:people_import"), {"file": file}, follow=True)


def confirm(client, preview_response):
    form = preview_response.context["form"]
    data = {name: field.value() or "" for name, field in ((f.html_name, f) for f in form)}
    return client.post(reverse("participants:people_import_confirm"), data, follow=True)


def test_import_with_preview_then_confirm(world, client_for):
    client = client_for("curator")
    preview = upload(client, xlsx(GOOD))
    assert preview.context["preview"].ok
    assert Person.objects.filter(last_name="Орлова").count() == 0  # nothing before confirming
    confirm(client, preview)
    orlova = Person.objects.get(last_name="Орлова", organisation=world.school)
    assert orlova.birth_date == date(1990, 4, 1) and orlova.experience_years == 10
    assert Person.objects.get(last_name="Рыбаков").birth_date == date(2001, 6, 15)


def test_full_name_column_is_split(world, client_for):
    client = client_for("curator")
    preview = upload(
        client, xlsx([["Гусева Нина Павловна", "01.02.1980"]], header=["ФИО", "Дата рождения"])
    )
    row = preview.context["preview"].rows[0]
    assert (row.values["last_name"], row.values["first_name"], row.values["middle_name"]) == (
        "Гусева",
        "Нина",
        "Павловна",
    )


def test_a_wrong_file_is_refused(world, client_for):
    response = upload(
        client_for("curator"), SimpleUploadedFile("staff.xlsx", b"Fam;Name\nIvanov;Ivan\n")
    )
    assert "Это не файл Excel" in response.content.decode()


def test_a_missing_column_is_reported(world, client_for):
    client = client_for("curator")
    preview = upload(client, xlsx([["Иванов", "01.01.1990"]], header=["Фамилия", "Дата рождения"]))
    assert "Не выбран столбец «Имя» (или «ФИО»)." in preview.context["preview"].errors
    assert confirm(client, preview).status_code == 400


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["Орлова", "Вера", "", "31.02.1990", "", "", "", ""], "Неверная дата рождения"),
        (["", "Вера", "", "", "", "", "", ""], "Не указана фамилия"),
        (["Орлова", "Вера", "", "", "", "", "много", ""], "не число лет"),
        (["Орлова", "Вера", "", "", "", "", "", "нет-почты"], "электронной почты"),
    ],
)
def test_bad_rows_block_the_whole_import(world, client_for, row, message):
    client = client_for("curator")
    before = Person.objects.count()
    preview = upload(client, xlsx([GOOD[1], row]))
    assert message in preview.content.decode()
    response = confirm(client, preview)
    assert response.status_code == 400
    assert Person.objects.count() == before


def test_duplicates_in_the_file_and_in_the_school(world, client_for):
    PersonFactory(
        organisation=world.school,
        last_name="Рыбаков",
        first_name="Олег",
        middle_name="",
        birth_date=date(2001, 6, 15),
    )
    client = client_for("curator")
    preview = upload(client, xlsx([GOOD[0], GOOD[0], GOOD[1]]))
    errors = [row.errors for row in preview.context["preview"].rows]
    assert "Этот человек уже есть в файле (строка 2)." in errors[1]
    assert "Этот человек уже есть среди участников школы." in errors[2]
    confirm(client, preview)
    assert not Person.objects.filter(last_name="Орлова").exists()


def test_another_school_cannot_use_the_pending_import(world, client_for):
    client = client_for("curator")
    upload(client, xlsx(GOOD))
    session = client.session
    session["people_import"]["organisation"] = world.other_school.pk
    session.save()
    response = client.get(reverse("participants:people_import_preview"))
    assert response.status_code == 302


def test_daily_command_removes_abandoned_uploads(world, client_for):
    import os
    import time

    from django.core.management import call_command

    from participants import importing

    client = client_for("curator")
    upload(client, xlsx(GOOD))
    token = client.session["people_import"]["token"]
    path = Path(default_storage.path(importing._name(token)))
    assert path.exists()
    old = time.time() - 25 * 3600
    os.utime(path, (old, old))
    call_command("anonymise_withdrawn")
    assert not path.exists()
