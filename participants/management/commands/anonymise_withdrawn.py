from django.core.management.base import BaseCommand

from participants.anonymisation import RETENTION_DAYS, anonymise_withdrawn


class Command(BaseCommand):
    help = (
        f"Обезличивает данные участников, отозвавших согласие более {RETENTION_DAYS} дней назад. "
        "Запускать ежедневно (cron)."
    )

    def handle(self, *args, **options):
        done = anonymise_withdrawn()
        self.stdout.write(f"Обезличено участников: {len(done)}")
