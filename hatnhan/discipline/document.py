"""The discipline decision as the party writes it ("QUYẾT ĐỊNH về việc thi hành kỷ luật …"), in
the shared HD 36 layout (hatnhan.core.docx): this module only says what the document holds."""

from hatnhan.core.docx import Heading, Para, PartyDocument, Signer
from hatnhan.members.models import CommitteeSeat, SeatRole

from .models import DisciplineDecision

# The Statute and the regulation the decision rests on (REGULATIONS.md §3).
GROUNDS = (
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Quy định số 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị về kỷ luật tổ chức đảng, "
    "đảng viên vi phạm (được sửa đổi, bổ sung bởi Quy định số 264-QĐ/TW năm 2025);",
    "Căn cứ Quy định số 296-QĐ/TW ngày 30/5/2025 của Ban Chấp hành Trung ương về công tác "
    "kiểm tra, giám sát và kỷ luật của Đảng;",
)


def _subject(decision: DisciplineDecision) -> str:
    if decision.member is not None:
        member = decision.member
        post = f", {member.post}" if member.post else ""
        kind = "đảng viên dự bị" if decision.was_probationary else "đảng viên"
        return f"đồng chí {member.full_name}{post}, {kind} {member.organization.name}"
    assert decision.subject_organization is not None
    return decision.subject_organization.name


def _title(decision: DisciplineDecision) -> str:
    if decision.member is not None:
        return f"về việc thi hành kỷ luật đồng chí {decision.member.full_name}"
    assert decision.subject_organization is not None
    return f"về việc thi hành kỷ luật {decision.subject_organization.name}"


def _signer(decision: DisciplineDecision) -> Signer:
    """The deciding body's sitting secretary signs on its behalf; without one recorded the
    name is left for the office to fill."""
    body = decision.deciding_body
    secretary = (
        CommitteeSeat.objects.filter(
            organization=body, role=SeatRole.SECRETARY, end_date__isnull=True
        )
        .select_related("member")
        .first()
    )
    return Signer(
        capacity=f"T/M {body.name}".upper(),
        post="BÍ THƯ",
        name=secretary.member.full_name if secretary else "",
    )


def decision_document(decision: DisciplineDecision) -> PartyDocument:
    """The decision in the party's format; read with discipline.selectors.decision_detail."""
    body = decision.deciding_body
    form = decision.get_form_display().upper()
    seat = ""
    if decision.seat is not None:
        seat = f" (chức vụ {decision.seat.get_role_display()} {decision.seat.organization.name})"
    paragraphs: list[str | Para | Heading] = [*GROUNDS]
    if decision.case is not None:
        paragraphs.append(f"Căn cứ kết quả {decision.case.title};")
    paragraphs += [
        f"Xét vi phạm của {_subject(decision)}: {decision.reason}",
        Para(f"{body.name.upper()} QUYẾT ĐỊNH:", bold=True, center=True, indent=False),
        f"Điều 1. Thi hành kỷ luật bằng hình thức {form}{seat} đối với {_subject(decision)}.",
        f"Điều 2. Quyết định có hiệu lực từ ngày {decision.effective_on:%d/%m/%Y}.",
        "Điều 3. Các tổ chức đảng có liên quan và "
        + ("đồng chí có tên tại Điều 1" if decision.member else "tổ chức có tên tại Điều 1")
        + " chịu trách nhiệm thi hành Quyết định này.",
    ]
    if decision.self_reported:
        paragraphs.append(
            Para("Ghi chú: đảng viên đã tự phát hiện, tự báo cáo vi phạm.", italic=True)
        )
    return PartyDocument(
        superior=body.parent.name if body.parent else "",
        issuer=body.name,
        kind="QUYẾT ĐỊNH",
        title=_title(decision),
        date=decision.decided_on,
        number=decision.number,
        body=paragraphs,
        signer=_signer(decision),
        recipients=("Như Điều 3,", "Tổ chức đảng cấp trên (để báo cáo),", "Lưu hồ sơ."),
    )
