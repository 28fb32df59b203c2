from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from mentoring_portal.backup import BackupError, describe, restore


class Command(BaseCommand):
    help = (
        "Восстанавливает портал из архива manage.py backup в пустую базу данных и пустое "
        "хранилище файлов: проверяет контрольные суммы, загружает базу и файлы, применяет "
        "миграции, заново обезличивает данные отозвавших согласие и удаляет старые записи "
        "о входах."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="архив резервной копии (.tar.gz)")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Восстановлена {describe(manifest)}")
        # An archive of an older version of the portal is brought up to this one.
        call_command("migrate", interactive=False, verbosity=0)
        # The copy may predate the anonymisation of people who withdrew their consent, or the
        # expiry of login records: both run again before anyone logs in.
        call_command("anonymise_withdrawn", stdout=self.stdout)
        call_command("expire_login_records", stdout=self.stdout)
