"""Orders (приказы): numbered per organisation and year, drafted from a template per kind,
signed by the director and never changed afterwards.

A signed order is protected twice: :class:`OrderQuerySet`, :meth:`Order.save`/``delete`` and
the ``pairs`` relation (:mod:`pairs.signals`) refuse in Python with the
portal's message, and database triggers (migrations ``0003``, ``0004``) refuse, whoever issues
the statement, any UPDATE of the document's columns of a signed row (:attr:`Order.GUARDED_COLUMNS`)
and any INSERT, UPDATE or DELETE of its list of pairs. The list goes only with the order itself
(a whole school removed): see :class:`OrderRemoval`.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring_portal.errors import ServiceError
from mentoring_portal.versioning import Versioned
from participants.models import Organisation

SIGNED_ORDER_MESSAGE = "Подписанный приказ не изменяется: изменения вносятся новым приказом."


def signed_order_refusal() -> ServiceError:
    """The one refusal of any write to a signed order: its row or its list of pairs."""
    return ServiceError(SIGNED_ORDER_MESSAGE, code="order_signed")


class OrderKind(models.TextChoices):
    PAIRS = "pairs", "О закреплении наставнических пар (групп)"
    AMENDMENT = "amendment", "О внесении изменений в приказ"
    IMPLEMENTATION = "implementation", "О внедрении целевой модели наставничества"
    REGULATION = "regulation", "Об утверждении положения о наставничестве"
    ROADMAP = "roadmap", "Об утверждении дорожной карты"
    FINAL_EVENT = "final_event", "О проведении итогового мероприятия"


# Kinds whose order carries the table of pairs as an appendix.
PAIR_KINDS = (OrderKind.PAIRS, OrderKind.AMENDMENT)


class OrderTemplate(models.Model):
    """The school's editable text of an order kind (created from the portal's default)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("вид приказа", max_length=20, choices=OrderKind)
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основание)")
    points = models.TextField(
        "пункты «ПРИКАЗЫВАЮ»", help_text="Каждый пункт с новой строки, без номера."
    )
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "шаблон приказа"
        verbose_name_plural = "шаблоны приказов"
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="order_template_once")
        ]

    def __str__(self):
        return self.get_kind_display()


class OrderCounter(models.Model):
    """The last number given in an organisation's year: locked with SELECT … FOR UPDATE while
    a number is allocated, so two curators saving at once get two numbers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="order_counter_once")
        ]

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class OrderQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(status=Order.Status.SIGNED)

    def update(self, **kwargs):
        if self.filter(status=Order.Status.SIGNED).exists():
            raise signed_order_refusal()
        return super().update(**kwargs)

    update.queryset_only = True

    def delete(self):
        if self.filter(status=Order.Status.SIGNED).exists():
            raise signed_order_refusal()
        return super().delete()

    delete.queryset_only = True


class Order(Versioned, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        SUBMITTED = "submitted", "На подписи"
        SIGNED = "signed", "Подписан"
        RETURNED = "returned", "Возвращён на доработку"

    NUMBER_SUFFIX = "-о"  # orders on the main activity (по основной деятельности)

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="orders"
    )
    kind = models.CharField("вид приказа", max_length=20, choices=OrderKind)
    # A draft has no number, year or date: the number is taken at signing, in the signing
    # transaction, so the register has no gaps and its numbers follow the dates.
    year = models.PositiveSmallIntegerField("год", null=True, blank=True)
    number = models.PositiveIntegerField(
        "номер", null=True, blank=True, help_text="Присваивается при подписании."
    )
    date = models.DateField(
        "дата приказа",
        null=True,
        blank=True,
        help_text="Если не указана, приказ датируется днём подписания.",
    )
    title = models.CharField("заголовок", max_length=500)
    preamble = models.TextField("преамбула (основание)")
    points = models.TextField(
        "пункты «ПРИКАЗЫВАЮ»", help_text="Каждый пункт с новой строки, без номера."
    )
    controller = models.CharField(
        "контроль исполнения возложить на",
        max_length=300,
        blank=True,
        help_text="Например: «оставляю за собой» или «заместителя директора по УВР Кравцову Е. А.»",
    )
    # Who each point names and by when, and who controls: {"points": [{"people": [person pk…],
    # "deadline": "YYYY-MM-DD" or null}, … one per line of ``points``], "controller": pk or
    # null}. Printed by pairs.documents with posts and names in the case the point asks.
    point_details = models.JSONField("люди и сроки пунктов", null=True, blank=True)
    amends = models.ForeignKey(
        "self",
        verbose_name="вносит изменения в приказ",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    # The document an approving order carries as its appendix and approves when it is signed.
    roadmap = models.ForeignKey(
        "roadmap.Roadmap",
        verbose_name="утверждаемая дорожная карта",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="approval_orders",
    )
    regulation = models.ForeignKey(
        "pairs.Regulation",
        verbose_name="утверждаемое положение",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="approval_orders",
    )
    pairs = models.ManyToManyField(
        "pairs.Pair", verbose_name="пары и группы", blank=True, related_name="orders"
    )
    status = models.CharField("статус", max_length=20, choices=Status, default=Status.DRAFT)
    return_comment = models.TextField("замечания директора", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="подготовил",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создан", default=timezone.now)
    submitted_at = models.DateTimeField("направлен на подпись", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="подписал",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    signatory_name = models.CharField("ФИО подписавшего", max_length=200, blank=True)
    signatory_position = models.CharField("должность подписавшего", max_length=200, blank=True)
    pdf = models.BinaryField("PDF подписанного приказа", null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True, editable=False)

    objects = OrderQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["pdf"])

    # Columns a signed order may still see change, and why; the trigger of migration 0004 locks
    # every other concrete column (a test compares the two lists, so a new field is locked
    # unless it is added here on purpose).
    UNGUARDED_COLUMNS = {
        "id": "the key never changes anyway",
        "created_by_id": "SET NULL when the account of whoever drafted it is deleted",
        "signed_by_id": "SET NULL when the signer's account is deleted",
        "created_at": "when the draft was made: not a part of the signed document",
    }

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        # Drafts (no number) first, then the register from the newest number down.
        ordering = [
            models.F("year").desc(nulls_first=True),
            models.F("number").desc(nulls_first=True),
            "-created_at",
        ]
        constraints = [
            # NULL numbers of drafts are distinct to both databases' unique indexes.
            models.UniqueConstraint(
                fields=["organisation", "year", "number"], name="order_number_unique_per_year"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="signed")
                    & Q(number__isnull=False)
                    & Q(year__isnull=False)
                    & Q(date__isnull=False)
                )
                | (~Q(status="signed") & Q(number__isnull=True) & Q(year__isnull=True)),
                name="order_numbered_when_signed_only",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | (Q(pdf__isnull=False) & ~Q(pdf_sha256="")),
                name="order_signed_has_pdf",
            ),
        ]

    def __str__(self):
        if self.number is None:
            return f"Проект приказа «{self.title}»"
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number_label} «{self.title}»"

    def save(self, *args, **kwargs):
        # The row as stored decides: a signed order is never written again.
        if self.pk and Order.objects.filter(pk=self.pk, status=self.Status.SIGNED).exists():
            raise signed_order_refusal()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and Order.objects.filter(pk=self.pk, status=self.Status.SIGNED).exists():
            raise signed_order_refusal()
        return super().delete(*args, **kwargs)

    BLANK_NUMBER = "____"  # a draft prints «№ ____»: the number is written at registration

    @property
    def number_label(self) -> str:
        if self.number is None:
            return self.BLANK_NUMBER
        return f"{self.number}{self.NUMBER_SUFFIX}"

    @property
    def short_label(self) -> str:
        """«№ 3-о» for a registered order, «Проект» for a draft (in lists and breadcrumbs)."""
        return "Проект" if self.number is None else f"№ {self.number_label}"

    @property
    def heading(self) -> str:
        if self.number is None:
            return "Проект приказа"
        return f"Приказ от {self.date:%d.%m.%Y} № {self.number_label}"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def check_editable(self) -> None:
        """Raise the one «не редактируется» error when the order is past its draft."""
        if not self.is_editable:
            raise ServiceError(
                "Приказ в статусе «%(status)s» не редактируется.",
                code="order_not_editable",
                params={"status": self.get_status_display()},
            )

    @property
    def appendix(self):
        """The document this order approves and carries as its appendix, or None."""
        if self.kind == OrderKind.ROADMAP:
            return self.roadmap
        if self.kind == OrderKind.REGULATION:
            return self.regulation
        return None

    @property
    def has_pairs_table(self) -> bool:
        return self.kind in PAIR_KINDS

    def point_list(self) -> list[str]:
        return [line.strip() for line in self.points.splitlines() if line.strip()]

    def point_people_ids(self) -> list[list[int]]:
        """The people named by each point (a list per line of ``points``)."""
        details = (self.point_details or {}).get("points") or []
        lines = self.point_list()
        return [
            list(details[i].get("people") or []) if i < len(details) else []
            for i in range(len(lines))
        ]

    def point_deadlines(self) -> list[str | None]:
        details = (self.point_details or {}).get("points") or []
        return [
            details[i].get("deadline") if i < len(details) else None
            for i in range(len(self.point_list()))
        ]

    @property
    def controller_person_id(self) -> int | None:
        return (self.point_details or {}).get("controller")

    def named_person_ids(self) -> set[int]:
        """Everyone the points and the control point name."""
        ids = {pk for people in self.point_people_ids() for pk in people}
        if self.controller_person_id:
            ids.add(self.controller_person_id)
        return ids

    def pdf_bytes(self) -> bytes:
        return bytes(self.pdf) if self.pdf is not None else b""

    def pdf_is_intact(self) -> bool:
        return hashlib.sha256(self.pdf_bytes()).hexdigest() == self.pdf_sha256


class OrderRemoval(models.Model):
    """An order being deleted together with its school, for the length of that transaction.

    The database refuses to take a pair out of a signed order's list. Django deletes that list
    before the order row, so whatever deletes the order (the cascade from a removed school)
    records it here first (:func:`pairs.signals.release_removed_orders`), and a trigger removes
    the record together with the order row: nothing stays here after the transaction.
    """

    order_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = "удаление приказа вместе со школой"

    def __str__(self):
        return str(self.order_id)
