"""Every write on citizens' reports: filing (anonymous, from the public page or API),
verification, triage, the answer, a task or an inspection case from a report, closing, and
the identity requests. Checked, atomic, audited; bad input raises ValidationError keyed by
field and changes nothing; a refusal raises PermissionDenied.

Who may do what: the report's handlers are those with CHANGE on it (FEEDBACK_ACCESS); a
custodian (CUSTODY over the report's organization) decides identity requests; only a handler
whose request was approved sees who reported, and never the official the report names.

Nothing here ever puts who reported into a message, an audit snapshot (AUDITED_FIELDS) or a
notification.

Lock order: the report (select_for_update), then its identity request, then the audit chain
(taken by the first recorded event)."""

import datetime as dt
import secrets
from collections.abc import Sequence
from functools import cache
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import CHANGE, CUSTODY, can, reach
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.core.text import clean_text
from hatnhan.core.uploads import DOCUMENT_KINDS, as_file, check_document, without_metadata
from hatnhan.inspections import services as inspection_services
from hatnhan.inspections.models import Body, Case, ItemKind
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.workdays import add_working_days, working_days_between
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import SourceKind, Task

from .models import (
    AUDITED_FIELDS,
    AWAITING_TRIAGE,
    IDENTITY_LEFT,
    Category,
    FeedbackFile,
    FeedbackReport,
    IdentityRequest,
    IdentityView,
    RequestStatus,
    Status,
)

REFUSED = "Đồng chí không có quyền thực hiện thao tác này."
# Receipt codes and secrets avoid letters read alike (0/O, 1/I/L) on a printed receipt.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PUBLIC_KINDS = (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _random(n: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(n))


@cache
def _dummy_hash() -> str:
    """A hash to check a wrong secret against when the code does not exist, so the answer
    takes as long as for a real code. Made on first use, never at import: the hasher tests
    configure is not in place yet then."""
    return make_password(secrets.token_hex(16))


def public_organizations() -> Any:
    """The agencies citizens may report about: active grassroots organizations."""
    return Organization.objects.filter(is_active=True, kind__in=PUBLIC_KINDS)


def public_agency(ref: str) -> Organization | None:
    """The agency of a public page or request, by id or by code (either spelling of it)."""
    ref = (ref or "").strip()
    agencies = public_organizations()
    # ASCII digits of a sane length only: "٣" or a 30-digit id is a code, never a pk.
    if ref.isascii() and ref.isdigit() and len(ref) <= 12:
        found = agencies.filter(pk=int(ref)).first()
        if found is not None:
            return found
    return agencies.filter(code__iexact=ref[:64]).first() if ref else None


def triage_due(received_on: dt.date) -> dt.date:
    return add_working_days(received_on, settings.FEEDBACK_TRIAGE_WORKING_DAYS)


def answer_due(triaged_on: dt.date) -> dt.date:
    return add_working_days(triaged_on, settings.FEEDBACK_ANSWER_WORKING_DAYS)


def _text(value: str, field: str, label: str, *, required: bool = False, limit: int = 0) -> str:
    text = (value or "").strip()
    if required and not text:
        raise field_error(field, f"Chưa nhập “{label}”.")
    if limit and len(text) > limit:
        raise field_error(field, f"“{label}” dài quá {limit} ký tự.")
    return text


def _audit(actor: Any, obj: Any, action: str, report: FeedbackReport, before: Any) -> None:
    save_audited(
        actor=actor,
        obj=obj,
        action=action,
        before=before,
        organization_path=report.organization.path,
        fields=AUDITED_FIELDS if isinstance(obj, FeedbackReport) else None,
    )


def _before(report: FeedbackReport) -> dict[str, Any]:
    return snapshot(report, AUDITED_FIELDS)


def _check_files(files: Sequence[IO[bytes]]) -> list[tuple[IO[bytes], str, int]]:
    if len(files) > settings.FEEDBACK_MAX_FILES:
        raise field_error("files", f"Gửi tối đa {settings.FEEDBACK_MAX_FILES} tệp.")
    checked = []
    for number, upload in enumerate(files, start=1):
        try:
            kind, size = check_document(upload, label=f"Tệp thứ {number}")
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
        checked.append((upload, kind, size))
    return checked


# --- filing ---------------------------------------------------------------------------------
@transaction.atomic
def submit_report(
    *,
    organization: Organization,
    category: str,
    description: str,
    procedure: str = "",
    dossier_code: str = "",
    happened_on: dt.date | None = None,
    place: str = "",
    official: str = "",
    reporter_name: str = "",
    reporter_contact: str = "",
    reporter_details: str = "",
    wants_contact: bool = False,
    files: Sequence[IO[bytes]] = (),
    verified: bool = False,
    now: dt.datetime | None = None,
) -> tuple[FeedbackReport, str]:
    """File a report (no account: the audit trail names no one). Returns the report and its
    secret, which is shown once and kept only as a hash."""
    if not public_organizations().filter(pk=organization.pk).exists():
        raise field_error("organization", "Không tìm thấy cơ quan, đơn vị này.")
    if category not in Category.values:
        raise field_error("category", "Chọn nội dung phản ánh.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    if happened_on is not None and happened_on > today:
        raise field_error("happened_on", "Ngày xảy ra không được sau hôm nay.")
    if wants_contact and not (reporter_contact or "").strip():
        raise field_error(
            "reporter_contact", "Muốn được liên hệ lại thì cần để lại số điện thoại hoặc thư."
        )
    checked = _check_files(files)
    secret = "-".join(_random(4) for _ in range(4))
    code = f"PA-{_random(4)}-{_random(4)}"
    while FeedbackReport.objects.filter(receipt_code=code).exists():
        code = f"PA-{_random(4)}-{_random(4)}"
    report = FeedbackReport(
        organization=organization,
        receipt_code=code,
        secret_hash=make_password(secret),
        category=category,
        description=_text(description, "description", "Sự việc", required=True, limit=10000),
        procedure=_text(procedure, "procedure", "Thủ tục hành chính", limit=255),
        dossier_code=_text(dossier_code, "dossier_code", "Mã hồ sơ", limit=64),
        happened_on=happened_on,
        place=_text(place, "place", "Nơi xảy ra", limit=255),
        official=_text(official, "official", "Cán bộ bị phản ánh", limit=255),
        reporter_name=_text(reporter_name, "reporter_name", "Họ tên", limit=255) or None,
        reporter_contact=_text(reporter_contact, "reporter_contact", "Liên hệ", limit=255) or None,
        reporter_details=_text(reporter_details, "reporter_details", "Thông tin khác", limit=2000)
        or None,
        wants_contact=bool(wants_contact),
        status=Status.RECEIVED if verified else Status.TO_VERIFY,
        received_at=now,
        received_on=today,
        triage_due=triage_due(today),
    )
    _audit(None, report, "feedback_report.create", report, None)
    for number, (upload, kind, size) in enumerate(checked, start=1):
        # Not the person's own file name: "nguyen-van-a.jpg" would say who reported.
        name = f"tep-{number}{DOCUMENT_KINDS.get(kind, ('', ''))[0]}"
        # Nor the photo's place and device, nor the document's author (core.uploads).
        clean = without_metadata(upload, kind)
        if clean is not upload:
            size = len(clean.getbuffer())
        stored = FeedbackFile(report=report, file_name=name, file_kind=kind, file_size=size)
        stored.file.save(name, as_file(clean, name=name), save=False)
        _audit(None, stored, "feedback_file.create", report, None)
    return report, secret


def follow(*, code: str, secret: str) -> FeedbackReport | None:
    """The report a receipt code and its secret open; None for a wrong secret and for an
    unknown code alike, after the same work (a hash check either way)."""
    code = (code or "").strip().upper()
    report = (
        FeedbackReport.objects.select_related("organization").filter(receipt_code=code).first()
        if code
        else None
    )
    secret = (secret or "").strip().upper()
    if report is None:
        check_password(secret, _dummy_hash())
        return None
    return report if check_password(secret, report.secret_hash) else None


# --- handling -------------------------------------------------------------------------------
def _locked(report: FeedbackReport) -> FeedbackReport:
    return (
        FeedbackReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
    )


def _handled(actor: Any, report: FeedbackReport) -> FeedbackReport:
    """The report locked, if `actor` may handle it."""
    require(actor, CHANGE, report)
    return _locked(report)


def is_named_official(user: Any, report: FeedbackReport) -> bool:
    member_id = getattr(user, "member_id", None)
    return bool(member_id and member_id == report.official_member_id)


@transaction.atomic
def verify_report(*, actor: Any, report: FeedbackReport) -> FeedbackReport:
    """Move a report of the "to verify" queue (filed without the proof of work) to the
    verified ones: a handler read it and it is not spam."""
    report = _handled(actor, report)
    if report.status != Status.TO_VERIFY:
        raise field_error("status", "Phản ánh này không ở hàng chờ xác minh.")
    before = _before(report)
    report.status = Status.RECEIVED
    _audit(actor, report, "feedback_report.verify", report, before)
    return report


@transaction.atomic
def triage_report(
    *,
    actor: Any,
    report: FeedbackReport,
    note: str = "",
    official_member: Member | None = None,
    today: dt.date | None = None,
) -> FeedbackReport:
    """Take the report in hand (within FEEDBACK_TRIAGE_WORKING_DAYS): the answer's clock
    starts. Two handlers at once: the first wins, the second is told it is taken."""
    report = _handled(actor, report)
    if report.status not in AWAITING_TRIAGE:
        raise field_error("status", "Phản ánh này đã được phân loại.")
    if official_member is not None:
        official_member = Member.objects.select_related("organization").get(pk=official_member.pk)
        if not official_member.organization.path.startswith(report.organization.path):
            raise field_error(
                "official_member", "Đảng viên bị phản ánh phải thuộc tổ chức tiếp nhận."
            )
    today = today or timezone.localdate()
    before = _before(report)
    report.status = Status.TRIAGED
    report.triaged_at = timezone.now()
    report.triaged_by = _user(actor)
    report.triage_note = _text(note, "note", "Ghi chú phân loại", limit=5000)
    report.official_member = official_member
    report.answer_due = answer_due(today)
    _audit(actor, report, "feedback_report.triage", report, before)
    return report


@transaction.atomic
def answer_report(
    *, actor: Any, report: FeedbackReport, answer: str, today: dt.date | None = None
) -> FeedbackReport:
    """The answer in words for the person (they read it with their code and secret)."""
    report = _handled(actor, report)
    if report.status not in (Status.TRIAGED, Status.ANSWERED):
        raise field_error("answer", "Phân loại phản ánh trước khi trả lời.")
    text = _text(answer, "answer", "Trả lời người phản ánh", required=True, limit=10000)
    today = today or timezone.localdate()
    before = _before(report)
    report.answer = text
    if report.answered_on is None:
        report.answered_on = today
        report.answered_by = _user(actor)
        report.answer_days = working_days_between(report.received_on, today)
    report.status = Status.ANSWERED
    _audit(actor, report, "feedback_report.answer", report, before)
    return report


def _in_hand(report: FeedbackReport, field: str) -> None:
    if report.status not in (Status.TRIAGED, Status.ANSWERED):
        raise field_error(field, "Chỉ phản ánh đang xử lý mới chuyển được.")


def _summary(report: FeedbackReport) -> str:
    return f"Phản ánh {report.receipt_code} ({report.get_category_display()}): {report.description}"


@transaction.atomic
def report_to_task(
    *,
    actor: Any,
    report: FeedbackReport,
    owner: Member,
    due_date: dt.date,
    title: str = "",
    today: dt.date | None = None,
) -> Task:
    """A task in the report's organization in one step (source = this report)."""
    report = _handled(actor, report)
    _in_hand(report, "owner")
    if report.task_id:
        raise field_error("owner", "Phản ánh này đã có nhiệm vụ.")
    task = task_services.create_task(
        actor=actor,
        organization=report.organization,
        title=clean_text(title) or f"Xử lý phản ánh {report.receipt_code}",
        expected_result="Giải quyết dứt điểm nội dung phản ánh, báo cáo kết quả.",
        owner=owner,
        due_date=due_date,
        description=_summary(report),
        source_kind=SourceKind.CITIZEN_FEEDBACK,
        source_ref=report.ref,
        today=today,
    )
    before = _before(report)
    report.task = task
    _audit(actor, report, "feedback_report.task", report, before)
    return task


@transaction.atomic
def report_to_case(
    *,
    actor: Any,
    report: FeedbackReport,
    title: str = "",
    body: str = Body.INSPECTION_COMMITTEE,
    today: dt.date | None = None,
) -> Case:
    """An inspection case on signs of violation in one step (source = this report: the case
    says so in its content, and the report keeps the case)."""
    report = _handled(actor, report)
    _in_hand(report, "title")
    if report.case_id:
        raise field_error("title", "Phản ánh này đã có cuộc kiểm tra.")
    official = report.official_member
    case = inspection_services.open_case(
        actor=actor,
        organization=report.organization,
        body=body,
        kind=ItemKind.SIGNS_OF_VIOLATION,
        subject_organization=official.organization if official else report.organization,
        subject_member=official,
        title=clean_text(title) or f"Kiểm tra theo phản ánh {report.receipt_code}",
        content=_summary(report),
        today=today,
    )
    before = _before(report)
    report.case = case
    _audit(actor, report, "feedback_report.case", report, before)
    return case


@transaction.atomic
def close_report(
    *,
    actor: Any,
    report: FeedbackReport,
    substantiated: bool,
    outcome: str,
    today: dt.date | None = None,
) -> FeedbackReport:
    """Close with whether the report was substantiated and what was done (after answering)."""
    report = _handled(actor, report)
    if report.status != Status.ANSWERED:
        raise field_error("outcome", "Trả lời người phản ánh trước khi kết thúc.")
    if substantiated not in (True, False):
        raise field_error("substantiated", "Chọn phản ánh đúng hay không đúng.")
    before = _before(report)
    report.outcome = _text(outcome, "outcome", "Kết quả xử lý", required=True, limit=10000)
    report.substantiated = substantiated
    report.closed_on = today or timezone.localdate()
    report.closed_by = _user(actor)
    report.status = Status.CLOSED
    _audit(actor, report, "feedback_report.close", report, before)
    return report


# --- identity -------------------------------------------------------------------------------
def identity_left(report: FeedbackReport) -> bool:
    return FeedbackReport.objects.filter(IDENTITY_LEFT, pk=report.pk).exists()


def is_custodian(user: Any) -> bool:
    return bool(reach(user, CUSTODY))


def is_custodian_of(user: Any, report: FeedbackReport) -> bool:
    path = report.organization.path
    return any(path.startswith(p) for p in reach(user, CUSTODY))


def approved_request(user: Any, report: FeedbackReport) -> IdentityRequest | None:
    """The user's approved request to see who reported, while they still handle the report
    and are not the official it names."""
    if not getattr(user, "pk", None) or is_named_official(user, report):
        return None
    found = (
        IdentityRequest.objects.filter(
            report=report, requested_by=user, status=RequestStatus.APPROVED
        )
        .order_by("-decided_at")
        .first()
    )
    if found is None or not can(user, CHANGE, report):
        return None
    return found


@transaction.atomic
def request_identity(*, actor: Any, report: FeedbackReport, reason: str) -> IdentityRequest:
    report = _handled(actor, report)
    if is_named_official(actor, report):
        raise PermissionDenied(REFUSED)
    if not identity_left(report):
        raise field_error("reason", "Người phản ánh không để lại thông tin danh tính.")
    reason = _text(reason, "reason", "Lý do", required=True, limit=2000)
    if IdentityRequest.objects.filter(
        report=report, requested_by=actor, status=RequestStatus.PENDING
    ).exists():
        raise field_error("reason", "Đồng chí đã có đề nghị đang chờ quyết định.")
    request = IdentityRequest(report=report, requested_by=actor, reason=reason)
    _audit(actor, request, "feedback_identity.request", report, None)
    return request


@transaction.atomic
def decide_identity(
    *, actor: Any, request: IdentityRequest, approve: bool, note: str = ""
) -> IdentityRequest:
    """A custodian over the report's organization approves or refuses (never their own)."""
    report = _locked(request.report)
    if not is_custodian_of(actor, report):
        raise PermissionDenied(REFUSED)
    request = IdentityRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id == getattr(actor, "pk", None):
        raise PermissionDenied("Không tự quyết định đề nghị của chính mình.")
    if request.status != RequestStatus.PENDING:
        raise field_error("note", "Đề nghị này đã được quyết định.")
    note = _text(note, "note", "Ý kiến", limit=2000)
    if not approve and not note:
        raise field_error("note", "Từ chối thì ghi lý do.")
    before = snapshot(request)
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
    request.decided_by = _user(actor)
    request.decided_at = timezone.now()
    request.decision_note = note
    _audit(actor, request, "feedback_identity.decide", report, before)
    return request


@transaction.atomic
def view_identity(*, actor: Any, report: FeedbackReport, channel: str = "page") -> dict[str, str]:
    """Who reported, for an approved handler; each view is logged (IdentityView)."""
    report = FeedbackReport.objects.select_related("organization").get(pk=report.pk)
    request = approved_request(actor, report)
    if request is None:
        raise PermissionDenied(REFUSED)
    view = IdentityView(report=report, request=request, viewed_by=actor, channel=channel[:8])
    _audit(actor, view, "feedback_identity.view", report, None)
    return {
        "reporter_name": report.reporter_name or "",
        "reporter_contact": report.reporter_contact or "",
        "reporter_details": report.reporter_details or "",
    }
