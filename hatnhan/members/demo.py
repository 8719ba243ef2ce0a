"""The members' part of the demo: about 3,000 invented party members in the organizations'
cells, their committee seats over two terms, and a few transfers between cells.

:func:`make_plan` turns (generator, scale, today, tree, terms) into plain data, so that
determinism is testable without a database; :func:`populate` reads the tree and the terms the
organizations' part wrote, and writes the plan through the services (``actor=None``: the
operator), one audit event per member, seat and transfer exactly as in real use.

Names follow Vietnamese naming (family names at roughly their real frequencies, "Thị" for
most women). E-mail addresses use the reserved ``.example`` domain so that no reminder can
reach anyone.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from hatnhan.core.text import search_key
from hatnhan.organizations.demo import (
    CELLS,
    COMMITTEES,
    NEW_TERM,
    OFFICE_CELL_CODE,
    OLD_TERM,
    ROOT_CODE,
    OrgSpec,
    between,
    plan_tree,
)
from hatnhan.organizations.models import Organization, OrganizationKind, Term

from .services import create_member, create_seat, transfer_member

INTERVIEWEE = "Nguyễn Quang Tùng"
# The post of the bloc's inspection committee deputy, whose account the accounts' part makes.
INSPECTION_DEPUTY = "Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối"

# fmt: off
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
class Plan:
    members: list[MemberSpec] = field(default_factory=list)
    seats: list[SeatSpec] = field(default_factory=list)
    transfers: list[TransferSpec] = field(default_factory=list)


def staff_posts() -> set[str]:
    """Every post a plain member (no leadership) may hold, for the accounts' part."""
    return (
        {post for posts in STAFF_POSTS.values() for post, _ in posts}
        | set(JUNIOR_GRADE.values())
        | set(OFFICE_STAFF)
    )


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([w for w, _ in weighted], weights=[p for _, p in weighted])[0]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


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
            born = between(rng, dt.date(first, 1, 1), dt.date(last, 12, 31))
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


def make_plan(
    *,
    rng: random.Random,
    scale: float,
    today: dt.date,
    tree: list[OrgSpec],
    terms: dict[tuple[str, str], tuple[dt.date, dt.date | None]],
) -> Plan:
    """The members, seats and transfers as plain data; the same arguments give the same plan.
    `terms` maps (organization code, term name) to the term's start and end."""
    plan = Plan()
    people = _People(rng, today)

    def scaled(n: int, minimum: int = 3) -> int:
        return max(minimum, round(n * scale))

    # The bloc's office cell, Nguyễn Quang Tùng second.
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
    office_start, _ = terms[(OFFICE_CELL_CODE, NEW_TERM)]
    for role, m in zip(("secretary", "deputy_secretary", "committee"), office[3:6], strict=True):
        plan.seats.append(SeatSpec(OFFICE_CELL_CODE, m.key, role, NEW_TERM, office_start, None))

    heads: dict[str, MemberSpec] = {}  # grassroots organization → its secretary now

    def committee_seats(
        org: str,
        leaders: list[MemberSpec],
        pool: list[MemberSpec],
        size: int,
        unified: bool,
    ) -> None:
        """The seats of a grassroots organization: the sitting committee and the last one's
        secretary. `leaders` are the agency head first, then the deputies."""
        old_start, old_end = terms[(org, OLD_TERM)]
        new_start, _ = terms[(org, NEW_TERM)]
        secretary = leaders[0] if unified else (leaders[1] if len(leaders) > 1 else leaders[0])
        others = [m for m in [*leaders, *pool] if m is not secretary and m.status == "active"]
        deputy = others[0] if others else None
        seats = [
            SeatSpec(
                org, secretary.key, "secretary", NEW_TERM, new_start, None, is_agency_head=unified
            )
        ]
        if deputy and size >= 2:
            seats.append(SeatSpec(org, deputy.key, "deputy_secretary", NEW_TERM, new_start, None))
        for m in others[1 : size - 1]:
            seats.append(SeatSpec(org, m.key, "committee", NEW_TERM, new_start, None))
        plan.seats.extend(seats)
        heads[org] = secretary
        # The last term's secretary: the same person two times in three, else a deputy.
        deputies = [m for m in leaders if m is not secretary]
        old_secretary = secretary if rng.random() < 0.66 or not deputies else deputies[-1]
        plan.seats.append(
            SeatSpec(
                org,
                old_secretary.key,
                "secretary",
                OLD_TERM,
                old_start,
                old_end,
                is_agency_head=unified and old_secretary is secretary,
            )
        )

    def cell_seats(org: str, roster: list[MemberSpec]) -> None:
        active = [m for m in roster if m.status == "active"]
        start, _ = terms[(org, NEW_TERM)]
        plan.seats.append(SeatSpec(org, active[0].key, "secretary", NEW_TERM, start, None))
        if len(active) >= 2 and len(roster) >= 5:
            plan.seats.append(
                SeatSpec(org, active[1].key, "deputy_secretary", NEW_TERM, start, None)
            )

    parent_of = {o.code: o.parent for o in tree}

    def grassroots_of(code: str) -> str:
        while parent_of[code] != ROOT_CODE:
            code = parent_of[code]  # type: ignore[assignment]
        return code

    leaves_of: dict[str, list[OrgSpec]] = {}  # đảng bộ cơ sở → its cells, in the tree's order
    for org in tree:
        if org.kind == OrganizationKind.CELL:
            leaves_of.setdefault(grassroots_of(org.code), []).append(org)

    # Đảng bộ cơ sở: the agency's leaders sit in the first cell, each department is a cell.
    for code, _agency, head_post, profile, size, _units in COMMITTEES:
        domain = f"{code.lower()}.nghean.example"
        leaves = leaves_of[code]
        n_deputies = 1 if size < 60 else (2 if size < 120 else 3)
        shares = _split(rng, scaled(size, 3 * len(leaves)), len(leaves), 3)
        leaders: list[MemberSpec] = []
        unit_leads: list[MemberSpec] = []
        for i, (cell, share) in enumerate(zip(leaves, shares, strict=True)):
            roster: list[MemberSpec] = []
            if i == 0:
                roster.append(people.add(cell.code, head_post, 0, profile=profile, domain=domain))
                for _ in range(n_deputies):
                    roster.append(
                        people.add(
                            cell.code, _deputy_head(head_post), 1, profile=profile, domain=domain
                        )
                    )
                leaders = list(roster)
            lead_post, deputy_post = _unit_posts(cell.unit)
            roster.append(people.add(cell.code, lead_post, 2, profile=profile, domain=domain))
            unit_leads.append(roster[-1])
            if share >= 8:
                roster.append(people.add(cell.code, deputy_post, 3, profile=profile, domain=domain))
            roster += people.staff(cell.code, max(1, share - len(roster)), profile, domain)
            # The cell's secretary is usually its department head, the leaders' cell excepted.
            cell_roster = roster if i else roster[n_deputies + 1 :] + roster[: n_deputies + 1]
            cell_seats(cell.code, cell_roster)
        # A đảng bộ bộ phận's committee: the heads of its departments.
        for sub in tree:
            if sub.kind != OrganizationKind.SUB_COMMITTEE or sub.parent != code:
                continue
            cells = {c.code for c in leaves if c.parent == sub.code}
            heads_of_cells = [m for m in unit_leads if m.org in cells]
            start, _ = terms[(sub.code, NEW_TERM)]
            for role, m in zip(
                ("secretary", "deputy_secretary", "committee"), heads_of_cells, strict=False
            ):
                plan.seats.append(SeatSpec(sub.code, m.key, role, NEW_TERM, start, None))
        committee_size = min(9, max(3, (sum(shares) // 20) + 3))
        committee_seats(code, leaders, unit_leads, committee_size, unified=rng.random() < 0.7)

    # Chi bộ cơ sở: one cell per agency, its committee the agency's leaders.
    for code, _agency, head_post, profile, size in CELLS:
        domain = f"{code.lower()}.nghean.example"
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
        )

    # The bloc committee: its office's leaders and the secretaries of the largest organizations.
    for term in (OLD_TERM, NEW_TERM):
        start, end = terms[(ROOT_CODE, term)]
        plan.seats.append(SeatSpec(ROOT_CODE, office[0].key, "secretary", term, start, end))
        plan.seats.append(SeatSpec(ROOT_CODE, tung.key, "deputy_secretary", term, start, end))
    bloc_start, _ = terms[(ROOT_CODE, NEW_TERM)]
    plan.seats.append(
        SeatSpec(ROOT_CODE, office[2].key, "deputy_secretary", NEW_TERM, bloc_start, None)
    )
    for m in office[3:6]:
        plan.seats.append(SeatSpec(ROOT_CODE, m.key, "standing", NEW_TERM, bloc_start, None))
    for code in ("STC", "SYT", "SGDDT", "SNNMT", "VPUB", "CT", "BVHNDK", "SGTVT", "TTT"):
        plan.seats.append(
            SeatSpec(ROOT_CODE, heads[code].key, "committee", NEW_TERM, bloc_start, None)
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
    seated = {s.member for s in plan.seats}
    for m in rng.sample(movable, min(12, len(movable))):
        if m.key in seated:
            continue
        targets = [c.code for c in leaves_of.get(m.org.split("-")[0], []) if c.code != m.org]
        if targets:
            plan.transfers.append(
                TransferSpec(
                    m.key,
                    rng.choice(targets),
                    between(rng, today - dt.timedelta(days=720), today - dt.timedelta(days=30)),
                    "Điều động công tác trong cơ quan",
                )
            )
    plan.members = people.members
    return plan


def populate(
    *, rng: random.Random, today: dt.date, stdout: Any, scale: float = 1.0
) -> dict[str, int]:
    orgs = {o.code: o for o in Organization.objects.all()}
    tree = [spec for spec in plan_tree() if spec.code in orgs]
    terms = {
        (t.organization.code, t.name): (t.start_date, t.end_date)
        for t in Term.objects.select_related("organization")
    }
    plan = make_plan(rng=rng, scale=scale, today=today, tree=tree, terms=terms)
    term_rows = {
        (t.organization.code, t.name): t for t in Term.objects.select_related("organization")
    }
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
    stdout.write(f"  … {len(members)} đảng viên")
    # Past seats first: a term's secretary leaves before the next one sits.
    for s in sorted(plan.seats, key=lambda s: s.end is None):
        create_seat(
            actor=None,
            organization=orgs[s.org],
            member=members[s.member],
            role=s.role,
            term=term_rows[(s.org, s.term)],
            is_agency_head=s.is_agency_head,
            start_date=s.start,
            end_date=s.end,
        )
    stdout.write(f"  … {len(plan.seats)} chức danh cấp ủy")
    for t in plan.transfers:
        transfer_member(
            actor=None,
            member=members[t.member],
            to_organization=orgs[t.to_org],
            date=t.date,
            note=t.note,
        )
    stdout.write(f"  … {len(plan.transfers)} lượt chuyển sinh hoạt")
    return {"members": len(members), "seats": len(plan.seats), "transfers": len(plan.transfers)}
