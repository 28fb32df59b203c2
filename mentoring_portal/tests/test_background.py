"""Background tasks: the strict test backend, the database queue and the daily jobs."""

from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from mentoring_portal.background import TaskFailedError
from mentoring_portal.env import env_choice
from mentoring_portal.settings.base import TASK_BACKENDS

DATABASE_QUEUE = {"default": {"BACKEND": TASK_BACKENDS["database"], "QUEUES": ["default"]}}


@task()
def broken_task():
    raise ZeroDivisionError("деление на ноль")


def test_a_failing_task_fails_the_test_that_enqueued_it():
    with pytest.raises(TaskFailedError, match="ZeroDivisionError"):
        broken_task.enqueue()


def test_the_backend_is_chosen_by_name_and_a_typo_stops_the_start(monkeypatch):
    monkeypatch.setenv("DJANGO_TASKS_BACKEND", "Database")
    assert env_choice("DJANGO_TASKS_BACKEND", TASK_BACKENDS, "immediate") == (
        "django_tasks_db.DatabaseBackend"
    )
    monkeypatch.setenv("DJANGO_TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="database, immediate, strict"):
        env_choice("DJANGO_TASKS_BACKEND", TASK_BACKENDS, "immediate")


# The worker takes its task in a transaction of its own (BEGIN EXCLUSIVE on SQLite): not inside
# the test's.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_daily_jobs_wait_in_the_database_queue_until_the_worker_runs_them():
    old = AccessLog.objects.create(user_agent="x", ip_address="10.0.0.1", username="u")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(days=400))
    fresh = AccessLog.objects.create(user_agent="x", ip_address="10.0.0.1", username="u")

    with override_settings(TASKS=DATABASE_QUEUE):
        call_command("daily_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
        queued = list(DBTaskResult.objects.values_list("status", "args_kwargs"))
        assert {kwargs["args"][0] for _, kwargs in queued} >= {
            "anonymise_withdrawn",
            "expire_login_records",
        }
        assert {status for status, _ in queued} == {TaskResultStatus.READY}
        assert AccessLog.objects.filter(pk=old.pk).exists()  # nothing ran yet

        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.filter(pk=fresh.pk).exists()
    done = DBTaskResult.objects.get(args_kwargs__args=["expire_login_records"])
    assert "Удалено записей о входах старше 90 дней: 1" in done.return_value
