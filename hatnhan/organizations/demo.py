"""The organizations' part of the demo: the party organizations of Nghệ An's provincial
agencies, as in the article, and their committees' terms.

:func:`plan_tree` is plain data (no randomness): the bloc, its office cell, every grassroots
organization and its sub-committees and cells. :func:`populate` writes it through the
services (``actor=None``: the operator), so every derived field (path, sort key, search text)
and every audit event is what the application itself produces; the terms' dates are drawn
from the app's own generator. The members' part (hatnhan/members/demo.py) reads the tree and
the terms back from the database, and sizes each agency's staff from the table below.

The agencies are real Nghệ An provincial bodies; the people (see the members' part) are not.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from hatnhan.audit.services import record_event
from hatnhan.core.text import search_key

from .models import Organization, OrganizationKind
from .services import create_organization, create_term

ROOT_CODE = "DUK"
ROOT_NAME = "Đảng bộ Khối Các cơ quan tỉnh Nghệ An"
OFFICE_CELL_CODE = "DUK-CQ"
OLD_TERM = "Nhiệm kỳ 2020–2025"
NEW_TERM = "Nhiệm kỳ 2025–2030"
# The bloc committee's own terms (its congress dates are public, not drawn).
BLOC_TERMS = [
    (OLD_TERM, dt.date(2020, 7, 20), dt.date(2025, 7, 14)),
    (NEW_TERM, dt.date(2025, 7, 15), None),
]
OFFICE_CELL_TERM_START = dt.date(2025, 5, 6)

# --- The agencies ------------------------------------------------------------------------------
# (code, agency, head's post, profile, members at scale 1, units). Units are the cells of a
# đảng bộ cơ sở; a unit given as (name, [units]) is a đảng bộ bộ phận with its own cells.
# An agency with no units is a chi bộ cơ sở.
Unit = str | tuple[str, list[str]]

# fmt: off

COMMITTEES: list[tuple[str, str, str, str, int, list[Unit]]] = [
    ("STC", "Sở Tài chính", "Giám đốc Sở", "office", 150, [
        "Văn phòng", "Phòng Ngân sách", "Phòng Tài chính doanh nghiệp",
        "Phòng Quản lý giá và công sản", "Phòng Tài chính đầu tư",
        "Phòng Kinh tế đối ngoại", "Thanh tra Sở"]),
    ("SGTVT", "Sở Giao thông vận tải", "Giám đốc Sở", "office", 110, [
        "Văn phòng", "Phòng Quản lý vận tải, phương tiện và người lái",
        "Phòng Kế hoạch – Tài chính", "Phòng Quản lý chất lượng công trình giao thông",
        "Thanh tra Sở", "Ban Quản lý bảo trì đường bộ"]),
    ("SYT", "Sở Y tế", "Giám đốc Sở", "office", 90, [
        "Văn phòng", "Phòng Nghiệp vụ Y – Dược", "Phòng Kế hoạch – Tài chính",
        "Phòng Tổ chức cán bộ", "Thanh tra Sở", "Chi cục Dân số"]),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Giám đốc Sở", "office", 100, [
        "Văn phòng", "Phòng Giáo dục phổ thông",
        "Phòng Giáo dục thường xuyên và chuyên nghiệp",
        "Phòng Khảo thí và Kiểm định chất lượng", "Phòng Kế hoạch – Tài chính",
        "Phòng Tổ chức cán bộ", "Thanh tra Sở"]),
    ("SNV", "Sở Nội vụ", "Giám đốc Sở", "office", 90, [
        "Văn phòng", "Phòng Tổ chức, biên chế", "Phòng Công chức, viên chức",
        "Phòng Lao động – Việc làm", "Phòng Người có công", "Ban Thi đua – Khen thưởng",
        "Chi cục Văn thư – Lưu trữ"]),
    ("STP", "Sở Tư pháp", "Giám đốc Sở", "office", 45, [
        "Văn phòng", "Phòng Xây dựng và kiểm tra văn bản", "Phòng Hành chính tư pháp",
        "Trung tâm Trợ giúp pháp lý nhà nước"]),
    ("SCT", "Sở Công Thương", "Giám đốc Sở", "office", 80, [
        "Văn phòng", "Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp",
        "Phòng Quản lý năng lượng", "Chi cục Quản lý thị trường",
        "Trung tâm Khuyến công và Xúc tiến thương mại"]),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Giám đốc Sở", "office", 200, [
        "Văn phòng", "Phòng Kế hoạch – Tài chính", "Phòng Quản lý đất đai",
        "Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Chi cục Trồng trọt và Bảo vệ thực vật",
        "Chi cục Chăn nuôi và Thú y", "Chi cục Bảo vệ môi trường",
        "Văn phòng Đăng ký đất đai"]),
    ("SXD", "Sở Xây dựng", "Giám đốc Sở", "office", 90, [
        "Văn phòng", "Phòng Quản lý quy hoạch – kiến trúc",
        "Phòng Quản lý nhà và thị trường bất động sản", "Phòng Quản lý hạ tầng kỹ thuật",
        "Thanh tra Sở", "Trung tâm Kiểm định chất lượng xây dựng"]),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Giám đốc Sở", "office", 60, [
        "Văn phòng", "Phòng Quản lý khoa học", "Phòng Chuyển đổi số",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ"]),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Giám đốc Sở", "office", 110, [
        "Văn phòng", "Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao",
        "Phòng Quản lý du lịch", "Bảo tàng Nghệ An", "Thư viện tỉnh",
        "Trung tâm Huấn luyện và Thi đấu thể dục thể thao"]),
    ("VPUB", "Văn phòng UBND tỉnh", "Chánh Văn phòng", "office", 80, [
        "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Nông nghiệp – Tài nguyên",
        "Phòng Công nghiệp – Xây dựng", "Phòng Khoa giáo – Văn xã", "Phòng Nội chính",
        "Phòng Hành chính – Tổ chức", "Trung tâm Phục vụ hành chính công"]),
    ("BQLKKT", "Ban Quản lý Khu kinh tế Đông Nam", "Trưởng ban", "office", 50, [
        "Văn phòng", "Phòng Quản lý đầu tư", "Phòng Quản lý quy hoạch và xây dựng",
        "Phòng Quản lý doanh nghiệp và lao động", "Trung tâm Hỗ trợ đầu tư"]),
    ("CT", "Cục Thuế tỉnh Nghệ An", "Cục trưởng", "tax", 180, [
        "Văn phòng", "Phòng Tuyên truyền – Hỗ trợ người nộp thuế",
        "Phòng Kê khai và Kế toán thuế", "Phòng Quản lý nợ và cưỡng chế nợ thuế",
        "Phòng Thanh tra – Kiểm tra thuế số 1", "Phòng Thanh tra – Kiểm tra thuế số 2",
        "Phòng Công nghệ thông tin"]),
    ("KBNN", "Kho bạc Nhà nước Nghệ An", "Giám đốc", "tax", 70, [
        "Văn phòng", "Phòng Kế toán nhà nước", "Phòng Kiểm soát chi",
        "Phòng Thanh tra – Kiểm tra", "Phòng Tin học"]),
    ("BNA", "Báo Nghệ An", "Tổng Biên tập", "media", 60, [
        "Ban Thư ký tòa soạn", "Ban Thời sự", "Ban Kinh tế", "Ban Văn hóa – Xã hội",
        "Ban Điện tử", "Phòng Hành chính – Trị sự"]),
    ("DPTTH", "Đài Phát thanh và Truyền hình Nghệ An", "Giám đốc Đài", "media", 100, [
        "Phòng Thời sự", "Phòng Chuyên đề", "Phòng Văn nghệ – Giải trí",
        "Phòng Kỹ thuật – Công nghệ", "Phòng Tổ chức – Hành chính"]),
    ("BVHNDK", "Bệnh viện Hữu nghị đa khoa Nghệ An", "Giám đốc Bệnh viện", "hospital", 300, [
        "Phòng Kế hoạch tổng hợp", "Phòng Tổ chức cán bộ",
        ("Khối Nội", ["Khoa Nội tổng hợp", "Khoa Tim mạch", "Khoa Thần kinh"]),
        ("Khối Ngoại", ["Khoa Ngoại tổng hợp", "Khoa Gây mê hồi sức",
                        "Khoa Chấn thương chỉnh hình"]),
        "Khoa Cấp cứu", "Khoa Hồi sức tích cực – Chống độc", "Khoa Chẩn đoán hình ảnh",
        "Khoa Dược", "Phòng Điều dưỡng"]),
    ("BVSN", "Bệnh viện Sản Nhi Nghệ An", "Giám đốc Bệnh viện", "hospital", 180, [
        "Phòng Kế hoạch tổng hợp", "Khoa Sản", "Khoa Nhi", "Khoa Sơ sinh",
        "Khoa Hồi sức tích cực", "Khoa Xét nghiệm"]),
    ("BVUB", "Bệnh viện Ung bướu Nghệ An", "Giám đốc Bệnh viện", "hospital", 120, [
        "Phòng Kế hoạch tổng hợp", "Khoa Xạ trị", "Khoa Nội", "Khoa Ngoại",
        "Khoa Y học hạt nhân"]),
    ("CDC", "Trung tâm Kiểm soát bệnh tật Nghệ An", "Giám đốc Trung tâm", "hospital", 70, [
        "Phòng Tổ chức – Hành chính", "Khoa Phòng chống bệnh truyền nhiễm",
        "Khoa Sức khỏe môi trường", "Khoa Xét nghiệm"]),
    ("DHYKV", "Trường Đại học Y khoa Vinh", "Hiệu trưởng", "school", 120, [
        "Phòng Đào tạo", "Phòng Tổ chức cán bộ", "Khoa Y", "Khoa Dược", "Khoa Điều dưỡng",
        "Khoa Y tế công cộng"]),
    ("DHKTNA", "Trường Đại học Kinh tế Nghệ An", "Hiệu trưởng", "school", 80, [
        "Phòng Hành chính – Tổng hợp", "Phòng Đào tạo", "Khoa Kinh tế",
        "Khoa Kế toán – Tài chính", "Khoa Nông lâm ngư"]),
    ("CDVD", "Trường Cao đẳng Kỹ thuật Việt – Đức Nghệ An", "Hiệu trưởng", "school", 60, [
        "Phòng Đào tạo", "Khoa Cơ khí", "Khoa Điện – Điện tử", "Khoa Công nghệ thông tin"]),
]

CELLS: list[tuple[str, str, str, str, int]] = [
    ("TTT", "Thanh tra tỉnh", "Chánh Thanh tra tỉnh", "inspection", 30),
    ("VPDDBQH", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
     "Chánh Văn phòng", "office", 35),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", "Giám đốc Sở", "office", 25),
    ("SNGV", "Sở Ngoại vụ", "Giám đốc Sở", "office", 18),
    ("TTXT", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "Giám đốc Trung tâm",
     "office", 14),
    ("QDTPT", "Quỹ Đầu tư phát triển Nghệ An", "Giám đốc Quỹ", "tax", 15),
    ("LMHTX", "Liên minh Hợp tác xã tỉnh", "Chủ tịch", "association", 14),
    ("LHHKH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Chủ tịch", "association", 10),
    ("HCTD", "Hội Chữ thập đỏ tỉnh", "Chủ tịch", "association", 9),
    ("HVHNT", "Hội Văn học Nghệ thuật Nghệ An", "Chủ tịch", "association", 12),
    ("VQHKT", "Viện Quy hoạch – Kiến trúc xây dựng Nghệ An", "Viện trưởng", "project", 22),
    ("BQLDAGT", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh",
     "Giám đốc Ban", "project", 28),
    ("BQLDADD", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp tỉnh",
     "Giám đốc Ban", "project", 26),
    ("BVNT", "Bệnh viện Nội tiết Nghệ An", "Giám đốc Bệnh viện", "hospital", 30),
    ("BVTT", "Bệnh viện Tâm thần Nghệ An", "Giám đốc Bệnh viện", "hospital", 28),
    ("BVYHCT", "Bệnh viện Y học cổ truyền Nghệ An", "Giám đốc Bệnh viện", "hospital", 30),
    ("BVPHCN", "Bệnh viện Phục hồi chức năng Nghệ An", "Giám đốc Bệnh viện", "hospital", 25),
    ("CDVHNT", "Trường Cao đẳng Văn hóa – Nghệ thuật Nghệ An", "Hiệu trưởng", "school", 30),
    ("VQGPM", "Vườn quốc gia Pù Mát", "Giám đốc", "forest", 30),
    ("KBTPH", "Ban Quản lý Khu bảo tồn thiên nhiên Pù Hoạt", "Giám đốc Ban", "forest", 20),
    ("KDTKL", "Khu Di tích Kim Liên", "Giám đốc", "office", 20),
    ("NXBNA", "Nhà xuất bản Nghệ An", "Giám đốc", "media", 12),
    ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông Nghệ An", "Giám đốc Trung tâm",
     "office", 16),
    ("CSCN", "Cơ sở Cai nghiện ma túy tỉnh", "Giám đốc", "office", 18),
    ("TTCTXH", "Trung tâm Công tác xã hội tỉnh", "Giám đốc Trung tâm", "office", 14),
]

# fmt: on

# Unit codes where initials would clash (Khối Nội / Khối Ngoại).
UNIT_CODES = {
    "Khối Nội": "NOI",
    "Khối Ngoại": "NGOAI",
    "Khoa Nội tổng hợp": "NOITH",
    "Khoa Ngoại tổng hợp": "NGOAITH",
    "Khoa Nội": "NOI",
    "Khoa Ngoại": "NGOAI",
}


@dataclass
class OrgSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    agency_name: str = ""
    unit: str = ""  # a cell's department, whose head the members' part names


@dataclass
class TermSpec:
    org: str
    name: str
    start: dt.date
    end: dt.date | None


def _unit_code(name: str, taken: set[str]) -> str:
    if name in UNIT_CODES and UNIT_CODES[name] not in taken:
        taken.add(UNIT_CODES[name])
        return UNIT_CODES[name]
    skip = {"phong", "va", "so"}
    words = [
        w for w in search_key(name).replace("–", " ").replace(",", " ").split() if w not in skip
    ]
    base = "".join(w[0] for w in words if w[0].isalnum()).upper()[:8] or "CB"
    if name.startswith("Văn phòng") and base.startswith("V"):
        base = "VP" + base[1:]
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    taken.add(code)
    return code


def plan_tree() -> list[OrgSpec]:
    """The whole tree, parents before children; the same every time."""
    orgs = [
        OrgSpec(
            ROOT_CODE,
            ROOT_NAME,
            OrganizationKind.BLOC_COMMITTEE,
            None,
            "Khối Các cơ quan tỉnh Nghệ An",
        ),
        OrgSpec(
            OFFICE_CELL_CODE,
            "Chi bộ Cơ quan Đảng ủy Khối",
            OrganizationKind.GRASSROOTS_CELL,
            ROOT_CODE,
            "Cơ quan Đảng ủy Khối Các cơ quan tỉnh",
        ),
    ]
    for code, agency, _post, _profile, _size, units in COMMITTEES:
        orgs.append(
            OrgSpec(
                code, f"Đảng bộ {agency}", OrganizationKind.GRASSROOTS_COMMITTEE, ROOT_CODE, agency
            )
        )
        taken: set[str] = set()
        for unit in units:
            if isinstance(unit, tuple):
                sub_name, sub_units = unit
                sub_code = f"{code}-{_unit_code(sub_name, taken)}"
                orgs.append(
                    OrgSpec(
                        sub_code,
                        f"Đảng bộ bộ phận {sub_name}",
                        OrganizationKind.SUB_COMMITTEE,
                        code,
                    )
                )
                for cell in sub_units:
                    orgs.append(
                        OrgSpec(
                            f"{code}-{_unit_code(cell, taken)}",
                            f"Chi bộ {cell}",
                            OrganizationKind.CELL,
                            sub_code,
                            unit=cell,
                        )
                    )
            else:
                orgs.append(
                    OrgSpec(
                        f"{code}-{_unit_code(unit, taken)}",
                        f"Chi bộ {unit}",
                        OrganizationKind.CELL,
                        code,
                        unit=unit,
                    )
                )
    for code, agency, _post, _profile, _size in CELLS:
        orgs.append(
            OrgSpec(code, f"Chi bộ {agency}", OrganizationKind.GRASSROOTS_CELL, ROOT_CODE, agency)
        )
    return orgs


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day drawn from start..end inclusive (start itself when the range is empty)."""
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def plan_terms(rng: random.Random, tree: list[OrgSpec]) -> list[TermSpec]:
    """Every committee's terms: a grassroots organization's last and sitting one (its congress
    falls between April and June), the sitting one of each sub-committee and cell."""

    def congress(year: int) -> dt.date:
        return between(rng, dt.date(year, 4, 10), dt.date(year, 6, 20))

    terms = [TermSpec(ROOT_CODE, name, start, end) for name, start, end in BLOC_TERMS]
    terms.append(TermSpec(OFFICE_CELL_CODE, NEW_TERM, OFFICE_CELL_TERM_START, None))
    for org in tree:
        if org.code == OFFICE_CELL_CODE:
            continue
        if org.kind in (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL):
            old_start, new_start = congress(2020), congress(2025)
            terms.append(TermSpec(org.code, OLD_TERM, old_start, new_start - dt.timedelta(days=1)))
            terms.append(TermSpec(org.code, NEW_TERM, new_start, None))
        elif org.kind == OrganizationKind.SUB_COMMITTEE:
            start = congress(2025) - dt.timedelta(days=20)
            terms.append(TermSpec(org.code, NEW_TERM, start, None))
        elif org.kind == OrganizationKind.CELL:
            start = between(rng, dt.date(2025, 3, 1), dt.date(2025, 4, 30))
            terms.append(TermSpec(org.code, NEW_TERM, start, None))
    return terms


def loaded() -> bool:
    return Organization.objects.exists()


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    tree = plan_tree()
    orgs: dict[str, Organization] = {}
    for spec in tree:
        orgs[spec.code] = create_organization(
            actor=None,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            parent=orgs[spec.parent] if spec.parent else None,
            agency_name=spec.agency_name,
        )
    terms = plan_terms(rng, tree)
    for t in terms:
        create_term(
            actor=None, organization=orgs[t.org], name=t.name, start_date=t.start, end_date=t.end
        )
    stdout.write(f"  … {len(orgs)} tổ chức đảng, {len(terms)} nhiệm kỳ")
    return {"organizations": len(orgs), "terms": len(terms)}


def finished(*, summary: dict[str, Any]) -> None:
    """The load itself is an event too, filed at the root so the bloc's staff read it."""
    root = Organization.objects.get(code=ROOT_CODE)
    record_event(
        actor=None,
        action="demo.load",
        obj=root,
        before=None,
        after=summary,
        organization_path=root.path,
    )
