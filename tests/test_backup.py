"""manage.py backup and manage.py restore: one archive gives back every table and every file, on
SQLite and on PostgreSQL, into an empty database and storage, and the anonymisation runs again.

The archive is made in this process (the test's database and a media folder of its own); the
restore runs as a school's administrator runs it — manage.py under the production settings, in
its own process, over a new empty database and an empty media folder."""

import gzip
import io
import sqlite3
import subprocess
import tarfile
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from mentoring_portal.backup import storage_files
from participants.services import consent_withdraw
from participants.tests.factories import ConsentFactory, ConsentTextFactory
from tests.production import ROOT, VENV_BIN, database_url, production_environment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of a new empty database of the same engine, dropped afterwards; and a
    function that opens it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}"
        return
    import psycopg2

    name = f"restore_{uuid.uuid4().hex[:12]}"
    config = {**connection.settings_dict, "NAME": name}
    admin = psycopg2.connect(**_libpq(connection.settings_dict, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(config)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _libpq(config: dict, name: str) -> dict:
    options = {"dbname": name, "user": config.get("USER") or None}
    options.update(host=config.get("HOST") or "127.0.0.1", port=config.get("PORT") or 5432)
    if config.get("PASSWORD"):
        options["password"] = config["PASSWORD"]
    return options


def open_database(url: str):
    """A plain DB-API connection (not Django's: the same reading on both sides)."""
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    import psycopg2

    name = url.rsplit("/", 1)[1]
    return psycopg2.connect(**_libpq(connection.settings_dict, name))


def every_table(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, as the database gives it."""
    database = open_database(url)
    try:
        cursor = database.cursor()
        if url.startswith("sqlite"):
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(row[0] for row in cursor.fetchall())
        result = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  # nosec B608
            result[table] = sorted(cursor.fetchall(), key=repr)
        return result
    finally:
        database.close()


def every_file(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def restore_command(archive: Path, database: str, tmp_path: Path) -> subprocess.CompletedProcess:
    var = tmp_path / "restored-var"
    env = production_environment(
        var, 8116, database, DJANGO_MEDIA_ROOT=str(var / "media"), DJANGO_SECRET_KEY="restore"
    )
    return subprocess.run(  # nosec B603
        [str(VENV_BIN / "python"), "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def a_school_with_files(world):
    """The personas, a paper consent with its scan, and a few more stored files."""
    text = ConsentTextFactory(organisation=world.school)
    ConsentFactory(person=world.people["mentor"], text=text, paper=True)
    ConsentFactory(person=world.people["mentee"], text=text)
    default_storage.save("evidence/отчёт.pdf", ContentFile(b"%PDF-1.4 report\n" * 100))
    default_storage.save("orders/2026/1.pdf", ContentFile(bytes(range(256)) * 64))


def test_a_backup_restores_every_table_and_every_file(world, media, empty_database, tmp_path):
    a_school_with_files(world)
    before_tables = every_table(database_url(connection.settings_dict))
    before_files = every_file(media)
    assert len(before_files) == 3
    assert sum(len(rows) for rows in before_tables.values()) > 100

    archive = tmp_path / "copy.tar.gz"
    out = io.StringIO()
    call_command("backup", output=archive, stdout=out)
    assert f"Резервная копия записана: {archive}" in out.getvalue()
    assert "файлов: 3" in out.getvalue()
    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names
    assert {f"files/{name}" for name in before_files} <= set(names)

    restored = restore_command(archive, empty_database, tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Восстановлена копия от" in restored.stdout
    assert "Обезличено участников: 0" in restored.stdout

    assert every_table(empty_database) == before_tables
    assert every_file(tmp_path / "restored-var" / "media") == before_files


def test_a_restore_anonymises_who_withdrew_after_the_backup(world, media, empty_database, tmp_path):
    text = ConsentTextFactory(organisation=world.school)
    teacher = world.people["teacher"]
    consent = ConsentFactory(person=teacher, text=text, paper=True)
    consent.given_at -= timedelta(days=400)
    consent.save()
    consent_withdraw(
        consent=consent,
        by=world.user("curator"),
        date=timezone.localdate() - timedelta(days=31),
        reason="Заявление от участника",
    )
    # The copy was made before the daily job ran: the teacher's name is still in it.
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())

    restored = restore_command(archive, empty_database, tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Обезличено участников: 1" in restored.stdout
    database = open_database(empty_database)
    try:
        cursor = database.cursor()
        cursor.execute(
            "SELECT last_name, anonymised_at FROM participants_person WHERE id = %s".replace(
                "%s", "?" if empty_database.startswith("sqlite") else "%s"
            ),
            (teacher.pk,),
        )
        last_name, anonymised_at = cursor.fetchone()
    finally:
        database.close()
    assert last_name != teacher.last_name
    assert anonymised_at is not None


def test_a_damaged_archive_is_refused_before_anything_is_written(
    world, media, empty_database, tmp_path
):
    a_school_with_files(world)
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    # One byte of a stored file changed inside the archive.
    raw = bytearray(gzip.decompress(archive.read_bytes()))
    at = raw.find(b"%PDF-1.4 report")
    raw[at] ^= 0xFF
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(gzip.compress(bytes(raw)))

    restored = restore_command(damaged, empty_database, tmp_path)
    assert restored.returncode == 1
    assert "Контрольная сумма не сходится: files/evidence/отчёт.pdf" in restored.stderr
    assert every_table(empty_database) == {}
    assert not (tmp_path / "restored-var" / "media").exists()


def test_a_restore_refuses_a_database_that_is_not_empty(world, media, tmp_path):
    archive = tmp_path / "copy.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="База данных не пуста"):
        call_command("restore", archive)
    default_storage.save("evidence/x.pdf", ContentFile(b"x"))
    assert storage_files() == ["evidence/x.pdf"]
