"""Measure the participants app: bank list query counts for 5 and 500 people, and the import of
a 500-row staff file. Run against a scratch database:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 \
        .venv/bin/python bench/participants_measure.py
"""

import io
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring_portal.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from participants import importing  # noqa: E402
from participants.models import Difficulty, MenteeRequest, MentorProfile, Person, Role  # noqa: E402
from participants.tests.factories import ConsentFactory, MentorTrainingFactory  # noqa: E402
from tests.factories import OrganisationFactory, make_member  # noqa: E402


def bank(school, count, start):
    difficulty = Difficulty.objects.first()
    for index in range(start, start + count):
        person = Person.objects.create(
            organisation=school,
            last_name=f"Фамилия{index}",
            first_name="Имя",
            birth_date=date(1980 + index % 30, 1, 1),
        )
        ConsentFactory(person=person)
        MenteeRequest.objects.create(person=person, status="accepted").difficulties.add(difficulty)
        profile = MentorProfile.objects.create(person=person, status="trained")
        profile.competencies.add(difficulty)
        MentorTrainingFactory(profile=profile)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return len(captured), elapsed


def main():
    call_command("migrate", run_syncdb=True, verbosity=0)
    school = OrganisationFactory()
    curator = make_member(school, f"bench-curator-{school.pk}", Role.CURATOR)
    client = Client()
    client.force_login(curator.user)
    names = [
        "person_list",
        "mentee_bank",
        "mentor_bank",
        "mentee_bank_export",
        "mentor_bank_export",
    ]
    bank(school, 5, 0)
    small = {name: queries(client, reverse(f"participants:{name}")) for name in names}
    bank(school, 495, 5)
    large = {name: queries(client, reverse(f"participants:{name}")) for name in names}
    for name in names:
        print(
            f"{name:22} 5 people: {small[name][0]:3} queries {small[name][1] * 1000:6.0f} ms | "
            f"500 people: {large[name][0]:3} queries {large[name][1] * 1000:6.0f} ms"
        )

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ФИО", "Дата рождения", "Должность", "Предметы", "Стаж", "Email"])
    for index in range(500):
        sheet.append(
            [
                f"Импортова{index} Анна Сергеевна",
                f"{1 + index % 28:02d}.{1 + index % 12:02d}.{1960 + index % 40}",
                "Учитель",
                "математика",
                index % 40,
                f"t{index}@example.ru",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)

    class Upload(io.BytesIO):
        size = len(buffer.getvalue())

        def chunks(self):
            yield self.getvalue()

    started = time.perf_counter()
    token = importing.save_upload(Upload(buffer.getvalue()))
    headers, _ = importing.read_sheet(token)
    mapping = importing.auto_mapping(headers)
    preview = importing.build_preview(token, mapping, school)
    preview_time = time.perf_counter() - started
    assert preview.ok, preview.errors or [r.errors for r in preview.rows if r.errors][:3]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        created = importing.import_people(token=token, mapping=mapping, organisation=school)
    print(
        f"import of 500 rows: preview {preview_time * 1000:.0f} ms, "
        f"confirm {(time.perf_counter() - started) * 1000:.0f} ms, "
        f"{len(created)} people, {len(captured)} queries"
    )


if __name__ == "__main__":
    main()
