"""Writes for discipline: a decision with its consequences, its corrections, the state body's
discipline and its notice. Checked, atomic, audited; every rule cites its clause
(REGULATIONS.md §3)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hatnhan.accounts.models import User
from hatnhan.accounts.services import close_account
from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import DISCIPLINE, VIEW, can
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.core.text import clean_text, search_key
from hatnhan.inspections.models import Case
from hatnhan.members.models import CommitteeSeat, Member, MemberStatus
from hatnhan.members.services import end_seat, set_decided_status
from hatnhan.organizations.models import Organization
from hatnhan.organizations.services import dissolve_organization
from hatnhan.organizations.workdays import add_working_days

from .models import (
    CONSEQUENTIAL_FORMS,
    FULL_MEMBER_FORMS,
    ORGANIZATION_FORMS,
    PROBATIONARY_MEMBER_FORMS,
    CorrectionKind,
    DecisionStatus,
    DisciplineCorrection,
    DisciplineDecision,
    DisciplineForm,
    StateDiscipline,
    StateDisciplineForm,
)

# Members a decision may still fall on: one who left, died or was expelled is no longer the
# organization's to discipline.
DISCIPLINABLE_STATUSES = (MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.EXEMPT)


def allowed_forms(*, member: Member | None = None, organization: Organization | None = None):
    """QĐ 69-QĐ/TW Art. 7: organizations khiển trách, cảnh cáo, giải tán; full members khiển
    trách, cảnh cáo, cách chức, khai trừ; probationary members khiển trách, cảnh cáo only."""
    if organization is not None:
        return ORGANIZATION_FORMS
    if member is not None and member.is_probationary:
        return PROBATIONARY_MEMBER_FORMS
    return FULL_MEMBER_FORMS


def _label(form: str) -> str:
    return str(DisciplineForm(form).label)


def _names(forms: tuple[str, ...]) -> str:
    return ", ".join(_label(f).lower() for f in forms)


def _check_form(form: str, *, member: Member | None, organization: Organization | None) -> None:
    if form not in DisciplineForm.values:
        raise field_error("form", "Hình thức kỷ luật không hợp lệ.")
    allowed = allowed_forms(member=member, organization=organization)
    if form in allowed:
        return
    if organization is not None:
        whom = "tổ chức đảng"
    elif member is not None and member.is_probationary:
        whom = "đảng viên dự bị"
    else:
        whom = "đảng viên chính thức"
    raise field_error(
        "form",
        f"Hình thức “{_label(form)}” không áp dụng cho {whom} (Quy định 69-QĐ/TW, Điều 7): "
        f"chỉ {_names(allowed)}.",
    )


def _levels_setting(*, member: bool) -> dict[str, int]:
    if member:
        return settings.DISCIPLINE_MEMBER_LEVELS
    return settings.DISCIPLINE_ORGANIZATION_LEVELS


def _check_competence(body: Organization, form: str, subject_org: Organization, *, member: bool):
    """The deciding body stands over the subject (its subtree) and at least as many levels
    above it as the setting asks for this form (DISCIPLINE_*_LEVELS, unconfirmed)."""
    if not subject_org.path.startswith(body.path):
        raise field_error(
            "deciding_body",
            f"{body.name} không phải cấp trên của {subject_org.name}: không có thẩm quyền "
            "kỷ luật đối tượng này.",
        )
    needed = _levels_setting(member=member).get(form, 0)
    if subject_org.depth - body.depth < needed:
        level = "cấp trên trực tiếp" if needed == 1 else f"cấp trên {needed} cấp"
        raise field_error(
            "deciding_body",
            f"Hình thức “{_label(form)}” đối với {subject_org.name} do {level} trở lên quyết "
            f"định; {body.name} không đủ thẩm quyền.",
        )


def _pick_seat(member: Member, seat: CommitteeSeat | None, on: dt.date) -> CommitteeSeat:
    """Cách chức removes the member from a post: it needs a seat they hold now."""
    sitting = list(
        CommitteeSeat.objects.select_for_update()
        .select_related("organization")
        .filter(member=member, end_date__isnull=True)
        .order_by("pk")
    )
    if seat is not None:
        for candidate in sitting:
            if candidate.pk == seat.pk:
                return candidate
        raise field_error("seat", "Đảng viên không còn giữ chức vụ này.")
    if not sitting:
        raise field_error(
            "form",
            "Cách chức chỉ áp dụng với đảng viên đang giữ chức vụ cấp ủy; "
            f"{member.full_name} không giữ chức vụ nào.",
        )
    if len(sitting) > 1:
        raise field_error("seat", "Đảng viên giữ nhiều chức vụ: chọn chức vụ bị cách.")
    return sitting[0]


def _check_case(
    actor: Any, case: Case | None, *, member: Member | None, subject_org: Organization
) -> None:
    """The case a decision follows from: one the actor reads, on the same subject (a case on an
    organization may lead to the discipline of a member inside it)."""
    if case is None:
        return
    case = Case.objects.select_related("subject_organization").get(pk=case.pk)
    if actor is not None and not can(actor, VIEW, case):
        raise field_error("case", "Không tìm thấy cuộc kiểm tra này trong phạm vi của đồng chí.")
    if case.subject_member_id is not None:
        same = member is not None and case.subject_member_id == member.pk
    else:
        subject = case.subject_organization
        same = subject is not None and subject_org.path.startswith(subject.path)
    if not same:
        raise field_error("case", "Cuộc kiểm tra này không phải về đối tượng bị kỷ luật.")


def _check_dates(decided_on: dt.date, effective_on: dt.date) -> None:
    if decided_on > timezone.localdate():
        raise field_error("decided_on", "Ngày quyết định không được ở tương lai.")
    if effective_on < decided_on:
        raise field_error("effective_on", "Ngày có hiệu lực không được trước ngày quyết định.")


def _text(value: str, field: str, label: str) -> str:
    value = clean_text(value or "")
    if not value:
        raise field_error(field, f"{label} không được để trống.")
    return value


def _search_text(decision: DisciplineDecision, subject_name: str) -> str:
    return search_key(f"{decision.number} {subject_name} {decision.reason[:300]}")[:600]


@transaction.atomic
def record_decision(
    *,
    actor: Any,
    deciding_body: Organization,
    number: str,
    decided_on: dt.date,
    form: str,
    reason: str,
    effective_on: dt.date | None = None,
    member: Member | None = None,
    organization: Organization | None = None,
    seat: CommitteeSeat | None = None,
    self_reported: bool = False,
    case: Case | None = None,
) -> DisciplineDecision:
    """Record a discipline decision of `deciding_body` on a member or an organization, and
    its consequence in the same transaction: khai trừ expels the member (status, seats,
    account), cách chức ends the seat, giải tán marks the organization and its subtree
    inactive. The subject's row is locked first, then its seat."""
    if (member is None) == (organization is None):
        raise field_error("member", "Chọn một đối tượng bị kỷ luật: đảng viên hoặc tổ chức đảng.")
    require(actor, DISCIPLINE, deciding_body)
    effective_on = effective_on or decided_on
    if member is not None:
        member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
        if actor is not None and not can(actor, VIEW, member):
            raise field_error("member", "Không tìm thấy đảng viên này trong phạm vi của đồng chí.")
        if member.status not in DISCIPLINABLE_STATUSES:
            raise field_error(
                "member",
                f"{member.full_name} đang ở tình trạng “{member.get_status_display()}”: "
                "không còn thuộc tổ chức để kỷ luật.",
            )
        subject_org = member.organization
    else:
        assert organization is not None
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        if actor is not None and not can(actor, VIEW, organization):
            raise field_error(
                "organization", "Không tìm thấy tổ chức này trong phạm vi của đồng chí."
            )
        if not organization.is_active:
            raise field_error("organization", f"{organization.name} không còn hoạt động.")
        subject_org = organization
    _check_form(form, member=member, organization=organization)
    if form == DisciplineForm.DISMISSAL:
        assert member is not None
        seat = _pick_seat(member, seat, effective_on)
        # Removing someone from a committee is counted from that committee's organization.
        _check_competence(deciding_body, form, seat.organization, member=True)
    else:
        if seat is not None:
            raise field_error("seat", "Chỉ chọn chức vụ khi kỷ luật cách chức.")
        _check_competence(deciding_body, form, subject_org, member=member is not None)
    _check_dates(decided_on, effective_on)
    _check_case(actor, case, member=member, subject_org=subject_org)
    decision = DisciplineDecision(
        number=_text(number, "number", "Số, ký hiệu"),
        decided_on=decided_on,
        deciding_body=deciding_body,
        member=member,
        subject_organization=organization,
        organization=subject_org,
        was_probationary=bool(member and member.is_probationary),
        form=form,
        reason=_text(reason, "reason", "Lý do, vi phạm"),
        effective_on=effective_on,
        self_reported=bool(self_reported) and member is not None,
        seat=seat,
        case=case,
        previous_status=member.status if member is not None else "",
        created_by=actor if actor else None,
    )
    decision.search_text = _search_text(decision, str(decision.subject))
    save_audited(
        actor=actor,
        obj=decision,
        action="discipline.create",
        before=None,
        organization_path=subject_org.path,
    )
    _apply_consequence(actor, decision)
    return decision


def _apply_consequence(actor: Any, decision: DisciplineDecision) -> None:
    if decision.form == DisciplineForm.EXPULSION:
        member = decision.member
        assert member is not None
        set_decided_status(
            actor=actor, member=member, status=MemberStatus.EXPELLED, on=decision.effective_on
        )
        account = User.objects.filter(member=member).first()
        if account is not None:
            close_account(actor=actor, user=account)
    elif decision.form == DisciplineForm.DISMISSAL:
        assert decision.seat is not None
        end_seat(actor=actor, seat=decision.seat, on=decision.effective_on)
    elif decision.form == DisciplineForm.DISSOLUTION:
        assert decision.subject_organization is not None
        dissolve_organization(actor=actor, organization=decision.subject_organization)


# What an amendment may change (`decision_reason`: the decision's reason; `reason` is the
# correction's own). A form only between forms without a consequence.
AMENDABLE_FIELDS = ("form", "decision_reason", "effective_on", "self_reported")


@transaction.atomic
def correct_decision(
    *,
    actor: Any,
    decision: DisciplineDecision,
    kind: str,
    number: str,
    decided_on: dt.date,
    deciding_body: Organization,
    reason: str,
    **changes: Any,
) -> DisciplineCorrection:
    """Annul or amend a decision by a later decision of its deciding body or a body above it
    (a complaint is decided above). The decision row is locked; what changed is kept on the
    correction and in the audit trail. Annulling a khai trừ gives the member back the status
    they had; an account, a seat or a dissolved organization is not reopened by it (an
    administrator reopens each, audited)."""
    unknown = sorted(set(changes) - set(AMENDABLE_FIELDS))
    if unknown:
        raise field_error(unknown[0], "Trường này không sửa được bằng quyết định sửa đổi.")
    decision = (
        # Only the decision's row: its subject's side of the join may be empty (PostgreSQL
        # locks no nullable side of an outer join).
        DisciplineDecision.objects.select_for_update(of=("self",))
        .select_related(
            "member__organization", "subject_organization", "deciding_body", "organization"
        )
        .get(pk=decision.pk)
    )
    if actor is not None and not can(actor, VIEW, decision):
        raise field_error("decision", "Không tìm thấy quyết định này trong phạm vi của đồng chí.")
    require(actor, DISCIPLINE, deciding_body)
    if not decision.deciding_body.path.startswith(deciding_body.path):
        raise field_error(
            "deciding_body",
            "Chỉ cơ quan đã quyết định kỷ luật hoặc cấp trên của cơ quan đó mới hủy bỏ, "
            "sửa đổi được quyết định.",
        )
    if decision.status != DecisionStatus.IN_FORCE:
        raise field_error("decision", "Quyết định này đã bị hủy bỏ.")
    if kind not in CorrectionKind.values:
        raise field_error("kind", "Chọn hủy bỏ hoặc sửa đổi quyết định.")
    if decided_on > timezone.localdate():
        raise field_error("decided_on", "Ngày quyết định không được ở tương lai.")
    if decided_on < decision.decided_on:
        raise field_error("decided_on", "Ngày quyết định không được trước quyết định kỷ luật.")
    before = snapshot(decision)
    changed: dict[str, list[Any]] = {}
    if kind == CorrectionKind.ANNULMENT:
        if changes:
            raise field_error(next(iter(changes)), "Hủy bỏ quyết định không kèm sửa đổi.")
        decision.status = DecisionStatus.ANNULLED
        changed["status"] = [DecisionStatus.IN_FORCE, DecisionStatus.ANNULLED]
    else:
        _amend(decision, changes, changed, deciding_body)
    correction = DisciplineCorrection(
        decision=decision,
        organization=decision.organization,
        kind=kind,
        number=_text(number, "number", "Số, ký hiệu"),
        decided_on=decided_on,
        deciding_body=deciding_body,
        reason=_text(reason, "reason", "Lý do"),
        changes={k: [_plain(v) for v in pair] for k, pair in changed.items()},
        created_by=actor if actor else None,
    )
    save_audited(
        actor=actor,
        obj=correction,
        action=f"discipline.{kind}",
        before=None,
        organization_path=decision.organization.path,
    )
    save_audited(
        actor=actor,
        obj=decision,
        action="discipline.annul" if kind == CorrectionKind.ANNULMENT else "discipline.amend",
        before=before,
        organization_path=decision.organization.path,
    )
    if kind == CorrectionKind.ANNULMENT and decision.form == DisciplineForm.EXPULSION:
        assert decision.member is not None
        set_decided_status(
            actor=actor,
            member=decision.member,
            status=decision.previous_status or MemberStatus.ACTIVE,
            on=decided_on,
        )
    return correction


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _amend(
    decision: DisciplineDecision,
    changes: dict[str, Any],
    changed: dict[str, list[Any]],
    body: Organization,
) -> None:
    if "form" in changes and changes["form"] != decision.form:
        form = changes["form"]
        if decision.member_id:
            # The subject as it was when decided: a probationary member since made full
            # was disciplined as probationary (QĐ 69 Art. 7).
            allowed = PROBATIONARY_MEMBER_FORMS if decision.was_probationary else FULL_MEMBER_FORMS
        else:
            allowed = ORGANIZATION_FORMS
        if form not in DisciplineForm.values or form not in allowed:
            raise field_error(
                "form",
                f"Hình thức này không áp dụng cho đối tượng (Quy định 69-QĐ/TW, Điều 7): chỉ "
                f"{_names(allowed)}.",
            )
        if form in CONSEQUENTIAL_FORMS or decision.form in CONSEQUENTIAL_FORMS:
            raise field_error(
                "form",
                "Không sửa đổi sang hoặc từ cách chức, khai trừ, giải tán: hủy bỏ quyết định "
                "rồi ra quyết định mới.",
            )
        _check_competence(body, form, decision.organization, member=bool(decision.member_id))
        changed["form"] = [decision.form, form]
        decision.form = form
    if "decision_reason" in changes:
        reason = _text(changes["decision_reason"], "decision_reason", "Lý do, vi phạm")
        if reason != decision.reason:
            changed["decision_reason"] = [decision.reason, reason]
            decision.reason = reason
    if "effective_on" in changes and changes["effective_on"] != decision.effective_on:
        effective_on = changes["effective_on"]
        if effective_on is None or effective_on < decision.decided_on:
            raise field_error("effective_on", "Ngày có hiệu lực không được trước ngày quyết định.")
        changed["effective_on"] = [decision.effective_on, effective_on]
        decision.effective_on = effective_on
    if "self_reported" in changes and bool(changes["self_reported"]) != decision.self_reported:
        if not decision.member_id:
            raise field_error("self_reported", "Chỉ đảng viên mới tự phát hiện, tự báo cáo.")
        changed["self_reported"] = [decision.self_reported, bool(changes["self_reported"])]
        decision.self_reported = bool(changes["self_reported"])
    if not changed:
        raise field_error("form", "Quyết định sửa đổi phải sửa ít nhất một nội dung.")
    subject = decision.member or decision.subject_organization
    decision.search_text = _search_text(decision, str(subject))


# --- The state body's discipline -----------------------------------------------------------
def notice_due(decided_on: dt.date) -> dt.date:
    """The last day the state body may tell the party organization (QĐ 296-QĐ/TW, REGULATIONS.md
    §3: within 5 days; DISCIPLINE_STATE_NOTICE_DAYS, in working days when
    DISCIPLINE_STATE_NOTICE_WORKING_DAYS, the holiday calendar's)."""
    days = settings.DISCIPLINE_STATE_NOTICE_DAYS
    if not settings.DISCIPLINE_STATE_NOTICE_WORKING_DAYS:
        return decided_on + dt.timedelta(days=days)
    return add_working_days(decided_on, days)


@transaction.atomic
def record_state_discipline(
    *,
    actor: Any,
    member: Member,
    state_body: str,
    number: str,
    decided_on: dt.date,
    form: str,
    reason: str = "",
    notified_on: dt.date | None = None,
) -> StateDiscipline:
    """Record discipline a state body decided for a party member, with the day it told the
    party organization (empty while it has not): late when after the notice limit."""
    member = Member.objects.select_related("organization").get(pk=member.pk)
    require(actor, DISCIPLINE, member)
    if form not in StateDisciplineForm.values:
        raise field_error("form", "Hình thức kỷ luật không hợp lệ.")
    if decided_on > timezone.localdate():
        raise field_error("decided_on", "Ngày quyết định không được ở tương lai.")
    _check_notice(decided_on, notified_on)
    record = StateDiscipline(
        member=member,
        organization=member.organization,
        state_body=_text(state_body, "state_body", "Cơ quan nhà nước quyết định"),
        number=_text(number, "number", "Số, ký hiệu"),
        decided_on=decided_on,
        form=form,
        reason=clean_text(reason or ""),
        notified_on=notified_on,
        notice_due_on=notice_due(decided_on),
        created_by=actor if actor else None,
    )
    save_audited(
        actor=actor,
        obj=record,
        action="state_discipline.create",
        before=None,
        organization_path=member.organization.path,
    )
    return record


def _check_notice(decided_on: dt.date, notified_on: dt.date | None) -> None:
    if notified_on is None:
        return
    if notified_on < decided_on:
        raise field_error("notified_on", "Ngày thông báo không được trước ngày quyết định.")
    if notified_on > timezone.localdate():
        raise field_error("notified_on", "Ngày thông báo không được ở tương lai.")


@transaction.atomic
def record_state_notice(
    *, actor: Any, state_discipline: StateDiscipline, notified_on: dt.date
) -> bool:
    """The day the state body told the party organization, once it has."""
    record = (
        StateDiscipline.objects.select_for_update()
        .select_related("organization")
        .get(pk=state_discipline.pk)
    )
    require(actor, DISCIPLINE, record)
    if notified_on is None:
        raise field_error("notified_on", "Nhập ngày thông báo.")
    _check_notice(record.decided_on, notified_on)
    before = snapshot(record)
    record.notified_on = notified_on
    return save_audited(
        actor=actor,
        obj=record,
        action="state_discipline.notice",
        before=before,
        organization_path=record.organization.path,
    )
