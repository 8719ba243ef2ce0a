"""An import batch's life: the template's rows counted right, no waiting for a worker that is
not there, every state change audited and readable, and cancel racing apply."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from hatnhan.audit.models import AuditEvent
from hatnhan.core.background import runs_in_process, start_queue_in_process
from hatnhan.core.restrict import restrict
from hatnhan.core.testing import run_concurrently
from hatnhan.exchange import services
from hatnhan.exchange.exports import MEMBER_SHEET
from hatnhan.exchange.models import ImportBatch, ImportStatus
from hatnhan.exchange.readers import count_rows
from hatnhan.members.models import Member

from .sheets import HEADER, row, simple, to_bytes

pytestmark = pytest.mark.django_db


def _upload(client, tree, data: bytes):
    return client.post(
        reverse("exchange:import-members"),
        {"organization": tree["stc"].pk, "file": SimpleUploadedFile("mau.xlsx", data)},
    )


def _filled_template(client, n: int) -> bytes:
    """The downloaded template with `n` members typed in from row 2, as a secretary would."""
    wb = load_workbook(io.BytesIO(b"".join(client.get(reverse("exchange:template")))))
    ws = wb[MEMBER_SHEET]
    headers = [c.value for c in ws[1]]
    for i in range(n):
        values = {
            "Họ và tên": "Nguyễn Văn " + "BCDE"[i],
            "Ngày sinh": dt.date(1980, 1, 2),
            "Số thẻ đảng viên": f"10{i:02d}",
            "Ngày vào Đảng": dt.date(2005, 5, 19),
            "Chi bộ": "Chi bộ Phòng Ngân sách",
        }
        for header, value in values.items():
            ws.cell(row=2 + i, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@override_settings(EXCHANGE_BACKGROUND_ROWS=300)
def test_the_downloaded_template_with_four_rows_counts_four(client, users, tree, media):
    from django_tasks_db.models import DBTaskResult

    client.force_login(users["secretary"])
    response = _upload(client, tree, _filled_template(client, 4))
    batch = ImportBatch.objects.get()
    # Read at once, not queued for a worker: four rows are not "525".
    assert not DBTaskResult.objects.exists()
    assert batch.status == ImportStatus.READY, batch.summary.get("errors")
    page = client.get(response.url).content.decode()
    assert "Tệp có 4 dòng đảng viên." in page and 'data-count="create">4<' in page


def test_the_template_formats_columns_not_empty_rows(client, users):
    client.force_login(users["secretary"])
    wb = load_workbook(io.BytesIO(b"".join(client.get(reverse("exchange:template")))))
    ws = wb[MEMBER_SHEET]
    assert ws.max_row == 1  # no blank formatted rows for Excel to declare
    headers = [c.value for c in ws[1]]
    card = ws.column_dimensions[chr(ord("A") + headers.index("Số thẻ đảng viên"))]
    born = ws.column_dimensions[chr(ord("A") + headers.index("Ngày sinh"))]
    assert card.number_format == "@" and born.number_format == "DD/MM/YYYY"


def test_blank_formatted_rows_and_other_sheets_are_not_rows():
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(row(1, "Nguyễn Văn An", "1001"))
    for r in range(3, 600):  # formatted, never filled
        ws.cell(row=r, column=5).number_format = "@"
    guide = wb.create_sheet("Hướng dẫn")
    for r in range(40):
        guide.append([f"Dòng hướng dẫn {r}"])
    data = to_bytes(wb)
    assert count_rows(io.BytesIO(data), up_to=300) == 1
    many = simple(*(row(i, f"Người {i}", f"{i}") for i in range(1, 40)))
    assert count_rows(io.BytesIO(many), up_to=10) >= 39  # past the limit: not read through


@override_settings(EXCHANGE_BACKGROUND_ROWS=1, EXCHANGE_WORKER_WAIT_SECONDS=20)
def test_the_page_says_when_no_worker_takes_the_work(client, users, tree, media):
    from django_tasks_db.models import DBTaskResult

    client.force_login(users["secretary"])
    response = _upload(client, tree, simple(row(1, "Nguyễn Văn An", "1001"), row(2, "B", "1002")))
    batch = ImportBatch.objects.get()
    queued = DBTaskResult.objects.get()
    assert batch.task_id == str(queued.id)
    page = client.get(response.url).content.decode()
    assert "Đang chờ tiến trình nền" in page and 'id="no-worker"' not in page  # just queued
    DBTaskResult.objects.filter(pk=queued.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=2)
    )
    page = client.get(response.url).content.decode()
    assert 'id="no-worker"' in page and "tiến trình nền của máy chủ chưa chạy" in page
    assert "Không cần tải tệp lên lại" in page
    assert "hatnhan worker" not in page  # no command-line hint to a secretary
    partial = client.get(reverse("exchange:batch-progress", kwargs={"batch_id": batch.pk}))
    assert b'id="no-worker"' in partial.content
    client.force_login(users["admin"])
    assert "hatnhan worker" in client.get(response.url).content.decode()  # worded for an admin


def test_the_queue_runs_in_a_demo_server_process_only():
    child = {"RUN_MAIN": "true"}
    switch = "HATNHAN_QUEUE_IN_PROCESS"
    assert runs_in_process(["manage.py", "runserver"], child, True, switch=switch)
    assert not runs_in_process(["manage.py", "runserver"], child, False, switch=switch)
    assert not runs_in_process(["pytest"], child, True, switch=switch)
    assert not runs_in_process(
        ["manage.py", "runserver"], {**child, switch: "0"}, True, switch=switch
    )


@pytest.mark.django_db(transaction=True)
@override_settings(EXCHANGE_BACKGROUND_ROWS=1)
def test_the_in_process_queue_reads_a_large_file_without_a_worker(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, simple(row(1, "Nguyễn Văn An", "1001"), row(2, "Lê Văn Bảo", "1002")))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PLANNING
    queue = start_queue_in_process(interval=0.1)
    try:
        deadline = timezone.now() + dt.timedelta(seconds=20)
        while batch.status == ImportStatus.PLANNING and timezone.now() < deadline:
            queue.thread.join(0.2)
            batch.refresh_from_db()
    finally:
        queue.stop()
    assert batch.status == ImportStatus.READY and batch.counts()["create"] == 2


def test_every_state_change_is_an_event_the_organization_reads(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, simple(row(1, "Nguyễn Văn An", "1001")))
    batch = ImportBatch.objects.get()
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    events = AuditEvent.objects.filter(object_id=str(batch.pk), action__startswith="import.")
    actions = list(events.order_by("seq").values_list("action", flat=True))
    assert actions == ["import.upload", "import.preview", "import.confirm", "import.done"]
    readable = restrict(AuditEvent.objects.filter(pk__in=events), users["committee"])
    assert readable.count() == 4  # a colleague of the organization reads them
    assert not restrict(AuditEvent.objects.filter(pk__in=events), users["other"]).exists()
    preview = events.get(action="import.preview")
    assert preview.after["total_rows"] == 1 and preview.actor == users["secretary"]
    page = client.get(reverse("exchange:batch", kwargs={"batch_id": batch.pk})).content.decode()
    assert "Lịch sử thay đổi" in page and "Xác nhận nhập danh sách" in page  # read on the page


@override_settings(EXCHANGE_BACKGROUND_ROWS=1)
def test_queueing_and_a_broken_task_are_audited(users, tree, media, make_member):
    from django.core.files.base import ContentFile

    from hatnhan.exchange.tasks import plan_batch_task

    upload = SimpleUploadedFile("ds.xlsx", simple(row(1, "A", "1"), row(2, "B", "2")))
    batch = services.create_batch(actor=users["secretary"], organization=tree["stc"], upload=upload)
    services.start_planning(actor=users["secretary"], batch=batch)
    queue = AuditEvent.objects.get(action="import.queue")
    assert queue.after["total_rows"] >= 2 and queue.organization_path == tree["stc"].path
    batch.file.save("x.xlsx", ContentFile(b"PK broken"), save=True)  # the file went bad
    batch.file.delete(save=True)
    with pytest.raises(Exception):  # noqa: B017 (whatever broke; the batch must say so)
        plan_batch_task.call(batch.pk, users["secretary"].pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "Lỗi khi xử lý" in batch.message
    assert AuditEvent.objects.get(action="import.fail").after["status"] == ImportStatus.FAILED


def _confirmed(users, tree) -> tuple[ImportBatch, ImportBatch]:
    """A batch confirmed and about to apply, and a stale copy seen before the confirmation."""
    upload = SimpleUploadedFile(
        "ds.xlsx", simple(*(row(i, f"Nguyễn Văn {i}", f"{i:04d}") for i in range(1, 30)))
    )
    batch = services.create_batch(actor=users["secretary"], organization=tree["stc"], upload=upload)
    services.start_planning(actor=users["secretary"], batch=batch)
    stale = ImportBatch.objects.select_related("organization").get(pk=batch.pk)
    assert stale.status == ImportStatus.READY
    return services.confirm_batch(actor=users["secretary"], batch=batch), stale


@pytest.mark.django_db(transaction=True)
def test_cancel_while_applying_waits_and_is_refused(users, tree, media):
    batch, stale = _confirmed(users, tree)
    applied, cancelled = run_concurrently(
        lambda: services.apply_batch(actor=users["secretary"], batch=batch),
        lambda: services.cancel_batch(actor=users["committee"], batch=stale),
    )
    batch.refresh_from_db()
    assert isinstance(cancelled, ValidationError), cancelled
    assert applied is not None and not isinstance(applied, BaseException), applied
    assert batch.status == ImportStatus.DONE and Member.objects.count() == 29 + 1
    assert not AuditEvent.objects.filter(action="import.cancel").exists()


@pytest.mark.django_db(transaction=True)
def test_confirm_and_cancel_race_one_wins_whole(users, tree, media):
    upload = SimpleUploadedFile("ds.xlsx", simple(row(1, "Nguyễn Văn An", "1001")))
    batch = services.create_batch(actor=users["secretary"], organization=tree["stc"], upload=upload)
    services.start_planning(actor=users["secretary"], batch=batch)
    members = Member.objects.count()

    def confirm_and_apply():
        confirmed = services.confirm_batch(actor=users["secretary"], batch=batch)
        return services.start_applying(actor=users["secretary"], batch=confirmed)

    stale = ImportBatch.objects.select_related("organization").get(pk=batch.pk)
    applied, cancelled = run_concurrently(
        confirm_and_apply, lambda: services.cancel_batch(actor=users["committee"], batch=stale)
    )
    batch.refresh_from_db()
    if batch.status == ImportStatus.CANCELLED:
        assert isinstance(applied, ValidationError) and cancelled is None
        assert Member.objects.count() == members
    else:
        assert batch.status == ImportStatus.DONE and isinstance(cancelled, ValidationError)
        assert Member.objects.count() == members + 1
        assert not AuditEvent.objects.filter(action="import.cancel").exists()


def _page_queries(client, batch) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("exchange:batch", kwargs={"batch_id": batch.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_batch_page_costs_the_same_queries_however_many_rows(
    client, users, tree, media, make_member
):
    client.force_login(users["secretary"])
    for i in range(1, 9):
        make_member(tree["stc_cell"], f"Trần Văn {i}", party_card_number=f"90{i:02d}")

    def batch_with(n: int) -> ImportBatch:
        rows = [row(i, f"Lê Thị {i}", f"90{i:02d}") for i in range(1, n + 1)]  # conflicts
        rows += [row(n + i, f"Mới {i}", f"80{i:02d}") for i in range(1, n + 1)]
        _upload(client, tree, simple(*rows))
        return ImportBatch.objects.order_by("-id").first()

    small, large = batch_with(1), batch_with(8)
    assert large.counts()["conflict"] == 8 and small.counts()["conflict"] == 1
    assert _page_queries(client, small) == _page_queries(client, large)


def test_the_uploader_is_named_by_member_name(client, users, tree, media, make_member):
    secretary = users["secretary"]
    secretary.member = make_member(tree["stc"], "Hoàng Thị Lan")
    secretary.save(update_fields=["member"])
    client.force_login(secretary)
    response = _upload(client, tree, simple(row(1, "Nguyễn Văn An", "1001")))
    page = client.get(response.url).content.decode()
    assert "bởi Hoàng Thị Lan" in page and "bởi stc_secretary" not in page
    listing = client.get(reverse("exchange:import-members")).content.decode()
    assert "<td>Hoàng Thị Lan</td>" in listing
