from django.core.management.base import BaseCommand

from participants import importing
from participants.anonymisation import RETENTION_DAYS, anonymise_withdrawn


class Command(BaseCommand):
    help = (
        f"Обезличивает данные участников, отозвавших согласие более {RETENTION_DAYS} дней назад, "
        "и удаляет брошенные файлы импорта. Запускать ежедневно (cron)."
    )

    def handle(self, *args, **options):
        done = anonymise_withdrawn()
        stale = importing.discard_stale()
        self.stdout.write(f"Обезличено участников: {len(done)}; удалено файлов импорта: {stale}")
