"""Directives from above, year themes, resolutions and their focus issues."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from hatnhan.audit.models import AuditEvent
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.directives import services
from hatnhan.directives.models import Directive, FocusIssue, Resolution, YearTheme

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def ct05(tree, users):
    return services.create_directive(
        actor=users["staff"],
        organization=tree["bloc"],
        kind="directive",
        number_symbol="05-CT/TW",
        issuing_body="Bộ Chính trị",
        issued_on=dt.date(2016, 5, 15),
        title="Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        file=SimpleUploadedFile("05-CT-TW.pdf", PDF),
    )


@pytest.fixture
def theme(tree, users, ct05):
    return services.create_year_theme(
        actor=users["staff"],
        organization=tree["bloc"],
        year=2017,
        title="Kỷ luật, kỷ cương hành chính và nâng cao chất lượng sinh hoạt Đảng",
        directives=[ct05],
    )


def test_bloc_directive_is_read_by_the_whole_tree_changed_by_bloc_only(ct05, users):
    for who in ("secretary", "member", "inspector", "other", "staff"):
        assert Directive.objects.restrict(users[who], VIEW).filter(pk=ct05.pk).exists(), who
    assert not Directive.objects.restrict(users["secretary"], CHANGE).exists()
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.update_directive(actor=users["secretary"], directive=ct05, title="Sửa")
    assert Directive.objects.get(pk=ct05.pk).title == ct05.title
    assert AuditEvent.objects.count() == events


def test_grassroots_directive_stays_in_its_subtree(make_directive, users):
    own = make_directive(title="Kế hoạch thực hiện chủ đề năm")
    assert Directive.objects.restrict(users["member"], VIEW).filter(pk=own.pk).exists()
    assert not Directive.objects.restrict(users["other"], VIEW).filter(pk=own.pk).exists()


def test_number_symbol_kept_as_written_and_required(make_directive, tree, users):
    directive = make_directive(
        actor=users["staff"],
        organization=tree["bloc"],
        kind="resolution",
        number_symbol="  01-NQ/ĐU ",
        issuing_body="Ban Chấp hành Đảng bộ Khối",
        issued_on=dt.date(2016, 11, 1),
        title="Nâng cao năng lực của tổ chức cơ sở đảng",
    )
    assert directive.number_symbol == "01-NQ/ĐU"
    with pytest.raises(ValidationError) as info:
        make_directive(actor=users["staff"], organization=tree["bloc"], number_symbol="")
    assert set(info.value.message_dict) == {"number_symbol"}
    assert list(Directive.objects.all()) == [directive]


def test_directive_file_type_checked(make_directive, tree, users):
    with pytest.raises(ValidationError) as info:
        make_directive(
            actor=users["staff"],
            organization=tree["bloc"],
            file=SimpleUploadedFile("26.pdf", b"<html>not a pdf</html>"),
        )
    assert set(info.value.message_dict) == {"file"}
    assert not Directive.objects.exists()
    assert not AuditEvent.objects.filter(object_type="directives.directive").exists()


def test_directive_file_download_is_restricted(ct05, make_directive, users):
    own = make_directive(file=SimpleUploadedFile("ke-hoach.pdf", PDF))
    member = Client()
    member.force_login(users["member"])
    response = member.get(f"/files/directives/{ct05.pk}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    other = Client()
    other.force_login(users["other"])
    assert other.get(f"/files/directives/{own.pk}/file/").status_code == 404
    assert other.get(f"/files/directives/{ct05.pk}/file/").status_code == 200


def test_one_theme_per_organization_and_year(theme, tree, users):
    with pytest.raises(ValidationError) as info:
        services.create_year_theme(
            actor=users["staff"], organization=tree["bloc"], year=2017, title="Khác"
        )
    assert "Tổ chức này đã có chủ đề cho năm này." in info.value.messages
    assert YearTheme.objects.restrict(users["member"], VIEW).get() == theme
    assert YearTheme.objects.get().title != "Khác"


def test_resolution_with_focus_issues_citing_directives(ct05, theme, tree, users):
    resolution = services.create_resolution(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="annual",
        number_symbol="01-NQ/ĐU",
        title="Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2017",
        adopted_on=dt.date(2017, 1, 10),
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        year_theme=theme,
        directives=[ct05],
    )
    issue = services.create_focus_issue(
        actor=users["secretary"],
        resolution=resolution,
        level="pressing",
        title="Chấm dứt gây phiền hà khi giải quyết thủ tục hành chính",
        directives=[ct05],
    )
    assert issue.organization == tree["stc"] and issue.year_theme == theme
    assert list(issue.directives.all()) == [ct05]
    assert issue.position == 1
    assert FocusIssue.objects.restrict(users["member"], VIEW).filter(pk=issue.pk).exists()
    assert not FocusIssue.objects.restrict(users["other"], VIEW).exists()
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_focus_issue(
            actor=users["member"], resolution=resolution, level="key", title="x"
        )
    with pytest.raises(ValidationError) as info:
        services.create_focus_issue(
            actor=users["secretary"], resolution=resolution, level="urgent", title="x"
        )
    assert set(info.value.message_dict) == {"level"}
    assert list(FocusIssue.objects.all()) == [issue]
    assert AuditEvent.objects.count() == events


def test_resolution_period_must_be_in_order(make_resolution):
    with pytest.raises(ValidationError) as info:
        make_resolution(period_start=dt.date(2017, 3, 31), period_end=dt.date(2017, 3, 1))
    assert set(info.value.message_dict) == {"period_end"}
    assert not Resolution.objects.exists()


def test_cannot_cite_another_branch_directive(make_directive, make_resolution, tree, users):
    syt_plan = make_directive(
        actor=users["other"],
        organization=tree["syt"],
        number_symbol="3-KH/ĐU",
        issuing_body="Đảng ủy Sở Y tế",
        issued_on=dt.date(2017, 2, 1),
    )
    with pytest.raises(ValidationError) as info:
        make_resolution(actor=users["staff"], directives=[syt_plan])
    assert set(info.value.message_dict) == {"directives"}
    assert not Resolution.objects.exists()


def test_api_list_detail_create(ct05, theme, tree, users):
    client = APIClient()
    client.force_authenticate(users["secretary"])
    rows = client.get("/api/v1/directives/").json()["results"]
    assert [r["number_symbol"] for r in rows] == ["05-CT/TW"]
    assert rows[0]["file_url"].endswith(f"/files/directives/{ct05.pk}/file/")
    response = client.post(
        "/api/v1/resolutions/",
        {
            "organization": tree["stc"].pk,
            "kind": "monthly",
            "title": "Nghị quyết tháng 3",
            "adopted_on": "2017-03-02",
            "period_start": "2017-03-01",
            "period_end": "2017-03-31",
            "directives": [ct05.pk],
            "year_theme": theme.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    resolution_id = response.json()["id"]
    response = client.post(
        "/api/v1/focus-issues/",
        {
            "resolution": resolution_id,
            "title": "Giải quyết hồ sơ đúng hạn",
            "level": "key",
            "directives": [ct05.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["organization"] == tree["stc"].pk
    detail = client.get(f"/api/v1/resolutions/{resolution_id}/").json()
    assert detail["focus_issue_count"] == 1
    other = APIClient()
    other.force_authenticate(users["other"])
    assert other.get(f"/api/v1/resolutions/{resolution_id}/").status_code == 404
    assert other.get(f"/api/v1/focus-issues/{response.json()['id']}/").status_code == 404
    # Creating in an organization one cannot change: refused.
    response = other.post(
        "/api/v1/resolutions/",
        {
            "organization": tree["stc"].pk,
            "kind": "monthly",
            "title": "x",
            "adopted_on": "2017-03-02",
            "period_start": "2017-03-01",
            "period_end": "2017-03-31",
        },
        format="json",
    )
    assert response.status_code == 400  # the STC organization is not even visible to them
    assert set(response.json()) == {"organization"}
    assert Resolution.objects.count() == 1


def test_api_directive_create_multipart(tree, users):
    client = APIClient()
    client.force_authenticate(users["staff"])
    response = client.post(
        "/api/v1/directives/",
        {
            "organization": tree["bloc"].pk,
            "kind": "directive",
            "number_symbol": "17-CT/TU",
            "issuing_body": "Ban Thường vụ Tỉnh ủy",
            "issued_on": "2016-12-20",
            "title": "Về tăng cường kỷ luật, kỷ cương hành chính",
            "file": SimpleUploadedFile("17.pdf", PDF),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["file_name"] == "17.pdf"
    response = client.post(
        "/api/v1/year-themes/",
        {"organization": tree["bloc"].pk, "year": 2026, "title": "Chủ đề năm 2026"},
        format="json",
    )
    assert response.status_code == 201
    again = client.post(
        "/api/v1/year-themes/",
        {"organization": tree["bloc"].pk, "year": 2026, "title": "Lần hai"},
        format="json",
    )
    assert again.status_code == 400
    assert YearTheme.objects.get(year=2026).title == "Chủ đề năm 2026"
