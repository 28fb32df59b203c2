"""manage.py import_roadmap FILE --organisation <id or short name> [--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participants.models import Organisation
from roadmap.importing import RoadmapImportError, read_roadmap
from roadmap.importing.saving import match_people, roadmap_import


class Command(BaseCommand):
    help = (
        "Импорт дорожной карты из .docx, .doc, .pdf, .xlsx, .txt/.tsv или .html: создаёт "
        "черновик. "
        "С --dry-run --json ничего не записывает и печатает, что было понято."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл дорожной карты")
        parser.add_argument(
            "--organisation", required=True, help="id или краткое название организации"
        )
        parser.add_argument("--dry-run", action="store_true", help="ничего не записывать")
        parser.add_argument("--json", action="store_true", help="вывести результат как JSON")

    def handle(self, *args, file, organisation, dry_run, json: bool, **options):
        organisation = self._organisation(organisation)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Не удалось открыть файл {path}: {error.strerror}.") from error
        try:
            # No web request waits here: a 100-page PDF may take longer than a page view.
            imported = read_roadmap(data, path.name, progress=self._progress, timeout=600)
        except RoadmapImportError as error:
            raise CommandError(f"{path.name}: {error.message}") from error
        result = imported.to_dict()
        names = {name for a in imported.activities for name in a.responsible_people_names}
        people = match_people(organisation, names)
        for stage in result["stages"]:
            for activity in stage["activities"]:
                activity["responsible_people"] = [
                    {"name": name, "person_id": people[name].pk if people.get(name) else None}
                    for name in activity["responsible_people_names"]
                ]
        result["organisation"] = {"id": organisation.pk, "short_name": organisation.short_name}
        if not dry_run:
            roadmap = roadmap_import(organisation=organisation, imported=imported, by=None)
            result["created_roadmap_id"] = roadmap.pk
        if json:
            self.stdout.write(_dumps(result))
            return
        activities = imported.activities
        verb = "Будет создана" if dry_run else "Создана"
        suffix = "" if dry_run else f" (id {result['created_roadmap_id']})"
        self.stdout.write(
            f"{verb} дорожная карта-черновик «{imported.title}»{suffix} для "
            f"{organisation.short_name}: период {imported.period_start:%d.%m.%Y}–"
            f"{imported.period_end:%d.%m.%Y}, этапов {len(imported.stages)}, мероприятий "
            f"{len(activities)}, из них с предупреждениями {imported.unsure_count}."
        )
        for warning in imported.warnings:
            self.stdout.write(f"  ! {warning}")

    def _progress(self, done: int, total: int) -> None:
        """Pages of a PDF as they are read, on stderr (stdout keeps the JSON clean)."""
        if total >= 5 and (done == total or done % 10 == 0 or done == 1):
            self.stderr.write(f"Прочитано страниц: {done} из {total}")

    def _organisation(self, value: str) -> Organisation:
        found = (
            Organisation.objects.filter(pk=int(value))
            if value.isdigit()
            else Organisation.objects.filter(short_name__iexact=value.strip())
        )
        organisations = list(found[:2])
        if len(organisations) != 1:
            raise CommandError(
                f"Организация «{value}» не найдена"
                + (" однозначно." if organisations else ".")
                + " Укажите id или точное краткое название."
            )
        return organisations[0]


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
