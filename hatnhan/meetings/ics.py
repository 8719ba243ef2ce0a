"""The invitation's calendar file (RFC 5545), written here rather than with a library: one
VEVENT with a handful of properties needs only the text escaping (§3.3.11), the UTC date-time
form (§3.3.5) and the 75-octet line folding (§3.1) below."""

import datetime as dt

from django.conf import settings

PRODID = "-//hatnhan//Sinh hoat chi bo//VI"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8
    character (RFC 5545 §3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode())
        limit = 75 if not out else 74  # a continuation line starts with the space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def event(
    *,
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    location: str,
    description: str,
    stamp: dt.datetime,
    sequence: int = 0,
    url: str = "",
) -> str:
    """A REQUEST-method calendar with one event; CRLF line ends as the RFC requires."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(end)}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def uid_for(meeting_pk: int) -> str:
    host = (getattr(settings, "ALLOWED_HOSTS", None) or ["hatnhan"])[0].lstrip(".") or "hatnhan"
    if host == "*":
        host = "hatnhan"
    return f"meeting-{meeting_pk}@{host}"
