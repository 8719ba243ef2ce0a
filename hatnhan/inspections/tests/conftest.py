"""Fixtures for inspection tests: the bloc's inspection committee inspecting Sở Tài chính."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.inspections import services
from hatnhan.inspections.models import Body, ItemKind, Step
from hatnhan.tasks.tests.conftest import png  # noqa: F401  (re-exported for the tests)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def bloc_people(tree, make_member):
    """The bloc's inspection committee: an inspector (team head) and a committee member who
    assigns remediation; both linked to member records of the bloc."""
    head = make_member(tree["bloc"], "Lê Văn Kiểm")
    chair = make_member(tree["bloc"], "Phạm Thị Giám")
    inspector = create_user(
        actor=None,
        username="duk.kiemtra",
        role="inspector",
        organization=tree["bloc"],
        member=head,
        password="demo",
        check_password=False,
    )
    committee = create_user(
        actor=None,
        username="duk.capuy",
        role="committee",
        organization=tree["bloc"],
        member=chair,
        password="demo",
        check_password=False,
    )
    return {"head": head, "chair": chair, "inspector": inspector, "committee": committee}


@pytest.fixture
def inspector(bloc_people):
    return bloc_people["inspector"]


@pytest.fixture
def committee(bloc_people):
    return bloc_people["committee"]


@pytest.fixture
def subject_owner(tree, make_member):
    """A member of Sở Tài chính who will own the remediation."""
    return make_member(tree["stc"], "Đỗ Văn Khắc")


@pytest.fixture
def make_case(tree, inspector):
    def make(**values):
        values.setdefault("organization", tree["bloc"])
        values.setdefault("body", Body.INSPECTION_COMMITTEE)
        values.setdefault("kind", ItemKind.THEMATIC_INSPECTION)
        values.setdefault("subject_organization", tree["stc"])
        values.setdefault("title", "Kiểm tra việc thực hiện kỷ luật, kỷ cương hành chính")
        actor = values.pop("actor", inspector)
        return services.open_case(actor=actor, **values)

    return make


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.fixture
def advance(inspector, bloc_people, users, today):
    """Move a case through its steps up to (not including) `until`, the regular way."""

    def run(case, until: str, *, finding: bool = True):
        order = [s.value for s in Step]
        stop = order.index(until)
        secretary = users["secretary"]
        for step in order[:stop]:
            case.refresh_from_db()
            if case.step != step:
                continue
            if step == Step.DECISION:
                services.record_decision(
                    actor=inspector, case=case, number="12-QĐ/UBKTĐUK", decided_on=today
                )
            elif step == Step.TEAM:
                services.set_team(actor=inspector, case=case, head=bloc_people["head"])
            elif step == Step.PLAN:
                services.record_plan(actor=inspector, case=case, plan="Kiểm tra trong 30 ngày")
            elif step == Step.NOTICE:
                services.send_notice(
                    actor=inspector, case=case, notice="Đề nghị chuẩn bị báo cáo", sent_on=today
                )
            elif step == Step.SELF_REPORT:
                services.record_self_report(actor=secretary, case=case, text="Báo cáo tự kiểm điểm")
            elif step == Step.MEETING:
                services.record_meeting(actor=inspector, case=case, held_on=today)
            elif step == Step.FINDINGS:
                if finding:
                    services.add_finding(
                        actor=inspector,
                        case=case,
                        title="Chưa niêm yết công khai phí, lệ phí",
                        severity="minor",
                        evidence="Ảnh chụp bảng niêm yết",
                    )
                services.complete_step(actor=inspector, case=case, step=step)
            elif step == Step.CONCLUSION:
                services.record_conclusion(
                    actor=inspector,
                    case=case,
                    conclusion="Có thiếu sót, yêu cầu khắc phục",
                    number="05-TB/UBKTĐUK",
                    concluded_on=today,
                    no_violation=not finding,
                )
            elif step == Step.RECOMMENDATIONS:
                raise AssertionError("add recommendations in the test itself")
            else:
                services.complete_step(actor=inspector, case=case, step=step)
        case.refresh_from_db()
        return case

    return run
