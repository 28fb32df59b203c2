"""Render every document of the demo school to PDF and PNG pages in a folder, to look at them
page by page: ``manage.py render_documents --out DIR``.

Every kind of order, as a draft preview and signed (``render_orders``); the Положение approved
(its stored PDF) and a draft; the roadmap approved, its progress report and a draft revision;
the personalised program (ППН); the consent of an adult and of a minor's representative, and the
consent to distribution (ст. 10.1) of each, to sign and as given; the analytical report of an
approved year and of a year in progress; and the workbooks for the region (each monitoring year of
the school, the district's), named as their downloads are. What the demo lacks is made inside a
transaction that is rolled back: the database is left as it was.
"""

import io
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from mentoring_portal.documents import render_pdf
from mentoring_portal.excel import workbook_bytes
from monitoring.district_workbook import district_workbook
from monitoring.district_workbook import workbook_filename as district_filename
from monitoring.exports import monitoring_workbook, workbook_filename
from monitoring.models import MonitoringYear
from monitoring.report import current_academic_year
from monitoring.views.years import year_report_document
from pairs.documents import program_pdf, regulation_pdf
from pairs.models import Order, Program, Regulation
from pairs.services.regulations import regulation_draft
from participants import services as participant_services
from participants.documents import consent_document_context, publication_document_context
from participants.models import Organisation, Person, PublicationConsent
from roadmap import services as roadmap_services
from roadmap.documents import roadmap_pdf
from roadmap.models import Roadmap

PUBLICATION = "participants/consent/publication_document.html"


class Command(BaseCommand):
    help = (
        "Печатает все документы демо-школы в PDF и PNG: приказы, Положение, дорожную карту, "
        "ППН, согласия, аналитическую справку."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default="var/documents", help="папка для файлов")
        parser.add_argument("--no-png", action="store_true", help="только PDF")

    def handle(self, *args, out, no_png, **options):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        self.no_png = no_png
        call_command("render_orders", out=str(folder), no_png=no_png, stdout=self.stdout)
        school = Organisation.objects.filter(people__user__username="curator").first()
        if school is None:
            raise CommandError("Нет демо-школы: загрузите демо-данные (manage.py load_demo).")
        for order in Order.objects.signed().filter(organisation=school).order_by("number"):
            # The demo's own signed orders, as stored at signing (people named in the points).
            self._write(folder, f"demo-order-{order.number}", order.pdf_bytes())
        with transaction.atomic():
            self._regulation(folder, school)
            self._roadmap(folder, school)
            program = Program.objects.filter(pair__organisation=school).order_by("pk").first()
            if program is not None:
                self._write(folder, "program", program_pdf(program))
            self._consents(folder, school)
            for year in MonitoringYear.objects.filter(organisation=school).order_by("year"):
                name = "report-approved" if year.is_approved else "report-draft"
                self._write(folder, f"{name}-{year.year}", year_report_document(year))
                self._workbook(folder, workbook_filename(year), monitoring_workbook(year))
            if school.parent is not None:
                year = current_academic_year(school.parent)
                self._workbook(
                    folder,
                    district_filename(school.parent, year),
                    district_workbook(school.parent, year),
                )
            transaction.set_rollback(True)

    def _workbook(self, folder: Path, name: str, workbook) -> None:
        path = folder / name
        path.write_bytes(workbook_bytes(workbook))
        self.stdout.write(f"{path}: {path.stat().st_size // 1024} КБ")

    def _regulation(self, folder, school):
        in_force = Regulation.objects.in_force(school)
        if in_force is not None:
            self._write(folder, "regulation-approved", in_force.pdf_bytes())
        draft = regulation_draft(organisation=school, by=None)
        self._write(folder, "regulation-draft", regulation_pdf(draft))

    def _roadmap(self, folder, school):
        roadmap = Roadmap.objects.in_force(school)
        if roadmap is None:
            return
        self._write(folder, "roadmap-approved", roadmap_pdf(roadmap))
        self._write(
            folder, "roadmap-progress", roadmap_pdf(roadmap, progress_on=timezone.localdate())
        )
        draft = Roadmap.objects.in_preparation(school) or roadmap_services.roadmap_new_revision(
            roadmap=roadmap, by=None
        )
        self._write(folder, "roadmap-draft", roadmap_pdf(draft))

    def _consents(self, folder, school):
        text = participant_services.consent_text_current(organisation=school)
        adult = Person.objects.filter(organisation=school, user__username="teacher").first()
        minor = next(
            (
                p
                for p in Person.objects.filter(organisation=school, category="student")
                if p.is_minor()
            ),
            None,
        )
        for name, person in (("consent-adult", adult), ("consent-minor", minor)):
            if person is not None:
                context = consent_document_context(person, text)
                self._write(folder, name, render_pdf("participants/consent/document.html", context))
        # The consent to distribution (ст. 10.1), its own document: to sign, and as given.
        for name, person in (("publication-adult", adult), ("publication-minor", minor)):
            if person is not None:
                context = publication_document_context(person, school)
                self._write(folder, name, render_pdf(PUBLICATION, context))
        given = PublicationConsent.objects.filter(person__organisation=school).first()
        if given is not None:
            context = publication_document_context(given.person, school, given)
            self._write(folder, "publication-given", render_pdf(PUBLICATION, context))

    def _write(self, folder: Path, name: str, pdf: bytes) -> None:
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf)
        if not self.no_png:
            for old in folder.glob(f"{name}-*.png"):
                old.unlink()
            pdftoppm = shutil.which("pdftoppm")
            if pdftoppm is None:
                raise CommandError("Нет pdftoppm (пакет poppler-utils): укажите --no-png.")
            subprocess.run(  # noqa: S603 - poppler's program on our own file names  # nosec B603
                [pdftoppm, "-png", "-r", "60", str(path), str(folder / name)], check=True
            )
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(f"{path}: {len(pdf) // 1024} КБ, страниц: {pages}")
