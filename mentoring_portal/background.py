"""Background tasks: the portal's pieces around Django's Tasks API (django-tasks).

Define a task in ``<app>/tasks.py`` with ``from django_tasks import task`` and enqueue it from a
service or a view; settings.TASKS says where it runs (see settings/base.py).
"""

from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend


class TaskFailedError(Exception):
    """A task run by the strict backend failed; the message carries its traceback."""


class StrictImmediateBackend(ImmediateBackend):
    """Runs the task at once like ImmediateBackend, but a failure raises instead of being stored
    on the result: a test whose task breaks fails, it does not pass over a logged traceback."""

    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if result.status == TaskResultStatus.FAILED:
            raise TaskFailedError(f"{task.module_path} failed:\n{result.errors[-1].traceback}")
        return result
