import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmap.models import Evidence
from roadmap.tests.factories import first_activity

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, activity, upload):
    return client.post(
        reverse("roadmap:evidence_add", kwargs={"pk": activity.pk}),
        {"title": "Подтверждение", "file": upload},
    )


@pytest.mark.parametrize(
    "name,content",
    [("prikaz.pdf", PDF), ("foto.PNG", PNG), ("otchet.docx", _docx())],
)
def test_allowed_files_are_stored_under_a_random_name(world, client_for, approved, name, content):
    activity = first_activity(approved)
    response = _upload(client_for("working_group"), activity, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    extension = ".jpg" if name.endswith(".jpg") else "." + name.rsplit(".", 1)[1].lower()
    assert re.fullmatch(rf"evidence/\d{{4}}/[0-9a-f]{{32}}\{extension}", evidence.file.name)
    assert evidence.uploaded_by == world.user("working_group")
    download = client_for("working_group").get(
        reverse("roadmap:evidence_download", kwargs={"pk": evidence.pk})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    # A PDF opens in the browser's viewer; anything else is downloaded.
    expected = "inline" if extension == ".pdf" else "attachment"
    assert download["Content-Disposition"].startswith(expected)
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("script.exe", b"MZ\x90\x00", "Этот тип файла не принимается"),
        ("page.html", b"<html></html>", "Этот тип файла не принимается"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "Содержимое файла не соответствует расширению .pdf"),
        ("fake.docx", PDF, "Содержимое файла не соответствует расширению .docx"),
        ("fake.xlsx", _docx(), "Содержимое файла не соответствует расширению .xlsx"),
    ],
)
def test_wrong_type_or_content_is_refused(world, client_for, approved, name, content, message):
    activity = first_activity(approved)
    response = _upload(client_for("curator"), activity, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_too_big_file_is_refused(world, client_for, approved):
    activity = first_activity(approved)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = _upload(client_for("curator"), activity, big)
    assert response.status_code == 400
    assert "Файл слишком большой" in response.content.decode()
    assert "Наибольший размер — 10 МБ" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_bad_link_is_refused(world, client_for, approved):
    activity = first_activity(approved)
    response = client_for("curator").post(
        reverse("roadmap:evidence_add", kwargs={"pk": activity.pk}),
        {"title": "Ссылка", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert "Введите правильную ссылку" in response.content.decode()
