from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import mail, reminders
from notifications.services import notifications_purge


class Command(BaseCommand):
    help = (
        "Ежедневные напоминания: сроки мероприятий дорожной карты и пунктов программ, "
        "анкетирования, пары без встреч, еженедельная сводка просроченного. Каждое напоминание "
        "приходит человеку один раз; письма одного дня собираются в одну сводку. Запускать раз "
        "в день (manage.py daily_jobs или cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="день, за который считать напоминания (ГГГГ-ММ-ДД), по умолчанию сегодня"
        )

    def handle(self, *args, date=None, **options):
        from datetime import date as Date

        try:
            today = Date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"Дата должна быть в виде ГГГГ-ММ-ДД, а не «{date}».") from None
        purged = notifications_purge() + reminders.purge_records(today=today)
        told = reminders.deliver(reminders.collect(today), today=today)
        instant = mail.send_instant()
        digest = mail.send_digests(day=today)
        self.stdout.write(
            f"Напоминаний: {told}; писем отправлено: {instant['sent'] + digest['sent']}, "
            f"не отправлено (повтор в следующий раз): {instant['failed'] + digest['failed']}, "
            f"адресов не принято: {instant['bounced'] + digest['bounced']}; "
            f"удалено старых записей: {purged}."
        )
