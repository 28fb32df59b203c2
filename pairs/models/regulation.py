"""The Положение о наставничестве of a school: a document of the portal, in revisions.

A school starts from the portal's standard text (:mod:`pairs.regulation_text`, after the target
model's recommendations), the curator edits a draft revision in the browser (every save is kept
in its history), and the order «Об утверждении Положения» approves it when the director signs:
the revision is then approved, its PDF (with «УТВЕРЖДЕНО приказом … от … № …») is rendered once
and stored, and the revision it replaces loses force. An approved revision is never edited:
changes make a new revision, approved by a new order.

The public section and anyone else reads the revision in force through
``Regulation.objects.in_force(organisation)``.
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.versioning import Versioned
from participants.models import Organisation

HEADING = re.compile(r"^(\d+)\.\s+(\S.*)$")  # «1. Общие положения»
CLAUSE = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.*)$")  # «1.1. Настоящее Положение …»
LIST_ITEM = re.compile(r"^[-–—•]\s*(\S.*)$")  # «– обучающиеся …»


class RegulationQuerySet(models.QuerySet):
    def in_force(self, organisation):
        """The approved revision the school works by, None before the first approval."""
        return (
            self.filter(organisation=organisation, status=Regulation.Status.APPROVED)
            .order_by("-revision")
            .first()
        )

    def draft_of(self, organisation):
        """The revision being prepared (one at a time), None when none is."""
        return (
            self.filter(organisation=organisation, status=Regulation.Status.DRAFT)
            .order_by("-revision")
            .first()
        )


class Regulation(Versioned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Проект"
        APPROVED = "approved", "Действует"
        ARCHIVED = "archived", "Утратило силу"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="regulations",
    )
    revision = models.PositiveSmallIntegerField("редакция", default=1)
    title = models.CharField("заголовок", max_length=500)
    text = models.TextField(
        "текст",
        help_text=(
            "Разделы — строкой «1. Общие положения», пункты — «1.1. …», перечисления — с "
            "новой строки через «–»."
        ),
    )
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)
    approved_on = models.DateField("утверждено", null=True, blank=True)
    approval_label = models.CharField(
        "утверждено документом", max_length=300, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="создал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", default=timezone.now)
    updated_at = models.DateTimeField("изменено", auto_now=True)
    pdf = models.BinaryField("PDF утверждённой редакции", null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True, editable=False)

    objects = RegulationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        verbose_name = "положение о наставничестве"
        verbose_name_plural = "положения о наставничестве"
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "revision"], name="regulation_revision_once"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="draft"),
                name="regulation_one_draft",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved")
                | (models.Q(pdf__isnull=False) & ~models.Q(pdf_sha256="")),
                name="regulation_approved_has_pdf",
            ),
        ]

    def __str__(self):
        return f"{self.title} (редакция {self.revision})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def title_parts(self) -> tuple[str, str]:
        """«ПОЛОЖЕНИЕ» and «о системе наставничества»: the two lines of the printed title."""
        word, _, rest = self.title.strip().partition(" ")
        return word.upper(), rest

    def pdf_bytes(self) -> bytes:
        return bytes(self.pdf) if self.pdf is not None else b""

    def pdf_is_intact(self) -> bool:
        return hashlib.sha256(self.pdf_bytes()).hexdigest() == self.pdf_sha256

    def blocks(self) -> list[dict]:
        """The text as the document prints it: headings of sections, numbered clauses, list
        items and plain paragraphs, in order (one line of the text is one block)."""
        blocks = []
        for raw in self.text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if match := CLAUSE.match(line):
                blocks.append({"kind": "clause", "number": match[1], "text": match[2]})
            elif match := HEADING.match(line):
                blocks.append({"kind": "heading", "number": match[1], "text": match[2]})
            elif match := LIST_ITEM.match(line):
                blocks.append({"kind": "item", "text": match[1]})
            else:
                blocks.append({"kind": "paragraph", "text": line})
        return blocks
