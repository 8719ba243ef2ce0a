"""Corrections are part of the record: directives, year themes, resolutions and focus issues
are corrected through their pages and the API, audited, restricted, and the record's page
shows the before → after."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from hatnhan.audit.models import AuditEvent
from hatnhan.directives import services
from hatnhan.directives.models import Directive, FocusIssue, Resolution, YearTheme
from hatnhan.tasks.tests.conftest import PNG

pytestmark = [pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def record(users, tree, make_directive, make_resolution, make_focus_issue):
    secretary = users["secretary"]
    directive = make_directive(
        number_symbol="17-CT/TU", title="Kỷ luật hành chính", file=SimpleUploadedFile("a.pdf", PDF)
    )
    other_directive = make_directive(number_symbol="18-KH/ĐU", title="Kế hoạch cải cách")
    theme = services.create_year_theme(
        actor=secretary, organization=tree["stc"], year=2026, title="Chủ đề năm 2026"
    )
    resolution = make_resolution(
        number_symbol="03-NQ/ĐU",
        title="Nghị quyết tháng 3",
        directives=[directive],
        year_theme=theme,
    )
    issue = make_focus_issue(resolution, directives=[directive])
    return {
        "directive": directive,
        "other_directive": other_directive,
        "theme": theme,
        "resolution": resolution,
        "issue": issue,
    }


def _events() -> list[tuple[str, str]]:
    return list(AuditEvent.objects.order_by("seq").values_list("action", "object_id"))


# --- Services ---------------------------------------------------------------------------------


def test_each_update_is_audited_before_and_after(record, users):
    secretary = users["secretary"]
    theme, issue = record["theme"], record["issue"]
    assert services.update_year_theme(actor=secretary, theme=theme, title="Chủ đề đã sửa")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "year_theme.update"
    assert event.before["title"] == "Chủ đề năm 2026" and event.after["title"] == "Chủ đề đã sửa"
    assert services.update_focus_issue(
        actor=secretary, focus_issue=issue, directives=[record["other_directive"]]
    )
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "focus_issue.directives"
    assert event.before == {"directives": [record["directive"].pk]}
    assert event.after == {"directives": [record["other_directive"].pk]}
    # The same values again: nothing changed, no event.
    count = AuditEvent.objects.count()
    assert not services.update_year_theme(actor=secretary, theme=theme, title="Chủ đề đã sửa")
    assert AuditEvent.objects.count() == count


def test_one_spelling_of_the_action_names(record, users):
    secretary = users["secretary"]
    services.update_year_theme(
        actor=secretary, theme=record["theme"], directives=[record["directive"]]
    )
    actions = {action for action, _ in _events()}
    assert not {a for a in actions if a.startswith(("yeartheme.", "focusissue."))}
    assert {"year_theme.create", "year_theme.directives", "focus_issue.create"} <= actions
    assert "focus_issue.directives" in actions


def test_old_spelling_still_reads_in_the_history(record, users):
    from hatnhan.audit.selectors import readable_history
    from hatnhan.audit.services import record_event

    theme, directive = record["theme"], record["directive"]
    record_event(
        actor=users["secretary"],
        action="yeartheme.directives",
        obj=theme,
        before={"directives": []},
        after={"directives": [directive.pk]},
        organization_path=theme.organization.path,
    )
    events = AuditEvent.objects.filter(object_type="directives.yeartheme", object_id=str(theme.pk))
    entry = readable_history(events.order_by("-id"))[0]
    assert entry.action_label == "Sửa văn bản gắn với chủ đề năm"
    assert entry.changes[0].after == str(directive)


def test_a_misspelt_or_uncorrectable_field_is_refused(record, users):
    resolution = record["resolution"]
    before = _events()
    for wrong in ({"titel": "x"}, {"organization": resolution.organization}):
        with pytest.raises(ValidationError) as info:
            services.update_resolution(actor=users["secretary"], resolution=resolution, **wrong)
        assert set(info.value.message_dict) == set(wrong)
    assert _events() == before
    assert Resolution.objects.get(pk=resolution.pk).title == "Nghị quyết tháng 3"


def test_only_those_who_may_change_correct(record, users):
    before = _events()
    with pytest.raises(PermissionDenied):
        services.update_directive(
            actor=users["member"], directive=record["directive"], title="Sửa trộm"
        )
    assert _events() == before
    assert Directive.objects.get(pk=record["directive"].pk).title == "Kỷ luật hành chính"


def test_a_refused_citation_changes_nothing(record, users, tree, make_directive):
    syt_plan = make_directive(
        actor=users["other"], organization=tree["syt"], number_symbol="3-KH/ĐU"
    )
    issue = record["issue"]
    before = _events()
    with pytest.raises(ValidationError) as info:
        services.update_focus_issue(
            actor=users["staff"], focus_issue=issue, title="Đổi tên", directives=[syt_plan]
        )
    assert "directives" in info.value.message_dict
    assert _events() == before
    assert FocusIssue.objects.get(pk=issue.pk).title == "Chấn chỉnh giờ giấc làm việc"


def test_document_replaced_then_removed(record, users, media):
    directive = record["directive"]
    old_name = Directive.objects.get(pk=directive.pk).file.name
    services.update_directive(
        actor=users["secretary"], directive=directive, file=SimpleUploadedFile("b.png", PNG)
    )
    directive.refresh_from_db()
    assert (directive.file_name, directive.file_kind) == ("b.png", "png")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.before["file"] == old_name and event.after["file"] == directive.file.name
    services.update_directive(actor=users["secretary"], directive=directive, remove_file=True)
    directive.refresh_from_db()
    assert not directive.file and directive.file_name == "" and directive.file_size == 0
    # The stored file stays: the audit trail still names it.
    assert (media / old_name).exists()


def test_a_bad_file_changes_nothing(record, users):
    directive = record["directive"]
    before = _events()
    with pytest.raises(ValidationError) as info:
        services.update_directive(
            actor=users["secretary"],
            directive=directive,
            title="Đổi",
            file=SimpleUploadedFile("x.pdf", b"<html>"),
        )
    assert "file" in info.value.message_dict
    assert _events() == before
    assert Directive.objects.get(pk=directive.pk).file_name == "a.pdf"


# --- Pages ------------------------------------------------------------------------------------


EDITS = [
    ("directive", "directives:edit", "directives:detail"),
    ("theme", "directives:theme-edit", "directives:theme"),
    ("resolution", "directives:resolution-edit", "directives:resolution-detail"),
    ("issue", "directives:focus-issue-edit", "directives:focus-issue"),
]


@pytest.mark.parametrize(("key", "edit", "detail"), EDITS)
def test_record_page_links_its_edit_page_for_who_may_change(
    client, users, record, key, edit, detail
):
    obj = record[key]
    edit_url = reverse(edit, args=[obj.pk])
    client.force_login(users["secretary"])
    assert edit_url in client.get(reverse(detail, args=[obj.pk])).content.decode()
    response = client.get(edit_url)
    assert response.status_code == 200
    assert obj.title in response.content.decode()  # the form is filled from the record
    client.force_login(users["member"])
    assert edit_url not in client.get(reverse(detail, args=[obj.pk])).content.decode()
    before = _events()
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"title": "Sửa trộm"}).status_code == 403
    client.force_login(users["other"])
    assert client.post(edit_url, {"title": "Sửa trộm"}).status_code == 404
    assert _events() == before
    assert type(obj).objects.get(pk=obj.pk).title == obj.title


def test_resolution_corrected_through_its_page_shows_before_and_after(client, users, record):
    resolution = record["resolution"]
    url = reverse("directives:resolution-edit", args=[resolution.pk])
    client.force_login(users["secretary"])
    data = {
        "kind": "monthly",
        "number_symbol": "03-NQ/ĐU",
        "title": "Nghị quyết tháng 3 (đã đính chính)",
        "adopted_on": "01/03/2017",
        "period_start": "01/03/2017",
        "period_end": "31/03/2017",
        "year_theme": record["theme"].pk,
        "directives": [record["directive"].pk, record["other_directive"].pk],
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("directives:resolution-detail", args=[resolution.pk])
    resolution.refresh_from_db()
    assert resolution.title == "Nghị quyết tháng 3 (đã đính chính)"
    assert set(resolution.directives.all()) == {record["directive"], record["other_directive"]}
    html = client.get(response["Location"]).content.decode()
    assert "Sửa nghị quyết" in html and "Sửa văn bản nghị quyết thực hiện" in html
    assert "<del>Nghị quyết tháng 3</del>" in html
    assert "<ins>Nghị quyết tháng 3 (đã đính chính)</ins>" in html
    assert str(record["other_directive"]) in html


def test_an_invalid_correction_shows_the_reason_and_changes_nothing(client, users, record):
    theme = record["theme"]
    services.create_year_theme(
        actor=users["secretary"], organization=theme.organization, year=2025, title="Năm trước"
    )
    client.force_login(users["secretary"])
    before = _events()
    response = client.post(
        reverse("directives:theme-edit", args=[theme.pk]), {"year": 2025, "title": "Đổi năm"}
    )
    assert response.status_code == 200
    assert "Tổ chức này đã có chủ đề cho năm này." in response.content.decode()
    assert _events() == before
    assert YearTheme.objects.get(pk=theme.pk).year == 2026


def test_htmx_save_loads_the_record_page(client, users, record):
    issue = record["issue"]
    client.force_login(users["secretary"])
    response = client.post(
        reverse("directives:focus-issue-edit", args=[issue.pk]),
        {"title": "Giờ giấc", "level": "key", "position": 2},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("directives:focus-issue", args=[issue.pk])
    issue.refresh_from_db()
    assert (issue.title, issue.level, issue.position) == ("Giờ giấc", "key", 2)
    assert issue.year_theme is None  # emptied on the form: a correction says what it means


def test_directive_document_replaced_and_removed_on_its_page(client, users, record, media):
    directive = record["directive"]
    url = reverse("directives:edit", args=[directive.pk])
    client.force_login(users["secretary"])
    form = client.get(url).content.decode()
    assert "a.pdf" in form and 'name="remove_file"' in form and 'name="organization"' not in form
    data = {
        "kind": "plan",
        "number_symbol": "17-CT/TU",
        "issuing_body": "Đảng ủy Sở Tài chính",
        "issued_on": "01/03/2017",
        "title": "Kỷ luật hành chính",
        "is_active": "on",
    }
    client.post(url, {**data, "file": SimpleUploadedFile("moi.png", PNG)})
    directive.refresh_from_db()
    assert directive.file_name == "moi.png"
    history = client.get(reverse("directives:detail", args=[directive.pk])).content.decode()
    assert "<del>a.pdf</del>" in history and "<ins>moi.png</ins>" in history
    del data["is_active"]  # not in force any more, and its file removed
    client.post(url, {**data, "remove_file": "on"})
    directive.refresh_from_db()
    assert not directive.file and not directive.is_active


def test_record_pages_cost_the_same_queries_however_long_their_history(
    client, users, record, make_directive
):
    client.force_login(users["secretary"])
    urls = [
        reverse("directives:detail", args=[record["directive"].pk]),
        reverse("directives:theme", args=[record["theme"].pk]),
        reverse("directives:resolution-detail", args=[record["resolution"].pk]),
        reverse("directives:focus-issue", args=[record["issue"].pk]),
        *(reverse(edit, args=[record[key].pk]) for key, edit, _ in EDITS),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    first = counts()
    secretary = users["secretary"]
    for i in range(6):
        make_directive(number_symbol=f"{i + 20}-KH/ĐU", title=f"Kế hoạch {i}")
        services.update_directive(actor=secretary, directive=record["directive"], title=f"T{i}")
        services.update_year_theme(actor=secretary, theme=record["theme"], note=f"Ghi chú {i}")
        services.update_resolution(
            actor=secretary,
            resolution=record["resolution"],
            directives=[record["directive"], record["other_directive"]][: i % 2 + 1],
        )
        services.update_focus_issue(actor=secretary, focus_issue=record["issue"], position=i + 2)
    assert counts() == first


# --- API --------------------------------------------------------------------------------------


@pytest.fixture
def api(users):
    def client_for(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(users[role])
        return client

    return client_for


def test_api_patch_corrects_and_is_audited(api, record):
    theme = record["theme"]
    response = api("secretary").patch(
        f"/api/v1/year-themes/{theme.pk}/",
        {"title": "Chủ đề sửa qua API", "directives": [record["directive"].pk]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Chủ đề sửa qua API"
    assert response.json()["directives"] == [record["directive"].pk]
    actions = [a for a, pk in _events() if pk == str(theme.pk)]
    assert actions[-2:] == ["year_theme.update", "year_theme.directives"]


def test_api_put_sends_the_whole_record(api, record, tree):
    resolution = record["resolution"]
    response = api("secretary").put(
        f"/api/v1/resolutions/{resolution.pk}/",
        {
            "organization": tree["stc"].pk,
            "kind": "quarterly",
            "number_symbol": "03-NQ/ĐU",
            "title": "Nghị quyết quý I",
            "adopted_on": "2017-03-01",
            "period_start": "2017-01-01",
            "period_end": "2017-03-31",
            "year_theme": None,
            "directives": [],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["kind"], body["year_theme"], body["directives"]) == ("quarterly", None, [])
    assert body["focus_issue_count"] == 1


def test_api_refusals_are_exact_and_write_nothing(api, record, tree, make_resolution):
    resolution, issue, directive = record["resolution"], record["issue"], record["directive"]
    elsewhere = make_resolution(title="Nghị quyết khác")
    before = _events()
    cases = [
        ("member", f"/api/v1/resolutions/{resolution.pk}/", {"title": "x"}, 403),
        ("other", f"/api/v1/resolutions/{resolution.pk}/", {"title": "x"}, 404),
        ("secretary", f"/api/v1/resolutions/{resolution.pk}/", {"organization": 0}, 400),
        ("secretary", f"/api/v1/focus-issues/{issue.pk}/", {"level": "urgent"}, 400),
        ("staff", f"/api/v1/directives/{directive.pk}/", {"organization": tree["bloc"].pk}, 400),
        (
            "staff",
            f"/api/v1/focus-issues/{issue.pk}/",
            {"resolution": elsewhere.pk},
            400,
        ),
    ]
    for role, url, data, status in cases:
        response = api(role).patch(url, data, format="json")
        assert response.status_code == status, (role, url, data, response.content)
    assert _events() == before
    assert Resolution.objects.get(pk=resolution.pk).title == "Nghị quyết tháng 3"
    assert FocusIssue.objects.get(pk=issue.pk).level == "pressing"


def test_api_moving_a_record_elsewhere_is_refused_by_name(api, record, tree):
    response = api("staff").patch(
        f"/api/v1/directives/{record['directive'].pk}/",
        {"organization": tree["bloc"].pk},
        format="json",
    )
    assert response.status_code == 400
    assert "organization" in response.json()


def test_api_document_replaced_and_removed(api, record):
    directive = record["directive"]
    url = f"/api/v1/directives/{directive.pk}/"
    response = api("secretary").patch(
        url, {"file": SimpleUploadedFile("moi.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["file_name"] == "moi.pdf"
    response = api("secretary").patch(url, {"remove_file": True}, format="json")
    assert response.status_code == 200
    assert (response.json()["file_name"], response.json()["file_url"]) == ("", None)
    assert (
        api("secretary").patch(url, {"is_active": False}, format="json").json()["is_active"]
        is False
    )


# --- Pickers ----------------------------------------------------------------------------------


def test_focus_issue_chosen_by_its_resolution(client, users, record):
    from hatnhan.tasks.forms import TaskForm

    form = TaskForm(user=users["secretary"], organization=record["resolution"].organization)
    labels = dict(form.fields["focus_issue"].choices)
    label = labels[record["issue"].pk]
    assert "Chấn chỉnh giờ giấc làm việc" in label and "03-NQ/ĐU Nghị quyết tháng 3" in label
    directives = dict(form.fields["directive"].choices)
    assert directives[record["directive"].pk] == "17-CT/TU — Kỷ luật hành chính"


def test_api_focus_issue_carries_its_label(api, record):
    body = api("member").get(f"/api/v1/focus-issues/{record['issue'].pk}/").json()
    assert body["label"] == "Chấn chỉnh giờ giấc làm việc (03-NQ/ĐU Nghị quyết tháng 3)"


def test_api_schema_describes_focus_issue_choices(api):
    schema = api("member").get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    task_focus = components["Task"]["properties"]["focus_issue"]
    assert "label" in task_focus.get("description", "")
    assert "nghị quyết" in components["FocusIssue"]["properties"]["label"]["description"]
    assert "PATCH" in str(schema["paths"].get("/api/v1/resolutions/{id}/", {}).keys()).upper()


# --- Races ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_corrections_at_once_each_record_what_it_replaced(record, users, monkeypatch):
    """Two committee members correct the same resolution's citations at the same moment: the
    row lock makes one wait, so the second event's "before" is the first one's "after" and the
    record ends as the last event says (no change lost from the history). Each dawdles
    between reading the record and writing, so the race fails without the lock."""
    import time

    from hatnhan.core.testing import run_concurrently

    real_save = services.save_audited

    def slow_save(**kwargs):
        time.sleep(0.3)
        return real_save(**kwargs)

    monkeypatch.setattr(services, "save_audited", slow_save)

    resolution, first, second = (
        record["resolution"],
        record["directive"],
        record["other_directive"],
    )
    since = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    results = run_concurrently(
        lambda: services.update_resolution(
            actor=users["secretary"], resolution=resolution, directives=[first, second]
        ),
        lambda: services.update_resolution(
            actor=users["committee"], resolution=resolution, directives=[second]
        ),
    )
    assert all(r is True or r is False for r in results), results
    events = list(
        AuditEvent.objects.filter(
            action="resolution.directives", object_id=str(resolution.pk), seq__gt=since
        ).order_by("seq")
    )
    assert events, "at least one of the two changed the citations"
    assert events[0].before == {"directives": [first.pk]}
    for earlier, later in itertools.pairwise(events):
        assert later.before == earlier.after
    final = sorted(Resolution.objects.get(pk=resolution.pk).directives.values_list("pk", flat=True))
    assert events[-1].after == {"directives": final}
