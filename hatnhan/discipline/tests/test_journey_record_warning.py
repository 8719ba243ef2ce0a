"""Journey in a real browser: the inspection committee records a warning for a member, the
Word decision downloads (read back with python-docx), and the member's page shows it."""

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspection_committee_records_a_warning(page, login, users, tree, full_member):
    login(users["inspector"].username)
    page.goto(f"/members/{full_member.pk}/")
    page.click("#member-discipline >> text=Ghi nhận quyết định kỷ luật")
    page.wait_for_url("**/discipline/new/**")
    page.fill("input[name=number]", "09-QĐ/UBKT")
    page.fill("input[name=decided_on]", dt.date(2026, 3, 2).strftime("%d/%m/%Y"))
    page.select_option("select[name=deciding_body]", str(tree["stc"].pk))
    assert page.input_value("select[name=member]") == str(full_member.pk)
    page.select_option("select[name=form]", "warning")
    page.fill("textarea[name=reason]", "Vi phạm quy định về giờ làm việc")
    page.click("button[type=submit]")
    page.wait_for_url("**/discipline/*/")
    assert "Cảnh cáo" in page.inner_text("#decision")

    with page.expect_download() as caught:
        page.click("#download-decision")
    download = caught.value
    assert download.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    assert any("CẢNH CÁO" in p.text for p in document.paragraphs)

    page.goto(f"/members/{full_member.pk}/")
    section = page.inner_text("#member-discipline")
    assert "Cảnh cáo" in section and "09-QĐ/UBKT" in section
