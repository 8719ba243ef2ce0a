"""Property-based: no sheet makes the importer raise anything but a clear refusal.

hypothesis builds workbooks with any cell values — text in odd Unicode, digits that are not
ASCII ("²", "٣", which `str.isdigit()` accepts), huge and non-finite numbers, dates as text,
numbers and datetimes, formulas, very long text, empty rows — under a real header, a header
with columns missing or doubled, or none. Reading, planning and applying must either succeed
or refuse with a ValidationError / problems that name the row (and the column); nothing else
may escape. Bounded: modest example counts, no deadline, derandomized.
"""

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models.functions import Length
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from hatnhan.exchange import readers
from hatnhan.exchange.services import apply_import, plan_import
from hatnhan.organizations.models import Organization

from .sheets import HEADER, row, to_bytes, workbook

# No shrinking: a failure shows its example as found, and the run stays bounded.
FUZZ = settings(
    phases=[Phase.explicit, Phase.generate],
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a person could type into Excel (no control characters, which openpyxl cannot store).
_odd = st.sampled_from(
    [
        "²",
        "³³³³³",
        "٣",
        "٠٥/٠٣/١٩٨٠",
        "۱۲۳۴۵",
        "①②",
        "Ⅻ",
        "１２３４５",
        "05/03/1980",
        "5-3-80",
        "1980-02-30",
        "31/02/1980",
        "0/0/0000",
        "99999999999999999999",
        "1e400",
        "-0",
        "NaN",
        "(1)",
        "(²)",
        "=1+1",
        "=SUM(A1:A3)",
        "'00123",
        "Nguyễn Văn An",
        "Nguyễn Văn An",  # decomposed diacritics
        "Tổng số: 3 đồng chí",
        "Người lập",
        "Nam",
        "Nữ",
        "Đang sinh hoạt",
        "a@b",
        "x" * 5000,
        "9" * 5000,  # past int()'s 4300 digits
        " ",
        "\u200b",
        "\ufeff",
        "😀",
    ]
)


def _printable(max_size: int) -> st.SearchStrategy[str]:
    return st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f"),
        max_size=max_size,
    )


_text = _printable(40)
_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, 60, 61, 73415, 73416, 2958465, 10**15, 1.5, -1.0, 1e300]),
)
_dates = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.times(),
)
cell_values = st.one_of(st.none(), _odd, _text, _numbers, _dates, st.booleans())

# Header cells: the template's, with some dropped, doubled or misspelled.
_labels = st.sampled_from([*HEADER, "Số thẻ", "Ho ten", "Ghi chú", "Email", "SĐT", "", None])
headers = st.one_of(
    st.just(HEADER),
    st.lists(_labels, min_size=1, max_size=12),
    st.permutations(HEADER),
)


def mostly(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value a real sheet would hold, now and then anything at all."""
    return st.integers(0, 15).flatmap(lambda n: cell_values if n == 0 else valid)


member_rows = st.builds(
    row,
    n=st.integers(min_value=1, max_value=999),
    name=mostly(st.sampled_from(["Nguyễn Văn An", "Lê Thị Cúc", "Nguyễn Văn An"])),
    card=mostly(st.from_regex(r"[0-9]{4,10}", fullmatch=True)),
    cell=mostly(
        st.integers(0, 3).flatmap(
            lambda n: (
                st.sampled_from(["Chi bộ Phòng Ngân sách", "chi bo phong ngan sach"])
                if n
                else st.sampled_from(["Chi bộ Mới", "Chi bộ " + "y" * 300])
                | _printable(300).map(lambda t: "Chi bộ " + t)
            )
        )
    ),
    born=mostly(st.sampled_from([dt.date(1980, 1, 2), "02/01/1980", 29222])),
    gender=mostly(st.sampled_from(["Nam", "Nữ", "nu", None])),
    joined=mostly(st.sampled_from([dt.date(2005, 5, 19), "19/05/2005", "2005-05-19"])),
    full=mostly(st.sampled_from([dt.date(2006, 5, 19), None])),
    post=mostly(st.sampled_from(["", "Trưởng phòng", "x" * 300])),
)


@st.composite
def member_sheets(draw: Any) -> bytes:
    """The template's header over rows that are mostly right: the planner and the apply step
    get past the reader's refusals."""
    rows = draw(st.lists(member_rows, min_size=1, max_size=4))
    return to_bytes(workbook([HEADER, *rows]))


@st.composite
def sheets(draw: Any) -> bytes:
    header = draw(headers)
    width = max(len(header), 1)
    above = draw(st.lists(st.lists(cell_values, max_size=3), max_size=3))
    rows = draw(
        st.lists(
            st.one_of(
                st.lists(cell_values, min_size=width, max_size=width + 2),
                st.just([]),
            ),
            max_size=8,
        )
    )
    return to_bytes(workbook([*above, list(header), *rows]))


def refusal_names_the_place(problem: readers.ImportProblem) -> bool:
    text = str(problem)
    return bool(problem.message) and (problem.row is None or f"dòng {problem.row}" in text)


@pytest.mark.parametrize("column", readers.COLUMNS, ids=lambda c: c.field)
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(value=cell_values, number_format=st.sampled_from([None, "General", "00000000", "@"]))
def test_a_cell_is_a_value_or_a_cell_problem(column, value, number_format):
    try:
        parsed = readers.parse_cell(column, value, number_format, None)
    except readers.CellProblem as problem:
        assert str(problem)
    else:
        if column.kind == "date":
            assert isinstance(parsed, dt.date)
        else:
            assert isinstance(parsed, str)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(values=st.lists(cell_values, max_size=12))
def test_row_shapes_never_raise(values):
    readers._is_header(values)
    readers._is_numbering(values)
    readers._is_sub_header(list(HEADER), values)
    table = readers._map_header("Sheet1", 1, values, None)
    readers._is_end(values, table)


@pytest.mark.django_db
@FUZZ
@given(data=st.one_of(sheets(), member_sheets(), member_sheets()), create_cells=st.booleans())
# Found by this test: a new cell's name longer than an organization's may be.
@example(
    data=to_bytes(workbook([HEADER, row(1, "Nguyễn Văn An", "5001", "Chi bộ " + "y" * 300)])),
    create_cells=True,
)
def test_any_sheet_is_imported_or_refused_row_by_row(data, create_cells, tree, users, media):
    try:
        plan = plan_import(
            actor=users["secretary"],
            organization=tree["stc"],
            source=io.BytesIO(data),
            create_cells=create_cells,
            source_name="danh-sach.xlsx",
        )
    except ValidationError as exc:
        event("file refused")
        assert exc.messages and all(exc.messages)
        return
    event("planned with errors" if plan.errors else "planned")
    for problem in plan.errors:
        assert refusal_names_the_place(problem), str(problem)
    if plan.is_valid and plan.rows:
        try:
            result = apply_import(actor=users["secretary"], plan=plan)
            event("applied")
        except ValidationError as exc:
            event("refused when applying")
            # A refusal at this step comes from a rule the plan could not check: it still
            # names the row.
            assert all("dòng" in m for m in exc.messages), exc.messages
        else:
            # SQLite stores any length; PostgreSQL would refuse (a crash) what does not fit.
            if result.cells_created:
                event("cells created")
            longest = Organization._meta.get_field("name").max_length
            # A length, not a regex: PostgreSQL's regular expressions repeat at most 255 times.
            too_long = Organization.objects.annotate(n=Length("name")).filter(n__gt=longest)
            assert not too_long.exists()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.builds(
            lambda head, tail: head + tail,
            st.sampled_from(
                [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"STT,Ho va ten\n"]
            ),
            st.binary(max_size=512),
        ),
        st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    ),
    name=st.one_of(st.sampled_from(["a.xlsx", "a.xls", "a.csv", "a.ods", "", "a.XLSX"]), _text),
)
def test_any_file_is_a_workbook_or_a_clear_refusal(data, name):
    stream = io.BytesIO(data)
    try:
        readers.check_workbook_file(stream, name)
        list(readers.MemberSheetReader(stream))
    except ValidationError as exc:
        assert exc.messages and all(exc.messages)
