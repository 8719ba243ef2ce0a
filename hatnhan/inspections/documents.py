"""The case's Word documents in the party's layout (hatnhan.core.docx, HD 36): the inspection
decision ("QUYẾT ĐỊNH về việc kiểm tra …") and the conclusion notice ("THÔNG BÁO KẾT LUẬN
…"). Texts come from what the case recorded; a blank number keeps its place for the office."""

import datetime as dt

from django.utils import timezone

from hatnhan.core.docx import Heading, Para, PartyDocument, Signer, Table

from .models import SUPERVISION_KINDS, Body, Case, Finding


def _issuer(case: Case) -> str:
    if case.body == Body.INSPECTION_COMMITTEE:
        return f"Ủy ban Kiểm tra {case.organization.name}"
    return f"Ban Thường vụ {case.organization.name}"


def _superior(case: Case) -> str:
    parent = case.organization.parent
    return parent.name if parent is not None else case.organization.name


def _signer(case: Case) -> Signer:
    if case.body == Body.INSPECTION_COMMITTEE:
        return Signer(capacity="T/M Ủy ban Kiểm tra", post="Chủ nhiệm", name="")
    return Signer(capacity="T/M Ban Thường vụ", post="Bí thư", name="")


def _verb(case: Case) -> str:
    return "giám sát" if case.kind in SUPERVISION_KINDS else "kiểm tra"


def _subject(case: Case) -> str:
    if case.subject_member_id:
        return f"đồng chí {case.subject_member.full_name} ({case.subject_organization.name})"
    return case.subject_organization.name


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def decision(case: Case) -> PartyDocument:
    """QUYẾT ĐỊNH về việc kiểm tra (giám sát) … (QĐ 296: the decision opens the case)."""
    verb = _verb(case)
    team = sorted(case.team.all(), key=lambda m: (m.pk != case.team_head_id, m.full_name))
    body = [
        Para(
            "Căn cứ Điều lệ Đảng và Quy định số 296-QĐ/TW ngày 30/5/2025 về công tác kiểm tra, "
            "giám sát và kỷ luật của Đảng;"
        ),
    ]
    if case.program_item_id:
        body.append(f"Căn cứ {case.program_item.program.title};")
    body += [
        Para("QUYẾT ĐỊNH", bold=True, center=True),
        f"Điều 1. {_first_upper(verb)} {_subject(case)}.",
        f"Nội dung: {case.content or case.title}",
    ]
    if case.program_item_id and case.program_item.period_start:
        item = case.program_item
        body.append(
            f"Thời kỳ {verb}: từ {item.period_start:%d/%m/%Y} đến {item.period_end:%d/%m/%Y}."
            if item.period_end
            else ""
        )
    body.append(f"Điều 2. Thành lập Đoàn {verb} gồm các đồng chí:")
    if team:
        body.append(
            Table(
                header=("STT", "Họ và tên", "Nhiệm vụ"),
                rows=[
                    (
                        str(i),
                        m.full_name,
                        "Trưởng đoàn" if m.pk == case.team_head_id else "Thành viên",
                    )
                    for i, m in enumerate(team, 1)
                ],
            )
        )
    if case.plan:
        body.append(f"Đoàn {verb} thực hiện theo kế hoạch: {case.plan}")
    body.append(
        f"Điều 3. Đoàn {verb}, {_subject(case)} và các tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này."
    )
    return PartyDocument(
        superior=_superior(case),
        issuer=_issuer(case),
        number=case.decision_number,
        kind="Quyết định",
        title=f"về việc {verb} {_subject(case)}",
        date=case.decision_date or timezone.localdate(),
        body=[b for b in body if b],
        signer=_signer(case),
        recipients=(_subject(case), f"Đoàn {verb}", "Lưu"),
    )


def conclusion_notice(
    case: Case, findings: list[Finding], severity_labels: dict[str, str]
) -> PartyDocument:
    """THÔNG BÁO KẾT LUẬN … (QĐ 296: the conclusion is sent to the subject)."""
    verb = _verb(case)
    body: list = [
        f"Thực hiện Quyết định số {case.decision_number or '…'}"
        + (f" ngày {case.decision_date:%d/%m/%Y}" if case.decision_date else "")
        + f", Đoàn {verb} đã tiến hành {verb} {_subject(case)}.",
    ]
    if case.meeting_date:
        body.append(
            f"Ngày {case.meeting_date:%d/%m/%Y}, {_issuer(case)} đã họp, xem xét báo cáo kết quả "
            f"{verb} của Đoàn và kết luận như sau:"
        )
    body.append(Heading("1. Kết luận"))
    body.append(case.conclusion or "")
    if case.no_violation:
        body.append(Para("Không có vi phạm.", bold=True))
    elif findings:
        body.append(Heading("2. Hạn chế, khuyết điểm, vi phạm"))
        body.append(
            Table(
                header=("STT", "Nội dung", "Mức độ"),
                rows=[
                    (str(i), f.title, severity_labels.get(f.severity, f.severity))
                    for i, f in enumerate(findings, 1)
                ],
            )
        )
        recs = [(f, r) for f in findings for r in f.recommendations.all()]
        if recs:
            body.append(Heading("3. Kiến nghị, yêu cầu khắc phục"))
            for i, (_finding, rec) in enumerate(recs, 1):
                body.append(
                    f"{i}. {rec.text} (đồng chí {rec.task.owner.full_name} chịu trách nhiệm, "
                    f"hạn {rec.task.due_date:%d/%m/%Y})."
                )
    body.append(
        f"{_first_upper(_subject(case))} "
        "nghiêm túc thực hiện các nội dung trên và báo cáo kết quả khắc phục."
    )
    date: dt.date = case.conclusion_date or timezone.localdate()
    return PartyDocument(
        superior=_superior(case),
        issuer=_issuer(case),
        number=case.conclusion_number,
        kind="Thông báo kết luận",
        title=f"{verb} đối với {_subject(case)}",
        date=date,
        body=[b for b in body if b],
        signer=_signer(case),
        recipients=(_subject(case), "Lưu"),
    )
