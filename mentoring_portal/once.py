"""A confirm step that writes many records (an import, a whole-bank proposal) runs once.

The preview hands out a token; the confirming request claims it with an INSERT into a table
where the token is unique, in the same transaction as the write. A second request with the same
token (a double click, a resent form, a second tab) waits for the first to commit, meets the
unique constraint and gets «Уже загружено» with a link to what the first one made. When the
first one fails, its claim rolls back with everything else and the preview can be confirmed
again. The session alone cannot do this: two parallel requests both read it before either
writes.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import render

from mentoring_portal.models import ConfirmedToken


class AlreadyConfirmedError(ValidationError):
    """The token was confirmed before; ``step`` says what it made."""

    def __init__(self, step: ConfirmedToken):
        self.step = step
        super().__init__(
            "Уже загружено: это подтверждение уже выполнено, повторно ничего не записано.",
            code="already_confirmed",
        )


def confirmed_before(*, token: str, organisation) -> ConfirmedToken | None:
    if not token:
        return None
    return ConfirmedToken.objects.filter(token=token, organisation_pk=organisation.pk).first()


@contextmanager
def confirm_once(*, token: str, purpose: str, organisation):
    """``with confirm_once(...) as step:`` write, then set ``step.result_url`` and
    ``step.result_label``; one transaction. Raises :class:`AlreadyConfirmedError`.

    ``step.pk = None`` inside the block (nothing was written) releases the token.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                step = ConfirmedToken.objects.create(
                    token=token, purpose=purpose, organisation_pk=organisation.pk
                )
        except IntegrityError:
            earlier = ConfirmedToken.objects.filter(token=token).first()
            if earlier is None or earlier.organisation_pk != organisation.pk:
                raise ValidationError(
                    "Подтверждение не найдено: откройте предпросмотр заново.", code="bad_token"
                ) from None
            raise AlreadyConfirmedError(earlier) from None
        pk = step.pk
        yield step
        if step.pk is None:
            ConfirmedToken.objects.filter(pk=pk).delete()
        else:
            step.save(update_fields=["result_url", "result_label"])


def already_confirmed(request, step: ConfirmedToken):
    """The answer to a second confirmation: what the first one made, and a link to it."""
    return render(request, "already_confirmed.html", {"step": step}, status=200)
