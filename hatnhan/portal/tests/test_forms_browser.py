"""Forms in a real browser: the member picker narrows by a name typed without diacritics,
and a file over the limit is refused before upload with the server's own message."""

import pytest
from django.utils import translation

from hatnhan.core.uploads import too_large_message
from hatnhan.tasks.models import ProgressUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MB = 1024 * 1024


def test_member_picker_finds_a_name_typed_without_diacritics(page, login, tree, users, make_member):
    tung = make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    make_member(tree["stc_cell"], "Nguyễn Quang Trung")
    make_member(tree["stc_cell"], "Lê Văn Khải")
    login("stc_secretary")
    page.goto("/tasks/new/")
    box = page.locator("[data-picker-for=id_owner]")
    assert box.is_visible()  # shown by script; without it the plain select remains
    box.fill("tung nguyen")
    assert page.locator("#id_owner").input_value() == str(tung.pk)
    visible = page.locator("#id_owner option:not([hidden])")
    assert visible.all_inner_texts() == ["Nguyễn Quang Tùng — Chi bộ Phòng Ngân sách"]
    page.locator("[data-picker-for=id_coworkers]").fill("nguyen quang")
    shown = page.locator("#id_coworkers option:not([hidden])").all_inner_texts()
    assert [t.split(" — ")[0] for t in shown] == ["Nguyễn Quang Trung", "Nguyễn Quang Tùng"]
    page.locator("[data-picker-for=id_owner]").fill("khong ai")
    none = page.locator(".picker:has(#id_owner) .picker-count")
    assert none.is_visible() and none.inner_text() == "Không có mục nào khớp."


def test_a_file_over_the_limit_is_refused_before_upload(page, login, assigned_task, settings):
    settings.UPLOAD_MAX_BYTES = MB
    task = assigned_task
    login("stc_member")
    page.goto("/tasks/")
    card = page.locator(f"#task-card-{task.pk}")
    upload = card.locator("input[type=file]")
    big = {
        "name": "anh-lon.png",
        "mimeType": "image/png",
        "buffer": b"\x89PNG" + b"0" * (MB + MB // 2),
    }
    upload.set_input_files(big)
    note = card.locator(".upload-error")
    # The page is Vietnamese; an earlier test may have left another language active here.
    with translation.override("vi"):
        expected = too_large_message(label="Tệp “anh-lon.png”", size="1.5", limit=MB)
    assert note.inner_text() == expected
    assert upload.evaluate("input => input.files.length") == 0  # nothing left to send
    upload.set_input_files({"name": "nho.png", "mimeType": "image/png", "buffer": b"\x89PNG"})
    assert card.locator(".upload-error").count() == 0
    assert not ProgressUpdate.objects.exists()
