"""Demo data: the bloc's inspection and supervision program for the year, its cases standing
at every step of QĐ 296 (one closed), and administrative-discipline spot checks at three
agencies, one of whose findings has remediation now overdue. Written through the services
(each step by the inspector "kiemtra", remediation assigned by the staff member "tung"), with
the days of each step set back in time; small and fast. Deterministic for a given rng/today."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hatnhan.accounts.models import User
from hatnhan.members.demo import INSPECTION_DEPUTY
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.demo import ROOT_CODE
from hatnhan.organizations.models import Organization
from hatnhan.tasks import services as task_services

from . import services
from .models import STEP_ORDER, Body, Case, ItemKind, ItemResult, Program, Step

# (kind, the work): the program's items, one case each, standing at the steps in order.
ITEMS: list[tuple[str, str]] = [
    (ItemKind.THEMATIC_INSPECTION, "Việc chấp hành kỷ luật, kỷ cương hành chính"),
    (ItemKind.THEMATIC_SUPERVISION, "Việc lãnh đạo thực hiện chủ đề năm"),
    (ItemKind.REGULAR_SUPERVISION, "Việc thực hiện quy chế làm việc của cấp ủy"),
    (ItemKind.LOWER_BODY_WORK, "Việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ"),
    (ItemKind.THEMATIC_INSPECTION, "Việc công khai thủ tục hành chính tại bộ phận một cửa"),
    (ItemKind.SIGNS_OF_VIOLATION, "Dấu hiệu vi phạm trong giải quyết hồ sơ đất đai"),
    (ItemKind.THEMATIC_SUPERVISION, "Việc sinh hoạt chi bộ định kỳ và chuyên đề"),
    (ItemKind.THEMATIC_INSPECTION, "Việc quản lý, sử dụng tài chính đảng"),
    (ItemKind.REGULAR_SUPERVISION, "Việc thực hiện chế độ thông báo của người đứng đầu"),
    (ItemKind.THEMATIC_INSPECTION, "Việc tiếp nhận, xử lý phản ánh của người dân"),
    (ItemKind.THEMATIC_SUPERVISION, "Việc tu dưỡng, rèn luyện của cán bộ chủ chốt"),
    (ItemKind.THEMATIC_INSPECTION, "Việc thực hiện nghị quyết của chi bộ về cải cách hành chính"),
    (ItemKind.LOWER_BODY_WORK, "Việc thi hành kỷ luật trong đảng"),
    (ItemKind.THEMATIC_INSPECTION, "Việc thực hiện thời giờ làm việc"),
]
# The step each item's case stands at, in the order of ITEMS (the last one closed).
TARGETS: list[str] = list(STEP_ORDER)
FINDINGS: list[tuple[str, str]] = [
    ("Chưa niêm yết đầy đủ thủ tục hành chính, phí, lệ phí", "minor"),
    ("Một số hồ sơ giải quyết quá hạn nhưng không có văn bản xin lỗi", "moderate"),
    ("Chưa ban hành quy chế làm việc của cấp ủy nhiệm kỳ mới", "minor"),
    ("Công chức bộ phận một cửa vắng mặt trong giờ làm việc", "moderate"),
    ("Chi bộ chưa sinh hoạt chuyên đề trong quý", "minor"),
    ("Thu sai quy định phí thẩm định hồ sơ", "serious"),
]
SPOT_AGENCIES = ["STC", "SYT", "SGTVT"]
STEP_GAP = 6  # days between the steps of a demo case


def loaded() -> bool:
    return Program.objects.exists()


def _members_of(org: Organization) -> list[Member]:
    return list(
        Member.objects.filter(
            organization__path__startswith=org.path, status=MemberStatus.ACTIVE
        ).order_by("pk")[:20]
    )


def _run(
    case: Case,
    until: str,
    *,
    day: dt.date,
    rng: random.Random,
    inspector: User,
    assigner: User,
    team: list[Member],
    owners: list[Member],
    today: dt.date,
) -> dt.date:
    """Take a case through its steps up to (not including) `until`, each on its own day."""
    stop = STEP_ORDER.index(until)
    for step in STEP_ORDER[:stop]:
        case.refresh_from_db()
        if case.step != step:
            continue
        day = min(day + dt.timedelta(days=rng.randint(2, STEP_GAP)), today)
        kw: dict[str, Any] = {"actor": inspector, "case": case, "today": day}
        if step == Step.DECISION:
            number = f"{case.pk:02d}-QĐ/UBKTĐUK"
            services.record_decision(**kw, number=number, decided_on=day)
        elif step == Step.TEAM:
            services.set_team(**kw, head=team[0], members=team[1:3])
        elif step == Step.PLAN:
            services.record_plan(
                **kw, plan="Đoàn làm việc trực tiếp 2 buổi; nghiên cứu hồ sơ 10 ngày."
            )
        elif step == Step.NOTICE:
            services.send_notice(
                **kw,
                notice="Đề nghị đồng chí Bí thư chuẩn bị báo cáo tự kiểm điểm và hồ sơ liên quan.",
                sent_on=day,
            )
        elif step == Step.SELF_REPORT:
            services.record_self_report(
                actor=None, case=case, today=day, text="Báo cáo tự kiểm điểm của tổ chức đảng."
            )
        elif step == Step.WORKING_SESSIONS and rng.random() < 0.3:
            services.skip_step(
                **kw, step=step, reason="Đã làm rõ qua hồ sơ; không cần làm việc trực tiếp."
            )
        elif step == Step.MEETING:
            services.record_meeting(**kw, held_on=day)
        elif step == Step.FINDINGS:
            for title, severity in rng.sample(FINDINGS, rng.randint(1, 3)):
                services.add_finding(
                    actor=inspector,
                    case=case,
                    title=title,
                    severity=severity,
                    evidence="Biên bản làm việc của Đoàn; hồ sơ lưu tại bộ phận một cửa.",
                )
            services.complete_step(**kw, step=step)
        elif step == Step.CONCLUSION:
            services.record_conclusion(
                **kw,
                conclusion="Tổ chức đảng cơ bản thực hiện tốt; còn một số hạn chế cần khắc phục.",
                number=f"{case.pk:02d}-TB/UBKTĐUK",
                concluded_on=day,
            )
        elif step == Step.RECOMMENDATIONS:
            for finding in case.findings.all():
                services.add_recommendation(
                    actor=assigner,
                    finding=finding,
                    text=f"Khắc phục: {finding.title.lower()}; báo cáo kết quả bằng văn bản.",
                    owner=rng.choice(owners),
                    due_date=day + dt.timedelta(days=rng.randint(10, 45)),
                    today=day,
                )
            services.complete_step(**kw, step=step)
        elif step == Step.FOLLOW_UP:
            for rec in services.open_remediation(case):
                task_services.submit_task(actor=None, task=rec)
                task_services.accept_task(actor=assigner, task=rec, outcome="met")
            services.close_case(actor=inspector, case=case, today=day)
        else:
            services.complete_step(**kw, step=step, note="Đã thực hiện theo kế hoạch.")
    return day


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    root = Organization.objects.get(code=ROOT_CODE)
    inspector = User.objects.get(username="kiemtra")
    assigner = User.objects.get(username="tung")
    team = [
        Member.objects.get(post=INSPECTION_DEPUTY),
        *[m for m in _members_of(root) if m.post != INSPECTION_DEPUTY][:3],
    ]
    agencies = list(Organization.objects.filter(depth=1, is_active=True).order_by("path"))
    year_start = dt.date(today.year, 1, 1)
    program = services.create_program(
        actor=inspector,
        organization=root,
        body=Body.INSPECTION_COMMITTEE,
        year=today.year,
        title=f"Chương trình kiểm tra, giám sát năm {today.year} của Ủy ban Kiểm tra Đảng ủy Khối",
        number_symbol="01-CTr/UBKTĐUK",
        approved_on=year_start,
    )
    # The case standing at step k opened so long ago that its steps fit before today.
    counts = {"inspection_cases": 0, "inspection_findings": 0}
    for index, ((kind, work), target) in enumerate(zip(ITEMS, TARGETS, strict=False)):
        agency = agencies[(index * 3) % len(agencies)]
        start = today - dt.timedelta(days=STEP_ORDER.index(target) * STEP_GAP + rng.randint(3, 20))
        item = services.add_program_item(
            actor=inspector,
            program=program,
            kind=kind,
            subject_organization=agency,
            content=f"{work} của {agency.name}",
            period_start=dt.date(today.year - 1, 1, 1),
            period_end=dt.date(today.year - 1, 12, 31),
            team="Ủy ban Kiểm tra Đảng ủy Khối",
            planned_start=max(start, year_start),
            planned_end=max(start, year_start) + dt.timedelta(days=90),
        )
        case = services.open_case(
            actor=inspector,
            organization=root,
            body=Body.INSPECTION_COMMITTEE,
            kind=kind,
            subject_organization=agency,
            title=f"{work} — {agency.agency_name or agency.name}",
            program_item=item,
            today=start,
        )
        owners = _members_of(agency) or team
        _run(
            case,
            target,
            day=start,
            rng=rng,
            inspector=inspector,
            assigner=assigner,
            team=team,
            owners=owners,
            today=today,
        )
        counts["inspection_cases"] += 1
    # Planned items not started yet.
    for agency in agencies[1:4]:
        services.add_program_item(
            actor=inspector,
            program=program,
            kind=ItemKind.THEMATIC_SUPERVISION,
            subject_organization=agency,
            content=f"Giám sát việc học tập, quán triệt nghị quyết tại {agency.name}",
            planned_start=min(today + dt.timedelta(days=30), dt.date(today.year, 12, 1)),
            planned_end=dt.date(today.year, 12, 31),
        )
    counts["inspection_spot_checks"] = _spot_checks(
        rng=rng, today=today, root=root, inspector=inspector, assigner=assigner, team=team
    )
    counts["inspection_findings"] = sum(c.findings.count() for c in Case.objects.all())
    stdout.write(
        f"  … {counts['inspection_cases']} cuộc kiểm tra, giám sát, "
        f"{counts['inspection_spot_checks']} phiếu kiểm tra đột xuất"
    )
    return counts


def _spot_checks(
    *,
    rng: random.Random,
    today: dt.date,
    root: Organization,
    inspector: User,
    assigner: User,
    team: list[Member],
) -> int:
    """Spot checks of administrative discipline at three agencies; at the last, the failed
    items became findings whose remediation is now overdue."""
    checklist = services.checklist()
    made = 0
    for n, code in enumerate(SPOT_AGENCIES):
        agency = Organization.objects.filter(code=code).first()
        if agency is None:
            continue
        overdue = n == len(SPOT_AGENCIES) - 1
        start = today - dt.timedelta(days=100 if overdue else 20 + n * 5)
        case = services.open_case(
            actor=inspector,
            organization=root,
            body=Body.INSPECTION_COMMITTEE,
            kind=ItemKind.SPOT_CHECK,
            subject_organization=agency,
            title="Kiểm tra đột xuất kỷ luật, kỷ cương hành chính tại "
            + (agency.agency_name or agency.name),
            today=start,
        )
        owners = _members_of(agency) or team
        kw = {"rng": rng, "inspector": inspector, "assigner": assigner, "team": team}
        day = _run(case, Step.VERIFICATION, day=start, owners=owners, today=today, **kw)
        failing = set(rng.sample(sorted(checklist), 2 if overdue else 1))
        spot = services.record_spot_check(
            actor=inspector,
            case=case,
            checked_on=day,
            place="Bộ phận tiếp nhận và trả kết quả",
            results={
                c: ItemResult.FAILED if c in failing else ItemResult.PASSED for c in checklist
            },
            notes=dict.fromkeys(failing, "Ghi nhận lúc 8 giờ 15"),
        )
        made += 1
        if not overdue:
            continue
        for result in spot.results.filter(result=ItemResult.FAILED):
            services.finding_from_item(actor=inspector, result=result, severity="moderate")
        case.refresh_from_db()
        # The steps done by two months ago, remediation due 10 to 45 days later: overdue now.
        _run(
            case, Step.FOLLOW_UP, day=day, owners=owners, today=today - dt.timedelta(days=60), **kw
        )
    return made


def describe(*, stdout: Any) -> None:
    stdout.write(
        "  Kiểm tra, giám sát: đăng nhập “kiemtra” (Ủy ban Kiểm tra Đảng ủy Khối) → "
        "/inspections/; phía đối tượng: “stc.bithu” → /inspections/subject/."
    )
