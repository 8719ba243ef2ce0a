"""`hatnhan add-organization CODE NAME [--parent CODE] [--kind KIND]`."""

import io

import pytest
from django.core.management import CommandError, call_command

from hatnhan.audit.models import AuditEvent
from hatnhan.organizations.models import Organization


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("add_organization", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_root_then_child():
    assert "gốc của cây" in run("DUK", "Đảng bộ Khối Các cơ quan tỉnh")
    output = run(
        "stc",
        "Đảng bộ  Sở Tài chính",
        "--parent",
        "duk",
        "--kind",
        "grassroots_committee",
        "--agency",
        "Sở Tài chính",
    )
    root = Organization.objects.get(code="DUK")
    child = Organization.objects.get(code="STC")
    assert "Đã thêm tổ chức STC — Đảng bộ Sở Tài chính trực thuộc DUK" in output
    assert (root.kind, root.depth, root.parent) == ("bloc_committee", 0, None)
    assert (child.kind, child.depth, child.parent, child.agency_name) == (
        "grassroots_committee",
        1,
        root,
        "Sở Tài chính",
    )
    assert child.path.startswith(root.path)
    # The operator's writes are audited too, as "system".
    event = AuditEvent.objects.get(action="organization.create", object_id=str(child.pk))
    assert event.actor_id is None and event.actor_name == "system"


def test_kind_defaults_to_cell_under_a_parent(tree):
    run("STC-KH", "Chi bộ Phòng Kế hoạch", "--parent", "STC")
    assert Organization.objects.get(code="STC-KH").kind == "cell"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["X", "Chi bộ X", "--parent", "NOPE"], "Không có tổ chức mã “NOPE” (--parent)."),
        (["X", "Chi bộ X", "--parent", "STC", "--kind", "nhom"], "Loại “nhom” không có"),
        (["STC-NS", "Trùng mã", "--parent", "STC"], "code:"),
        (["X"], "Thiếu TÊN"),
        ([], "Thiếu MÃ"),
    ],
)
def test_bad_arguments_refuse_in_vietnamese_and_write_nothing(tree, args, message):
    before = (Organization.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert message in str(refused.value)
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before
