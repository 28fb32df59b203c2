"""The portal's one way to refuse an action, and the one way to show the refusal.

A service that will not do what it was asked raises :class:`ServiceError`: one or several Russian
sentences for the user, each with a ``code`` tests and callers can tell apart. It is a
``ValidationError``, so a form treats it like its own errors and ``error.messages`` lists the
sentences. A view hands it to :func:`show_error`, which puts it on the form when there is one and
otherwise into the page's messages.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """An action the rules do not allow now; the message(s) are for the user as they are.

    ``message`` is a sentence, a list of sentences (each gets ``code``) or a dict of field →
    sentences, as ``ValidationError`` takes it. ``str(error)`` is the sentences joined, so a
    command line or a log shows what the user would see.
    """

    default_code = "refused"

    def __init__(self, message, code: str | None = None, params=None):
        code = code or self.default_code
        if isinstance(message, list | tuple):
            message = [
                m if isinstance(m, ValidationError) else ValidationError(m, code=code)
                for m in message
            ]
        super().__init__(message, code=code, params=params)

    def __str__(self) -> str:
        return " ".join(str(m) for m in self.messages)


def show_error(request, error: ValidationError, *, form=None) -> None:
    """Show a refusal: on ``form`` when given (each sentence on its field when the form has that
    field, otherwise above the form), else as one page message per sentence."""
    if form is None:
        for message in error.messages:
            messages.error(request, message)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def attempt(request, action, success: str, *, form=None) -> bool:
    """Run ``action()`` (a service call): on success the ``success`` message and True; refused,
    the refusal shown by :func:`show_error` (on ``form`` when given) and False."""
    try:
        action()
    except ValidationError as error:
        show_error(request, error, form=form)
        return False
    messages.success(request, success)
    return True
