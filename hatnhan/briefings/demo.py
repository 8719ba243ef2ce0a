"""Demo data: a year of the heads' briefings in every grassroots organization (QĐ 138-QĐ/TW
2023, Art. 11). Every organization has a duty (six-monthly; one monthly, one quarterly), its
head being the agency's head among its members (the secretary's seat when unified). The
periods due in the last year are filed — most on time, some late, filed by the head or the
secretary on the head's behalf — and acknowledged with conclusions; one period is missing. The
latest conclusions became tasks. Written through the services; a few hundred rows."""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from hatnhan.accounts.models import Role
from hatnhan.directives.demo import grassroots_organizations
from hatnhan.members.demo import CELLS, COMMITTEES
from hatnhan.members.models import Member, MemberStatus

from . import services
from .models import Briefing, BriefingDuty
from .schedule import periods_due_between

RESULTS = [
    "Hoàn thành {p}% kế hoạch công tác của kỳ; giải quyết thủ tục hành chính đúng hạn đạt 98%.",
    "Các chỉ tiêu chính đạt và vượt kế hoạch; {p}% hồ sơ trực tuyến toàn trình.",
    "Thực hiện {p}% nhiệm vụ được UBND tỉnh giao; không để xảy ra khiếu kiện kéo dài.",
]
DIFFICULTIES = [
    "Biên chế thiếu so với khối lượng công việc; một số phần mềm chưa liên thông.",
    "Giải ngân vốn đầu tư công còn chậm; văn bản hướng dẫn của Trung ương ban hành muộn.",
    "Cơ sở vật chất bộ phận một cửa xuống cấp.",
]
POLICIES = [
    "Triển khai Nghị định mới về tổ chức bộ máy sau sắp xếp; chuyển đổi số quy trình nội bộ.",
    "Kế hoạch cải cách hành chính năm; quy chế phối hợp với các sở, ngành.",
]
PROPOSALS = [
    "Đề nghị cấp ủy chỉ đạo các chi bộ gắn nhiệm vụ chuyên môn với nghị quyết tháng.",
    "Đề nghị cấp ủy phân công cấp ủy viên theo dõi tiến độ giải ngân.",
]
CONCLUSIONS = [
    "Chỉ đạo rà soát, công khai đầy đủ thủ tục hành chính tại bộ phận một cửa",
    "Đẩy nhanh tiến độ giải ngân vốn đầu tư công của cơ quan",
    "Chấn chỉnh kỷ luật, kỷ cương hành chính, giờ giấc làm việc",
    "Xây dựng kế hoạch chuyển đổi số quy trình nội bộ",
    "Kiểm điểm trách nhiệm các phòng để hồ sơ trễ hạn",
]
FOLLOW_UP = "Báo cáo kết quả thực hiện kết luận tại phiên họp cấp ủy kỳ sau"


def _head(org: Any, posts: dict[str, str]) -> Member | None:
    """The agency's head among the organization's members (unified: the secretary)."""
    found = Member.objects.filter(
        organization__path__startswith=org.path,
        status=MemberStatus.ACTIVE,
        seats__organization=org,
        seats__role="secretary",
        seats__is_agency_head=True,
        seats__end_date__isnull=True,
    ).first()
    if found is None and org.code in posts:
        found = (
            Member.objects.filter(
                organization__path__startswith=org.path,
                status=MemberStatus.ACTIVE,
                post=posts[org.code],
            )
            .order_by("pk")
            .first()
        )
    return found


def loaded() -> bool:
    return BriefingDuty.objects.exists()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    posts = {spec[0]: spec[2] for spec in [*COMMITTEES, *CELLS]}
    organizations = grassroots_organizations()
    secretaries = {
        r.organization_id: r.user
        for r in Role.objects.filter(
            role="secretary", organization__in=organizations
        ).select_related("user")
    }
    start = dt.date(today.year - 1, 1, 1)
    counts = {"briefing_duties": 0, "briefings": 0, "briefing_tasks": 0}
    missing_done = False
    for index, org in enumerate(organizations):
        head = _head(org, posts)
        if head is None:
            continue
        frequency = "monthly" if index == 1 else ("quarterly" if index == 2 else "semiannual")
        duty = services.create_duty(
            actor=None,
            organization=org,
            head=head,
            head_title=head.post,
            frequency=frequency,
            starts_on=start,
        )
        counts["briefing_duties"] += 1
        head_user = getattr(head, "account", None)
        secretary = secretaries.get(org.pk)
        due = periods_due_between(
            duty, today - dt.timedelta(days=365), today - dt.timedelta(days=1)
        )
        latest: Briefing | None = None
        for number, period in enumerate(due):
            # One organization skips one period: the missing briefing the record shows.
            if not missing_done and number == len(due) - 1:
                missing_done = True
                continue
            late = rng.random() < 0.2
            offset = rng.randint(3, 20) if late else -rng.randint(0, 10)
            filed_on = min(today, period.due + dt.timedelta(days=offset))
            filed_on = max(filed_on, period.start)
            on_behalf = rng.random() < 0.3
            actor = secretary if on_behalf and secretary else head_user
            briefing = services.file_briefing(
                actor=actor,
                duty=duty,
                period_start=period.start,
                results=rng.choice(RESULTS).format(p=rng.randint(85, 104)),
                difficulties=rng.choice(DIFFICULTIES),
                new_policies=rng.choice(POLICIES),
                proposals=rng.choice(PROPOSALS),
                now=timezone.make_aware(
                    dt.datetime.combine(filed_on, dt.time(9, rng.randint(0, 59)))
                ),
            )
            counts["briefings"] += 1
            met = min(today, filed_on + dt.timedelta(days=rng.randint(1, 10)))
            if met < today or number < len(due) - 1:
                services.acknowledge_briefing(
                    actor=None,
                    briefing=briefing,
                    acknowledged_on=met,
                    acknowledgment_note="Cấp ủy thảo luận, thống nhất với báo cáo.",
                    conclusions=rng.sample(CONCLUSIONS, rng.randint(1, 2)),
                )
                latest = briefing
        if latest is not None:
            for conclusion in latest.conclusions.all()[:1]:
                services.conclusion_to_task(
                    actor=None,
                    conclusion=conclusion,
                    owner=head,
                    due_date=today + dt.timedelta(days=rng.randint(10, 60)),
                    expected_result=FOLLOW_UP,
                    today=today,
                )
                counts["briefing_tasks"] += 1
        if index == 3:
            services.request_briefing(
                actor=None,
                duty=duty,
                due_date=today + dt.timedelta(days=10),
                request_note="Tình hình thực hiện kế hoạch cải cách hành chính quý này",
                today=today,
            )
    stdout.write(
        f"  … {counts['briefing_duties']} chế độ thông báo, "
        f"{counts['briefings']} báo cáo của người đứng đầu"
    )
    return counts
