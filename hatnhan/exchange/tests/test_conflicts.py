"""Import must never overwrite the wrong person: a card number whose member has another name
or date of birth is a conflict that needs a choice per row, and the default is to skip it."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hatnhan.audit.models import AuditEvent
from hatnhan.exchange.models import ImportBatch, ImportStatus
from hatnhan.exchange.services import apply_import
from hatnhan.members.models import Member

from .conftest import write
from .sheets import row, simple
from .test_commands import cli  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
BORN = dt.date(1980, 1, 2)


@pytest.fixture
def binh(make_member, tree):
    return make_member(
        tree["stc_cell"], "Trần Văn Bình", party_card_number="1001", date_of_birth=BORN
    )


def _row(name: str, card: str = "1001", **values):
    values.setdefault("born", BORN)
    return row(1, name, card, **values)


def test_another_name_on_the_card_is_a_conflict_not_an_update(plan_for, binh):
    plan = plan_for(simple(_row("Nguyễn Thị Hoa", gender="Nữ")))
    assert not plan.updates and plan.counts()["conflict"] == 1
    [conflict] = plan.conflicts
    assert (conflict.stored_name, conflict.full_name) == ("Trần Văn Bình", "Nguyễn Thị Hoa")
    summary = plan.summary(preview_rows=10)
    assert summary["updates"] == [] and summary["conflicts"][0]["key"] == "Sheet1:2"
    result = apply_import(actor=None, plan=plan)  # nobody chose: nothing is overwritten
    binh.refresh_from_db()
    assert binh.full_name == "Trần Văn Bình" and binh.gender != "female"
    assert (result.updated, result.skipped) == (0, 1)
    assert not AuditEvent.objects.filter(action="member.update").exists()


def test_another_date_of_birth_is_a_conflict(plan_for, binh):
    plan = plan_for(simple(_row("Trần Văn Bình", born=dt.date(1979, 7, 9))))
    assert not plan.errors, [str(e) for e in plan.errors]
    assert plan.counts()["conflict"] == 1 and not plan.updates


@pytest.mark.parametrize(
    "name",
    [
        "TRẦN VĂN BÌNH",  # case
        "  Trần   Văn Bình ",  # spacing
        unicodedata.normalize("NFD", "Trần Văn Bình"),  # another Unicode form
        "Tran Van Binh",  # diacritics left out
    ],
)
def test_the_same_person_written_differently_still_updates(plan_for, binh, name):
    plan = plan_for(simple(_row(name, post="Trưởng phòng")))
    assert plan.counts()["conflict"] == 0
    [update] = plan.updates
    assert update.changes["post"] == ("", "Trưởng phòng")


def test_a_blank_date_of_birth_on_either_side_is_no_conflict(plan_for, binh, make_member, tree):
    make_member(tree["stc_cell"], "Lê Văn An", party_card_number="1002", date_of_birth=None)
    plan = plan_for(simple(_row("Trần Văn Bình", born=None, post="A"), row(2, "Lê Văn An", "1002")))
    assert plan.counts()["conflict"] == 0 and len(plan.updates) == 2


def test_a_chosen_conflict_is_applied_and_the_choice_recorded(plan_for, binh):
    plan = plan_for(simple(_row("Nguyễn Thị Hoa")))
    result = apply_import(actor=None, plan=plan, overwrite=["Sheet1:2"])
    binh.refresh_from_db()
    assert binh.full_name == "Nguyễn Thị Hoa" and (result.updated, result.overwritten) == (1, 1)
    event = AuditEvent.objects.get(action="members.import")
    assert event.after["overwritten_rows"] == ["Sheet1:2"]


def test_a_choice_for_a_row_that_is_no_conflict_is_refused(plan_for, binh):
    plan = plan_for(simple(_row("Nguyễn Thị Hoa"), row(2, "Lê Văn An", "1002")))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        apply_import(actor=None, plan=plan, overwrite=["Sheet1:3"])
    assert "overwrite" in refused.value.message_dict
    assert "Dòng Sheet1:3" in refused.value.message_dict["overwrite"][0]
    assert not Member.objects.filter(party_card_number="1002").exists()
    assert AuditEvent.objects.count() == events


def _upload(client, tree, data: bytes):
    return client.post(
        reverse("exchange:import-members"),
        {"organization": tree["stc"].pk, "file": SimpleUploadedFile("ds.xlsx", data)},
    )


def test_the_preview_asks_for_a_choice_and_confirm_defaults_to_skip(
    client, users, tree, media, binh
):
    client.force_login(users["secretary"])
    data = simple(_row("Nguyễn Thị Hoa"), row(2, "Lê Văn An", "1002"))
    page = client.get(_upload(client, tree, data).url).content.decode()
    batch = ImportBatch.objects.get()
    assert 'data-count="update">0<' in page and 'data-count="conflict">1<' in page
    assert 'name="row:Sheet1:2" value="skip" checked' in page
    assert "Vẫn cập nhật đồng chí Trần Văn Bình theo dòng này" in page
    client.post(reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}))
    batch.refresh_from_db()
    binh.refresh_from_db()
    assert batch.status == ImportStatus.DONE and binh.full_name == "Trần Văn Bình"
    assert batch.result["skipped"] == 1 and batch.result["created"] == 1
    confirm = AuditEvent.objects.get(action="import.confirm")
    assert confirm.after["overwrite"] == []  # the conflict was skipped


def test_confirm_honours_update_anyway(client, users, tree, media, binh):
    client.force_login(users["secretary"])
    _upload(client, tree, simple(_row("Nguyễn Thị Hoa")))
    batch = ImportBatch.objects.get()
    client.post(
        reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}),
        {"row:Sheet1:2": "update"},
    )
    binh.refresh_from_db()
    assert binh.full_name == "Nguyễn Thị Hoa"
    assert AuditEvent.objects.get(action="import.confirm").after["overwrite"] == ["Sheet1:2"]


def test_confirm_refuses_a_choice_for_an_unknown_row(client, users, tree, media, binh):
    client.force_login(users["secretary"])
    _upload(client, tree, simple(_row("Nguyễn Thị Hoa")))
    batch = ImportBatch.objects.get()
    response = client.post(
        reverse("exchange:batch-confirm", kwargs={"batch_id": batch.pk}),
        {"row:Sheet1:9": "update"},
        follow=True,
    )
    assert "Dòng Sheet1:9 không phải dòng có số thẻ trùng" in response.content.decode()
    batch.refresh_from_db()
    binh.refresh_from_db()
    assert batch.status == ImportStatus.READY and binh.full_name == "Trần Văn Bình"
    assert not AuditEvent.objects.filter(action="import.confirm").exists()


def test_the_command_refuses_conflicts_unless_told(cli, tree, tmp_path, binh):  # noqa: F811
    path = write(tmp_path, simple(_row("Nguyễn Thị Hoa"), row(2, "Lê Văn An", "1002")))
    code, out, err = cli("import-members", str(path), "--organization", "STC")
    assert code != 0 and "số thẻ 1001 là của đồng chí Trần Văn Bình (sinh 02/01/1980)" in err
    assert "--conflicts=skip" in err
    assert not Member.objects.filter(party_card_number="1002").exists()
    code, out, err = cli("import-members", str(path), "--organization", "STC", "--conflicts=skip")
    assert code == 0 and "Bỏ qua 1 dòng" in out
    binh.refresh_from_db()
    assert binh.full_name == "Trần Văn Bình"
    assert Member.objects.filter(party_card_number="1002").exists()
    code, out, err = cli(
        "import-members", str(path), "--organization", "STC", "--conflicts", "update"
    )
    assert code == 0, err
    binh.refresh_from_db()
    assert binh.full_name == "Nguyễn Thị Hoa"
