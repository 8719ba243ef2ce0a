import datetime as dt

import pytest
from django.template import Context, Template

from hatnhan.audit.selectors import history_for, readable_history
from hatnhan.members.services import update_member

pytestmark = pytest.mark.django_db


def test_readable_history_names_fields_choices_and_related_objects(tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    update_member(
        actor=users["secretary"],
        member=member,
        status="exempt",
        probationary_date=dt.date(2006, 1, 2),
    )
    update, create = readable_history(history_for(member, users["secretary"]))
    assert (create.kind, update.kind) == ("create", "update")
    assert update.action_label == "Sửa thông tin đảng viên"
    changes = {c.label: (c.before, c.after) for c in update.changes}
    assert changes == {
        "Tình trạng": ("Đang sinh hoạt", "Miễn sinh hoạt"),
        "Ngày vào Đảng (dự bị)": ("19/05/2005", "02/01/2006"),
    }
    created = {c.label: c.after for c in create.changes}
    assert created["Chi bộ / tổ chức"] == "Chi bộ Phòng Ngân sách"
    assert "Sort_key" not in created and "search_text" not in str(created)


def test_template_tag_renders_any_objects_history(tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường", post="A")
    update_member(actor=users["secretary"], member=member, post="B")
    html = Template("{% load audit %}{% object_history obj %}").render(
        Context({"obj": member, "user": users["secretary"]})
    )
    assert "Lịch sử thay đổi" in html and "stc_secretary" in html
    assert "<del>A</del>" in html and "<ins>B</ins>" in html
    empty = Template("{% load audit %}{% object_history objs %}").render(Context({"objs": []}))
    assert "Chưa có thay đổi nào được ghi." in empty
