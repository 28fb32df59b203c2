"""«Пакет для сайта»: the section's PDFs and an index page, for a site builder.

The ZIP holds exactly what the public section serves (the same functions build it): index.html
with the section's texts and links to the files beside it, the published documents, the blanks.
It renders every published PDF, so it is built by a task (public/tasks.py) and kept in storage
(SitePackage) for as long as the section's stamp and the day are the same — the key of the
section's cached pages; the download serves the kept file or says it is being built.
"""

import io
import uuid
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from public import pages
from public.documents import without_consent
from public.models import Section, SitePackage

# A kept package older than this is built again even if nothing was published (the backstop of
# the section's cached pages: a roadmap's marks move without a publication).
KEEP_FOR = timedelta(hours=1)
# A request older than this with no package yet (the worker was down) is made again.
REQUEST_AGAIN_AFTER = timedelta(minutes=2)

ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def package_files(section: Section) -> list[tuple[str, bytes]]:
    """(name in the ZIP, content) of every file: documents, blanks, then index.html."""
    files, listed = [], []
    for number, publication in enumerate(pages.publications(section), start=1):
        if publication.regulation:
            title = pages.regulation_title(publication.regulation)
            pdf = pages.regulation_pdf(section, publication.regulation, publication.names)
            slug = "polozhenie"
        elif publication.roadmap:
            roadmap = publication.roadmap
            title = pages.roadmap_title(roadmap)
            pdf = pages.roadmap_pdf(section, roadmap, publication.names)
            slug = "dorozhnaya-karta"
        else:
            order = publication.order
            title = pages.order_title(order)
            pdf = pages.order_pdf(section, order, publication.names)
            slug = "prikaz"
        name = f"{number:02d}-{slug}.pdf"
        files.append((name, pdf))
        listed.append({"title": title, "file": name})
    blanks = []
    if section.forms_published:
        for blank in pages.blanks.BLANKS:
            pdf = pages.blank_pdf(section, blank.name)
            if pdf is not None:
                name = f"blank-{blank.name}.pdf"
                files.append((name, pdf))
                blanks.append({"title": blank.title, "file": name})
    context = pages.section_context(section)
    context.update({"listed": listed, "blanks": blanks, "made_on": timezone.localdate()})
    index = without_consent(section.organisation)(
        render_to_string("public/package_index.html", context)
    )
    files.append(("index.html", index.encode("utf-8")))
    return files


def package_zip(section: Section) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in package_files(section):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def package_key(section: Section) -> str:
    """What the package depends on: the section's stamp (every publication, withdrawal and
    consent change moves it on) and the day (consents expire by date; the index is dated)."""
    return f"{section.stamp}-{timezone.localdate().isoformat()}"


def package_current(section: Section) -> SitePackage | None:
    """The kept package if it is this section's as it is now, else None."""
    package = SitePackage.objects.filter(section=section).first()
    if (
        package is None
        or not package.file
        or package.built_for != package_key(section)
        or package.built_at < timezone.now() - KEEP_FOR
    ):
        return None
    return package


def package_request(*, section: Section) -> bool:
    """Enqueue the build of the section's package unless one was asked for this key a moment
    ago. Returns whether a task was enqueued; with the immediate backend (tests, the developer's
    server) the package is built when this returns."""
    from public.tasks import build_site_package

    key, now = package_key(section), timezone.now()
    package, _ = SitePackage.objects.get_or_create(section=section)
    asked = SitePackage.objects.filter(pk=package.pk).exclude(
        requested_for=key, requested_at__gt=now - REQUEST_AGAIN_AFTER
    )
    # One UPDATE decides: of two clicks at once only one enqueues.
    if not asked.update(requested_for=key, requested_at=now):
        return False
    build_site_package.enqueue(section.pk)
    return True


def package_build(*, section_id: int) -> str:
    """Build the section's package and keep it, unless the kept one is already current (a
    second task for the same key builds nothing). The previous file is removed once the new one
    is recorded. Returns the stored name."""
    section = Section.objects.select_related("organisation").get(pk=section_id)
    key = package_key(section)  # read before building: a publication meanwhile makes it stale
    current = package_current(section)
    if current is not None:
        return current.file.name
    content = package_zip(section)
    with transaction.atomic():
        package, _ = SitePackage.objects.get_or_create(section=section)
        package = SitePackage.objects.select_for_update().get(pk=package.pk)
        fresh = package.built_at is not None and package.built_at > timezone.now() - KEEP_FOR
        if package.file and package.built_for == key and fresh:
            return package.file.name
        old = package.file.name
        name = f"packages/{timezone.localdate():%Y}/{uuid.uuid4().hex}.zip"
        name = default_storage.save(name, ContentFile(content), max_length=300)
        try:
            SitePackage.objects.filter(pk=package.pk).update(
                file=name, built_for=key, built_at=timezone.now()
            )
        except BaseException:
            default_storage.delete(name)  # kept for nobody
            raise
        if old:
            transaction.on_commit(lambda: default_storage.delete(old))
    return name
