"""The party's Word layout (Hướng dẫn 36-HD/VPTW, 3/4/2018; REGULATIONS.md §5), once for
every app: a meeting's minutes and resolution, inspection decisions and conclusion notices,
discipline decisions, review reports. An app describes its document as a `PartyDocument`
and `render` lays it out; `docx_response` sends it from a view or an API action.

What HD 36 fixes and this module follows: A4 paper; Times New Roman (the TCVN 6909:2001
Unicode font); top and bottom margins 20 mm, left 30 mm, right 15 mm; the header block as a
borderless two-column table — on the left the superior body (upper case, 14, regular), the
issuing body (upper case, 14, bold), an asterisk under it and the number and symbol
("Số 12-BB/CB", 14); on the right "ĐẢNG CỘNG SẢN VIỆT NAM" (upper case, 15, bold,
underlined) and the place and date (14, italic); the document kind centred (upper case, 16,
bold) with its summary line (14, bold) and a short rule under it; the body (14, justified,
first line indented, 6 pt between paragraphs); the signer block (the capacity such as
"T/M CHI BỘ", the post such as "BÍ THƯ", both upper case 14 bold, room for the signature and
seal, then the name, 14 bold); "Nơi nhận:" (14, bold, underlined) with its list (12).
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"

# HD 36's sizes, in points (REGULATIONS.md §5's table).
SIZE_PARTY_NAME = 15
SIZE_HEADER = 14
SIZE_KIND = 16
SIZE_TITLE = 14
SIZE_BODY = 14
SIZE_RECIPIENTS = 12

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)
# The width between the margins: 210 − 30 − 15 mm. The header and signer tables split it.
TEXT_WIDTH = Mm(165)

# Characters XML 1.0 cannot hold: a pasted text carrying one would make python-docx refuse the
# whole document, so they are dropped (tabs and line ends stay).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def vietnamese_date(day: dt.date, place: str = "") -> str:
    """The place and date line, e.g. "Hà Nội, ngày 02 tháng 12 năm 2026": HD 36 writes days
    below 10 and the months January and February with a leading zero ("tháng 01", "tháng 3")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


@dataclass(frozen=True)
class Para:
    """A body paragraph. `text` with line breaks becomes one paragraph per line."""

    text: str
    bold: bool = False
    italic: bool = False
    center: bool = False
    indent: bool = True


@dataclass(frozen=True)
class Heading:
    """A part's heading in the body ("I. Khai mạc"): bold, not indented."""

    text: str


@dataclass(frozen=True)
class Table:
    """A bordered table in the body (an attendance list, a tally), header row in bold."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]


Block = str | Para | Heading | Table


@dataclass(frozen=True)
class Signer:
    """Who signs: `capacity` is "T/M CHI BỘ" (on behalf of) or empty for one's own name,
    `post` "BÍ THƯ", "CHỦ TRÌ", "THƯ KÝ"; `name` the member's name."""

    post: str
    name: str
    capacity: str = ""


@dataclass(frozen=True)
class PartyDocument:
    """One document of the party's format. `number` is the number and symbol without "Số"
    ("12-BB/CB"; empty when the document has none yet: the line keeps its place with a
    blank for the office to fill). `signer` signs on the right; `left_signer` (the minutes'
    secretary) on the left, where a document with one signer lists its recipients."""

    superior: str
    issuer: str
    kind: str
    title: str
    date: dt.date
    place: str = ""
    number: str = ""
    body: Sequence[Block] = ()
    signer: Signer | None = None
    left_signer: Signer | None = None
    recipients: Sequence[str] = field(default_factory=tuple)


def _font(run, size: int, *, bold: bool = False, italic: bool = False, underline: bool = False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    # Word takes the font of Vietnamese letters from the East Asian and complex-script slots
    # when a run carries no explicit one there; name every slot so no letter falls back.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    return run


def _line(
    container,
    text: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    after: int = 0,
    first=False,
):
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        _font(paragraph.add_run(clean(text)), size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _layout_table(document, widths: Sequence[int]):
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    return table


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE_BODY)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _header(document, doc: PartyDocument) -> None:
    left, right = _layout_table(document, (Mm(75), Mm(90))).rows[0].cells
    _line(left, doc.superior.upper(), SIZE_HEADER, first=True)
    _line(left, doc.issuer.upper(), SIZE_HEADER, bold=True)
    _line(left, "*", SIZE_HEADER)
    _line(left, f"Số {doc.number}" if doc.number else "Số      ", SIZE_HEADER)
    _line(right, PARTY_NAME, SIZE_PARTY_NAME, bold=True, underline=True, first=True, after=12)
    _line(right, vietnamese_date(doc.date, doc.place), SIZE_HEADER, italic=True)


def _title(document, doc: PartyDocument) -> None:
    _line(document, "", SIZE_BODY)
    _line(document, doc.kind.upper(), SIZE_KIND, bold=True)
    if doc.title:
        _line(document, doc.title, SIZE_TITLE, bold=True)
    _line(document, "-----", SIZE_BODY, after=12)


def _paragraph(document, para: Para) -> None:
    for line in clean(para.text).splitlines() or [""]:
        paragraph = document.add_paragraph()
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.CENTER if para.center else WD_ALIGN_PARAGRAPH.JUSTIFY
        )
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(1.27) if para.indent and not para.center else None
        fmt.space_before, fmt.space_after = Pt(0), Pt(6)
        fmt.line_spacing = 1.15
        _font(paragraph.add_run(line.strip()), SIZE_BODY, bold=para.bold, italic=para.italic)


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        _line(cell, text, SIZE_BODY - 1, bold=True, first=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _line(cell, str(text), SIZE_BODY - 1, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    _line(document, "", SIZE_BODY, after=6)


def _body(document, blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, str):
            _paragraph(document, Para(block))
        elif isinstance(block, Heading):
            _paragraph(document, Para(block.text, bold=True, indent=False))
        elif isinstance(block, Table):
            _table(document, block)
        else:
            _paragraph(document, block)


def _sign(cell, signer: Signer, *, first: bool) -> None:
    if signer.capacity:
        _line(cell, signer.capacity.upper(), SIZE_BODY, bold=True, first=first)
        first = False
    _line(cell, signer.post.upper(), SIZE_BODY, bold=True, first=first)
    for _ in range(4):  # room for the signature and the seal
        _line(cell, "", SIZE_BODY)
    _line(cell, signer.name, SIZE_BODY, bold=True)


def _closing(document, doc: PartyDocument) -> None:
    if not (doc.signer or doc.left_signer or doc.recipients):
        return
    _line(document, "", SIZE_BODY)
    left, right = _layout_table(document, (Mm(80), Mm(85))).rows[0].cells
    first_left = True
    if doc.left_signer:
        _sign(left, doc.left_signer, first=True)
        first_left = False
    if doc.recipients:
        heading = _line(left, "", SIZE_BODY, align=WD_ALIGN_PARAGRAPH.LEFT, first=first_left)
        if not first_left:
            heading.paragraph_format.space_before = Pt(12)
        _font(heading.add_run("Nơi nhận:"), SIZE_BODY, bold=True, underline=True)
        for name in doc.recipients:
            _line(left, f"- {name}", SIZE_RECIPIENTS, align=WD_ALIGN_PARAGRAPH.LEFT)
    if doc.signer:
        _sign(right, doc.signer, first=True)


def render(doc: PartyDocument) -> bytes:
    """The .docx bytes of `doc` in the HD 36 layout."""
    document = Document()
    _page(document)
    _header(document, doc)
    _title(document, doc)
    _body(document, doc.body)
    _closing(document, doc)
    document.core_properties.title = clean(f"{doc.kind} {doc.title}".strip())
    document.core_properties.author = clean(doc.issuer)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def docx_response(doc: PartyDocument | bytes, *, filename: str) -> HttpResponse:
    """A download of the document: the file name (Vietnamese letters kept) through Django's
    RFC 6266/5987 encoding, never cached, never sniffed into a page."""
    content = doc if isinstance(doc, bytes) else render(doc)
    if not filename.endswith(".docx"):
        filename = f"{filename}.docx"
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
