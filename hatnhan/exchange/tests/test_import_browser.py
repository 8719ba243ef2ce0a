"""The preview/confirm flow in a real browser, with a real file upload."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from hatnhan.members.models import Member

from .conftest import write
from .sheets import HEADER, row, xlsx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _sign_in(page, user) -> None:
    """A session made server-side, handed to the browser (the login page is another app's)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )


def test_upload_preview_and_confirm(page, users, tree, media, tmp_path):
    from playwright.sync_api import expect

    messy = xlsx(
        [
            ["ĐẢNG BỘ SỞ TÀI CHÍNH"],
            [None, "DANH SÁCH ĐẢNG VIÊN"],
            HEADER,
            row(1, "Nguyễn Văn An", "1001", born="05/03/1980"),
            [],
            row(2, "Lê Thị Hoa", "1002", gender="NỮ", cell="chi bo phong ngan sach"),
            [None, "Tổng số: 2 đồng chí"],
        ]
    )
    path = write(tmp_path, messy, name="Danh sách chi bộ.xlsx")
    _sign_in(page, users["secretary"])
    page.goto("/exchange/import/")
    page.select_option("select[name=organization]", str(tree["stc"].pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")

    expect(page.locator("#creates")).to_contain_text("Nguyễn Văn An")
    expect(page.locator("#creates")).to_contain_text("Lê Thị Hoa")
    expect(page.locator("[data-count=create]")).to_have_text("2")
    expect(page.locator("#errors")).to_have_count(0)
    assert not Member.objects.filter(party_card_number__in=["1001", "1002"]).exists()

    page.click("#confirm")
    expect(page.locator("#result [data-count=created]")).to_have_text("2")
    an = Member.objects.get(party_card_number="1001")
    assert an.organization == tree["stc_cell"] and an.date_of_birth.isoformat() == "1980-03-05"


def test_errors_shown_with_row_and_column_and_nothing_to_confirm(
    page, users, tree, media, tmp_path
):
    from playwright.sync_api import expect

    bad = xlsx(
        [HEADER, row(1, "Nguyễn Văn An", "1001", born="31/02/1990"), row(2, "Lê Thị Hoa", "1001")]
    )
    path = write(tmp_path, bad)
    _sign_in(page, users["committee"])
    page.goto("/exchange/import/")
    page.select_option("select[name=organization]", str(tree["stc"].pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")

    errors = page.locator("#errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("Ngày không có thật")
    expect(errors.nth(0).locator("td").nth(1)).to_have_text("2")
    expect(errors.nth(1)).to_contain_text("trùng với dòng 2")
    expect(page.locator("#confirm")).to_have_count(0)
    assert not Member.objects.filter(party_card_number="1001").exists()


def test_large_file_progress_bar_then_preview(page, users, tree, media, tmp_path, settings):
    """Past the row threshold the work is queued; the page polls and reloads itself when the
    worker (run here by hand, as `db_worker` would) has finished."""
    from playwright.sync_api import expect

    from hatnhan.exchange.models import ImportBatch
    from hatnhan.exchange.tasks import apply_batch_task, plan_batch_task

    settings.EXCHANGE_BACKGROUND_ROWS = 2
    data = xlsx([HEADER, *(row(i, f"Người Số {i}", f"B{i:04d}") for i in range(1, 6))])
    path = write(tmp_path, data)
    _sign_in(page, users["secretary"])
    page.goto("/exchange/import/")
    page.select_option("select[name=organization]", str(tree["stc"].pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")

    expect(page.locator("#progress progress")).to_be_visible()
    batch = ImportBatch.objects.get()
    plan_batch_task.call(batch.pk, users["secretary"].pk)
    expect(page.locator("[data-count=create]")).to_have_text("5")  # htmx reloaded the page

    page.click("#confirm")
    expect(page.locator("#progress progress")).to_be_visible()
    apply_batch_task.call(batch.pk, users["secretary"].pk)
    expect(page.locator("#result [data-count=created]")).to_have_text("5")
    assert Member.objects.filter(party_card_number__startswith="B").count() == 5


def test_a_conflict_is_skipped_unless_chosen_row_by_row(
    page, users, tree, media, tmp_path, make_member
):
    """Two rows carry the card numbers of other people: one is left alone (the default), the
    user chooses to update the other anyway."""
    from playwright.sync_api import expect

    make_member(tree["stc_cell"], "Trần Văn Bình", party_card_number="2001")
    make_member(tree["stc_cell"], "Phạm Văn Cường", party_card_number="2002")
    born = dt.date(1980, 1, 1)  # as stored: the names alone differ
    data = xlsx(
        [
            HEADER,
            row(1, "Nguyễn Thị Hoa", "2001", born=born),
            row(2, "Lê Văn Dũng", "2002", born=born),
        ]
    )
    path = write(tmp_path, data)
    _sign_in(page, users["secretary"])
    page.goto("/exchange/import/")
    page.select_option("select[name=organization]", str(tree["stc"].pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")

    expect(page.locator("[data-count=conflict]")).to_have_text("2")
    expect(page.locator("[data-count=update]")).to_have_text("0")
    expect(page.locator("#conflicts")).to_contain_text("đồng chí Trần Văn Bình")
    page.get_by_label("Vẫn cập nhật đồng chí Phạm Văn Cường theo dòng này").check()
    page.click("#confirm")
    expect(page.locator("[data-count=skipped]")).to_have_text("1")
    expect(page.locator("[data-count=overwritten]")).to_have_text("1")
    names = dict(Member.objects.values_list("party_card_number", "full_name"))
    assert names["2001"] == "Trần Văn Bình" and names["2002"] == "Lê Văn Dũng"
