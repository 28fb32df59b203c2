"""Render every kind of order of the demo school, as a draft preview and as signed, to PDF and
PNG pages in a folder, to look at them page by page: ``manage.py render_orders --out DIR``.

The signing happens inside a transaction that is rolled back: the database is left as it was.
"""

import io
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from pypdf import PdfReader

from mentoring_portal.errors import ServiceError
from pairs import services
from pairs.documents import order_pdf
from pairs.models import DutiesConsent, Order, OrderKind, Pair, PairMember
from participants.models import MentorProfile, Organisation, Role
from roadmap import services as roadmap_services
from roadmap.models import Roadmap


class Command(BaseCommand):
    help = "Печатает приказы демо-школы всех видов (проект и подписанный) в PDF и PNG."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="var/documents", help="папка для файлов")
        parser.add_argument("--school", help="полное наименование школы (по умолчанию демо)")
        parser.add_argument("--no-png", action="store_true", help="только PDF")

    def handle(self, *args, out, school, no_png, **options):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        organisation = self._school(school)
        director = (
            organisation.memberships.filter(role=Role.DIRECTOR).select_related("user").first()
        )
        signer = director.user if director else None
        with transaction.atomic():
            for kind in OrderKind:
                draft = self._draft(organisation, kind)
                self._write(folder, f"order-{kind}-draft", order_pdf(draft, draft=True), no_png)
                signed = self._signed(organisation, kind, draft, signer)
                self._write(folder, f"order-{kind}-signed", signed.pdf_bytes(), no_png)
            transaction.set_rollback(True)

    def _school(self, name):
        schools = Organisation.objects.all()
        school = (
            schools.filter(full_name=name).first()
            if name
            else schools.filter(people__user__username="curator").first()
        )
        if school is None:
            raise CommandError("Нет такой школы: загрузите демо-данные (manage.py load_demo).")
        return school

    def _draft(self, organisation, kind) -> Order:
        amends = None
        pairs = []
        if kind == OrderKind.AMENDMENT:
            amends = (
                Order.objects.signed()
                .filter(organisation=organisation, kind=OrderKind.PAIRS)
                .order_by("date", "number")  # the demo's own, not the one printed above
                .first()
            )
            pairs = self._amended_composition(organisation, amends)
        elif kind == OrderKind.PAIRS:
            pairs = self._ready_proposals(organisation)
        elif kind == OrderKind.ROADMAP and Roadmap.objects.in_preparation(organisation) is None:
            # The order's appendix: a new revision of the roadmap in force (rolled back).
            roadmap_services.roadmap_new_revision(
                roadmap=Roadmap.objects.in_force(organisation), by=None
            )
        return services.order_create(
            organisation=organisation, kind=kind, by=None, pairs=pairs, amends=amends
        )

    def _amended_composition(self, organisation, amends: Order) -> list[Pair]:
        """The amendment's pairs, so that it shows each kind of change: the amended order's
        pairs less its second (excluded), its first one's mentee given another mentor of the bank
        (the old pair ended early), and the demo's proposals (included). Rolled back."""
        pairs = list(amends.pairs.order_by("pk"))
        if len(pairs) >= 2:
            pairs.pop(1)
            replacement = self._replacement(organisation, pairs[0], amends)
            if replacement is not None:
                pairs[0] = replacement
        return [*pairs, *self._ready_proposals(organisation)]

    def _replacement(self, organisation, old: Pair, amends: Order) -> Pair | None:
        taken = PairMember.objects.filter(pair__organisation=organisation).values("person")
        profile = (
            MentorProfile.objects.filter(person__organisation=organisation)
            .in_bank()
            .exclude(person__in=taken)
            .select_related("person")
            .first()
        )
        if profile is None:
            return None
        mentor = profile.person
        self._duties_consent(mentor, old.period_start)
        mentees = [m.person for m in old.members.filter(role="mentee").select_related("person")]
        try:
            services.pair_end_early(
                pair=old, ended_on=old.period_start, reason="Наставник переведён в другую школу"
            )
            return services.pair_create(
                organisation=organisation,
                form=old.form,
                kind=old.kind,
                mentors=[mentor],
                mentees=mentees,
                period_start=old.period_start,
                period_end=old.period_end,
                goal=old.goal,
                by=None,
            )
        except ServiceError:
            return None

    def _duties_consent(self, person, start) -> None:
        services.duties_consent_record(
            person=person,
            method=DutiesConsent.Method.ONLINE,
            given_on=start.replace(month=9, day=1),
            typed_name=person.full_name,
            agreement_number="99",
            agreement_date=start.replace(month=9, day=2),
            by=None,
        )

    def _ready_proposals(self, organisation) -> list[Pair]:
        """The demo's proposals, their mentors' duties consents recorded (rolled back)."""
        proposals = list(
            Pair.objects.filter(organisation=organisation, status=Pair.Status.PROPOSED)
        )
        for pair in proposals:
            for member in pair.members.filter(role="mentor").select_related("person"):
                self._duties_consent(member.person, pair.period_start)
        return proposals

    def _signed(self, organisation, kind, draft, signer) -> Order:
        services.order_submit(order=draft, by=None)
        return services.order_sign(order=draft, by=signer)

    def _write(self, folder: Path, name: str, pdf: bytes, no_png: bool) -> None:
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf)
        if not no_png:
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
