"""Zip bombs: an .xlsx/.docx that would unpack to something huge is refused before any library
parses it — in the staff import and the roadmap import — quickly, and nothing is written."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mentoring_portal.ooxml import MAX_MEMBERS, check_office_archive
from participants import importing
from participants.models import Person
from roadmap.models import Roadmap
from roadmap.views.importing import SESSION_KEY

BOMB_BYTES = 160 * 1024 * 1024


def _workbook_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Фамилия", "Имя"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bomb(kind: str = "xlsx") -> bytes:
    """A real Office file plus one member of 160 MB of zeros (deflated to about 160 KB) as its
    first sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "xlsx":
            with zipfile.ZipFile(io.BytesIO(_workbook_bytes())) as real:
                for info in real.infolist():
                    if info.filename != "xl/worksheets/sheet1.xml":
                        archive.writestr(info.filename, real.read(info))
            target = "xl/worksheets/sheet1.xml"
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            target = "word/document.xml"
        chunk = bytes(1024 * 1024)
        with archive.open(target, "w", force_zip64=True) as member:
            for _ in range(BOMB_BYTES // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def xlsx_bomb():
    return bomb("xlsx")


@pytest.fixture(scope="module")
def docx_bomb():
    return bomb("docx")


def test_the_bomb_is_small_on_upload_and_huge_unpacked(xlsx_bomb):
    assert len(xlsx_bomb) < 2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(xlsx_bomb)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > BOMB_BYTES


def test_checker_refuses_ratio_size_and_member_count(docx_bomb):
    with pytest.raises(ValidationError) as error:
        check_office_archive(docx_bomb)
    assert error.value.code == "archive_ratio"
    assert "zip-бомб" in error.value.messages[0]

    # Incompressible but too large in total for the caller's limit.
    import os

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/a.bin", os.urandom(2 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_office_archive(buffer.getvalue(), max_total_bytes=1024 * 1024)
    assert error.value.code == "archive_size"
    assert "после распаковки" in error.value.messages[0]

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(MAX_MEMBERS + 1):
            archive.writestr(f"xl/p{number}.xml", "")
    with pytest.raises(ValidationError) as error:
        check_office_archive(buffer.getvalue())
    assert error.value.code == "archive_members"


def test_checker_lets_a_real_workbook_through_and_rewinds():
    handle = io.BytesIO(_workbook_bytes())
    handle.seek(5)
    check_office_archive(handle)
    assert handle.tell() == 5


@pytest.mark.django_db
def test_staff_import_refuses_a_bomb_fast_and_writes_nothing(
    world, client_for, xlsx_bomb, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for("curator")
    people = Person.objects.count()
    before = _stored_imports()
    response = client.post(
        reverse("participants:people_import"),
        {"file": SimpleUploadedFile("staff.xlsx", xlsx_bomb)},
        follow=True,
    )
    assert "zip-бомб" in response.content.decode()
    assert Person.objects.count() == people
    after = _stored_imports()
    assert after == before == []


def _stored_imports() -> list[str]:
    from django.core.files.storage import default_storage

    try:
        return default_storage.listdir(importing.IMPORT_PREFIX)[1]
    except FileNotFoundError:
        return []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_roadmap_import_refuses_a_bomb_fast_and_writes_nothing(
    world, client_for, kind, xlsx_bomb, docx_bomb
):
    client = client_for("curator")
    data = xlsx_bomb if kind == "xlsx" else docx_bomb
    response = client.post(
        reverse("roadmap:import"), {"file": SimpleUploadedFile(f"карта.{kind}", data)}
    )
    assert response.status_code == 200
    assert "zip-бомб" in response.content.decode()
    assert Roadmap.objects.count() == 0
    assert not client.session.get(SESSION_KEY)
