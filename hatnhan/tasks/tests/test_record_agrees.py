"""Percent, state and card agree at once; outcome and state never contradict; people are
named by member name; large evidence goes through the API."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from hatnhan.audit.models import AuditEvent
from hatnhan.tasks import services
from hatnhan.tasks.models import Evidence, ProgressUpdate, TaskStatus

from .conftest import PNG, png

pytestmark = [pytest.mark.django_db]


def test_accepting_sets_the_percent_to_100_audited(task, users):
    services.report_progress(
        actor=users["member"], task=task, percent=60, note="Gần xong", submit=True
    )
    task.refresh_from_db()
    assert (task.status, task.percent) == (TaskStatus.AWAITING_ACCEPTANCE, 60)
    services.accept_task(actor=users["secretary"], task=task, outcome="met")
    task.refresh_from_db()
    assert (task.status, task.percent) == (TaskStatus.DONE, 100)
    event = AuditEvent.objects.filter(action="task.accept", object_id=str(task.pk)).get()
    assert (event.before["percent"], event.after["percent"]) == (60, 100)


def test_reporting_done_from_the_card_moves_it_at_once(client, task, users):
    client.force_login(users["member"])
    page = client.get(reverse("tasks:my-tasks")).content.decode()
    assert 'id="due-soon"' in page and f'id="task-card-{task.pk}"' in page
    response = client.post(
        reverse("tasks:progress", args=[task.pk]),
        {"percent": 60, "note": "Xong phần chính", "submit": "on", "from": "card"},
        headers={"HX-Request": "true", "HX-Target": f"task-card-{task.pk}"},
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#my-tasks" and response["HX-Reswap"] == "outerHTML"
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="my-tasks">')
    # The card is under "awaiting acceptance" now, and the counts say so.
    awaiting_at = html.index('id="awaiting"')
    assert html.index(f'id="task-card-{task.pk}"') > awaiting_at
    counts = dict(re.findall(r'<a href="#([\w-]+)"[^>]*><strong>(\d+)</strong>', html))
    assert counts == {"overdue": "0", "due-soon": "0", "in-hand": "0", "awaiting": "1"}
    assert "Đã gửi báo cáo tiến độ." in html


def test_a_report_that_keeps_the_card_in_place_swaps_only_the_card(client, task, users):
    client.force_login(users["member"])
    response = client.post(
        reverse("tasks:progress", args=[task.pk]),
        {"percent": 30, "note": "Đang làm", "from": "card"},
        headers={"HX-Request": "true", "HX-Target": f"task-card-{task.pk}"},
    )
    assert "HX-Retarget" not in response
    html = response.content.decode()
    assert html.lstrip().startswith("<article") and 'id="summary" hx-swap-oob="true"' in html


def test_outcome_and_state_never_contradict(client, task, users):
    services.report_progress(actor=users["member"], task=task, percent=100, note="x", submit=True)
    services.accept_task(actor=users["secretary"], task=task, outcome="not_met", comment="Thiếu")
    client.force_login(users["member"])
    for url in (reverse("tasks:detail", args=[task.pk]), reverse("tasks:my-tasks")):
        html = client.get(url).content.decode()
        assert "Không đạt" in html
        assert 'st-done">Đã nghiệm thu<' in html
        assert 'st-done">Hoàn thành<' not in html


def test_task_page_names_people_by_member_name(client, make_task, deputy, users):
    task = make_task(actor=deputy)
    services.report_progress(actor=users["member"], task=task, percent=100, note="x", submit=True)
    services.accept_task(actor=users["committee"], task=task, outcome="met")
    client.force_login(users["member"])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert "<dt>Người giao</dt><dd>Cao Thị Hạnh</dd>" in facts
    assert "stc.bithu" not in facts  # the login is not shown where a member is linked
    # The committee account has no member: its login is all there is.
    assert "<dt>Người nghiệm thu</dt><dd>stc_committee</dd>" in facts
    timeline = html[html.index('class="task-timeline"') : html.index('class="history"')]
    assert "· Cao Thị Hạnh</div>" in timeline and "· Trần Thị Bình</div>" in timeline
    assert "stc.bithu" not in timeline


def test_api_names_the_assigner(make_task, deputy, users):
    task = make_task(actor=deputy)
    client = APIClient()
    client.force_authenticate(users["member"])
    data = client.get(f"/api/v1/tasks/{task.pk}/").json()
    assert data["assigned_by_name"] == "Cao Thị Hạnh"


def test_api_evidence_upload_of_19_mib_is_stored(task, users, settings):
    """Over FILE_UPLOAD_MAX_MEMORY_SIZE the upload is spooled to disk; copying the request
    data then failed with 500 (cannot pickle 'BufferedRandom')."""
    size = 19 * 1024 * 1024
    big = SimpleUploadedFile("anh-lon.png", PNG + b"\0" * (size - len(PNG)), "image/png")
    assert size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    client = APIClient()
    client.force_authenticate(users["member"])
    response = client.post(
        f"/api/v1/tasks/{task.pk}/progress/",
        {"percent": 40, "note": "Ảnh hiện trường", "files": [big]},
        format="multipart",
    )
    assert response.status_code == 201, response.content[:500]
    evidence = Evidence.objects.get()
    assert (evidence.file_name, evidence.file_size) == ("anh-lon.png", size)
    assert evidence.file.size == size
    assert ProgressUpdate.objects.get().evidence.get() == evidence


def test_task_page_queries_do_not_grow_with_its_history(client, task, deputy, users):
    """Reports by the member and on her behalf, returns, evidence: the page names everyone
    from what it selected, in a fixed number of queries."""

    def round_trip(n):
        for i in range(n):
            reporter = deputy if i % 2 else users["member"]
            services.report_progress(
                actor=reporter, task=task, percent=50, note=f"Lần {i}", files=[png()]
            )
            services.report_progress(actor=reporter, task=task, percent=100, note="x", submit=True)
            services.return_task(actor=users["committee"], task=task, comment="Bổ sung")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
        return len(ctx.captured_queries), html.count("thay mặt")

    client.force_login(users["committee"])
    round_trip(2)
    few, behalf_few = count()
    round_trip(6)
    many, behalf_many = count()
    assert (behalf_few, behalf_many) == (2, 8)  # two reports a round on her behalf
    assert many <= few, (few, many)
