"""A large import streams the workbook: reading never holds the sheet in memory, and a whole
plan stays well under what loading the workbook once would take."""

import io
import tracemalloc

import openpyxl
import pytest

from hatnhan.exchange.readers import MemberSheetReader

from .sheets import HEADER, row, to_bytes

pytestmark = pytest.mark.django_db


def _big_sheet(rows: int) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(HEADER)
    for i in range(1, rows + 1):
        ws.append(row(i, f"Người Số {i}", f"M{i:06d}", post="Chuyên viên phòng ngân sách"))
    return to_bytes(wb)


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_streams_and_planning_stays_under_one_workbook(plan_for):
    data = _big_sheet(800)
    full_load = _peak(lambda: openpyxl.load_workbook(io.BytesIO(data)).close())
    streamed = _peak(lambda: sum(1 for _ in MemberSheetReader(io.BytesIO(data))))
    plan_for(_big_sheet(20))  # first use: lazy imports and caches are not the plan's size
    holder = {}
    planned = _peak(lambda: holder.setdefault("plan", plan_for(data)))
    assert holder["plan"].counts()["create"] == 800
    # Streaming: reading takes a fraction of one full load, whatever the row count.
    assert streamed < full_load / 3, (streamed, full_load)
    # The plan keeps only typed values per row: less than the workbook loaded once.
    assert planned < full_load * 0.8, (planned, full_load)


def test_reading_memory_does_not_grow_with_rows():
    small = _big_sheet(100)
    large = _big_sheet(1000)
    peak_small = _peak(lambda: sum(1 for _ in MemberSheetReader(io.BytesIO(small))))
    peak_large = _peak(lambda: sum(1 for _ in MemberSheetReader(io.BytesIO(large))))
    # Ten times the rows, not ten times the memory (the file bytes themselves aside).
    assert peak_large - len(large) < 3 * peak_small, (peak_small, peak_large)
