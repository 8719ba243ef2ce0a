"""Pickers and the browser's upload check, as the server renders them on the pages of
several apps (tasks, members, directives, the import): a whole-system test, so it lives here."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hatnhan.core.uploads import check_size, too_large_message

pytestmark = pytest.mark.django_db


def options(html: str, select_id: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no #{select_id}"
    return re.findall(r'<option value="\d+"[^>]*data-key="([^"]*)"[^>]*>([^<]*)<', select[1])


def test_task_form_pickers_carry_diacritic_free_keys_and_names(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    assert 'data-picker-for="id_owner"' in html and 'data-picker-for="id_coworkers"' in html
    owners = dict(options(html, "id_owner"))
    assert owners["nguyen quang tung — chi bo phong ngan sach"] == (
        "Nguyễn Quang Tùng — Chi bộ Phòng Ngân sách"
    )
    organizations = [label for _, label in options(html, "id_organization")]
    assert "— Đảng bộ Sở Tài chính (STC)" in organizations  # by name, not only code


def test_seat_form_and_bulk_reassign_use_the_member_picker(client, tree, users, make_member):
    import datetime as dt

    from django.utils import timezone

    from hatnhan.tasks.services import create_task

    tung = make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    create_task(
        actor=users["secretary"],
        organization=tree["stc"],
        title="Rà soát",
        expected_result="Xong",
        owner=tung,
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    client.force_login(users["secretary"])
    seat = client.get(reverse("members:seat-create", args=[tree["stc"].pk])).content.decode()
    assert 'data-picker-for="id_member"' in seat
    url = f"{reverse('tasks:board')}?organization={tree['stc'].pk}"
    board = client.get(url).content.decode()
    assert 'data-picker-for="bulk-owner"' in board


def test_every_page_carries_the_upload_limit_and_the_servers_message(client, users, settings):
    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    client.force_login(users["member"])
    html = client.get("/").content.decode()
    assert f'data-upload-max-bytes="{5 * 1024 * 1024}"' in html
    template = "Tệp “{name}” quá lớn: {size} MB, giới hạn 5 MB."
    assert f'data-upload-too-large="{template}"' in html
    big = io.BytesIO(b"0" * (6 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        check_size(big, max_bytes=settings.UPLOAD_MAX_BYTES, label="Tệp “a.pdf”")
    server = refused.value.messages[0]
    assert server == template.replace("{name}", "a.pdf").replace("{size}", "6.0")
    assert server == too_large_message(label="Tệp “a.pdf”", size="6.0", limit=5 * 1024 * 1024)


def test_the_import_form_checks_its_own_limit(client, users, settings):
    settings.EXCHANGE_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    client.force_login(users["secretary"])
    html = client.get(reverse("exchange:import-members")).content.decode()
    assert f'data-max-bytes="{2 * 1024 * 1024}"' in html
    assert 'data-too-large="Tệp quá lớn: {size} MB, giới hạn 2 MB."' in html


def test_focus_issues_are_labelled_with_their_resolution(client, tree, users):
    import datetime as dt

    from hatnhan.directives import services as directives

    resolution = directives.create_resolution(
        actor=users["secretary"],
        organization=tree["stc"],
        kind="monthly",
        number_symbol="05-NQ/ĐU",
        title="Nghị quyết tháng 3",
        adopted_on=dt.date(2026, 3, 1),
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
    )
    directives.create_focus_issue(
        actor=users["secretary"], resolution=resolution, title="Cải cách TTHC", level="key"
    )
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    assert ">Cải cách TTHC (05-NQ/ĐU Nghị quyết tháng 3)</option>" in html
