"""«Пакет для сайта»: the section's PDFs and an index page, for a site builder.

The ZIP holds exactly what the public section serves (the same functions build it): index.html
with the section's texts and links to the files beside it, the published documents, the blanks.
"""

import io
import zipfile

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from mentoring_portal.files import safe_filename
from public import pages
from public.documents import without_consent
from public.models import Section

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


def package_response(section: Section) -> HttpResponse:
    response = HttpResponse(package_zip(section), content_type="application/zip")
    filename = safe_filename(f"Наставничество {section.organisation.short_name}", ".zip")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
