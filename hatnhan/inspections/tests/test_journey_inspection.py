"""Journey in a real browser: the bloc's committee opens a case, records a finding; the
remediation task it recommends appears in the subject member's tasks; it is accepted; the case
closes; the conclusion notice downloads and python-docx reads it back."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.inspections import services
from hatnhan.inspections.models import Case, Finding, Step
from hatnhan.inspections.tests.test_documents import document_text
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import Task, TaskStatus
from hatnhan.tasks.tests.test_journey_assign_report_accept import HTMX_INDICATOR_STYLE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, selector: str) -> None:
    """Post a form (htmx): a save has the browser load the record's page."""
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("networkidle")


def test_open_find_remedy_accept_close_and_download(
    chromium, page, tree, committee, subject_owner, advance
):
    today = timezone.localdate()
    owner_account = create_user(
        actor=None,
        username="stc.khacphuc",
        role="member",
        organization=tree["stc"],
        member=subject_owner,
        password="demo",
        check_password=False,
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # 1. The committee opens a case through the form.
    sign_in(page, committee)
    page.goto("/inspections/cases/new/")
    page.select_option("select[name=organization]", str(tree["bloc"].pk))
    page.select_option("select[name=body]", "inspection_committee")
    page.select_option("select[name=kind]", "thematic_inspection")
    page.select_option("select[name=subject_organization]", str(tree["stc"].pk))
    page.fill("input[name=title]", "Kiểm tra việc công khai thủ tục hành chính")
    submit(page, "form.form-page button[type=submit]")
    case = Case.objects.get(title="Kiểm tra việc công khai thủ tục hành chính")
    assert page.url.endswith(f"/inspections/cases/{case.pk}/")
    assert page.locator('#timeline [data-step="decision"][data-state="current"]').count() == 1
    # Preparation and conduct as the services record them (each has its own tests).
    advance(case, Step.FINDINGS, finding=False)

    # 2. A finding, through its form.
    page.goto(f"/inspections/cases/{case.pk}/")
    page.click("#add-finding")
    page.wait_for_load_state("networkidle")
    page.fill("input[name=title]", "Chưa niêm yết phí, lệ phí tại bộ phận một cửa")
    page.select_option("select[name=severity]", "moderate")
    page.fill("textarea[name=evidence]", "Biên bản làm việc ngày 05/11")
    submit(page, "form.form-page button[type=submit]")
    assert Finding.objects.filter(case=case).exists(), page.locator("main").inner_text()
    finding = Finding.objects.get(case=case)
    assert page.locator(f"#finding-{finding.pk}").count() == 1
    # The step form records the findings step, then the conclusion.
    submit(page, "#step-form button[type=submit]")
    page.fill("#step-form textarea[name=conclusion]", "Có thiếu sót, yêu cầu khắc phục")
    page.fill("#step-form input[name=number]", "07-TB/UBKTĐUK")
    page.fill("#step-form input[name=concluded_on]", today.strftime("%d/%m/%Y"))
    submit(page, "#step-form button[type=submit]")
    case.refresh_from_db()
    assert case.step == Step.RECOMMENDATIONS

    # 3. The recommendation: a task of Sở Tài chính, owned there.
    page.goto(f"/inspections/findings/{finding.pk}/recommend/")
    page.fill("textarea[name=text]", "Niêm yết đầy đủ phí, lệ phí")
    page.select_option("select[name=owner]", str(subject_owner.pk))
    page.fill("input[name=due_date]", (today + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    submit(page, "form.form-page button[type=submit]")
    task = Task.objects.get(source_ref=f"inspections.finding:{finding.pk}")
    assert task.organization == tree["stc"] and task.owner == subject_owner
    submit(page, "#step-form button[type=submit]")  # the recommendations step is done

    # 4. The task is in the subject member's own tasks; they report it done.
    member_page = chromium.new_context(base_url=page.base_url, locale="vi-VN").new_page()
    member_page.base_url = page.base_url
    try:
        sign_in(member_page, owner_account)
        member_page.goto("/tasks/")
        assert "Khắc phục: Chưa niêm yết phí" in member_page.locator("main").inner_text()
    finally:
        member_page.context.close()
    task_services.submit_task(actor=owner_account, task=task)

    # 5. The committee accepts it from the acceptance queue, then closes the case.
    page.goto("/tasks/awaiting/")
    item = page.locator(f"#awaiting-{task.pk}")
    item.locator("select[name=outcome]").select_option("met")
    item.locator("button[value=accept]").click()
    page.locator(f"#awaiting-{task.pk} .form-ok").wait_for()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    page.goto(f"/inspections/cases/{case.pk}/")
    assert "1/1" in page.locator("#remediation-progress").inner_text()
    submit(page, "#step-form button[type=submit]")  # "Kết thúc cuộc kiểm tra"
    case.refresh_from_db()
    assert case.step == Step.CLOSED and services.open_remediation(case) == []

    # 6. The conclusion notice downloads as Word in the party's format.
    with page.expect_download() as info:
        page.click("#conclusion-docx")
    with open(info.value.path(), "rb") as stream:
        content = stream.read()
    text = document_text(content)
    assert "THÔNG BÁO KẾT LUẬN" in text and "Số 07-TB/UBKTĐUK" in text
    page.screenshot(path="/tmp/inspection_case_1280.png", full_page=True)
    assert [p for p in problems if HTMX_INDICATOR_STYLE not in p] == []
