"""«С приказом ознакомлен(а)» online: a person named in a signed order confirms they have read it.

A row of its own beside the order (a signed order's columns and list of pairs never change), one
per order and person, so a double click or a second tab confirms once. The printed sheet of the
order stays for those who sign on paper.
"""

from django.conf import settings
from django.db import models

from participants.models import Person


class OrderAcknowledgement(models.Model):
    order = models.ForeignKey(
        "pairs.Order",
        verbose_name="приказ",
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    person = models.ForeignKey(
        Person, verbose_name="кто ознакомлен", on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField("когда ознакомлен")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "ознакомление с приказом"
        verbose_name_plural = "ознакомления с приказами"
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["order", "person"], name="order_acknowledged_once")
        ]

    def __str__(self):
        return f"{self.person} — {self.confirmed_at:%d.%m.%Y %H:%M}"
