"""Demo data: fifteen citizens' reports across the agencies, in every state — waiting to be
verified or triaged (one overdue), in hand, answered, closed substantiated or not, one turned
into a task and one into an inspection case; one identity request approved and viewed, one
pending for the custodian. Handled by the bloc's staff member "tung"; decided by "custodian".
Deterministic for a given rng/today."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from hatnhan.accounts.models import User
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization

from . import services
from .models import FeedbackReport

# (category, what happened, procedure, official, the state it ends in)
REPORTS: list[tuple[str, str, str, str, str]] = [
    (
        "harassment",
        "Bị yêu cầu nộp thêm bản sao công chứng không có trong danh mục hồ sơ.",
        "Cấp giấy phép kinh doanh",
        "Bàn tiếp nhận số 2",
        "to_verify",
    ),
    (
        "delay",
        "Hồ sơ hẹn trả ngày 10 nhưng đã quá hai tuần chưa có kết quả, không có văn bản xin lỗi.",
        "Cấp giấy chứng nhận quyền sử dụng đất",
        "",
        "received_late",
    ),
    (
        "attitude",
        "Cán bộ nói trống không, quát người dân lớn tuổi khi hỏi thủ tục.",
        "",
        "Cán bộ trực quầy buổi sáng",
        "received",
    ),
    (
        "extortion",
        "Được gợi ý “bồi dưỡng” để hồ sơ được xử lý trong ngày.",
        "Đăng ký thay đổi nội dung kinh doanh",
        "Anh cán bộ đeo kính, quầy 3",
        "triaged",
    ),
    (
        "delay",
        "Hồ sơ thanh toán vốn đầu tư bị trả lại ba lần, mỗi lần một lý do khác.",
        "Thanh toán vốn đầu tư công",
        "Phòng Tài chính đầu tư",
        "task",
    ),
    (
        "harassment",
        "Bị hẹn lên làm việc nhiều lần ngoài giờ hành chính.",
        "Quyết toán dự án hoàn thành",
        "",
        "case",
    ),
    (
        "attitude",
        "Tổng đài không ai nghe máy trong giờ làm việc suốt một tuần.",
        "",
        "",
        "answered",
    ),
    (
        "other",
        "Bảng niêm yết thủ tục tại bộ phận một cửa đã cũ, thiếu mức phí mới.",
        "",
        "",
        "answered",
    ),
    (
        "delay",
        "Chậm cấp lại chứng chỉ hành nghề dù hồ sơ đầy đủ.",
        "Cấp lại chứng chỉ hành nghề khám bệnh, chữa bệnh",
        "Phòng Nghiệp vụ Y",
        "closed_yes",
    ),
    (
        "extortion",
        "Yêu cầu mua tài liệu hướng dẫn tại quầy mới nhận hồ sơ.",
        "Cấp giấy phép lái xe",
        "Quầy số 5",
        "closed_yes",
    ),
    (
        "attitude",
        "Cán bộ dùng điện thoại riêng trong lúc tiếp dân, để người dân chờ lâu.",
        "",
        "",
        "closed_no",
    ),
    (
        "harassment",
        "Phải đi lại bốn lần để bổ sung một loại giấy tờ.",
        "Cấp phép xây dựng",
        "",
        "closed_yes",
    ),
    (
        "other",
        "Không được hướng dẫn nộp hồ sơ trực tuyến dù đã hỏi.",
        "Đăng ký khai sinh",
        "",
        "closed_no",
    ),
    (
        "delay",
        "Kết quả thẩm định trả sau hạn 20 ngày.",
        "Thẩm định giá đất cụ thể",
        "Phòng Giá",
        "identity_approved",
    ),
    (
        "harassment",
        "Bị yêu cầu ký cam kết không có trong quy định mới được nhận hồ sơ.",
        "Cấp giấy phép môi trường",
        "",
        "identity_pending",
    ),
]
NAMES = ["Nguyễn Thị Hạnh", "Trần Văn Phúc", "Lê Minh Tâm", "Phạm Thu Hà", "Võ Đức Thịnh"]


def loaded() -> bool:
    return FeedbackReport.objects.exists()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    handler = User.objects.get(username="tung")
    custodian = User.objects.get(username="custodian")
    agencies = list(services.public_organizations().filter(depth=1).order_by("path")) or list(
        Organization.objects.filter(depth=1).order_by("path")
    )
    for index, (category, text, procedure, official, state) in enumerate(REPORTS):
        agency = agencies[index % len(agencies)]
        days_ago = 3 if state in ("to_verify", "received") else 20 + rng.randint(0, 40)
        received = today - dt.timedelta(days=days_ago)
        identified = index % 3 == 0 or state.startswith("identity")
        name = NAMES[index % len(NAMES)]
        report, _secret = services.submit_report(
            organization=agency,
            category=category,
            description=text,
            procedure=procedure,
            official=official,
            happened_on=received - dt.timedelta(days=rng.randint(0, 5)),
            place="Bộ phận tiếp nhận và trả kết quả",
            reporter_name=name if identified else "",
            reporter_contact=f"09{rng.randint(10000000, 99999999)}" if identified else "",
            verified=state != "to_verify",
            now=timezone.make_aware(dt.datetime.combine(received, dt.time(9, rng.randint(0, 59)))),
        )
        if state in ("to_verify", "received", "received_late"):
            continue
        triaged = received + dt.timedelta(days=rng.randint(1, 4))
        services.triage_report(
            actor=handler, report=report, note="Thuộc thẩm quyền, giao xác minh.", today=triaged
        )
        if state == "task":
            owner = (
                Member.objects.filter(
                    organization__path__startswith=agency.path, status=MemberStatus.ACTIVE
                )
                .order_by("pk")
                .first()
            )
            if owner is not None:
                services.report_to_task(
                    actor=handler,
                    report=report,
                    owner=owner,
                    due_date=today + dt.timedelta(days=15),
                    today=today,
                )
        if state == "case":
            # The agency's own committee opens the case (its inspecting body), not the bloc.
            secretary = User.objects.filter(
                roles__role="secretary", roles__organization=agency
            ).first()
            services.report_to_case(actor=secretary, report=report, today=today)
        if state.startswith("identity"):
            request = services.request_identity(
                actor=handler,
                report=report,
                reason="Cần liên hệ người phản ánh để xác minh thời điểm.",
            )
            if state == "identity_approved":
                services.decide_identity(actor=custodian, request=request, approve=True)
                services.view_identity(actor=handler, report=report)
        if state in ("answered", "closed_yes", "closed_no"):
            answered = min(triaged + dt.timedelta(days=rng.randint(3, 20)), today)
            services.answer_report(
                actor=handler,
                report=report,
                answer="Cơ quan đã làm việc với bộ phận liên quan; cán bộ được nhắc nhở và "
                "hồ sơ của quý vị đã được giải quyết.",
                today=answered,
            )
            if state.startswith("closed"):
                services.close_report(
                    actor=handler,
                    report=report,
                    substantiated=state == "closed_yes",
                    outcome="Kiểm điểm cán bộ, chấn chỉnh quy trình tiếp nhận."
                    if state == "closed_yes"
                    else "Xác minh không có căn cứ; đã giải thích quy định cho người phản ánh.",
                    today=answered,
                )
    return {"feedback_reports": len(REPORTS)}


def describe(*, stdout: Any) -> None:
    stdout.write(
        "  Phản ánh của người dân: trang công khai /feedback/public/ (không cần tài khoản); "
        "xử lý: “tung” → /feedback/; giữ bí mật danh tính: “custodian” → /feedback/custody/."
    )
