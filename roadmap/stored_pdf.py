"""The approved roadmap's PDF: rendered once, by a task, after the approval; served from storage.

An approved revision is a document like a signed order: what was approved does not change, so it
is not rendered again at every download (about a second at 200 activities, WeasyPrint's floor).
The approval (an approving order signed, or the pedagogical council's protocol entered) asks for
the file after its transaction commits; the task renders it and stores it in ``default_storage``
under a random name, on this revision's row. A draft, an archived or closed revision and the
progress report («по состоянию на») keep rendering live.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from roadmap.models import Roadmap

# A request older than this with no file yet (the worker was down, the task failed) is made again
# by the next download; a younger one is waited for.
REQUEST_AGAIN_AFTER = timedelta(minutes=2)


def approved_pdf_request(*, roadmap_id: int, force: bool = False) -> bool:
    """Enqueue the render of an approved revision's PDF unless it is stored or was asked for a
    moment ago (``force``: at the approval itself). Returns whether a task was enqueued. With the
    immediate backend (tests, the developer's server) the file is stored when this returns."""
    from roadmap.tasks import store_approved_roadmap_pdf

    now = timezone.now()
    pending = Roadmap.objects.filter(pk=roadmap_id, status=Roadmap.Status.APPROVED, approved_pdf="")
    if not force:
        pending = pending.exclude(approved_pdf_requested_at__gt=now - REQUEST_AGAIN_AFTER)
    # One UPDATE decides: of two downloads at once only one enqueues.
    if not pending.update(approved_pdf_requested_at=now):
        return False
    store_approved_roadmap_pdf.enqueue(roadmap_id)
    return True


def approved_pdf_request_on_commit(roadmap: Roadmap) -> None:
    """Called inside the approval: the task is enqueued once the approval is committed (the
    worker must see the approved revision, and a rolled-back approval asks for nothing)."""
    roadmap_id = roadmap.pk
    transaction.on_commit(lambda: approved_pdf_request(roadmap_id=roadmap_id, force=True))


def approved_pdf_store(*, roadmap_id: int) -> str:
    """Render the approved revision's PDF and store it, once: a second run (a double click, a
    task enqueued again by a download) finds the file and stores nothing. Returns the stored
    name, or "" when the revision is no longer approved."""
    from roadmap.documents import roadmap_pdf

    roadmap = Roadmap.objects.select_related("organisation").get(pk=roadmap_id)
    if roadmap.status != Roadmap.Status.APPROVED:
        return ""
    if roadmap.approved_pdf:
        return roadmap.approved_pdf.name
    # Rendered outside the transaction: a second of WeasyPrint holds no lock.
    pdf = roadmap_pdf(roadmap)
    with transaction.atomic():
        locked = Roadmap.objects.select_for_update().get(pk=roadmap_id)
        if locked.approved_pdf or locked.status != Roadmap.Status.APPROVED:
            return locked.approved_pdf.name
        field = locked.approved_pdf
        name = field.field.generate_filename(locked, f"roadmap-{roadmap_id}.pdf")
        name = field.storage.save(name, ContentFile(pdf), max_length=field.field.max_length)
        try:
            Roadmap.objects.filter(pk=roadmap_id).update(approved_pdf=name)
        except BaseException:
            field.storage.delete(name)  # stored for nobody
            raise
    return name


def approved_pdf_read(roadmap: Roadmap) -> bytes | None:
    """The stored bytes of the approved revision's PDF, or None when there are none yet. A name
    whose file is gone from storage (a restore without its files) is forgotten, so that the
    next request renders it again instead of failing at every download."""
    if not roadmap.approved_pdf:
        return None
    try:
        stored_file = roadmap.approved_pdf
        with stored_file.storage.open(stored_file.name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        Roadmap.objects.filter(pk=roadmap.pk, approved_pdf=roadmap.approved_pdf.name).update(
            approved_pdf="", approved_pdf_requested_at=None
        )
        roadmap.approved_pdf = ""
        return None
