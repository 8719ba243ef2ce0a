"""Fixtures for task tests: a secretary-assigned task owned by the STC member's record."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.directives import services as directives
from hatnhan.tasks import services

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def docx(name: str = "bao-cao.docx", *, payload: bytes = b"<w:document/>") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", payload)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def owner(users):
    """The member behind the `member` account (STC-NS cell)."""
    return users["member"].member


@pytest.fixture
def make_task(tree, users, owner, today):
    def make(**values):
        values.setdefault("organization", tree["stc"])
        values.setdefault("title", "Rà soát thủ tục hành chính của phòng")
        values.setdefault("expected_result", "Danh mục TTHC rà soát xong, 100% công khai")
        values.setdefault("owner", owner)
        values.setdefault("due_date", today + dt.timedelta(days=10))
        actor = values.pop("actor", users["secretary"])
        return services.create_task(actor=actor, **values)

    return make


@pytest.fixture
def deputy(tree, make_member):
    """A secretary of STC whose account is linked to her member record."""
    member = make_member(tree["stc"], "Cao Thị Hạnh")
    return create_user(
        actor=None,
        username="stc.bithu",
        role="secretary",
        organization=tree["stc"],
        member=member,
        password="demo",
        check_password=False,
    )


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def extension(task, users):
    """A pending request by the task's owner for three more days."""
    return services.request_extension(
        actor=users["member"],
        task=task,
        requested_due_date=task.due_date + dt.timedelta(days=3),
        reason="Bận",
    )


def awaiting(task, users):
    """Bring a task to awaiting acceptance, reported by its owner."""
    services.report_progress(
        actor=users["member"], task=task, percent=100, note="Xong", submit=True
    )
    task.refresh_from_db()
    return task


@pytest.fixture
def long_focus_list(settings, tree, users):
    """Three focus issues of STC's resolution of this month, with PICKER_MAX_OPTIONS at 2:
    a list too long to draw, searched instead."""
    settings.PICKER_MAX_OPTIONS = 2
    today = timezone.localdate()
    resolution = directives.create_resolution(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="monthly",
        title="Nghị quyết tháng",
        adopted_on=today,
        period_start=today.replace(day=1),
        period_end=today + dt.timedelta(days=30),
    )
    return [
        directives.create_focus_issue(
            actor=users["secretary"], resolution=resolution, title=title, level="pressing"
        )
        for title in ("Chấn chỉnh giờ giấc", "Cải cách thủ tục", "Chống lãng phí")
    ]
