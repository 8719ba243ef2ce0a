"""Backup and restore of the whole state: the database and the uploaded files (MEDIA_ROOT).

An archive is one tar file:

- ``manifest.json`` — format, when (UTC), the database engine, the applied migrations, every
  table's row count, and the size and SHA-256 of every other member of the archive;
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the app runs) or
  ``database.pgdump`` (``pg_dump --format=custom``: one snapshot transaction);
- ``media/…`` — every uploaded file.

Restore checks the archive *before* touching anything — every member present, its size and
hash as the manifest says, no path outside ``media/``, the same database engine — then
replaces the database and MEDIA_ROOT, and checks the row counts against the manifest. The
caller then runs ``audit verify`` (the command does), so a restore that lost history says so.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class RestoreResult:
    created_at: str
    tables: int
    rows: int
    files: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def _libpq_env() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments for the database Django uses now."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(
            f"Không tìm thấy {command[0]} (cài gói postgresql-client cùng phiên bản máy chủ)."
        ) from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {result.stderr.strip()[:2000]}")


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        args, env = _libpq_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)


def create_backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output` (a new file) and return its manifest."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    output = Path(output)
    if output.exists():
        raise BackupError(f"Tệp {output} đã có: chọn tên khác, bản sao lưu không ghi đè.")
    with tempfile.TemporaryDirectory(prefix="hatnhan-backup-") as scratch:
        database = Path(scratch) / DATABASE_MEMBER[engine]
        _dump_database(engine, database)
        files = list(_media_files(media_root))
        members = {database.name: {"size": database.stat().st_size, "sha256": _sha256(database)}}
        for path in files:
            name = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
            members[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "tables": table_counts(),
            "members": members,
        }
        manifest_path = Path(scratch) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, MANIFEST)
            archive.add(database, database.name)
            for path in files:
                archive.add(path, MEDIA_PREFIX + path.relative_to(media_root).as_posix())
        # A half-written archive never carries the final name.
        partial.replace(output)
    return manifest


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and "\\" not in name


def _open(archive_path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(archive_path, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được bản sao lưu {archive_path}: {exc}") from exc


def read_manifest(archive_path: Path) -> dict[str, Any]:
    """The archive's manifest, after checking every member against it (nothing is written)."""
    with _open(archive_path) as archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST))  # type: ignore[arg-type]
        except (KeyError, ValueError, TypeError) as exc:
            raise BackupError("Bản sao lưu thiếu hoặc hỏng manifest.json.") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Định dạng bản sao lưu {manifest.get('format')} không được hỗ trợ.")
        expected = manifest.get("members", {})
        seen: set[str] = set()
        for member in archive.getmembers():
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_name(member.name):
                raise BackupError(f"Bản sao lưu có mục không hợp lệ: {member.name!r}.")
            if member.name not in expected:
                raise BackupError(f"Bản sao lưu có tệp lạ không có trong manifest: {member.name}.")
            digest = hashlib.sha256()
            fh = archive.extractfile(member)
            assert fh is not None
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
            want = expected[member.name]
            if member.size != want["size"] or digest.hexdigest() != want["sha256"]:
                raise BackupError(f"Tệp {member.name} trong bản sao lưu đã bị thay đổi hoặc hỏng.")
            seen.add(member.name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"Bản sao lưu thiếu {len(missing)} tệp, ví dụ {missing[0]}.")
    return manifest


_DROP_PARTITIONED = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c
           WHERE c.relkind = 'p' AND c.relnamespace = current_schema()::regnamespace
           AND NOT c.relispartition
  LOOP
    EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', r.t);
  END LOOP;
END $$;
"""


def _restore_database(engine: str, dump: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
    else:
        # pg_restore needs the tables free: Django's own connection lets go of them first.
        connection.close()
        args, env = _libpq_env()
        # pg_restore --clean drops a partition's inherited constraints one by one, which
        # PostgreSQL refuses (the audit trail is partitioned by month). So the restore is
        # pg_restore's script run by psql in one transaction, after dropping the partitioned
        # tables whole: all or nothing, as `pg_restore --single-transaction` was.
        script = dump.with_suffix(".sql")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--file", str(script),
              str(dump)], env)  # fmt: skip
        try:
            _run(
                [
                    "psql",
                    "--no-psqlrc",
                    "--quiet",
                    "--single-transaction",
                    "--set",
                    "ON_ERROR_STOP=1",
                    "--command",
                    _DROP_PARTITIONED,
                    "--file",
                    str(script),
                    *args,
                ],
                env,
            )
        finally:
            script.unlink(missing_ok=True)


def _restore_media(archive: tarfile.TarFile, media_root: Path) -> int:
    """Unpack the files beside MEDIA_ROOT, then swap the folders: a failure midway leaves the
    old files in place."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    count = 0
    try:
        for member in archive.getmembers():
            if not member.name.startswith(MEDIA_PREFIX):
                continue
            target = staging / member.name[len(MEDIA_PREFIX) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as src, target.open("wb") as dst:  # type: ignore[union-attr]
                shutil.copyfileobj(src, dst, CHUNK)
            count += 1
        old = media_root.with_name(media_root.name + ".before-restore")
        if old.exists():
            shutil.rmtree(old)
        if media_root.exists():
            media_root.rename(old)
        staging.rename(media_root)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def restore_backup(archive_path: Path) -> RestoreResult:
    """Replace the database and MEDIA_ROOT with the archive's, after checking it whole."""
    engine = _engine()
    manifest = read_manifest(archive_path)
    if manifest["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu của cơ sở dữ liệu {manifest['engine']} không khôi phục được vào {engine}."
        )
    with (
        tempfile.TemporaryDirectory(prefix="hatnhan-restore-") as scratch,
        _open(archive_path) as archive,
    ):
        name = DATABASE_MEMBER[engine]
        dump = Path(scratch) / name
        with archive.extractfile(name) as src, dump.open("wb") as dst:  # type: ignore[union-attr]
            shutil.copyfileobj(src, dst, CHUNK)
        _restore_database(engine, dump)
        files = _restore_media(archive, Path(settings.MEDIA_ROOT))
    counts = table_counts()
    differing = sorted(
        t
        for t in set(counts) | set(manifest["tables"])
        if counts.get(t) != manifest["tables"].get(t)
    )
    if differing:
        raise BackupError(
            f"Sau khi khôi phục, số dòng khác bản sao lưu ở {len(differing)} bảng, ví dụ "
            f"{differing[0]}: {counts.get(differing[0])} ≠ {manifest['tables'].get(differing[0])}."
        )
    return RestoreResult(
        created_at=manifest["created_at"],
        tables=len(counts),
        rows=sum(counts.values()),
        files=files,
    )
