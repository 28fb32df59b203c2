from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Удаляет записи о входах и неудачных попытках входа (django-axes) старше "
        "DJANGO_LOGIN_RECORDS_DAYS дней (по умолчанию 90). Запускать ежедневно (cron)."
    )

    def handle(self, *args, **options):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        cutoff = timezone.now() - timedelta(days=settings.LOGIN_RECORDS_DAYS)
        deleted = sum(
            model.objects.filter(attempt_time__lt=cutoff).delete()[0]
            for model in (AccessLog, AccessFailureLog, AccessAttempt)
        )
        self.stdout.write(
            f"Удалено записей о входах старше {settings.LOGIN_RECORDS_DAYS} дней: {deleted}"
        )
