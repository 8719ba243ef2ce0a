"""Filters in one place: every list reads its query string through its one FilterSet, so the
page, the API and the export return the same rows for the same filter, a malformed value
answers 400 on the API (naming the parameter) and a message above an empty list on a page,
and the OpenAPI schema documents each list's parameters."""

import datetime as dt
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from hatnhan.core.testing import api_client
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.directives.services import create_directive, create_focus_issue, create_resolution
from hatnhan.members.models import MemberStatus, SeatRole
from hatnhan.members.services import create_seat
from hatnhan.organizations.models import Organization
from hatnhan.organizations.selectors import children_of, tree_roots
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**63)
NOT_IDS = ["²", "٣", TOO_BIG, "-1", "0", "1.5", "abc", "1e3"]


def _xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:300]
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))[1:]


def _api(user, url: str, params: dict) -> list[dict]:
    response = api_client(user).get(url, {**params, "page_size": 500})
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Members: page, API, export ----------------------------------------------------------------


@pytest.fixture
def people(tree, make_member):
    return {
        "tung": make_member(tree["stc_cell"], "Nguyễn Quang Tùng"),
        "trung": make_member(tree["stc_cell"], "Nguyễn Quang Trung"),
        "lam": make_member(tree["stc"], "Đỗ Thị Tùng Lâm"),
        "van_tung": make_member(tree["stc"], "Nguyễn Văn Tùng", status=MemberStatus.SUSPENDED),
        "exempt": make_member(tree["stc_cell"], "Lê Thị Hoa", status=MemberStatus.EXEMPT),
        "gone": make_member(tree["stc_cell"], "Phan Văn Mạnh", status=MemberStatus.DECEASED),
        "syt": make_member(tree["syt_cell"], "Nguyễn Thanh Tùng"),
    }


def _members_three_ways(client, user, params: dict) -> tuple[list, list, list]:
    client.force_login(user)
    page = client.get("/members/", params)
    assert page.status_code == 200
    assert not page.context["filter_problems"]
    on_page = [m.full_name for m in page.context["members"].paginator.object_list]
    on_api = [row["full_name"] for row in _api(user, "/api/v1/members/", params)]
    exported = [r[0] for r in _xlsx_rows(client.get("/exchange/members.xlsx", params))]
    return on_page, on_api, exported


@pytest.mark.parametrize(
    "query",
    [
        "Tùng Nguyễn",
        "tung nguyen",
        "NGUYỄN TÙNG",
        unicodedata.normalize("NFD", "Tùng Nguyễn"),
        "  nguyễn   tùng ",
    ],
)
def test_one_search_finds_the_same_members_on_page_api_and_export(client, users, people, query):
    on_page, on_api, exported = _members_three_ways(client, users["secretary"], {"q": query})
    # Word order, case, diacritics and Unicode form ignored; never outside the user's reach.
    assert on_page == ["Nguyễn Quang Tùng", "Nguyễn Văn Tùng"]
    assert on_api == on_page
    assert exported == on_page


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"organization": "stc_cell"},
        {"organization": "stc", "status": "suspended"},
        {"status": "exempt"},
        {"q": "tung", "organization": "stc"},
        {"q": "nguyen quang", "status": "active"},
    ],
)
def test_member_filters_agree_on_page_api_and_export(client, users, tree, people, params):
    params = {k: tree[v].pk if k == "organization" else v for k, v in params.items()}
    on_page, on_api, exported = _members_three_ways(client, users["secretary"], params)
    assert on_page == on_api == exported
    assert on_page  # every case finds someone


def test_the_apis_search_name_is_the_pages_q(users, people):
    user = users["secretary"]
    assert _api(user, "/api/v1/members/", {"search": "tung nguyen"}) == _api(
        user, "/api/v1/members/", {"q": "tung nguyen"}
    )


def test_tree_and_api_count_the_same_members(users, tree, people):
    """Both count members "đang sinh hoạt" (members.models.COUNTED_STATUSES)."""
    user = users["staff"]
    roots = tree_roots(user)
    nodes = [*roots, *(c for r in roots for c in r.loaded_children)]
    nodes += [g for n in list(nodes) for g in children_of(user, n)]
    on_tree = {n.code: n.member_count for n in nodes}
    on_api = {row["code"]: row["member_count"] for row in _api(user, "/api/v1/organizations/", {})}
    assert on_tree == on_api
    # STC-NS: Bình (the member account), Tùng, Trung; not the exempt nor the deceased.
    assert on_api["STC-NS"] == 3
    assert on_api["STC"] == 4  # and Lâm; not the suspended Văn Tùng


def test_the_organization_page_counts_as_the_tree_does(client, users, tree, people):
    client.force_login(users["secretary"])
    response = client.get(f"/organizations/{tree['stc'].pk}/")
    assert response.context["organization"].member_count == 4
    assert response.context["members"].paginator.count == 7  # every status is listed


# --- Organizations and seats: API and export ----------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"organization": "stc"}, {"q": "tai chinh so"}, {"kind": "cell"}, {"parent": "bloc"}],
)
def test_organization_filters_agree_on_api_and_export(client, users, tree, params):
    params = {k: tree[v].pk if k in {"organization", "parent"} else v for k, v in params.items()}
    user = users["staff"]
    client.force_login(user)
    on_api = [row["code"] for row in _api(user, "/api/v1/organizations/", params)]
    exported = [r[0] for r in _xlsx_rows(client.get("/exchange/organizations.xlsx", params))]
    assert on_api == exported
    assert on_api


@pytest.fixture
def seats(tree, people):
    return [
        create_seat(
            actor=None, organization=tree["stc"], member=people["tung"], role=SeatRole.SECRETARY
        ),
        create_seat(
            actor=None,
            organization=tree["stc_cell"],
            member=people["trung"],
            role=SeatRole.COMMITTEE,
            end_date=dt.date(2025, 1, 1),
            start_date=dt.date(2020, 1, 1),
        ),
        create_seat(
            actor=None, organization=tree["syt"], member=people["syt"], role=SeatRole.SECRETARY
        ),
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"organization": "stc"}, {"current": "true"}, {"current": "false"}, {"q": "trung"}],
)
def test_seat_filters_agree_on_api_and_export(client, users, tree, seats, params):
    params = {k: tree[v].pk if k == "organization" else v for k, v in params.items()}
    user = users["staff"]
    client.force_login(user)
    on_api = [(row["organization"], row["member"]) for row in _api(user, "/api/v1/seats/", params)]
    by_code = {o.code: o.pk for o in Organization.objects.all()}
    exported = [
        (by_code[r[1]], s.member_id)
        for r in _xlsx_rows(client.get("/exchange/seats.xlsx", params))
        for s in seats
        if s.member.full_name == r[3]
    ]
    assert on_api == exported
    assert on_api


# --- Tasks: board, API, export ------------------------------------------------------------------


@pytest.fixture
def tasks(tree, users, people):
    today = timezone.localdate()
    owner = users["member"].member

    def make(**values) -> Task:
        values.setdefault("organization", tree["stc"])
        values.setdefault("expected_result", "Xong")
        values.setdefault("owner", owner)
        values.setdefault("due_date", today + dt.timedelta(days=10))
        return task_services.create_task(actor=users["secretary"], **values)

    late = make(
        title="Rà soát thủ tục",
        due_date=today - dt.timedelta(days=3),
        today=today - dt.timedelta(days=20),
    )
    make(title="Công khai thủ tục", organization=tree["stc_cell"], owner=people["tung"])
    make(title="Rà soát hồ sơ", coworkers=[people["tung"]], priority="urgent")
    done = make(title="Tổng kết năm")
    task_services.cancel_task(actor=users["secretary"], task=done, reason="Trùng")
    return late


@pytest.mark.parametrize(
    "params",
    [
        {"status": "open"},
        {"status": ""},
        {"status": "cancelled"},
        {"status": "assigned,cancelled", "ordering": "-due"},
        {"organization": "stc_cell", "status": ""},
        {"q": "soat ra", "status": "open"},
        {"assignee": "tung", "status": ""},
        {"member": "tung", "status": ""},
        {"overdue": "true", "status": ""},
        {"overdue": "false", "status": "", "ordering": "priority"},
    ],
)
def test_task_filters_agree_on_board_api_and_export(client, users, tree, people, tasks, params):
    params = {
        k: tree[v].pk if k == "organization" else people[v].pk if k in {"assignee", "member"} else v
        for k, v in params.items()
    }
    user = users["secretary"]
    client.force_login(user)
    board = client.get("/tasks/board/", params)
    assert board.status_code == 200
    assert not board.context["filter_problems"]
    on_board = [t.title for t in board.context["page"].paginator.object_list]
    on_api = [row["title"] for row in _api(user, "/api/v1/tasks/", params)]
    exported = [r[1] for r in _xlsx_rows(client.get("/tasks/board/", {**params, "format": "xlsx"}))]
    assert on_board == on_api == exported
    assert on_board


def test_board_still_opens_on_open_work(client, users, tasks):
    client.force_login(users["secretary"])
    titles = [t.title for t in client.get("/tasks/board/").context["page"].object_list]
    assert "Tổng kết năm" not in titles and len(titles) == 3


# --- Malformed values: 400 by parameter on the API, a message on the page, no file -------------

API_BAD = [
    ("/api/v1/members/", "organization", NOT_IDS),
    ("/api/v1/members/", "status", ["bogus", "ACTIVE"]),
    ("/api/v1/members/", "q", ["x" * 201, "a\x00b"]),
    ("/api/v1/audit-events/", "object_type", ["a\x00b"]),
    ("/api/v1/organizations/", "parent", NOT_IDS),
    ("/api/v1/organizations/", "organization", NOT_IDS),
    ("/api/v1/organizations/", "kind", ["bogus"]),
    ("/api/v1/seats/", "organization", NOT_IDS),
    ("/api/v1/seats/", "member", NOT_IDS),
    ("/api/v1/seats/", "current", ["maybe", "2"]),
    ("/api/v1/terms/", "organization", NOT_IDS),
    ("/api/v1/tasks/", "organization", NOT_IDS),
    ("/api/v1/tasks/", "assignee", NOT_IDS),
    ("/api/v1/tasks/", "member", NOT_IDS),
    ("/api/v1/tasks/", "focus_issue", NOT_IDS),
    ("/api/v1/tasks/", "directive", NOT_IDS),
    ("/api/v1/tasks/", "parent", NOT_IDS),
    ("/api/v1/tasks/", "status", ["bogus", "assigned,bogus"]),
    ("/api/v1/tasks/", "overdue", ["maybe"]),
    ("/api/v1/tasks/", "ordering", ["bogus"]),
    ("/api/v1/tasks/", "due_from", ["31/02/2026", "10310-01-01", "hôm nay"]),
    ("/api/v1/tasks/", "due_to", ["2026-13-01"]),
    ("/api/v1/directives/", "kind", ["bogus"]),
    ("/api/v1/year-themes/", "year", ["10310", "²", TOO_BIG, "1899", "abc"]),
    ("/api/v1/resolutions/", "year", ["10310", "²", TOO_BIG]),
    ("/api/v1/resolutions/", "organization", NOT_IDS),
    ("/api/v1/resolutions/", "kind", ["bogus"]),
    ("/api/v1/focus-issues/", "organization", NOT_IDS),
    ("/api/v1/focus-issues/", "resolution", NOT_IDS),
    ("/api/v1/focus-issues/", "level", ["bogus"]),
    ("/api/v1/audit-events/", "created_from", ["2026-02-30"]),
    ("/api/v1/notifications/", "unread", ["maybe"]),
]


@pytest.mark.parametrize(
    ("url", "name", "value"), [(u, n, v) for u, n, values in API_BAD for v in values]
)
def test_malformed_value_is_400_naming_the_parameter(users, url, name, value):
    response = api_client(users["admin"]).get(url, {name: value})
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body) == [name]
    assert body[name] and all(isinstance(m, str) and m for m in body[name])


def test_the_message_is_vietnamese_and_says_what_was_refused(users):
    client = api_client(users["admin"])
    assert client.get("/api/v1/tasks/", {"organization": "²"}).json() == {
        "organization": ["“²” không phải là mã số hợp lệ (số nguyên dương)."]
    }
    assert client.get("/api/v1/year-themes/", {"year": "10310"}).json() == {
        "year": ["Giá trị phải từ 2200 trở xuống."]
    }
    assert client.get("/api/v1/tasks/", {"status": "assigned,bogus"}).json() == {
        "status": ["“bogus” không phải là một lựa chọn hợp lệ."]
    }


def test_an_id_out_of_reach_is_404_like_one_that_does_not_exist(users, tree, people):
    client = api_client(users["secretary"])
    for url, name, value in [
        ("/api/v1/members/", "organization", tree["syt"].pk),
        ("/api/v1/tasks/", "organization", tree["syt"].pk),
        ("/api/v1/tasks/", "assignee", people["syt"].pk),
        ("/api/v1/seats/", "member", people["syt"].pk),
        ("/api/v1/focus-issues/", "organization", tree["syt"].pk),
        ("/api/v1/members/", "organization", 987654321),
    ]:
        response = client.get(url, {name: value})
        assert response.status_code == 404, (url, name)
        assert "Nguyễn Thanh Tùng" not in response.content.decode()


PAGE_BAD = [
    ("/members/", "members", "organization", "²", "Tổ chức"),
    ("/members/", "members", "organization", TOO_BIG, "Tổ chức"),
    ("/members/", "members", "status", "bogus", "Tình trạng"),
    ("/tasks/board/", "page", "organization", "²", "Tổ chức"),
    ("/tasks/board/", "page", "assignee", TOO_BIG, "Người chịu trách nhiệm"),
    ("/tasks/board/", "page", "due_from", "31/02/2026", "Hạn từ"),
    ("/tasks/board/", "page", "status", "bogus", "Trạng thái"),
    ("/tasks/board/", "page", "overdue", "maybe", "Chỉ quá hạn"),
    ("/directives/", "page", "kind", "bogus", "Loại văn bản"),
    ("/resolutions/", "page", "year", "10310", "Năm"),
    ("/resolutions/", "page", "organization", "٣", "Tổ chức"),
]


@pytest.mark.parametrize(("url", "rows", "name", "value", "label"), PAGE_BAD)
def test_malformed_value_on_a_page_is_a_message_above_an_empty_list(
    client, users, people, tasks, url, rows, name, value, label
):
    client.force_login(users["secretary"])
    response = client.get(url, {name: value})
    assert response.status_code == 200
    problems = response.context["filter_problems"]
    assert len(problems) == 1 and problems[0].startswith(f"{label}: ")
    assert problems[0] in response.content.decode()
    assert response.context[rows].paginator.count == 0


@pytest.mark.parametrize(
    ("url", "month"), [("/tasks/calendar/", "10310-01"), ("/tasks/calendar/", "2026-13")]
)
def test_a_month_out_of_range_is_a_message_not_a_500(client, users, tasks, url, month):
    client.force_login(users["secretary"])
    response = client.get(url, {"month": month})
    assert response.status_code == 200
    assert response.context["filter_problems"][0].startswith("Tháng: ")
    assert response.context["count"] == 0


def test_notifications_page_reads_unread_through_its_filter(client, users):
    client.force_login(users["member"])
    assert client.get("/tasks/notifications/", {"unread": "1"}).context["unread_only"] is True
    bad = client.get("/tasks/notifications/", {"unread": "maybe"})
    assert bad.context["filter_problems"] and list(bad.context["items"]) == []


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/exchange/members.xlsx", {"organization": "²"}),
        ("/exchange/members.xlsx", {"status": "bogus"}),
        ("/exchange/organizations.xlsx", {"organization": TOO_BIG}),
        ("/exchange/seats.xlsx", {"current": "maybe"}),
        ("/tasks/board/", {"format": "xlsx", "due_to": "2026-02-30"}),
    ],
)
def test_an_export_with_a_malformed_filter_gives_no_file_and_says_why(client, users, url, params):
    client.force_login(users["secretary"])
    response = client.get(url, params)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert response.context["filter_problems"]


# --- The schema documents every list's parameters -----------------------------------------------

LIST_PARAMETERS = {
    "/api/v1/members/": {"organization": "integer", "status": "string", "q": "string"},
    "/api/v1/organizations/": {"organization": "integer", "parent": "integer", "kind": "string"},
    "/api/v1/seats/": {"organization": "integer", "member": "integer", "current": "boolean"},
    "/api/v1/terms/": {"organization": "integer"},
    "/api/v1/tasks/": {
        "organization": "integer",
        "assignee": "integer",
        "member": "integer",
        "status": "string",
        "focus_issue": "integer",
        "directive": "integer",
        "parent": "integer",
        "overdue": "boolean",
        "q": "string",
        "due_from": "string",
        "due_to": "string",
        "ordering": "string",
    },
    "/api/v1/directives/": {"kind": "string", "q": "string"},
    "/api/v1/year-themes/": {"year": "integer"},
    "/api/v1/resolutions/": {"organization": "integer", "kind": "string", "year": "integer"},
    "/api/v1/focus-issues/": {
        "organization": "integer",
        "resolution": "integer",
        "level": "string",
    },
    "/api/v1/audit-events/": {
        "object_type": "string",
        "action": "string",
        "created_from": "string",
    },
    "/api/v1/notifications/": {"unread": "boolean"},
}


def test_the_schema_lists_each_lists_filter_parameters(users):
    schema = api_client(users["admin"]).get("/api/schema/", {"format": "json"}).json()
    for path, expected in LIST_PARAMETERS.items():
        found = {
            p["name"]: p["schema"].get("type") for p in schema["paths"][path]["get"]["parameters"]
        }
        assert {name: found.get(name) for name in expected} == expected, path
    tasks = {p["name"]: p for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert tasks["due_from"]["schema"]["format"] == "date"
    assert set(tasks["ordering"]["schema"]["enum"]) >= {"due", "-due", "priority"}


# --- Query counts stay constant -----------------------------------------------------------------


def _count(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_filtered_pages_cost_the_same_queries_whatever_the_rows(
    client, users, tree, people, tasks, make_member
):
    client.force_login(users["secretary"])
    owner = users["member"].member
    cases = [
        ("/members/", {"organization": tree["stc"].pk, "q": "nguyen", "status": "active"}),
        ("/tasks/board/", {"organization": tree["stc"].pk, "assignee": owner.pk, "q": "ra"}),
        ("/exchange/members.xlsx", {"organization": tree["stc"].pk, "q": "nguyen"}),
    ]
    client.get("/members/")  # the user's roles are read once and kept
    before = [_count(client, url, params) for url, params in cases]
    for i in range(15):
        make_member(tree["stc_cell"], f"Nguyễn Văn Số {i}")
        task_services.create_task(
            actor=users["secretary"],
            organization=tree["stc_cell"],
            title=f"Rà soát lần {i}",
            expected_result="Xong",
            owner=owner,
            coworkers=[people["tung"]],
            due_date=timezone.localdate() + dt.timedelta(days=i),
        )
    assert [_count(client, url, params) for url, params in cases] == before


def test_focus_issue_and_directive_filters_keep_to_the_reach(users, tree):
    directive = create_directive(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="plan",
        number_symbol="12-KH/ĐU",
        issuing_body="Đảng ủy Sở Tài chính",
        issued_on=dt.date(2026, 3, 1),
        title="Kế hoạch",
    )
    resolution = create_resolution(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="monthly",
        title="Nghị quyết tháng 3",
        adopted_on=dt.date(2026, 3, 1),
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
    )
    issue = create_focus_issue(
        actor=users["secretary"], resolution=resolution, title="Cải cách", level="key"
    )
    mine = api_client(users["secretary"])
    assert [
        r["id"]
        for r in mine.get("/api/v1/focus-issues/", {"resolution": resolution.pk}).json()["results"]
    ] == [issue.pk]
    assert [
        r["id"] for r in mine.get("/api/v1/resolutions/", {"year": 2026}).json()["results"]
    ] == [resolution.pk]
    other = api_client(users["other"])
    assert other.get("/api/v1/focus-issues/", {"resolution": resolution.pk}).status_code == 404
    assert other.get("/api/v1/tasks/", {"directive": directive.pk}).status_code == 404
    assert Directive.objects.count() == 1 and FocusIssue.objects.count() == 1


def test_the_acceptance_queue_reads_the_boards_filters(client, users, tree, tasks):
    client.force_login(users["member"])
    task_services.report_progress(
        actor=users["member"], task=tasks, percent=100, note="Xong", files=[], submit=True
    )
    client.force_login(users["secretary"])
    queue = client.get("/tasks/awaiting/", {"organization": tree["stc"].pk})
    assert [t.pk for t in queue.context["page"].object_list] == [tasks.pk]
    elsewhere = client.get("/tasks/awaiting/", {"organization": tree["stc_cell"].pk})
    assert list(elsewhere.context["page"].object_list) == []
    bad = client.get("/tasks/awaiting/", {"organization": "²"})
    assert bad.status_code == 200 and bad.context["filter_problems"]
    assert list(bad.context["page"].object_list) == []
    exported = _xlsx_rows(client.get("/tasks/awaiting/", {"q": "ra soat", "format": "xlsx"}))
    assert [r[1] for r in exported] == [tasks.title]


@pytest.mark.parametrize("value", ["²", TOO_BIG, "abc"])
def test_a_forms_prefill_with_a_malformed_id_starts_empty_not_500(client, users, tree, value):
    client.force_login(users["secretary"])
    for url, name in [
        ("/tasks/new/", "organization"),
        ("/tasks/new/", "focus_issue"),
        ("/tasks/new/", "directive"),
        ("/tasks/new/", "parent"),
        ("/members/new/", "organization"),
        (f"/members/seats/new/{tree['stc'].pk}/", "member"),
    ]:
        assert client.get(url, {name: value}).status_code == 200, (url, name)


def test_the_search_page_uses_the_one_search(client, users, people):
    client.force_login(users["secretary"])
    found = client.get("/search/", {"q": "Tùng Nguyễn"}).context["members"].paginator.object_list
    assert [m.full_name for m in found] == ["Nguyễn Quang Tùng", "Nguyễn Văn Tùng"]
    # A NUL byte is no letter: ignored, not sent to the database (PostgreSQL refuses it).
    assert client.get("/search/", {"q": "tung\x00"}).status_code == 200


# --- Directives and resolutions: page and API --------------------------------------------------


@pytest.fixture
def documents(tree, users):
    def directive(**values):
        values.setdefault("organization", tree["stc"])
        values.setdefault("issuing_body", "Đảng ủy Sở Tài chính")
        values.setdefault("issued_on", dt.date(2026, 3, 1))
        values.setdefault("actor", users["secretary"])
        return create_directive(**values)

    def resolution(**values):
        values.setdefault("organization", tree["stc"])
        values.setdefault("adopted_on", dt.date(2026, 3, 1))
        return create_resolution(actor=users["secretary"], **values)

    directive(kind="plan", number_symbol="12-KH/ĐU", title="Kế hoạch cải cách hành chính")
    directive(kind="directive", number_symbol="05-CT/ĐU", title="Chỉ thị về kỷ cương")
    directive(
        kind="plan",
        number_symbol="03-KH/ĐU",
        title="Kế hoạch của Sở Y tế",
        organization=tree["syt"],
        actor=None,
    )
    resolution(
        kind="monthly",
        title="Nghị quyết tháng 3",
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
    )
    resolution(
        kind="annual",
        title="Nghị quyết năm 2025",
        organization=tree["stc_cell"],
        adopted_on=dt.date(2025, 1, 5),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )


@pytest.mark.parametrize(
    ("page_url", "api_url", "params"),
    [
        ("/directives/", "/api/v1/directives/", {}),
        ("/directives/", "/api/v1/directives/", {"kind": "plan"}),
        ("/directives/", "/api/v1/directives/", {"q": "cai cach hanh chinh"}),
        ("/resolutions/", "/api/v1/resolutions/", {}),
        ("/resolutions/", "/api/v1/resolutions/", {"year": "2025"}),
        ("/resolutions/", "/api/v1/resolutions/", {"kind": "monthly"}),
        ("/resolutions/", "/api/v1/resolutions/", {"organization": "stc_cell"}),
        ("/resolutions/", "/api/v1/resolutions/", {"q": "thang 3 nghi quyet"}),
    ],
)
def test_document_filters_agree_on_page_and_api(
    client, users, tree, documents, page_url, api_url, params
):
    params = {k: tree[v].pk if k == "organization" else v for k, v in params.items()}
    user = users["secretary"]
    client.force_login(user)
    page = client.get(page_url, params)
    assert not page.context["filter_problems"]
    on_page = [d.pk for d in page.context["page"].paginator.object_list]
    assert on_page == [row["id"] for row in _api(user, api_url, params)]
    assert on_page


def test_notification_filter_agrees_on_page_and_api(client, users, tasks):
    user = users["member"]
    client.force_login(user)
    for params in ({}, {"unread": "1"}):
        on_page = [n.pk for n in client.get("/tasks/notifications/", params).context["items"]]
        assert on_page == [row["id"] for row in _api(user, "/api/v1/notifications/", params)]
        assert on_page
