"""Records of the portal itself (no domain app's): the confirm steps already done."""

from django.db import models


class ConfirmedToken(models.Model):
    """A preview's token, confirmed once (see :mod:`mentoring_portal.once`).

    The unique token is the guard: two requests confirming the same preview cannot both insert
    it. The organisation is kept as a plain number (the helpers import no app).
    """

    token = models.CharField("токен предпросмотра", max_length=64, unique=True)
    purpose = models.CharField("что подтверждено", max_length=40)
    organisation_pk = models.PositiveBigIntegerField("организация")
    result_url = models.CharField("ссылка на результат", max_length=300, blank=True)
    result_label = models.CharField("результат", max_length=300, blank=True)
    confirmed_at = models.DateTimeField("подтверждено", auto_now_add=True)

    class Meta:
        verbose_name = "выполненное подтверждение"
        verbose_name_plural = "выполненные подтверждения"

    def __str__(self):
        return f"{self.purpose}: {self.result_label}"
