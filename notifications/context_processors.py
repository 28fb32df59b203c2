"""The bell in the top bar: the unread count, one query on a page that shows it, none else."""

from functools import cached_property


class Bell:
    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        from notifications.services import unread_count

        return unread_count(self.user)


def bell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
