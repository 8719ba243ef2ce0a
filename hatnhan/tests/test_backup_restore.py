"""`hatnhan backup` and `hatnhan restore`: every table and every uploaded file come back
identical, the audit chain verifies afterwards, and a damaged archive changes nothing."""

import datetime as dt
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from hatnhan.core.backup import MANIFEST
from hatnhan.members.services import create_member
from hatnhan.tasks import services as tasks
from hatnhan.tasks.tests.conftest import png

pytestmark = pytest.mark.django_db(transaction=True)


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, with binary values as bytes."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            fetched = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in cursor.fetchall()
            ]
            rows[table] = sorted(fetched, key=repr)
    return rows


def media_files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def record(tree, users, media):
    """Members, accounts and a task with evidence on disk: the state a backup must keep."""
    task = tasks.create_task(
        actor=users["secretary"],
        organization=tree["stc"],
        title="Rà soát thủ tục hành chính",
        expected_result="Danh mục rà soát xong",
        owner=users["member"].member,
        due_date=timezone.localdate() + dt.timedelta(days=14),
    )
    tasks.report_progress(
        actor=users["member"], task=task, percent=40, note="Đã rà soát 12 thủ tục", files=[png()]
    )
    assert media_files(media), "the fixture must leave files to back up"
    return task


def backup(tmp_path: Path) -> Path:
    archive = tmp_path / "backups" / "hatnhan.tar.gz"
    archive.parent.mkdir()
    call_command("backup", output=str(archive), stdout=io.StringIO())
    return archive


def test_a_restore_brings_back_every_table_and_file(tmp_path, media, record, tree):
    rows, files = database_rows(), media_files(media)
    archive = backup(tmp_path)

    # Life goes on after the backup: new rows, a file lost, a stray file.
    create_member(
        actor=None,
        organization=tree["stc_cell"],
        full_name="Lê Văn Mới",
        party_card_number="NEW000001",
        probationary_date=dt.date(2020, 1, 1),
    )
    next(p for p in media.rglob("*") if p.is_file()).unlink()
    (media / "stray.txt").write_text("không có trong bản sao lưu")
    assert database_rows() != rows

    out = io.StringIO()
    call_command("restore", str(archive), yes=True, stdout=out)

    assert database_rows() == rows
    assert media_files(media) == files
    assert "Nhật ký toàn vẹn" in out.getvalue()  # audit verify ran and passed


def test_check_only_reads_the_archive_and_changes_nothing(tmp_path, media, record):
    archive = backup(tmp_path)
    rows = database_rows()
    out = io.StringIO()
    call_command("restore", str(archive), check_only=True, stdout=out)
    assert "toàn vẹn" in out.getvalue()
    assert database_rows() == rows


def rewrite(archive: Path, change) -> Path:
    """A copy of the archive with its members passed through `change(name, data)`."""
    damaged = archive.with_name("damaged.tar.gz")
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            for name, content in change(member.name, data):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                dst.addfile(info, io.BytesIO(content))
    return damaged


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda n, d: [(n, d + b"x" if n.startswith("media/") else d)], "bị thay đổi"),
        (lambda n, d: [] if n.startswith("media/") else [(n, d)], "thiếu"),
        (
            lambda n, d: [(n, d)] + ([("media/../../evil", b"x")] if n == MANIFEST else []),
            "không hợp lệ",
        ),
        (lambda n, d: [(n, d)] + ([("media/extra.txt", b"x")] if n == MANIFEST else []), "tệp lạ"),
        (lambda n, d: [(n, d.replace(b'"format": 1', b'"format": 9'))], "Định dạng"),
    ],
    ids=["edited-file", "missing-file", "path-traversal", "unlisted-file", "unknown-format"],
)
def test_a_damaged_archive_is_refused_before_anything_changes(
    tmp_path, media, record, damage, message
):
    damaged = rewrite(backup(tmp_path), damage)
    rows, files = database_rows(), media_files(media)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(damaged), yes=True, stdout=io.StringIO())
    assert database_rows() == rows
    assert media_files(media) == files


def test_an_archive_of_another_database_engine_is_refused(tmp_path, media, record):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def swap_engine(name, data):
        if name == MANIFEST:
            manifest = json.loads(data)
            manifest["engine"] = other
            data = json.dumps(manifest).encode()
        return [(name, data)]

    damaged = rewrite(backup(tmp_path), swap_engine)
    rows = database_rows()
    with pytest.raises(CommandError, match="không khôi phục được"):
        call_command("restore", str(damaged), yes=True, stdout=io.StringIO())
    assert database_rows() == rows


def test_a_backup_never_overwrites_a_file(tmp_path, media, record):
    archive = backup(tmp_path)
    before = archive.read_bytes()
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == before
