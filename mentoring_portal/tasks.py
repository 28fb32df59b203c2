"""The portal's own background tasks: the daily jobs (deploy/ runs `manage.py daily_jobs`)."""

from django.core.management import call_command, get_commands
from django_tasks import task

# In the order they run. A job whose command is not installed (an app switched off) is skipped.
DAILY_COMMANDS = ("send_reminders", "anonymise_withdrawn", "expire_login_records")


@task()
def run_daily_command(name: str) -> str:
    """One daily management command, run by the worker; returns what it printed (stored on the
    task's result, so the admin shows the last run)."""
    from io import StringIO

    if name not in DAILY_COMMANDS:
        raise ValueError(f"{name!r} is not a daily job")
    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def enqueue_daily_jobs() -> list[str]:
    """Enqueue every daily job that exists here; returns their names."""
    installed = get_commands()
    names = [name for name in DAILY_COMMANDS if name in installed]
    for name in names:
        run_daily_command.enqueue(name)
    return names
