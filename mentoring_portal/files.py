"""Uploaded files: stored under random names, served only through access-checked views.

MEDIA_ROOT is never published (no ``/media/`` URL, none in the nginx example): an address made of
the school, the date and the original name was guessable, and a file named ``evil.html`` was
served as a page. Here:

- :class:`RandomName` is the one ``upload_to`` of every ``FileField``: a random name whose
  extension comes from the file's content (its first bytes), never from the name it was sent with;
- :func:`file_response` serves a stored file through its storage (``default_storage`` or the
  field's), with the type that extension stands for, ``nosniff`` and a readable Russian name.
"""

import hashlib
import re
import uuid
import zipfile

from django.db.models import FileField
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# The extension a stored file gets, and the type it is served with.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".bin": "application/octet-stream",
    # Only files the portal builds itself (the site package): RandomName never names an upload so.
    ".zip": "application/zip",
}
# Shown in the browser rather than downloaded (a PDF viewer runs no page script of ours).
INLINE = {".pdf"}
_SIGNATURES = ((b"%PDF-", ".pdf"), (b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"))
_OFFICE = (("word/", ".docx"), ("xl/", ".xlsx"))


def content_extension(handle) -> str | None:
    """The extension the content of ``handle`` (a binary file object) proves, or None."""
    position = handle.tell()
    try:
        handle.seek(0)
        head = handle.read(16)
        for signature, extension in _SIGNATURES:
            if head.startswith(signature):
                return extension
        if head.startswith(b"PK\x03\x04"):
            handle.seek(0)
            try:
                with zipfile.ZipFile(handle) as archive:
                    names = archive.namelist()
            except (zipfile.BadZipFile, ValueError, OSError):
                return None
            for prefix, extension in _OFFICE:
                if any(name.startswith(prefix) for name in names):
                    return extension
        return None
    finally:
        handle.seek(position)


@deconstructible
class RandomName:
    """``upload_to`` for every FileField: ``<folder>/<year>/<random hex><extension>``.

    The extension is taken from the content being saved (the forms have already checked it is
    one the field accepts); content that proves no known type is stored as ``.bin`` and served
    as a download.
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = self._extension(instance) or _NAMED.get(_suffix(filename), ".bin")
        return f"{self.folder}/{timezone.localdate():%Y}/{uuid.uuid4().hex}{extension}"

    def _extension(self, instance) -> str | None:
        for field in instance._meta.concrete_fields:
            if isinstance(field, FileField) and field.upload_to is self:
                pending = getattr(instance, field.attname)
                if not pending or getattr(pending, "_committed", True):
                    continue  # nothing new assigned to this field
                content = getattr(pending, "file", None)
                if content is not None:
                    return content_extension(content) or ".bin"
        # ``field_file.save(name, content)`` called by code (a signed order's PDF, the demo)
        # does not show the content here: the name it chose decides, among the known types.
        return None

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


_NAMED = {".pdf": ".pdf", ".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png"}
_NAMED |= {".docx": ".docx", ".xlsx": ".xlsx"}


def _suffix(name: str) -> str:
    base = (name or "").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def stored_extension(name: str) -> str:
    extension = _suffix(name)
    return extension if extension in CONTENT_TYPES else ".bin"


def safe_filename(title: str, extension: str, *, fallback: str = "файл") -> str:
    """A name a user can read (Russian kept) that no browser or file system misreads: no path,
    no control characters or quotes, at most 100 characters, the stored file's extension."""
    name = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", title or "")
    name = " ".join(name.split()).strip(" .")[:100].rstrip(" .")
    name = name or fallback
    if name.lower().endswith(extension):
        name = name[: -len(extension)].rstrip(" .") or fallback
    return f"{name}{extension}"


def file_response(field_file, *, title: str) -> FileResponse:
    """Serve ``field_file`` (a FieldFile) from its storage after the view checked access:
    a missing file is a 404; the type follows the stored extension; PDF inline, else download."""
    if not field_file:
        raise Http404
    extension = stored_extension(field_file.name)
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=extension not in INLINE,
        filename=safe_filename(title, extension),
        content_type=CONTENT_TYPES[extension],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = stored_etag(field_file.name)
    return response


def stored_etag(name: str) -> str:
    """The ETag of a stored file. Its name is random and never written twice (RandomName, no
    overwrite): it identifies the bytes, and a client that has them gets a 304
    (ConditionalGetMiddleware) without the file being read."""
    return f'"{hashlib.sha256(name.encode()).hexdigest()[:32]}"'
