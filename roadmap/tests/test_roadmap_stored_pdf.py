"""The approved roadmap's PDF is rendered once, by a task, when the roadmap is approved (by the
pedagogical council's protocol or by signing the approving order), stored in default_storage and
served from there with its ETag; drafts, archived revisions and the progress report are rendered
at each download (issue 16)."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

import roadmap.documents
from mentoring_portal.settings.base import TASK_BACKENDS
from pairs import services as pair_services
from pairs.models import OrderKind
from roadmap import services
from roadmap.models import Roadmap
from roadmap.stored_pdf import approved_pdf_store
from roadmap.tasks import store_approved_roadmap_pdf
from roadmap.tests.factories import make_roadmap
from tests.factories import make_member
from tests.test_backup import empty_database, every_file, open_database, restore_command

__all__ = ["empty_database"]  # a fixture of the backup tests, used here

DATABASE_QUEUE = {"default": {"BACKEND": TASK_BACKENDS["database"], "QUEUES": ["default"]}}
STORE_TASK = "roadmap.tasks.store_approved_roadmap_pdf"
PROTOCOL = {"document_kind": "protocol", "number": "8", "date": "28.09.2026"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def renders(monkeypatch):
    """Counts the roadmap's renders (every PDF of the roadmap goes through render_pdf)."""
    calls = []
    real = roadmap.documents.render_pdf

    def counting(template_name, context, **kwargs):
        calls.append(context["roadmap"].pk)
        return real(template_name, context, **kwargs)

    monkeypatch.setattr(roadmap.documents, "render_pdf", counting)
    return calls


def stored_files(media: Path) -> list[Path]:
    return sorted(path for path in (media / "roadmaps").rglob("*") if path.is_file())


def pdf_url(roadmap) -> str:
    return reverse("roadmap:pdf", kwargs={"pk": roadmap.pk})


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def on_approval(world):
    roadmap = make_roadmap(world.school, responsible=[world.people["working_group"]])
    services.roadmap_submit(roadmap=roadmap, by=None)
    return roadmap


def test_the_protocol_approval_stores_one_file_and_downloads_serve_it(
    world, client_for, media, renders, django_capture_on_commit_callbacks
):
    roadmap = on_approval(world)
    director = client_for("director")
    with django_capture_on_commit_callbacks(execute=True):
        response = director.post(reverse("roadmap:approve", kwargs={"pk": roadmap.pk}), PROTOCOL)
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED
    files = stored_files(media)
    assert len(files) == 1
    assert roadmap.approved_pdf.name == str(files[0].relative_to(media))
    assert renders == [roadmap.pk]  # rendered once, by the task
    stored = files[0].read_bytes()
    assert "решением педагогического совета (протокол от 28.09.2026 № 8)" in text_of(stored)

    teacher = client_for("teacher")
    first = teacher.get(pdf_url(roadmap))
    again = teacher.get(pdf_url(roadmap))
    assert first.status_code == again.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content == again.content == stored
    assert renders == [roadmap.pk]  # no download rendered it again
    etag = first["ETag"]
    assert etag and etag == again["ETag"]
    not_modified = teacher.get(pdf_url(roadmap), headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert renders == [roadmap.pk]


def test_signing_the_approving_order_stores_the_file_with_the_orders_number(
    world, client_for, media, renders, django_capture_on_commit_callbacks
):
    roadmap = make_roadmap(world.school, activities=3)
    order = pair_services.order_create(organisation=world.school, kind=OrderKind.ROADMAP, by=None)
    assert order.roadmap == roadmap
    pair_services.order_submit(order=order, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        signed = client_for("director").post(reverse("pairs:order_sign", kwargs={"pk": order.pk}))
    assert signed.status_code == 302
    order.refresh_from_db()
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED
    assert len(stored_files(media)) == 1
    renders.clear()

    response = client_for("mentee").get(pdf_url(roadmap))
    assert response.status_code == 200
    assert renders == []
    text = text_of(response.content)
    approved_by = f"приказом МАОУ гимназии № 2 от {order.date:%d.%m.%Y} № {order.number_label}"
    assert approved_by in text


def test_a_double_click_on_approve_stores_one_file(
    world, client_for, media, renders, django_capture_on_commit_callbacks
):
    roadmap = on_approval(world)
    director = client_for("director")
    url = reverse("roadmap:approve", kwargs={"pk": roadmap.pk})
    with django_capture_on_commit_callbacks(execute=True):
        director.post(url, PROTOCOL)
        second = director.post(url, {**PROTOCOL, "number": "9"}, follow=True)
    assert "Утвердить можно только карту, направленную на утверждение." in second.content.decode()
    roadmap.refresh_from_db()
    assert roadmap.approval_document_number == "8"
    assert len(stored_files(media)) == 1
    # The task run once more (a download asked again while the worker was busy) keeps the file.
    name = roadmap.approved_pdf.name
    assert approved_pdf_store(roadmap_id=roadmap.pk) == name
    assert len(stored_files(media)) == 1
    assert renders == [roadmap.pk]


def test_while_the_worker_has_not_run_the_user_sees_the_document_being_prepared(
    world, client_for, media, renders, django_capture_on_commit_callbacks
):
    roadmap = on_approval(world)
    with override_settings(TASKS=DATABASE_QUEUE):
        with django_capture_on_commit_callbacks(execute=True):
            client_for("director").post(
                reverse("roadmap:approve", kwargs={"pk": roadmap.pk}), PROTOCOL
            )
        queued = DBTaskResult.objects.filter(task_path=STORE_TASK)
        assert queued.count() == 1  # enqueued by the approval, not run
        teacher = client_for("teacher")
        waiting = teacher.get(pdf_url(roadmap))
        assert waiting.status_code == 202
        page = waiting.content.decode()
        assert "Документ готовится…" in page
        assert f'<meta http-equiv="refresh" content="3; url={pdf_url(roadmap)}?wait=1">' in page
        assert reverse("roadmap:detail", kwargs={"pk": roadmap.pk}) in page
        # The page asking again does not pile up tasks while one is waiting.
        assert teacher.get(pdf_url(roadmap) + "?wait=1").status_code == 202
        teacher.get(pdf_url(roadmap))
        assert queued.count() == 1
        assert stored_files(media) == [] and renders == []

    # The worker runs the task (here called as the worker calls it, with its stored arguments).
    task = queued.get()
    store_approved_roadmap_pdf.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    # The waiting page's next look offers the file by a button (a phone downloads a PDF, and a
    # refresh of the page would download it again); the button serves the stored file.
    offered = teacher.get(pdf_url(roadmap) + "?wait=1")
    assert offered.status_code == 200
    page = offered.content.decode()
    assert "Документ готов" in page and "http-equiv" not in page
    assert f'href="{pdf_url(roadmap)}">Открыть PDF' in page
    ready = teacher.get(pdf_url(roadmap))
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready.content == stored_files(media)[0].read_bytes()


def test_a_roadmap_approved_before_the_file_was_kept_gets_it_at_its_first_download(
    world, client_for, media, renders
):
    # make_roadmap approves inside the test's transaction: its on_commit request never runs.
    roadmap = make_roadmap(world.school, status=Roadmap.Status.APPROVED)
    assert not Roadmap.objects.get(pk=roadmap.pk).approved_pdf
    first = client_for("curator").get(pdf_url(roadmap))
    assert first.status_code == 200
    assert len(stored_files(media)) == 1
    assert client_for("teacher").get(pdf_url(roadmap)).content == first.content
    assert renders == [roadmap.pk]
    # Its file lost from storage (a restore without the files): rendered and stored again.
    default_storage.delete(Roadmap.objects.get(pk=roadmap.pk).approved_pdf.name)
    assert client_for("teacher").get(pdf_url(roadmap)).status_code == 200
    assert len(stored_files(media)) == 1
    assert renders == [roadmap.pk, roadmap.pk]


def test_a_new_revision_never_serves_the_old_revisions_file(
    world, client_for, media, renders, django_capture_on_commit_callbacks
):
    roadmap = on_approval(world)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("director").post(reverse("roadmap:approve", kwargs={"pk": roadmap.pk}), PROTOCOL)
    roadmap.refresh_from_db()
    first_file = roadmap.approved_pdf.name
    first_bytes = default_storage.open(first_file).read()
    revision = services.roadmap_new_revision(roadmap=roadmap, by=None)
    assert not revision.approved_pdf

    curator = client_for("curator")
    draft = curator.get(pdf_url(revision))
    assert draft.status_code == 200 and "ETag" not in draft
    assert "Проект (черновик)" in text_of(draft.content)
    # The revision in force keeps serving its own file meanwhile.
    assert curator.get(pdf_url(roadmap)).content == first_bytes

    services.roadmap_submit(roadmap=revision, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("director").post(
            reverse("roadmap:approve", kwargs={"pk": revision.pk}),
            {**PROTOCOL, "number": "11", "date": "15.01.2027"},
        )
    revision.refresh_from_db()
    roadmap.refresh_from_db()
    assert revision.approved_pdf and revision.approved_pdf.name != first_file
    assert roadmap.status == Roadmap.Status.ARCHIVED
    assert roadmap.approved_pdf.name == first_file  # the approved revision's file stays
    assert len(stored_files(media)) == 2

    new = curator.get(pdf_url(revision))
    assert new.content == default_storage.open(revision.approved_pdf.name).read()
    assert new.content != first_bytes
    assert "протокол от 15.01.2027 № 11" in text_of(new.content)
    archived = curator.get(pdf_url(roadmap))
    assert "ETag" not in archived
    assert "Архивная редакция" in text_of(archived.content)


def test_the_progress_report_is_rendered_at_each_download(
    world, client_for, media, renders, approved
):
    url = reverse("roadmap:progress_pdf", kwargs={"pk": approved.pk})
    director = client_for("director")
    for _ in range(2):
        response = director.get(url)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "по состоянию на" in text_of(response.content)
    assert renders == [approved.pk, approved.pk]
    assert not Path(media, "roadmaps").exists()


def test_who_may_download_the_stored_file(world, client_for, media, approved, draft):
    for persona in ("director", "curator", "teacher", "mentor", "mentee", "coordinator"):
        assert client_for(persona).get(pdf_url(approved)).status_code == 200, persona
    # A role-less account of the school: 403; a draft is not shown to a teacher: 403.
    nobody = make_member(world.school, "nobody")
    client = client_for(None)
    client.force_login(nobody.user)
    assert client.get(pdf_url(approved)).status_code == 403
    assert client_for("teacher").get(pdf_url(draft)).status_code == 403
    # Another school's curator: 404, whether the file is stored or not.
    assert client_for("outsider").get(pdf_url(approved)).status_code == 404
    theirs = make_roadmap(world.other_school, status=Roadmap.Status.APPROVED)
    assert client_for("teacher").get(pdf_url(theirs)).status_code == 404
    assert not Roadmap.objects.get(pk=theirs.pk).approved_pdf  # nothing rendered for them
    # Only GET.
    assert client_for("teacher").post(pdf_url(approved)).status_code == 405
    assert len(stored_files(media)) == 1


def test_the_approval_date_is_the_documents_not_the_downloads(world, media, approved):
    name = approved_pdf_store(roadmap_id=approved.pk)
    text = text_of(default_storage.open(name).read())
    assert "от 28.09.2026 № 12" in text
    assert date(2026, 9, 28) == Roadmap.objects.get(pk=approved.pk).approval_document_date


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_stored_file_survives_a_backup_and_restore(world, media, empty_database, tmp_path):
    roadmap = on_approval(world)
    # Committed for real here: the approval's on_commit asks for the file, the task stores it.
    services.roadmap_approve(
        roadmap=roadmap, by=None, document_kind="protocol", number="8", date=date(2026, 9, 28)
    )
    name = Roadmap.objects.get(pk=roadmap.pk).approved_pdf.name
    assert [str(path.relative_to(media)) for path in stored_files(media)] == [name]
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    restored = restore_command(archive, empty_database, tmp_path)
    assert restored.returncode == 0, restored.stderr
    restored_media = tmp_path / "restored-var" / "media"
    assert every_file(restored_media) == every_file(media)
    database = open_database(empty_database)
    try:
        cursor = database.cursor()
        cursor.execute(f"SELECT approved_pdf FROM roadmap_roadmap WHERE id = {int(roadmap.pk)}")  # noqa: S608  # nosec B608
        assert cursor.fetchone()[0] == name
    finally:
        database.close()
