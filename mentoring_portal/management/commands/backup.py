from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring_portal.backup import BackupError, backup, describe


class Command(BaseCommand):
    help = (
        "Резервная копия портала одним архивом: база данных (SQLite — онлайн-копией, PostgreSQL — "
        "pg_dump), все загруженные файлы и опись с контрольными суммами. Портал можно не "
        "останавливать. По умолчанию — var/backups/nastavnik-ГГГГ-ММ-ДД-ччммсс.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="куда записать архив (.tar.gz)")

    def handle(self, *args, output=None, **options):
        try:
            path, manifest = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Резервная копия записана: {path} ({describe(manifest)})")
