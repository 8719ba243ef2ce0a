"""The web flow: upload → preview → confirm; large files in the background with progress;
every batch page restricted like its organization."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from hatnhan.exchange.models import ImportBatch, ImportStatus
from hatnhan.exchange.progress import write_progress
from hatnhan.members.models import Member
from hatnhan.members.services import update_member

from .sheets import row, simple

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _upload(client, tree, data: bytes, name: str = "Danh sách STC.xlsx", **extra):
    return client.post(
        reverse("exchange:import-members"),
        {"organization": tree["stc"].pk, "file": SimpleUploadedFile(name, data), **extra},
    )


GOOD = simple(row(1, "Nguyễn Văn An", "1001"), row(2, "Lê Thị Hoa", "1002", gender="Nữ"))


def test_form_offers_only_organizations_the_user_may_change(client, users, tree):
    client.force_login(users["secretary"])
    page = client.get(reverse("exchange:import-members")).content.decode()
    assert "Đảng bộ Sở Tài chính (STC)" in page and "SYT" not in page
    client.force_login(users["inspector"])
    page = client.get(reverse("exchange:import-members")).content.decode()
    assert "không có quyền nhập" in page


def test_upload_preview_confirm(client, users, tree, media):
    client.force_login(users["secretary"])
    response = _upload(client, tree, GOOD)
    batch = ImportBatch.objects.get()
    assert response.url == reverse("exchange:batch", kwargs={"batch_id": batch.pk})
    # The stored file has a name the server made, not the client's.
    assert "Danh" not in batch.file.name and batch.file.name.endswith(".xlsx")
    assert batch.original_name == "Danh sách STC.xlsx"
    page = client.get(response.url).content.decode()
    assert batch.status == ImportStatus.READY
    assert "Nguyễn Văn An" in page and "Lê Thị Hoa" in page and 'id="confirm"' in page
    assert Member.objects.filter(party_card_number__in=["1001", "1002"]).count() == 0
    response = client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.result["created"] == 2
    assert batch.confirmed_by == users["secretary"]
    assert Member.objects.filter(party_card_number__in=["1001", "1002"]).count() == 2
    page = client.get(response.url).content.decode()
    assert 'data-count="created">2<' in page


def test_updates_show_each_change(client, users, tree, media, make_member):
    make_member(tree["stc_cell"], "Nguyễn Văn An", party_card_number="1001", post="Chuyên viên")
    client.force_login(users["committee"])
    data = simple(
        row(
            1,
            "Nguyễn Văn An",
            "1001",
            post="Trưởng phòng",
            full=None,
            gender="nam",
            born=dt.date(1980, 1, 1),
        )
    )
    page = client.get(_upload(client, tree, data).url).content.decode()
    assert "Chức vụ chính quyền" in page and "<del>Chuyên viên</del>" in page
    assert "<ins>Trưởng phòng</ins>" in page
    assert "Giới tính: <del>(trống)</del> → <ins>Nam</ins>" in page


def test_errors_are_listed_and_cannot_be_confirmed(client, users, tree, media):
    client.force_login(users["secretary"])
    data = simple(row(1, "Nguyễn Văn An", "1001", born="31/02/1990"), row(2, "Lê Thị Hoa", "1001"))
    page = client.get(_upload(client, tree, data).url).content.decode()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.INVALID
    assert "Ngày không có thật" in page and "trùng với dòng 2" in page
    assert 'id="confirm"' not in page
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.INVALID
    assert not Member.objects.filter(party_card_number="1001").exists()


def test_not_a_workbook_is_refused_at_the_form(client, users, tree, media):
    client.force_login(users["secretary"])
    response = _upload(client, tree, b"Ho ten,So the\nAn,1\n", name="list.csv")
    assert response.status_code == 200
    assert "CSV" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_plan_changed_since_preview_is_not_applied(client, users, tree, media, make_member):
    member = make_member(
        tree["stc_cell"], "Nguyễn Văn An", party_card_number="1001", post="Chuyên viên"
    )
    client.force_login(users["secretary"])
    data = simple(
        row(
            1,
            "Nguyễn Văn An",
            "1001",
            post="Trưởng phòng",
            full=None,
            gender=None,
            born=dt.date(1980, 1, 1),
        )
    )
    _upload(client, tree, data)
    batch = ImportBatch.objects.get()
    update_member(actor=None, member=member, post="Phó phòng")  # someone edits meanwhile
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    member.refresh_from_db()
    assert member.post == "Phó phòng"
    assert batch.status == ImportStatus.READY and "đã thay đổi" in batch.message
    assert batch.summary["updates"][0]["changes"] == [
        ["Chức vụ chính quyền", "Phó phòng", "Trưởng phòng"]
    ]
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    member.refresh_from_db()
    assert member.post == "Trưởng phòng"


def test_cancel(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, GOOD)
    batch = ImportBatch.objects.get()
    client.post(reverse("exchange:batch-cancel", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    assert not Member.objects.filter(party_card_number="1001").exists()


@override_settings(TASKS=IMMEDIATE, EXCHANGE_BACKGROUND_ROWS=1)
def test_large_files_run_as_background_tasks(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, GOOD)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.READY and batch.counts()["create"] == 2
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.result["created"] == 2


@override_settings(EXCHANGE_BACKGROUND_ROWS=1)
def test_background_task_is_queued_and_the_page_shows_progress(client, users, tree, media):
    from django_tasks_db.models import DBTaskResult

    client.force_login(users["secretary"])
    response = _upload(client, tree, GOOD)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PLANNING
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("plan_batch_task")
    assert "Đang chờ tiến trình nền" in client.get(response.url).content.decode()
    write_progress(batch.pk, 1, 3, force=True)
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="33"' in page
    partial = client.get(
        reverse("exchange:batch-progress", kwargs={"batch_id": batch.pk}), HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and b"1 / 3" in partial.content
    assert b"<html" not in partial.content
    # The worker picks it up (here: run in-process); the poller is then told to reload.
    from hatnhan.exchange.tasks import plan_batch_task

    plan_batch_task.call(batch.pk, users["secretary"].pk)
    done = client.get(reverse("exchange:batch-progress", kwargs={"batch_id": batch.pk}))
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_batches_of_another_organization_are_404(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, GOOD)
    batch = ImportBatch.objects.get()
    client.force_login(users["other"])
    for name, method in (
        ("batch", "get"),
        ("batch-progress", "get"),
        ("batch-confirm", "post"),
        ("batch-cancel", "post"),
    ):
        url = reverse(f"exchange:{name}", kwargs={"batch_id": batch.pk})
        assert getattr(client, method)(url).status_code == 404, name
    assert "Danh sách STC" not in client.get(reverse("exchange:import-members")).content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY


def test_the_batch_list_lets_the_user_come_back(client, users, tree, media):
    client.force_login(users["secretary"])
    _upload(client, tree, GOOD)
    client.force_login(users["committee"])  # a colleague of the same organization
    page = client.get(reverse("exchange:import-members")).content.decode()
    batch = ImportBatch.objects.get()
    assert reverse("exchange:batch", kwargs={"batch_id": batch.pk}) in page


def test_a_corrupt_workbook_is_shown_as_an_error_not_a_crash(client, users, tree, media):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-really/>")
    client.force_login(users["secretary"])
    response = _upload(client, tree, out.getvalue())
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.INVALID
    assert "hỏng" in client.get(response.url).content.decode()


def test_pages_speak_english_too(client, users, tree):
    client.force_login(users["secretary"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("exchange:import-members")).content.decode()
    assert "Import members from Excel" in page and "Upload and preview" in page


def test_a_single_organization_within_reach_is_preselected(client, tree):
    from hatnhan.accounts.services import create_user

    cell_secretary = create_user(
        actor=None, username="ns_secretary", role="secretary", organization=tree["stc_cell"]
    )
    client.force_login(cell_secretary)
    page = client.get(reverse("exchange:import-members")).content.decode()
    assert re.search(rf'<option value="{tree["stc_cell"].pk}" selected[ >]', page)
    assert "— Chọn tổ chức —" in page
