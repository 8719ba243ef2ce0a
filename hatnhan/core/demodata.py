"""The demo dataset: the party organizations of Nghệ An's provincial agencies, as in the article.

Two steps, so that determinism is testable without a database:

* :func:`make_plan` turns (seed, scale, today) into plain data — organizations, terms,
  members, committee seats, transfers and accounts — using only ``random.Random(seed)``;
* :func:`load_plan` writes that plan through the services (``actor=None``: the operator),
  so every derived field (path, sort key, search text) and every audit event is exactly
  what the application itself would have produced.

The agencies are real Nghệ An provincial bodies; the people are invented. Names follow
Vietnamese naming (family names at roughly their real frequencies, "Thị" for most women).
E-mail addresses use the reserved ``.example`` domain so that no reminder can reach anyone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hatnhan.core.text import search_key

ROOT_CODE = "DUK"
ROOT_NAME = "Đảng bộ Khối Các cơ quan tỉnh Nghệ An"
OFFICE_CELL_CODE = "DUK-CQ"
INTERVIEWEE = "Nguyễn Quang Tùng"
DEFAULT_SEED = 2017  # the year of the article
DEMO_PASSWORD = "demo"

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

# The bloc committee's own office: (post, seniority), Nguyễn Quang Tùng second.
OFFICE_ROSTER: list[tuple[str, int]] = [
    ("Bí thư Đảng ủy Khối", 0),
    ("Phó Bí thư Đảng ủy Khối", 0),
    ("Phó Bí thư Đảng ủy Khối, Chủ nhiệm Ủy ban Kiểm tra", 0),
    ("Trưởng Ban Tổ chức Đảng ủy Khối", 1),
    ("Trưởng Ban Tuyên giáo Đảng ủy Khối", 1),
    ("Chánh Văn phòng Đảng ủy Khối", 1),
    ("Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối", 2),
    ("Phó Trưởng Ban Tổ chức Đảng ủy Khối", 2),
    ("Phó Trưởng Ban Tuyên giáo Đảng ủy Khối", 2),
    ("Phó Chánh Văn phòng Đảng ủy Khối", 3),
]
OFFICE_STAFF = ["Chuyên viên Ban Tổ chức", "Chuyên viên Ủy ban Kiểm tra",
                "Chuyên viên Ban Tuyên giáo", "Chuyên viên Văn phòng", "Kế toán"]
OFFICE_SIZE = 30

STAFF_POSTS: dict[str, list[tuple[str, int]]] = {
    "office": [("Chuyên viên chính", 3), ("Chuyên viên", 8), ("Kế toán viên", 1),
               ("Cán sự", 1), ("Nhân viên", 1)],
    "tax": [("Kiểm tra viên chính thuế", 2), ("Kiểm tra viên thuế", 5), ("Chuyên viên", 4),
            ("Kế toán viên", 2)],
    "media": [("Phóng viên", 6), ("Biên tập viên", 4), ("Kỹ thuật viên", 2), ("Quay phim", 1)],
    "hospital": [("Bác sĩ", 6), ("Điều dưỡng", 7), ("Dược sĩ", 1), ("Kỹ thuật viên", 2),
                 ("Hộ sinh", 1)],
    "school": [("Giảng viên", 7), ("Giảng viên chính", 3), ("Chuyên viên", 3)],
    "inspection": [("Thanh tra viên", 5), ("Thanh tra viên chính", 3), ("Chuyên viên", 2)],
    "association": [("Chuyên viên", 5), ("Kế toán", 1)],
    "project": [("Kỹ sư", 5), ("Chuyên viên", 3), ("Kế toán viên", 1)],
    "forest": [("Kiểm lâm viên", 5), ("Kỹ sư lâm nghiệp", 3), ("Chuyên viên", 2)],
}
JUNIOR_GRADE = {"Chuyên viên chính": "Chuyên viên", "Giảng viên chính": "Giảng viên",
                "Thanh tra viên chính": "Thanh tra viên",
                "Kiểm tra viên chính thuế": "Kiểm tra viên thuế"}
# Codes where initials would clash (Khối Nội / Khối Ngoại).
UNIT_CODES = {"Khối Nội": "NOI", "Khối Ngoại": "NGOAI", "Khoa Nội tổng hợp": "NOITH",
              "Khoa Ngoại tổng hợp": "NGOAITH", "Khoa Nội": "NOI", "Khoa Ngoại": "NGOAI"}
# Units of a chi bộ cơ sở, for its middle managers' posts.
SMALL_UNITS = {
    "office": ["Phòng Hành chính – Tổng hợp", "Phòng Nghiệp vụ"],
    "tax": ["Phòng Kế hoạch – Tổng hợp", "Phòng Nghiệp vụ"],
    "media": ["Phòng Biên tập", "Phòng Hành chính – Trị sự"],
    "hospital": ["Phòng Kế hoạch tổng hợp", "Khoa Khám bệnh", "Khoa Nội"],
    "school": ["Phòng Đào tạo", "Khoa Cơ bản"],
    "inspection": ["Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Văn phòng"],
    "association": ["Văn phòng"],
    "project": ["Phòng Kỹ thuật", "Phòng Kế hoạch – Tài chính"],
    "forest": ["Phòng Bảo tồn", "Hạt Kiểm lâm"],
}
FEMALE_SHARE = {"hospital": 0.62, "school": 0.55, "media": 0.45}

# --- Names -------------------------------------------------------------------------------------
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 31), ("Trần", 10), ("Lê", 9), ("Phạm", 4.5), ("Hoàng", 5), ("Phan", 4.5),
    ("Hồ", 4), ("Võ", 3), ("Vũ", 1.5), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Ngô", 1.5),
    ("Dương", 1), ("Đinh", 1.5), ("Thái", 1.2), ("Cao", 1), ("Chu", 0.8), ("Hà", 0.8),
    ("Đậu", 1), ("Lương", 0.8), ("Lưu", 0.5), ("Trịnh", 0.5), ("Mai", 0.4), ("Tăng", 0.3),
    ("Kiều", 0.3), ("Đoàn", 0.6), ("Văn", 0.3), ("Vi", 0.3), ("Lô", 0.3), ("Lang", 0.2),
]
MALE_MIDDLE: list[tuple[str, float]] = [
    ("Văn", 30), ("Đình", 8), ("Quang", 6), ("Hữu", 6), ("Xuân", 5), ("Minh", 5), ("Đức", 5),
    ("Ngọc", 3), ("Thanh", 4), ("Công", 4), ("Mạnh", 2), ("Trọng", 3), ("Anh", 2), ("Bá", 2),
    ("Sỹ", 2), ("Duy", 2), ("Tiến", 2), ("Viết", 2), ("Thế", 2), ("Khắc", 1), ("Trung", 1),
    ("Hồng", 1), ("Cảnh", 1),
]
FEMALE_MIDDLE: list[tuple[str, float]] = [
    ("Thị", 62), ("Thu", 5), ("Thanh", 4), ("Ngọc", 4), ("Hồng", 3), ("Minh", 3), ("Kim", 2),
    ("Thùy", 3), ("Phương", 2), ("Hải", 2), ("Bích", 2), ("Diệu", 1), ("Mai", 1), ("Khánh", 2),
    ("Quỳnh", 1),
]
# A woman's second middle name after "Thị" (Nguyễn Thị Thu Hà).
FEMALE_SECOND_MIDDLE = ["Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Kim", "Thùy", "Phương", "Hải",
                        "Bích", "Mai", "Lan", "Hoài", "Tuyết"]
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Thắng", "Long", "Minh", "Đức", "Cường",
    "Hoàng", "Quân", "Trung", "Phong", "Hiếu", "Thành", "Vinh", "Tùng", "Bình", "Hưng",
    "Khánh", "Lâm", "Tâm", "Toàn", "Trí", "Việt", "An", "Chiến", "Công", "Đạt", "Hòa", "Hậu",
    "Kiên", "Lợi", "Lực", "Phúc", "Quang", "Sáng", "Tài", "Thái", "Thịnh", "Tiến", "Tú", "Vũ",
    "Huy", "Hiển", "Anh", "Bảo", "Giang", "Hà", "Hạnh", "Khoa", "Lộc", "Nghĩa", "Ngọc",
    "Nhân", "Phương", "Quý", "Thanh", "Thuận", "Trường", "Tuệ", "Vương", "Xuân", "Yên",
]
FEMALE_GIVEN = [
    "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh",
    "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Hằng", "Hà", "Hạnh", "Hiền", "Huyền",
    "Loan", "Ly", "Minh", "Nguyệt", "Nhàn", "Tâm", "Thanh", "Thúy", "Trâm", "Uyên", "Xuân",
    "Anh", "Bình", "Châu", "Dung", "Giang", "Hồng", "Liên", "Thu", "Diệp", "Duyên", "Hậu",
    "Lê", "Lý", "My", "Nhi", "Sen", "Thơ", "Tú", "Vy",
]


# fmt: on


# --- The plan ----------------------------------------------------------------------------------
@dataclass
class OrgSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    agency_name: str = ""


@dataclass
class TermSpec:
    org: str
    name: str
    start: dt.date
    end: dt.date | None


@dataclass
class MemberSpec:
    key: int
    org: str
    full_name: str
    gender: str
    date_of_birth: dt.date
    probationary_date: dt.date
    full_membership_date: dt.date | None
    post: str
    status: str
    party_card_number: str
    email: str
    seniority: int  # 0 agency head … 4 staff: who may sit on a committee


@dataclass
class SeatSpec:
    org: str
    member: int
    role: str
    term: str
    start: dt.date
    end: dt.date | None
    is_agency_head: bool = False


@dataclass
class TransferSpec:
    member: int
    to_org: str
    date: dt.date
    note: str


@dataclass
class AccountSpec:
    username: str
    role: str
    org: str
    member: int | None


@dataclass
class Plan:
    seed: int
    scale: float
    today: dt.date
    orgs: list[OrgSpec] = field(default_factory=list)
    terms: list[TermSpec] = field(default_factory=list)
    members: list[MemberSpec] = field(default_factory=list)
    seats: list[SeatSpec] = field(default_factory=list)
    transfers: list[TransferSpec] = field(default_factory=list)
    accounts: list[AccountSpec] = field(default_factory=list)


# Accounts, all with password "demo". The grassroots ones are made for these organizations.
ACCOUNT_ORGS = [("STC", "stc"), ("SYT", "syt"), ("SGTVT", "sgtvt")]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([w for w, _ in weighted], weights=[p for _, p in weighted])[0]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


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


def _unit_posts(unit: str) -> tuple[str, str]:
    """The lead and deputy posts of a department, from how its name begins."""
    if unit.startswith("Văn phòng"):
        rest = unit.removeprefix("Văn phòng").strip()
        return (f"Chánh Văn phòng {rest}".strip(), f"Phó Chánh Văn phòng {rest}".strip())
    if unit.startswith("Thanh tra"):
        return ("Chánh Thanh tra Sở", "Phó Chánh Thanh tra Sở")
    for prefix, lead in (
        ("Phòng ", "Trưởng phòng "),
        ("Khoa ", "Trưởng khoa "),
        ("Ban ", "Trưởng ban "),
    ):
        if unit.startswith(prefix):
            rest = unit.removeprefix(prefix)
            return (lead + rest, "Phó " + lead + rest)
    if unit.startswith("Chi cục"):
        return ("Chi cục trưởng " + unit, "Phó Chi cục trưởng " + unit)
    if unit.startswith(("Trung tâm", "Bảo tàng", "Thư viện")):
        return ("Giám đốc " + unit, "Phó Giám đốc " + unit)
    return ("Trưởng " + unit, "Phó Trưởng " + unit)


def _deputy_head(head: str) -> str:
    return "Phó " + head


class _People:
    """Draws invented people, each with a post, dates and a party card number."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.cards: set[int] = set()
        self.emails: set[str] = set()
        self.members: list[MemberSpec] = []

    def name(self, gender: str) -> str:
        rng = self.rng
        while True:
            family = _pick(rng, FAMILY_NAMES)
            if gender == "female":
                middle = _pick(rng, FEMALE_MIDDLE)
                if middle == "Thị" and rng.random() < 0.18:
                    middle += " " + rng.choice(FEMALE_SECOND_MIDDLE)
                given = rng.choice(FEMALE_GIVEN)
            else:
                middle = _pick(rng, MALE_MIDDLE)
                given = rng.choice(MALE_GIVEN)
            full = f"{family} {middle} {given}"
            if full != INTERVIEWEE and given not in {family, middle.split()[-1]}:
                return full

    def email(self, full_name: str, domain: str) -> str:
        words = search_key(full_name).split()
        local = words[-1] + "".join(w[0] for w in words[:-1])
        candidate, n = local, 2
        while f"{candidate}@{domain}" in self.emails:
            candidate, n = f"{local}{n}", n + 1
        self.emails.add(f"{candidate}@{domain}")
        return f"{candidate}@{domain}"

    def add(
        self,
        org: str,
        post: str,
        seniority: int,
        *,
        profile: str,
        domain: str,
        full_name: str | None = None,
        gender: str | None = None,
        born: dt.date | None = None,
    ) -> MemberSpec:
        rng, today = self.rng, self.today
        if gender is None:
            gender = "female" if rng.random() < FEMALE_SHARE.get(profile, 0.42) else "male"
        # Most join in their twenties or thirties; some young staff are still on probation.
        probationary = seniority == 4 and born is None and rng.random() < 0.05
        if born is None:
            first, last = [(1966, 1975), (1967, 1980), (1968, 1985), (1972, 1990), (1972, 2000)][
                seniority
            ]
            if probationary:
                first = 1992
            born = _between(rng, dt.date(first, 1, 1), dt.date(last, 12, 31))
        if born.year > 1986:  # a "chính" grade (senior specialist) takes years of service
            post = JUNIOR_GRADE.get(post, post)
        if probationary:
            joined = today - dt.timedelta(days=rng.randint(20, 340))
            full = None
        else:
            joined = _add_years(born, rng.randint(21, 34)) + dt.timedelta(days=rng.randint(0, 300))
            joined = min(joined, today - dt.timedelta(days=460 + rng.randint(0, 200)))
            full = joined + dt.timedelta(days=365 + rng.randint(0, 45))
        joined = max(joined, _add_years(born, 18))
        status = "active"
        if seniority == 4:
            roll = rng.random()
            if roll < 0.012:
                status = "transferred_out"
            elif roll < 0.08 and born.year <= 1976:  # exempt: older members, by their request
                status = "exempt"
            elif 0.08 <= roll < 0.082:
                status = "suspended"
        while True:
            card = rng.randint(10_000_000, 99_999_999)
            if card not in self.cards:
                self.cards.add(card)
                break
        full_name = full_name or self.name(gender)
        spec = MemberSpec(
            key=len(self.members),
            org=org,
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            probationary_date=joined,
            full_membership_date=full,
            post=post,
            status=status,
            party_card_number=f"{card:08d}",
            email=self.email(full_name, domain) if rng.random() < 0.85 else "",
            seniority=seniority,
        )
        self.members.append(spec)
        return spec

    def staff(self, org: str, n: int, profile: str, domain: str) -> list[MemberSpec]:
        posts = STAFF_POSTS[profile]
        return [
            self.add(org, _pick(self.rng, posts), 4, profile=profile, domain=domain)
            for _ in range(n)
        ]


def _split(rng: random.Random, total: int, parts: int, minimum: int) -> list[int]:
    """`total` shared among `parts`, unevenly as real departments are, each at least `minimum`."""
    weights = [rng.uniform(0.6, 1.6) for _ in range(parts)]
    spare = max(0, total - minimum * parts)
    shares = [minimum + int(spare * w / sum(weights)) for w in weights]
    shares[0] += max(0, total - sum(shares))
    return shares


def make_plan(*, seed: int = DEFAULT_SEED, scale: float = 1.0, today: dt.date) -> Plan:
    """The whole dataset as plain data; the same arguments give the same plan."""
    rng = random.Random(seed)
    plan = Plan(seed=seed, scale=scale, today=today)
    people = _People(rng, today)
    old_term = ("Nhiệm kỳ 2020–2025", dt.date(2020, 4, 1), dt.date(2025, 3, 31))
    new_term = ("Nhiệm kỳ 2025–2030", dt.date(2025, 4, 1), None)

    def scaled(n: int, minimum: int = 3) -> int:
        return max(minimum, round(n * scale))

    def congress(year: int) -> dt.date:
        return _between(rng, dt.date(year, 4, 10), dt.date(year, 6, 20))

    # The bloc and its office cell.
    plan.orgs.append(
        OrgSpec(ROOT_CODE, ROOT_NAME, "bloc_committee", None, "Khối Các cơ quan tỉnh Nghệ An")
    )
    plan.orgs.append(
        OrgSpec(
            OFFICE_CELL_CODE,
            "Chi bộ Cơ quan Đảng ủy Khối",
            "grassroots_cell",
            ROOT_CODE,
            "Cơ quan Đảng ủy Khối Các cơ quan tỉnh",
        )
    )
    office: list[MemberSpec] = []
    domain = "dukcq.nghean.example"
    for post, seniority in OFFICE_ROSTER:
        if post == "Phó Bí thư Đảng ủy Khối":
            office.append(
                people.add(
                    OFFICE_CELL_CODE,
                    post,
                    0,
                    profile="office",
                    domain=domain,
                    full_name=INTERVIEWEE,
                    gender="male",
                    born=dt.date(1968, 9, 12),
                )
            )
        else:
            office.append(
                people.add(OFFICE_CELL_CODE, post, seniority, profile="office", domain=domain)
            )
    for _ in range(max(2, scaled(OFFICE_SIZE) - len(office))):
        office.append(
            people.add(
                OFFICE_CELL_CODE, rng.choice(OFFICE_STAFF), 4, profile="office", domain=domain
            )
        )
    tung = office[1]
    office_start = dt.date(2025, 5, 6)
    plan.terms.append(TermSpec(OFFICE_CELL_CODE, new_term[0], office_start, None))
    for role, m in zip(("secretary", "deputy_secretary", "committee"), office[3:6], strict=True):
        plan.seats.append(SeatSpec(OFFICE_CELL_CODE, m.key, role, new_term[0], office_start, None))

    heads: dict[str, MemberSpec] = {}  # grassroots organization → its secretary now

    def committee_seats(
        org: str,
        leaders: list[MemberSpec],
        pool: list[MemberSpec],
        size: int,
        unified: bool,
        *,
        with_old_term: bool,
    ) -> None:
        """Terms and seats of a grassroots organization: the sitting committee and the last one's
        secretary. `leaders` are the agency head first, then the deputies."""
        old_start, new_start = congress(2020), congress(2025)
        old_end = new_start - dt.timedelta(days=1)
        if with_old_term:
            plan.terms.append(TermSpec(org, old_term[0], old_start, old_end))
        plan.terms.append(TermSpec(org, new_term[0], new_start, None))
        secretary = leaders[0] if unified else (leaders[1] if len(leaders) > 1 else leaders[0])
        others = [m for m in [*leaders, *pool] if m is not secretary and m.status == "active"]
        deputy = others[0] if others else None
        seats = [
            SeatSpec(
                org,
                secretary.key,
                "secretary",
                new_term[0],
                new_start,
                None,
                is_agency_head=unified,
            )
        ]
        if deputy and size >= 2:
            seats.append(
                SeatSpec(org, deputy.key, "deputy_secretary", new_term[0], new_start, None)
            )
        for m in others[1 : size - 1]:
            seats.append(SeatSpec(org, m.key, "committee", new_term[0], new_start, None))
        plan.seats.extend(seats)
        heads[org] = secretary
        if with_old_term:
            # The last term's secretary: the same person two times in three, else a deputy.
            deputies = [m for m in leaders if m is not secretary]
            old_secretary = secretary if rng.random() < 0.66 or not deputies else deputies[-1]
            plan.seats.append(
                SeatSpec(
                    org,
                    old_secretary.key,
                    "secretary",
                    old_term[0],
                    old_start,
                    old_end,
                    is_agency_head=unified and old_secretary is secretary,
                )
            )

    def cell_seats(org: str, roster: list[MemberSpec]) -> None:
        active = [m for m in roster if m.status == "active"]
        start = _between(rng, dt.date(2025, 3, 1), dt.date(2025, 4, 30))
        plan.terms.append(TermSpec(org, new_term[0], start, None))
        plan.seats.append(SeatSpec(org, active[0].key, "secretary", new_term[0], start, None))
        if len(active) >= 2 and len(roster) >= 5:
            plan.seats.append(
                SeatSpec(org, active[1].key, "deputy_secretary", new_term[0], start, None)
            )

    # Đảng bộ cơ sở: the agency's leaders sit in the first cell, each department is a cell.
    for code, agency, head_post, profile, size, units in COMMITTEES:
        domain = f"{code.lower()}.nghean.example"
        plan.orgs.append(
            OrgSpec(code, f"Đảng bộ {agency}", "grassroots_committee", ROOT_CODE, agency)
        )
        leaves: list[tuple[str, str]] = []  # (cell code, unit name)
        sub_cells: dict[str, list[str]] = {}  # đảng bộ bộ phận → its cells
        taken: set[str] = set()
        for unit in units:
            if isinstance(unit, tuple):
                sub_name, sub_units = unit
                sub_code = f"{code}-{_unit_code(sub_name, taken)}"
                plan.orgs.append(
                    OrgSpec(sub_code, f"Đảng bộ bộ phận {sub_name}", "sub_committee", code)
                )
                for cell in sub_units:
                    cell_code = f"{code}-{_unit_code(cell, taken)}"
                    plan.orgs.append(OrgSpec(cell_code, f"Chi bộ {cell}", "cell", sub_code))
                    leaves.append((cell_code, cell))
                    sub_cells.setdefault(sub_code, []).append(cell_code)
            else:
                cell_code = f"{code}-{_unit_code(unit, taken)}"
                plan.orgs.append(OrgSpec(cell_code, f"Chi bộ {unit}", "cell", code))
                leaves.append((cell_code, unit))
        n_deputies = 1 if size < 60 else (2 if size < 120 else 3)
        shares = _split(rng, scaled(size, 3 * len(leaves)), len(leaves), 3)
        leaders: list[MemberSpec] = []
        unit_leads: list[MemberSpec] = []
        for i, ((cell_code, unit), share) in enumerate(zip(leaves, shares, strict=True)):
            roster: list[MemberSpec] = []
            if i == 0:
                roster.append(people.add(cell_code, head_post, 0, profile=profile, domain=domain))
                for _ in range(n_deputies):
                    roster.append(
                        people.add(
                            cell_code, _deputy_head(head_post), 1, profile=profile, domain=domain
                        )
                    )
                leaders = list(roster)
            lead_post, deputy_post = _unit_posts(unit)
            roster.append(people.add(cell_code, lead_post, 2, profile=profile, domain=domain))
            unit_leads.append(roster[-1])
            if share >= 8:
                roster.append(people.add(cell_code, deputy_post, 3, profile=profile, domain=domain))
            roster += people.staff(cell_code, max(1, share - len(roster)), profile, domain)
            # The cell's secretary is usually its department head, the leaders' cell excepted.
            cell_roster = roster if i else roster[n_deputies + 1 :] + roster[: n_deputies + 1]
            cell_seats(cell_code, cell_roster)
        # A đảng bộ bộ phận's committee: the heads of its departments.
        for sub_code, cells in sub_cells.items():
            heads_of_cells = [m for m in unit_leads if m.org in cells]
            start = congress(2025) - dt.timedelta(days=20)
            plan.terms.append(TermSpec(sub_code, new_term[0], start, None))
            for role, m in zip(
                ("secretary", "deputy_secretary", "committee"), heads_of_cells, strict=False
            ):
                plan.seats.append(SeatSpec(sub_code, m.key, role, new_term[0], start, None))
        committee_size = min(9, max(3, (sum(shares) // 20) + 3))
        committee_seats(
            code,
            leaders,
            unit_leads,
            committee_size,
            unified=rng.random() < 0.7,
            with_old_term=True,
        )

    # Chi bộ cơ sở: one cell per agency, its committee the agency's leaders.
    for code, agency, head_post, profile, size in CELLS:
        domain = f"{code.lower()}.nghean.example"
        plan.orgs.append(OrgSpec(code, f"Chi bộ {agency}", "grassroots_cell", ROOT_CODE, agency))
        n = scaled(size)
        roster = [people.add(code, head_post, 0, profile=profile, domain=domain)]
        if n >= 6:
            roster.append(
                people.add(code, _deputy_head(head_post), 1, profile=profile, domain=domain)
            )
        if n >= 12:
            for unit in SMALL_UNITS[profile]:
                roster.append(
                    people.add(code, _unit_posts(unit)[0], 2, profile=profile, domain=domain)
                )
        roster += people.staff(code, max(1, n - len(roster)), profile, domain)
        leaders = [m for m in roster if m.seniority <= 1]
        committee_seats(
            code,
            leaders,
            roster[len(leaders) :],
            3 if n >= 9 else 2,
            unified=len(leaders) < 2 or rng.random() < 0.6,
            with_old_term=True,
        )

    # The bloc committee: its office's leaders and the secretaries of the largest organizations.
    bloc_old = TermSpec(ROOT_CODE, old_term[0], dt.date(2020, 7, 20), dt.date(2025, 7, 14))
    bloc_new = TermSpec(ROOT_CODE, new_term[0], dt.date(2025, 7, 15), None)
    plan.terms += [bloc_old, bloc_new]
    for term in (bloc_old, bloc_new):
        plan.seats.append(
            SeatSpec(ROOT_CODE, office[0].key, "secretary", term.name, term.start, term.end)
        )
        plan.seats.append(
            SeatSpec(ROOT_CODE, tung.key, "deputy_secretary", term.name, term.start, term.end)
        )
    plan.seats.append(
        SeatSpec(ROOT_CODE, office[2].key, "deputy_secretary", bloc_new.name, bloc_new.start, None)
    )
    for m in office[3:6]:
        plan.seats.append(
            SeatSpec(ROOT_CODE, m.key, "standing", bloc_new.name, bloc_new.start, None)
        )
    for code in ("STC", "SYT", "SGDDT", "SNNMT", "VPUB", "CT", "BVHNDK", "SGTVT", "TTT"):
        plan.seats.append(
            SeatSpec(ROOT_CODE, heads[code].key, "committee", bloc_new.name, bloc_new.start, None)
        )

    # A few members moved between cells of their organization in the last two years.
    movable = [
        m
        for m in people.members
        if m.seniority == 4
        and m.status == "active"
        and m.org.count("-") == 1
        and not m.org.startswith(ROOT_CODE)
    ]
    cells_of: dict[str, list[str]] = {}
    for org in plan.orgs:
        if org.kind == "cell":
            cells_of.setdefault(org.code.split("-")[0], []).append(org.code)
    seated = {s.member for s in plan.seats}
    for m in rng.sample(movable, min(12, len(movable))):
        if m.key in seated:
            continue
        targets = [c for c in cells_of.get(m.org.split("-")[0], []) if c != m.org]
        if targets:
            plan.transfers.append(
                TransferSpec(
                    m.key,
                    rng.choice(targets),
                    _between(rng, today - dt.timedelta(days=720), today - dt.timedelta(days=30)),
                    "Điều động công tác trong cơ quan",
                )
            )

    # Demo accounts: the bloc's admin, staff (the interviewee) and inspector; then, for a few
    # organizations, its secretary, a committee member and a plain member with no seat.
    plan.accounts += [
        AccountSpec("admin", "admin", ROOT_CODE, None),
        AccountSpec("tung", "staff", ROOT_CODE, tung.key),
        AccountSpec("kiemtra", "inspector", ROOT_CODE, office[6].key),
    ]
    seat_roles = {(s.org, s.member): s.role for s in plan.seats if s.end is None}
    moved = {t.member for t in plan.transfers}
    for code, prefix in ACCOUNT_ORGS:
        committee = next(
            m
            for m in people.members
            if seat_roles.get((code, m.key)) in {"committee", "deputy_secretary"}
        )
        plain = next(
            m
            for m in people.members
            if m.org.startswith(f"{code}-")
            and m.seniority == 4
            and m.status == "active"
            and m.full_membership_date
            and m.key not in seated
            and m.key not in moved
        )
        plan.accounts += [
            AccountSpec(f"{prefix}.bithu", "secretary", code, heads[code].key),
            AccountSpec(f"{prefix}.capuy", "committee", code, committee.key),
            AccountSpec(f"{prefix}.dangvien", "member", plain.org, plain.key),
        ]
    plan.members = people.members
    return plan


# --- Writing it --------------------------------------------------------------------------------
def load_plan(plan: Plan, *, progress: Callable[[str], Any] | None = None) -> dict[str, int]:
    """Write the plan through the services, as the operator. Call inside a transaction."""
    from django.contrib.auth.hashers import make_password

    from hatnhan.accounts.models import User
    from hatnhan.accounts.services import create_user
    from hatnhan.members.services import create_member, create_seat, transfer_member
    from hatnhan.organizations.models import Organization
    from hatnhan.organizations.services import create_organization, create_term

    say = progress or (lambda _msg: None)
    orgs: dict[str, Organization] = {}
    for spec in plan.orgs:
        orgs[spec.code] = create_organization(
            actor=None,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            parent=orgs[spec.parent] if spec.parent else None,
            agency_name=spec.agency_name,
        )
    say(f"{len(orgs)} tổ chức đảng")
    terms = {}
    for t in plan.terms:
        terms[(t.org, t.name)] = create_term(
            actor=None, organization=orgs[t.org], name=t.name, start_date=t.start, end_date=t.end
        )
    members = {}
    for m in plan.members:
        members[m.key] = create_member(
            actor=None,
            organization=orgs[m.org],
            full_name=m.full_name,
            gender=m.gender,
            date_of_birth=m.date_of_birth,
            probationary_date=m.probationary_date,
            full_membership_date=m.full_membership_date,
            post=m.post,
            status=m.status,
            party_card_number=m.party_card_number,
            email=m.email,
        )
    say(f"{len(members)} đảng viên")
    # Past seats first: a term's secretary leaves before the next one sits.
    for s in sorted(plan.seats, key=lambda s: s.end is None):
        create_seat(
            actor=None,
            organization=orgs[s.org],
            member=members[s.member],
            role=s.role,
            term=terms[(s.org, s.term)],
            is_agency_head=s.is_agency_head,
            start_date=s.start,
            end_date=s.end,
        )
    say(f"{len(plan.seats)} chức danh cấp ủy")
    for t in plan.transfers:
        transfer_member(
            actor=None,
            member=members[t.member],
            to_organization=orgs[t.to_org],
            date=t.date,
            note=t.note,
        )
    # One slow hash for every demo account instead of one each (they all share "demo").
    demo_hash = make_password(DEMO_PASSWORD)
    for a in plan.accounts:
        user = create_user(
            actor=None,
            username=a.username,
            role=a.role,
            organization=orgs[a.org],
            member=members[a.member] if a.member is not None else None,
        )
        User.objects.filter(pk=user.pk).update(password=demo_hash)
    return {
        "organizations": len(orgs),
        "terms": len(terms),
        "members": len(members),
        "seats": len(plan.seats),
        "transfers": len(plan.transfers),
        "accounts": len(plan.accounts),
    }


def demo_accounts() -> list[dict[str, str]]:
    """The demo accounts present in the database, for the login page and the command's summary:
    username, role, organization and the member it belongs to."""
    from hatnhan.accounts.models import Role

    usernames = ["admin", "tung", "kiemtra"] + [
        f"{prefix}.{kind}" for _, prefix in ACCOUNT_ORGS for kind in ("bithu", "capuy", "dangvien")
    ]
    roles = Role.objects.filter(user__username__in=usernames).select_related(
        "user__member", "organization"
    )
    by_user = {r.user.username: r for r in roles}
    return [
        {
            "username": name,
            "role": by_user[name].get_role_display(),
            "organization": by_user[name].organization.name,
            "organization_code": by_user[name].organization.code,
            "member": by_user[name].user.member.full_name if by_user[name].user.member else "",
        }
        for name in usernames
        if name in by_user
    ]
