"""One archive holds the whole portal: the database, every uploaded file, a manifest with checksums.

    manage.py backup [--output FILE]        → var/backups/nastavnik-2026-12-07-031500.tar.gz
    manage.py restore FILE                  → into an empty database and an empty storage

The archive (tar, gzip) holds:
- ``manifest.json``: when, which engine, the migrations applied, the row count of every table, and
  the size and SHA-256 of every member;
- ``database/db.sqlite3`` (SQLite's online backup API: a consistent copy while the portal runs) or
  ``database/db.dump`` (``pg_dump -Fc``; needs the PostgreSQL client of the server's major version
  or newer);
- ``files/<name>``: every file of ``default_storage`` (the local folder or an object store), read
  and written through the storage API only.

A restore checks every checksum before it writes anything, loads the database, compares the row
counts, puts the files back under their own names, migrates (an archive of an older version) and
runs the anonymisation and the expiry of login records again: the copy may predate them.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.dump"}
FILES = "files/"
# Uploads waiting for their preview to be confirmed are not the school's data.
SKIPPED_PREFIXES = ("imports/",)
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message is for the administrator."""


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"Резервное копирование базы {vendor} не поддерживается.")
    return vendor


def storage_files(storage=default_storage, directory: str = "") -> list[str]:
    """Every file name of ``storage`` under ``directory``, sorted; through the storage API only."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}{name}" for name in files]
    for name in directories:
        names += storage_files(storage, f"{directory}{name}/")
    return sorted(name for name in names if not name.startswith(SKIPPED_PREFIXES))


def table_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            sql = f"SELECT COUNT(*) FROM {quote(table)}"  # noqa: S608 - own table names  # nosec B608
            cursor.execute(sql)
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_arguments() -> tuple[list[str], dict]:
    """libpq's command-line options for the portal's PostgreSQL database, the password in the
    environment (never on the command line)."""
    config = connection.settings_dict
    arguments = ["--dbname", config["NAME"]]
    if config.get("HOST"):
        arguments += ["--host", config["HOST"]]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", config["USER"]]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return arguments, env


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore, at least as new as the server (an older one refuses to dump)."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Не найдена программа {name}: установите postgresql-client "
            "(sudo apt-get install -y postgresql-client)."
        )
    version = subprocess.run(  # noqa: S603 - a found program, fixed argument  # nosec B603
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    client_major = int(version.split()[-1].split(".")[0])
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"{name} версии {client_major} старее сервера PostgreSQL {server_major}: "
            f"установите postgresql-client-{server_major}."
        )
    return path


def _run(command: list[str], env: dict) -> None:
    # pg_dump / pg_restore found by _pg_tool, with the settings' database.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} завершился с ошибкой:\n{result.stderr}")


def dump_database(target: Path) -> None:
    """A consistent copy of the database while the portal runs."""
    if engine() == "sqlite":
        connection.close()
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    arguments, env = _pg_arguments()
    tool = _pg_tool("pg_dump")
    _run(
        [
            tool,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            *arguments,
        ],
        env,
    )


def _default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"nastavnik-{stamp}.tar.gz"


def backup(output: Path | None = None) -> tuple[Path, dict]:
    """Write the archive (mode 600: personal data) and return its path and its manifest."""
    kind = engine()
    output = Path(output) if output else _default_output()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nastavnik-backup-") as scratch:
        database = Path(scratch) / Path(DATABASE_MEMBER[kind]).name
        counts = table_counts()
        dump_database(database)
        members = {
            DATABASE_MEMBER[kind]: {"size": database.stat().st_size, "sha256": _sha256(database)}
        }
        partial = output.with_name(output.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(database, arcname=DATABASE_MEMBER[kind])
            for name in storage_files():
                members[FILES + name] = _add_stored_file(archive, name, Path(scratch))
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "engine": kind,
                "migrations": applied_migrations(),
                "tables": counts,
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
        partial.replace(output)
    return output, manifest


def _add_stored_file(archive: tarfile.TarFile, name: str, scratch: Path) -> dict:
    """Copy one stored file into the archive through a local copy (an object store's file has no
    path and may not know its size before it is read)."""
    local = scratch / "file"
    with default_storage.open(name, "rb") as source, local.open("wb") as copy:
        shutil.copyfileobj(source, copy, CHUNK)
    entry = {"size": local.stat().st_size, "sha256": _sha256(local)}
    info = archive.gettarinfo(local, arcname=FILES + name)
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    with local.open("rb") as handle:
        archive.addfile(info, handle)
    return entry


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise BackupError("В архиве нет manifest.json: это не резервная копия портала.") from None
    manifest = json.loads(archive.extractfile(member).read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Неизвестный формат копии: {manifest.get('format')}.")
    return manifest


def _unpack_checked(archive: tarfile.TarFile, manifest: dict, scratch: Path) -> None:
    """Every member the manifest names, into ``scratch``, each checked against its checksum;
    nothing else is taken from the archive."""
    names = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
    if names != set(manifest["members"]):
        extra = sorted(names ^ set(manifest["members"]))[:5]
        raise BackupError(f"Архив не совпадает с описью (manifest.json): {', '.join(extra)}.")
    for name, expected in manifest["members"].items():
        target = scratch / name
        if not target.resolve().is_relative_to(scratch.resolve()):
            raise BackupError(f"Недопустимое имя в архиве: {name}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(name) as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        if target.stat().st_size != expected["size"] or _sha256(target) != expected["sha256"]:
            raise BackupError(f"Контрольная сумма не сходится: {name}. Копия повреждена.")


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load_database(kind: str, dump: Path) -> None:
    if kind == "sqlite":
        connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    arguments, env = _pg_arguments()
    tool = _pg_tool("pg_restore")
    _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *arguments,
            str(dump),
        ],
        env,
    )


def restore(path: Path) -> dict:
    """Load the archive into the (empty) database and storage; returns its manifest. The caller
    migrates and re-runs the anonymisation afterwards."""
    kind = engine()
    try:
        archive = tarfile.open(path, mode="r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Не удалось открыть архив {path}: {error}") from None
    with archive, tempfile.TemporaryDirectory(prefix="nastavnik-restore-") as scratch:
        manifest = read_manifest(archive)
        if manifest["engine"] != kind:
            raise BackupError(
                f"Копия сделана с базы {manifest['engine']}, а портал настроен на {kind}: "
                "восстановите её в базу того же вида."
            )
        if not database_is_empty():
            raise BackupError(
                "База данных не пуста. Восстановление делается в новую пустую базу "
                "(без таблиц, до manage.py migrate)."
            )
        if storage_files():
            raise BackupError(
                "В хранилище файлов уже есть файлы. Восстановление делается в пустое хранилище."
            )
        _unpack_checked(archive, manifest, Path(scratch))
        load_database(kind, Path(scratch) / DATABASE_MEMBER[kind])
        counts = table_counts()
        differ = sorted(t for t, n in manifest["tables"].items() if counts.get(t) != n)
        if differ:
            raise BackupError(
                f"После загрузки не совпало число строк в таблицах: {', '.join(differ)}."
            )
        for name in manifest["members"]:
            if not name.startswith(FILES):
                continue
            stored_name = name.removeprefix(FILES)
            with (Path(scratch) / name).open("rb") as handle:
                saved = default_storage.save(stored_name, File(handle, name=stored_name))
            if saved != stored_name:
                raise BackupError(f"Файл {stored_name} сохранён под другим именем: {saved}.")
    return manifest


def describe(manifest: dict) -> str:
    files = sum(1 for name in manifest["members"] if name.startswith(FILES))
    rows = sum(manifest["tables"].values())
    created = datetime.fromisoformat(manifest["created"])
    when = timezone.localtime(created).strftime("%d.%m.%Y %H:%M")
    tables = len(manifest["tables"])
    database = f"база {manifest['engine']}, {rows} строк в {tables} таблицах"
    return f"копия от {when}: {database}, файлов: {files}"
