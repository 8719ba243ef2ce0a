"""Demo data: last year's review of Sở Tài chính's party organization under QĐ 366, computed
from the demo's record, with some members' self-assessments and the committee's reviews
(a few decided). Through the services; deterministic for a given rng/today."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hatnhan.organizations.models import Organization, OrganizationKind

from . import services
from .models import Round

STRENGTHS = [
    "Chấp hành nghiêm chủ trương, đường lối của Đảng; hoàn thành các nhiệm vụ được giao.",
    "Tích cực tham gia sinh hoạt chi bộ, có nhiều ý kiến đóng góp xây dựng.",
    "Chủ động tham mưu, đề xuất giải pháp tháo gỡ vướng mắc trong công tác chuyên môn.",
]
WEAKNESSES = [
    "Có nhiệm vụ còn chậm tiến độ so với kế hoạch.",
    "Việc nghiên cứu, học tập nghị quyết có lúc chưa sâu.",
    "",
]


def loaded() -> bool:
    return Round.objects.exists()


def _organization() -> Organization | None:
    grassroots = Organization.objects.filter(
        kind__in=[OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL]
    )
    return grassroots.filter(code="STC").first() or grassroots.order_by("path").first()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    organization = _organization()
    if organization is None:
        return {}
    year = today.year - 1
    round = services.create_round(
        actor=None,
        organization=organization,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        rulebook="qd366-2025",
        subjects="both",
        title=f"Kiểm điểm, đánh giá, xếp loại năm {year}",
    )
    round = services.compute_round(actor=None, round=round, today=today, background=False)
    rows = list(round.evaluations.filter(excluded=False, member__isnull=False).order_by("pk"))
    for n, row in enumerate(rows[:12]):
        services.self_assess(
            actor=None,
            evaluation=row,
            self_form="2A" if n == 0 else "2B",
            strengths=rng.choice(STRENGTHS),
            weaknesses=rng.choice(WEAKNESSES),
            general_score=rng.randint(24, 29),
        )
        if n < 8:
            row = services.review(
                actor=None,
                evaluation=row,
                general_score=rng.randint(22, 28),
                comment="Cấp ủy thống nhất với kết quả tự đánh giá.",
            )
        if n < 4:
            services.decide(
                actor=None,
                evaluation=row,
                final_level=row.proposed_level or "completed",
                reason="" if row.proposed_level else "Cấp ủy đánh giá phần kết quả nhiệm vụ",
            )
    stdout.write(f"  evaluations: {len(rows)} members reviewed in {round}\n")
    return {"evaluation rows": round.evaluations.count()}
