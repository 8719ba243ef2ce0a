"""Filing a briefing: the head, or the secretary on the head's behalf (QĐ 138-QĐ/TW 2023,
Art. 11: the state of the political task, new policies, proposals)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hatnhan.briefings import services
from hatnhan.briefings.tests.conftest import CONTENT, at
from hatnhan.core.testing import writes_nothing
from hatnhan.tasks.tests.conftest import png

pytestmark = pytest.mark.django_db


def test_head_files_on_time(filed, head):
    assert filed.status == "submitted"
    assert (filed.period_start, filed.period_end, filed.due_date) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 15),
    )
    assert filed.head == head
    assert filed.on_time and not filed.on_behalf


def test_secretary_files_on_the_heads_behalf(duty, users, client):
    """Filed by the secretary for the head: the record and the page say so."""
    briefing = services.file_briefing(
        actor=users["secretary"],
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        now=at(dt.date(2026, 7, 20)),
        **CONTENT,
    )
    assert briefing.on_behalf and briefing.on_time is False
    client.force_login(users["secretary"])
    page = client.get(f"/briefings/{briefing.pk}/").content.decode()
    assert "ghi báo cáo thay cho đồng chí Phạm Văn Hải" in page


def test_an_ordinary_member_may_not_file(duty, users):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.file_briefing(
            actor=users["member"], duty=duty, period_start=dt.date(2026, 1, 1), **CONTENT
        )


def test_another_organization_may_not_file(duty, users):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.file_briefing(
            actor=users["other"], duty=duty, period_start=dt.date(2026, 1, 1), **CONTENT
        )


def test_a_period_once(filed, duty, head_user):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.file_briefing(
            actor=head_user, duty=duty, period_start=dt.date(2026, 1, 1), **CONTENT
        )
    assert "period_start" in exc.value.message_dict


@pytest.mark.parametrize("start", [dt.date(2026, 2, 1), dt.date(2030, 1, 1)])
def test_not_a_period_or_not_started(duty, head_user, start):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.file_briefing(actor=head_user, duty=duty, period_start=start, **CONTENT)
    assert "period_start" in exc.value.message_dict


def test_results_required(duty, head_user):
    """QĐ 138 Art. 11: the briefing states how the political task stands."""
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.file_briefing(
            actor=head_user, duty=duty, period_start=dt.date(2026, 1, 1), results="  "
        )
    assert "results" in exc.value.message_dict


def test_files_checked_kept_and_served_only_within_reach(duty, head_user, users, client):
    briefing = services.file_briefing(
        actor=head_user,
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        files=[png("so-lieu.png")],
        **CONTENT,
    )
    stored = briefing.files.get()
    assert stored.file_name == "so-lieu.png" and stored.file_kind == "png"
    client.force_login(users["secretary"])
    assert client.get(f"/files/briefings/{stored.pk}/").status_code == 200
    client.force_login(users["other"])
    assert client.get(f"/files/briefings/{stored.pk}/").status_code == 404
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.file_briefing(
            actor=head_user, duty=duty, period_start=dt.date(2025, 7, 1), files=[fake], **CONTENT
        )
    assert "files" in exc.value.message_dict


def test_not_on_a_duty_no_longer_in_force(duty, users, head_user):
    services.update_duty(actor=users["secretary"], duty=duty, is_active=False)
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.file_briefing(
            actor=head_user, duty=duty, period_start=dt.date(2026, 1, 1), **CONTENT
        )
    assert "duty" in exc.value.message_dict
