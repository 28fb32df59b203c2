from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mentoring_portal.demo import DemoContext, demo_steps

DEFAULT_PASSWORD = "nastavnik-2026"  # noqa: S105  (demo accounts only; printed to the user)
DEMO_LOGINS = ("director", "curator", "teacher", "mentor", "mentee", "coordinator")


class Command(BaseCommand):
    help = "Создаёт демонстрационную школу (и вторую, поменьше) с учётной записью на каждую роль."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="пароль демо-учётных записей"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="загрузить, только если в базе ещё нет пользователей (для первого запуска)",
        )
        parser.add_argument(
            "--force", action="store_true", help="загрузить, даже если демо-данные уже есть"
        )

    def handle(self, *args, password, if_empty, force, **options):
        users = get_user_model().objects
        if if_empty and users.exists():
            self.stdout.write(
                "В базе уже есть данные: демо-данные не загружаются, всё введённое сохранено."
            )
            return
        if users.filter(username__in=DEMO_LOGINS).exists() and not force:
            raise CommandError(
                "Демо-данные уже загружены в эту базу. Чтобы загрузить их ещё раз, "
                "укажите --force (демо-организации будут созданы заново)."
            )
        context = DemoContext(password=password)
        with transaction.atomic():
            for step in demo_steps():
                step.function(context)
        self.stdout.write(self.style.SUCCESS("Демо-данные загружены. Учётные записи:"))
        width = max(len(login) for login, _, _ in context.accounts)
        for login, role, organisation in context.accounts:
            self.stdout.write(f"  {login.ljust(width)}  {role} — {organisation}")
        self.stdout.write(f"Пароль у всех: {password}")
