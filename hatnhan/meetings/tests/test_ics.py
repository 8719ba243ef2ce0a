"""The calendar file is written by hand to RFC 5545: text escaping (§3.3.11), UTC times
(§3.3.5) and line folding at 75 octets without splitting a character (§3.1)."""

import datetime as dt

from hatnhan.meetings import ics


def test_text_escaping():
    """Backslash, semicolon, comma and newline are escaped."""
    assert ics.escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_folding_keeps_utf8_characters_whole():
    """Folded lines are ≤ 75 octets and every character survives unfolding."""
    line = "SUMMARY:" + "Sinh hoạt chi bộ thường kỳ tháng mười hai " * 5
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_times_in_utc():
    """DTSTART is written in UTC with the Z suffix."""
    moment = dt.datetime(2027, 1, 5, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert ics.utc(moment) == "20270105T070000Z"
