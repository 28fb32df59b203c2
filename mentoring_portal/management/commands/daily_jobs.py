from django.core.management.base import BaseCommand

from mentoring_portal.tasks import DAILY_COMMANDS, enqueue_daily_jobs


class Command(BaseCommand):
    help = (
        "Ставит в очередь ежедневные задачи ("
        + ", ".join(DAILY_COMMANDS)
        + "); их выполняет фоновый обработчик (manage.py db_worker). Запускать ежедневно "
        "(таймер systemd из deploy/ или cron)."
    )

    def handle(self, *args, **options):
        names = enqueue_daily_jobs()
        self.stdout.write("Поставлено в очередь: " + ", ".join(names))
