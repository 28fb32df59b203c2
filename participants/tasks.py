"""Background work of participants (django-tasks): invitation letters go out from the worker."""

from django_tasks import task


@task()
def send_login_invitations(user_ids: list[int]) -> int:
    """The invitation letters of logins just created (enqueued after the transaction commits)."""
    from participants.invitations import send_invitations

    return send_invitations(user_ids)
