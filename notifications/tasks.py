"""Background work of notifications (django-tasks): the e-mail goes out from the worker."""

from django_tasks import task


@task()
def send_instant_mail() -> dict:
    """Send the pending instant notifications (enqueued after a write that notified)."""
    from notifications.mail import send_instant

    return send_instant()
