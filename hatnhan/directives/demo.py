"""Demo data: the directives the article names, the year themes, and for every grassroots
organization a year of resolutions with focus issues citing them.

Directives and themes go through the services (a handful); resolutions and focus issues
(hundreds) through the services' bulk loads, which check each as the single-record services
do and record the same events per record. Deterministic for a given rng and today."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hatnhan.organizations.models import Organization

from . import services
from .models import Directive, FocusIssue, Resolution, YearTheme

# (key, kind, number and symbol, issuing body, date, title). Numbers, bodies and subjects as
# the article names them; where the article gives no date the date is illustrative.
DIRECTIVES: list[tuple[str, str, str, str, dt.date, str]] = [
    (
        "nq4",
        "resolution",
        "04-NQ/TW",
        "Ban Chấp hành Trung ương Đảng (khóa XII)",
        dt.date(2016, 10, 30),
        "Về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng "
        "chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong "
        "nội bộ (Nghị quyết Trung ương 4 khóa XII)",
    ),
    (
        "ct05",
        "directive",
        "05-CT/TW",
        "Bộ Chính trị",
        dt.date(2016, 5, 15),
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "ct26",
        "directive",
        "26/CT-TTg",
        "Thủ tướng Chính phủ",
        dt.date(2016, 9, 5),
        "Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp",
    ),
    (
        "ct17",
        "directive",
        "17-CT/TU",
        "Ban Thường vụ Tỉnh ủy Nghệ An",
        dt.date(2016, 12, 20),
        "Về tăng cường kỷ luật, kỷ cương hành chính; nâng cao trách nhiệm thực thi công vụ của "
        "cán bộ, công chức, viên chức",
    ),
    (
        "nq01_xviii",
        "resolution",
        "01-NQ/ĐUK",
        "Ban Chấp hành Đảng bộ Khối Các cơ quan tỉnh (khóa XVIII)",
        dt.date(2015, 12, 1),
        "Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ "
        "cán bộ, đảng viên",
    ),
    (
        "nq01",
        "resolution",
        "01-NQ/ĐU",
        "Ban Chấp hành Đảng bộ Khối Các cơ quan tỉnh",
        dt.date(2017, 2, 20),
        "Nâng cao năng lực của tổ chức cơ sở đảng đối với việc lãnh đạo thực hiện nhiệm vụ "
        "chính trị của cơ quan, đơn vị",
    ),
    (
        "nq18",
        "resolution",
        "18-NQ/TW",
        "Ban Chấp hành Trung ương Đảng (khóa XII)",
        dt.date(2017, 10, 25),
        "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh "
        "gọn, hoạt động hiệu lực, hiệu quả",
    ),
    (
        "qd366",
        "regulation",
        "366-QĐ/TW",
        "Bộ Chính trị",
        dt.date(2025, 8, 30),
        "Về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ thống "
        "chính trị",
    ),
]

THEME_2017 = "Kỷ luật, kỷ cương hành chính và nâng cao chất lượng sinh hoạt Đảng"
THEME_CURRENT = (
    "Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng đối với nhiệm vụ chính trị; "
    "siết chặt kỷ luật, kỷ cương, đẩy mạnh chuyển đổi số"
)

# (title, level, directive keys): what cells pick out of the agency's work (from the article).
FOCUS_POOL: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "Tăng cường kỷ luật, kỷ cương hành chính, chấp hành thời giờ làm việc",
        "key",
        ("ct26", "ct17"),
    ),
    (
        "Chấm dứt tình trạng gây phiền hà, nhũng nhiễu tổ chức, công dân khi giải quyết thủ tục "
        "hành chính",
        "pressing",
        ("ct26", "ct17", "nq4"),
    ),
    ("Đẩy mạnh cải cách hành chính, giải quyết hồ sơ đúng và trước hạn", "key", ("ct26",)),
    ("Nâng cao chất lượng sinh hoạt chi bộ", "critical", ("nq4", "nq01")),
    (
        "Phân công nhiệm vụ cụ thể cho cấp ủy viên, đảng viên; kiểm tra, giám sát việc thực hiện",
        "critical",
        ("nq01", "nq01_xviii"),
    ),
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chuyên môn",
        "key",
        ("ct05",),
    ),
    (
        "Ứng dụng công nghệ thông tin trong điều hành, quản lý và thực hiện nhiệm vụ chuyên môn",
        "key",
        ("nq01",),
    ),
    (
        "Thực hiện chế độ thông báo của thủ trưởng cơ quan với cấp ủy về nhiệm vụ chính trị",
        "critical",
        ("nq01", "nq18"),
    ),
    (
        "Chăm lo đời sống vật chất, tinh thần, điều kiện làm việc của cán bộ, công chức, người lao "
        "động",
        "key",
        ("nq01",),
    ),
    (
        "Ngăn chặn, đẩy lùi suy thoái về tư tưởng chính trị, đạo đức, lối sống",
        "critical",
        ("nq4", "ct05"),
    ),
]


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _months_back(today: dt.date, count: int) -> list[dt.date]:
    """First days of the `count` months ending with today's month, oldest first."""
    firsts, day = [], _month_start(today)
    for _ in range(count):
        firsts.append(day)
        day = _month_start(day - dt.timedelta(days=1))
    return sorted(firsts)


def grassroots_organizations() -> list[Organization]:
    """The organizations directly under the tree's root(s): the grassroots level."""
    return list(Organization.objects.filter(depth=1, is_active=True).order_by("path"))


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> None:
    root = Organization.objects.filter(depth=0).order_by("path").first()
    if root is None:
        return
    directives: dict[str, Directive] = {}
    for key, kind, number, body, issued, title in DIRECTIVES:
        if issued > today:
            continue
        directives[key] = services.create_directive(
            actor=None,
            organization=root,
            kind=kind,
            number_symbol=number,
            issuing_body=body,
            issued_on=issued,
            title=title,
        )
    themes = {
        2017: services.create_year_theme(
            actor=None,
            organization=root,
            year=2017,
            title=THEME_2017,
            note="Gắn với Nghị quyết Trung ương 4 (khóa XII), Chỉ thị 26/CT-TTg và "
            "Chỉ thị 17-CT/TU.",
            directives=[directives[k] for k in ("nq4", "ct26", "ct17") if k in directives],
        )
    }
    for year in sorted({today.year - 1, today.year} - {2017}):
        themes[year] = services.create_year_theme(
            actor=None,
            organization=root,
            year=year,
            title=THEME_CURRENT,
            directives=[d for k, d in directives.items() if k in ("nq01", "qd366", "ct05")],
        )

    resolutions: list[Resolution] = []
    issue_specs: list[tuple[int, str, str, tuple[str, ...], int]] = []  # (res idx, ...)
    months = _months_back(today, 12)
    for org in grassroots_organizations():
        code = org.code.split("-")[0]
        years = sorted({m.year for m in months})
        for year in years:
            adopted = dt.date(year, 1, rng.randint(5, 15))
            if adopted > today:
                continue
            resolutions.append(
                Resolution(
                    organization=org,
                    kind="annual",
                    number_symbol=f"{rng.randint(1, 9):02d}-NQ/ĐU",
                    title=f"Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm {year}",
                    adopted_on=adopted,
                    period_start=dt.date(year, 1, 1),
                    period_end=dt.date(year, 12, 31),
                    year_theme=themes.get(year),
                    content=f"{org.name} lãnh đạo {org.agency_name or 'cơ quan'} thực hiện "
                    f"nhiệm vụ chính trị năm {year}, gắn với chủ đề năm.",
                )
            )
            for pos, spec in enumerate(rng.sample(FOCUS_POOL, 3), start=1):
                issue_specs.append((len(resolutions) - 1, spec[0], spec[1], spec[2], pos))
        for first in months:
            adopted = first + dt.timedelta(days=rng.randint(2, 8))
            if adopted > today:
                adopted = first
            resolutions.append(
                Resolution(
                    organization=org,
                    kind="monthly",
                    number_symbol=f"{first.month:02d}/{first.year}-NQ/{code}",
                    title=f"Nghị quyết sinh hoạt chi bộ tháng {first.month}/{first.year}",
                    adopted_on=adopted,
                    period_start=first,
                    period_end=_month_end(first),
                    year_theme=themes.get(first.year),
                )
            )
            for pos, spec in enumerate(rng.sample(FOCUS_POOL, rng.choice((1, 2, 2))), start=1):
                issue_specs.append((len(resolutions) - 1, spec[0], spec[1], spec[2], pos))
    services.bulk_create_resolutions(
        actor=None,
        resolutions=resolutions,
        citations=[
            [
                directives[k]
                for k in (("nq01", "nq4", "ct26") if r.kind == "annual" else ("nq01",))
                if k in directives
            ]
            for r in resolutions
        ],
    )
    issues = []
    for idx, title, level, _keys, pos in issue_specs:
        r = resolutions[idx]
        issues.append(
            FocusIssue(
                resolution=r,
                title=title,
                level=level,
                position=pos,
                year_theme=r.year_theme,
                description=f"Đưa vào {r.title.lower()} để tập trung lãnh đạo.",
            )
        )
    services.bulk_create_focus_issues(
        actor=None,
        focus_issues=issues,
        citations=[[directives[k] for k in spec[3] if k in directives] for spec in issue_specs],
    )
    stdout.write(
        f"  … {len(directives)} văn bản chỉ đạo, {len(themes)} chủ đề năm, "
        f"{len(resolutions)} nghị quyết, {len(issues)} vấn đề trọng tâm"
    )


__all__ = ["YearTheme", "populate"]
