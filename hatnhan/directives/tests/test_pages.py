"""Pages of directives, resolutions and focus issues: they render for those who read them,
404 for another organization, write through the services and show Vietnamese errors."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hatnhan.directives.models import Directive, FocusIssue, Resolution, YearTheme
from hatnhan.tasks.tests.conftest import PNG, awaiting

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def record(make_directive, make_resolution, make_focus_issue):
    directive = make_directive(
        kind="directive",
        number_symbol="17-CT/TU",
        issuing_body="Tỉnh ủy Nghệ An",
        title="Tăng cường kỷ luật, kỷ cương hành chính",
    )
    resolution = make_resolution(
        number_symbol="03-NQ/ĐU",
        title="Nghị quyết lãnh đạo tháng 3",
        adopted_on=dt.date(2026, 3, 2),
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
        directives=[directive],
    )
    issue = make_focus_issue(resolution, directives=[directive])
    return directive, resolution, issue


def test_pages_render_for_readers_and_404_for_others(client, users, record):
    directive, resolution, issue = record
    urls = [
        reverse("directives:detail", args=[directive.pk]),
        reverse("directives:resolution-detail", args=[resolution.pk]),
        reverse("directives:focus-issue", args=[issue.pk]),
    ]
    for role in ["admin", "secretary", "committee", "inspector", "member"]:
        client.force_login(users[role])
        for name in ["directives:list", "directives:resolutions"]:
            assert client.get(reverse(name)).status_code == 200
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
    client.force_login(users["other"])
    for url in [*urls, reverse("directives:focus-issue-create", args=[resolution.pk])]:
        assert client.get(url).status_code == 404, url
    assert directive.number_symbol not in client.get(reverse("directives:list")).content.decode()


def test_create_directive_with_file_and_duplicate_error(client, users, tree, media):
    client.force_login(users["secretary"])
    data = {
        "organization": tree["stc"].pk,
        "kind": "directive",
        "number_symbol": "05-CT/TW",
        "issuing_body": "Bộ Chính trị",
        "issued_on": "15/05/2016",
        "title": "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    }
    response = client.post(
        reverse("directives:create"),
        {**data, "file": SimpleUploadedFile("ct05.png", PNG)},
    )
    directive = Directive.objects.get()
    assert response["Location"] == reverse("directives:detail", args=[directive.pk])
    assert directive.issued_on == dt.date(2016, 5, 15) and directive.file_kind == "png"
    html = client.get(response["Location"]).content.decode()
    assert reverse("directive_files:directive", args=[directive.pk]) in html
    again = client.post(reverse("directives:create"), data).content.decode()
    assert "Văn bản có số, ký hiệu và ngày này đã được ghi nhận." in again
    missing = client.post(reverse("directives:create"), {**data, "title": ""})
    assert missing.status_code == 200
    assert "Chưa nhập “Trích yếu”." in missing.content.decode()
    assert Directive.objects.count() == 1


def test_member_cannot_write(client, users, tree):
    from hatnhan.audit.models import AuditEvent

    client.force_login(users["member"])
    data = {"organization": tree["stc_cell"].pk, "title": "x", "year": 2026, "kind": "monthly"}
    for name in ["directives:create", "directives:resolution-create", "directives:theme-create"]:
        assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse(name), data).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith=("directive", "resolution")).exists()
    assert not Resolution.objects.exists() and not Directive.objects.exists()


def test_resolution_then_focus_issue_through_the_forms(client, users, tree, record):
    directive, *_ = record
    client.force_login(users["secretary"])
    response = client.post(
        reverse("directives:resolution-create"),
        {
            "organization": tree["stc_cell"].pk,
            "kind": "quarterly",
            "title": "Nghị quyết quý II",
            "adopted_on": "2026-04-02",
            "period_start": "2026-04-01",
            "period_end": "2026-03-01",
            "directives": [directive.pk],
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc kỳ phải sau ngày bắt đầu." in response.content.decode()
    assert not Resolution.objects.filter(title="Nghị quyết quý II").exists()
    response = client.post(
        reverse("directives:resolution-create"),
        {
            "organization": tree["stc_cell"].pk,
            "kind": "quarterly",
            "title": "Nghị quyết quý II",
            "adopted_on": "2026-04-02",
            "period_start": "2026-04-01",
            "period_end": "2026-06-30",
            "directives": [directive.pk],
        },
    )
    resolution = Resolution.objects.get(title="Nghị quyết quý II")
    assert response.url == reverse("directives:resolution-detail", args=[resolution.pk])
    assert list(resolution.directives.all()) == [directive]
    url = reverse("directives:focus-issue-create", args=[resolution.pk])
    response = client.post(
        url, {"title": "Giảm hồ sơ trễ hẹn", "level": "key", "directives": [directive.pk]}
    )
    issue = FocusIssue.objects.get(title="Giảm hồ sơ trễ hẹn")
    assert issue.resolution == resolution and issue.organization == tree["stc_cell"]
    assert response.url == reverse("directives:focus-issue", args=[issue.pk])


def test_year_theme_form(client, users, tree):
    client.force_login(users["secretary"])
    data = {
        "organization": tree["stc"].pk,
        "year": 2017,
        "title": "Kỷ luật, kỷ cương hành chính và nâng cao chất lượng sinh hoạt Đảng",
    }
    assert client.post(reverse("directives:theme-create"), data).status_code == 302
    again = client.post(reverse("directives:theme-create"), data)
    assert again.status_code == 200
    assert "Tổ chức này đã có chủ đề cho năm này." in again.content.decode()
    assert YearTheme.objects.count() == 1


def test_focus_issue_page_rolls_up_its_tasks(client, users, record, tree, make_member):
    from hatnhan.tasks import services as task_services

    _, _, issue = record
    owner = users["member"].member
    today = dt.date.today()
    tasks = [
        task_services.create_task(
            actor=users["secretary"],
            organization=tree["stc"],
            title=f"Kiểm tra giờ giấc phòng {i}",
            expected_result="Biên bản kiểm tra",
            owner=owner,
            due_date=today + dt.timedelta(days=5),
            focus_issue=issue,
        )
        for i in range(3)
    ]
    awaiting(tasks[0], users)
    task_services.accept_task(actor=users["secretary"], task=tasks[0], outcome="met")
    task_services.report_progress(actor=users["member"], task=tasks[1], percent=50, note="Nửa")
    client.force_login(users["committee"])
    html = client.get(reverse("directives:focus-issue", args=[issue.pk])).content.decode()
    for task in tasks:
        assert task.title in html
    assert "<strong>3</strong>" in html  # three tasks
    assert "<strong>1</strong>" in html  # one done
    assert "<strong>50%</strong>" in html  # (100 + 50 + 0) / 3
    assert f"{reverse('tasks:create')}?focus_issue={issue.pk}" in html
    response = client.get(reverse("directives:focus-issue", args=[issue.pk]), {"format": "xlsx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
