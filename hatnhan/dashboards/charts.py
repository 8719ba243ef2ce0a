"""Charts drawn on the server as SVG (docs/decisions.md, "Charts are SVG drawn on the server").

Three kinds: a figure's months as bars with the same months a year before as a dashed line
(`trend_chart`), organizations side by side on one figure (`comparison_chart`), and the
organization tree coloured by a figure on a five-step scale (`tree_map`). Each is a `Chart`:
the SVG (`role="img"`, named by its `<title>` and `<desc>`) and the table of the same numbers
that stands beside it, both written from the same values, so what a screen reader, a printed
page and a glance read cannot differ.

Grayscale and print: the series differ by shape (bars against a dashed line with hollow
markers), the scale's steps by lightness and, at the worst end, by hatching; every value is
also written as text. Colours are SVG presentation attributes, not `style` (the CSP allows no
inline style), so a chart needs no stylesheet to be legible; dashboards/charts.css only sizes it.

Every text that comes from the record (an organization's name) is escaped and stripped of the
characters XML cannot hold: a name cannot close the SVG or open a script in it.
"""

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hatnhan.core.docx import clean

from .numbers import vn_number
from .scorecard import Figure, MonthValue

Number = Decimal | int | None

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
BAR = "#1f4e79"  # dark enough to read as black-ish in grayscale against the white plot
OUTLIER = "#b71c1c"
# The heat scale from the worst step to the best: hue moves red → green, and lightness rises
# steadily (about 25 → 92 L*), so the order survives grayscale printing.
SCALE = ("#7f1d1d", "#c2410c", "#e8a33d", "#a8d5a2", "#e9f6e7")
SCALE_TEXT = ("#ffffff", "#ffffff", INK, INK, INK)
FONT = "12"


def _t(value: object) -> str:
    """Text from the record, safe as SVG/HTML character data or attribute. The standard
    library's escape (the same five characters as Django's): a bloc's chart escapes thousands
    of texts, and Django's lazy-aware wrapper tripled the page's drawing time."""
    return html.escape(clean(str(value)))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _raw(value: Number) -> str:
    """The value in `data-value`: the plain number the drawing used ("" for none)."""
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Chart:
    """A drawn chart and its table. `rows` are formatted cells, the first one the row's label;
    `links` (when given) one URL or None per row, set on the row's label."""

    id: str
    title: str
    description: str
    svg: SafeString
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: tuple[str | None, ...] = ()
    # The rows' short names (the axis's "T3"), for the table laid across a printed page.
    short: tuple[str, ...] = ()

    def across(self) -> "Chart":
        """The same table turned round (a row per series, a column per month, named as on the
        axis): what fits a printed page."""
        names = self.short or tuple(row[0] for row in self.rows)
        return Chart(
            id=self.id,
            title=self.title,
            description=self.description,
            svg=self.svg,
            caption=self.caption,
            header=(self.header[0], *names),
            rows=tuple(
                (name, *(row[j] for row in self.rows)) for j, name in enumerate(self.header) if j
            ),
        )

    def table(self) -> SafeString:
        # _t (escape and clean) on every text: a title or name carrying a character XML cannot
        # hold would make the table unreadable to an XML parser.
        head = "".join(f'<th scope="col">{_t(h)}</th>' for h in self.header)
        body = []
        for i, row in enumerate(self.rows):
            link = self.links[i] if i < len(self.links) else None
            label = f'<a href="{_t(link)}">{_t(row[0])}</a>' if link else _t(row[0])
            cells = "".join(f'<td class="num">{_t(c)}</td>' for c in row[1:])
            body.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
        return mark_safe(  # every text above went through _t
            f'<div class="chart-table"><table class="chart-data" id="{_t(self.id)}-table">'
            f"<caption>{_t(self.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def __html__(self) -> SafeString:
        return mark_safe(  # the SVG and the table are built from escaped text
            f'<figure class="chart" id="{_t(self.id)}">{self.svg}{self.table()}</figure>'
        )

    def __str__(self) -> str:
        # Safe too: a template calls str() on a value before it escapes it.
        return self.__html__()


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: str) -> SafeString:
    return mark_safe(  # every piece of `body` is built from escaped text and numbers
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'id="{_t(chart_id)}-svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="{_t(chart_id)}-title {_t(chart_id)}-desc" '
        f'font-family="sans-serif" font-size="{FONT}">'
        f'<title id="{_t(chart_id)}-title">{_t(title)}</title>'
        f'<desc id="{_t(chart_id)}-desc">{_t(desc)}</desc>{body}</svg>'
    )


def nice_top(values: Sequence[Number], unit: str, ticks: int = 4) -> tuple[float, float]:
    """The axis's top and its step: 100 for a rate, else a round number at or above the
    largest value (whole steps when the values are whole counts)."""
    if unit == "%":
        return 100.0, 25.0
    largest = max((float(v) for v in values if v is not None), default=0.0)
    if largest <= 0:
        return float(ticks), 1.0
    raw = largest / ticks
    exp = 10 ** math.floor(math.log10(raw))
    whole = all(isinstance(v, int) or (v is not None and v == int(v)) for v in values if v)
    step = 10.0 * exp
    for factor in (1, 2, 2.5, 5, 10):
        if factor == 2.5 and whole and exp <= 1:
            continue
        if factor * exp >= raw:
            step = factor * exp
            break
    if whole:
        step = max(1.0, math.ceil(step))
    return step * ticks, step


def month_label(month: date, with_year: bool) -> str:
    return f"T{month.month}/{month.year % 100:02d}" if with_year else f"T{month.month}"


def _no_data(x: float, y: float) -> str:
    message = _("Chưa có số liệu")
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle" fill="{MUTED}" class="no-data">'
        f"{_t(message)}</text>"
    )


def year_before_values(
    months: Sequence[MonthValue], previous_trend: Sequence[MonthValue]
) -> list[Number]:
    """Each month's value a year before, in the months' order (None where nothing was counted
    then): paired by month of the year, so a range's months meet theirs whatever its start.
    The chart's table and the scorecard's files pair them the same way (documents.py)."""
    before = {(m.month.year + 1, m.month.month): m.value for m in previous_trend}
    return [before.get((m.month.year, m.month.month)) for m in months]


def trend_chart(
    figure: Figure, *, chart_id: str, previous_trend: Sequence[MonthValue] | None = None
) -> Chart:
    """The figure's months as bars, the same months a year before as a dashed line. Without
    `previous_trend` (None: not read, unlike an empty year) neither the line nor its column
    is shown, rather than a column of dashes that would read as "nothing a year before"."""
    compared = previous_trend is not None
    previous_trend = previous_trend or ()
    months = list(figure.trend)
    prev = year_before_values(months, previous_trend)
    values = [m.value for m in months]
    with_year = len({m.month.year for m in months}) > 1
    width, height = 600, 240
    left, right, top, bottom = 52, 12, 14, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    axis_top, step = nice_top(values + prev, figure.unit)
    base = top + plot_h

    def y(value: Number) -> float:
        return base - plot_h * min(float(value or 0), axis_top) / axis_top

    parts: list[str] = []
    tick = 0.0
    while tick <= axis_top + 1e-9:
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_n(ty)}" y2="{_n(ty)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{_n(ty + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_t(vn_number(tick, figure.unit))}</text>"
        )
        tick += step
    band = plot_w / max(len(months), 1)
    bar_w = band * 0.6
    points: list[list[tuple[float, float, date, Number]]] = [[]]
    for i, point in enumerate(months):
        cx = left + band * i + band / 2
        label = month_label(point.month, with_year)
        parts.append(
            f'<text x="{_n(cx)}" y="{base + 16}" text-anchor="middle" fill="{INK}">'
            f"{_t(label)}</text>"
        )
        if point.value is not None:
            by = y(point.value)
            parts.append(
                f'<rect class="bar" data-month="{point.month:%Y-%m}" '
                f'data-value="{_raw(point.value)}" x="{_n(cx - bar_w / 2)}" y="{_n(by)}" '
                f'width="{_n(bar_w)}" height="{_n(base - by)}" fill="{BAR}">'
                f"<title>{_t(label)}: {_t(vn_number(point.value, figure.unit))}</title></rect>"
            )
        if prev[i] is None:
            points.append([])
        else:
            points[-1].append((cx, y(prev[i]), point.month, prev[i]))
    for run in points:
        if len(run) > 1:
            coords = " ".join(f"{_n(px)},{_n(py)}" for px, py, _m, _v in run)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{INK}" stroke-width="2" '
                'stroke-dasharray="6 4"/>'
            )
        for px, py, month, value in run:
            was = date(month.year - 1, month.month, 1)
            parts.append(
                f'<circle class="previous" data-month="{was:%Y-%m}" data-value="{_raw(value)}" '
                f'cx="{_n(px)}" cy="{_n(py)}" r="4" fill="#ffffff" stroke="{INK}" '
                f'stroke-width="2"><title>{_t(month_label(was, True))}: '
                f"{_t(vn_number(value, figure.unit))}</title></circle>"
            )
    if all(v is None for v in values + prev):
        parts.append(_no_data(left + plot_w / 2, top + plot_h / 2))
    this_label, before_label = _("Kỳ này"), _("Cùng kỳ năm trước")
    ly = height - 14
    legend = (
        f'<rect x="{left}" y="{ly - 9}" width="14" height="10" fill="{BAR}"/>'
        f'<text x="{left + 20}" y="{ly}" fill="{INK}">{_t(this_label)}</text>'
    )
    if compared:
        legend += (
            f'<line x1="{left + 140}" x2="{left + 170}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/><circle cx="{left + 155}" '
            f'cy="{ly - 4}" r="4" fill="#ffffff" stroke="{INK}" stroke-width="2"/>'
            f'<text x="{left + 178}" y="{ly}" fill="{INK}">{_t(before_label)}</text>'
        )
    parts.append(f'<g class="legend">{legend}</g>')
    desc = _("%(label)s theo tháng, %(n)s tháng.") % {"label": figure.label, "n": len(months)}
    if compared:
        dashed = _("Đường nét đứt: cùng kỳ năm trước.")
        desc = f"{desc} {dashed}"
    return Chart(
        id=chart_id,
        title=figure.label,
        description=desc,
        svg=_svg(chart_id, width, height, figure.label, desc, "".join(parts)),
        caption=_("%(label)s: số liệu theo tháng") % {"label": figure.label},
        header=(_("Tháng"), this_label, *([before_label] if compared else [])),
        rows=tuple(
            (
                f"{m.month:%m/%Y}",
                vn_number(m.value, figure.unit),
                *([vn_number(prev[i], figure.unit)] if compared else []),
            )
            for i, m in enumerate(months)
        ),
        short=tuple(month_label(m.month, with_year) for m in months),
    )


@dataclass(frozen=True)
class Bar:
    """One organization on one figure. `outlier` marks it by the dashboard's documented rule."""

    label: str
    value: Number
    url: str | None = None
    outlier: bool = False


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _hatch(pattern_id: str, colour: str) -> str:
    return (
        f'<pattern id="{_t(pattern_id)}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>'
    )


def comparison_chart(
    *, chart_id: str, title: str, unit: str, items: Sequence[Bar], description: str = ""
) -> Chart:
    """Organizations side by side on one figure, as horizontal bars in the given order; an
    outlier's bar is hatched and marked "!" (colour is not the only sign)."""
    row_h, left, right, top = 22, 230, 70, 8
    width = 640
    height = top * 2 + row_h * max(len(items), 1) + 20
    plot_w = width - left - right
    axis_top, _step = nice_top([i.value for i in items], unit)
    hatch_id = f"{chart_id}-hatch"
    parts = [f"<defs>{_hatch(hatch_id, OUTLIER)}</defs>"]
    for n, item in enumerate(items):
        ty = top + n * row_h
        name = clean(item.label)
        shown = _t(name)
        parts.append(
            f'<text x="{left - 8}" y="{ty + 15}" text-anchor="end" fill="{INK}">'
            f"<title>{shown}</title>{_t(_short(name))}</text>"
        )
        if item.value is None:
            parts.append(f'<text x="{left + 4}" y="{ty + 15}" fill="{MUTED}">—</text>')
            continue
        bar_w = plot_w * min(float(item.value), axis_top) / axis_top
        fill = f"url(#{_t(hatch_id)})" if item.outlier else BAR
        mark = " !" if item.outlier else ""
        css = "bar outlier" if item.outlier else "bar"
        value = _t(vn_number(item.value, unit))
        parts.append(
            f'<rect class="{css}" data-value="{_raw(item.value)}" '
            f'x="{left}" y="{ty + 3}" width="{_n(max(bar_w, 1))}" height="{row_h - 6}" '
            f'fill="{fill}" stroke="{OUTLIER if item.outlier else BAR}">'
            f"<title>{shown}: {value}</title></rect>"
            f'<text x="{_n(left + bar_w + 6)}" y="{ty + 15}" fill="{INK}">{value}{mark}</text>'
        )
    if not items or all(i.value is None for i in items):
        parts.append(_no_data(left + plot_w / 2, top + row_h))
    base = top + row_h * max(len(items), 1) + 4
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{base}" stroke="{INK}"/>'
        f'<text x="{left}" y="{base + 14}" fill="{MUTED}">{_t(vn_number(0, unit))}</text>'
        f'<text x="{left + plot_w}" y="{base + 14}" text-anchor="end" fill="{MUTED}">'
        f"{_t(vn_number(axis_top, unit))}</text>"
    )
    desc = description or _("%(title)s: %(n)s tổ chức; dấu ! và vạch chéo: ngoài ngưỡng.") % {
        "title": title,
        "n": len(items),
    }
    return Chart(
        id=chart_id,
        title=title,
        description=desc,
        svg=_svg(chart_id, width, height, title, desc, "".join(parts)),
        caption=title,
        header=(_("Tổ chức"), title, _("Ngoài ngưỡng")),
        rows=tuple(
            (clean(i.label), vn_number(i.value, unit), _("Có") if i.outlier else "") for i in items
        ),
        links=tuple(i.url for i in items),
    )


@dataclass(frozen=True)
class TreeNode:
    """One organization of the tree, in pre-order, with its depth under the shown root."""

    label: str
    depth: int
    value: Number
    url: str | None = None


def scale_steps(values: Sequence[Number], better: str) -> list[tuple[float, float]]:
    """Five equal steps between the smallest and largest value, from the worst to the best
    (`better` "lower" turns the order round; neutral figures run low → high)."""
    known = [float(v) for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    width = (high - low) / len(SCALE) or 1.0
    steps = [(low + width * i, low + width * (i + 1)) for i in range(len(SCALE))]
    return steps[::-1] if better == "lower" else steps


def step_of(value: Number, steps: Sequence[tuple[float, float]], better: str) -> int | None:
    if value is None or not steps:
        return None
    v = float(value)
    # steps run low → high, or high → low for "lower" (scale_steps): walk them low → high
    ordered = range(len(steps) - 1, -1, -1) if better == "lower" else range(len(steps))
    for i in ordered:
        if v < steps[i][1]:
            return i
    return ordered[-1]


def tree_map(
    *, chart_id: str, title: str, unit: str, better: str, nodes: Sequence[TreeNode]
) -> Chart:
    """The tree as indented tiles coloured by the figure (five steps, worst darkest and
    hatched), each tile with its name and value; the legend gives each step's range."""
    row_h, width, indent, top = 24, 640, 18, 34
    height = top + row_h * max(len(nodes), 1) + 8
    steps = scale_steps([n.value for n in nodes], better)
    hatch_id, none_id = f"{chart_id}-worst", f"{chart_id}-none"
    parts = [
        f"<defs>{_hatch(hatch_id, SCALE[0])}"
        f'<pattern id="{_t(none_id)}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{GRID}" stroke-width="2"/></pattern></defs>'
    ]
    # The legend: one swatch per step, worst first, with its range.
    for i, (low, high) in enumerate(steps):
        lx = 8 + i * 126
        fill = f"url(#{_t(hatch_id)})" if i == 0 else SCALE[i]
        lo, hi = sorted((low, high))
        parts.append(
            f'<rect x="{lx}" y="6" width="16" height="14" fill="{fill}" stroke="{INK}" '
            f'stroke-width="0.5"/><text x="{lx + 20}" y="17" fill="{INK}" font-size="10">'
            f"{_t(vn_number(lo, unit))}–{_t(vn_number(hi, unit))}</text>"
        )
    hatch_fill, none_fill = f"url(#{_t(hatch_id)})", f"url(#{_t(none_id)})"
    # On the hatching, the text gets a plain halo of the step's colour to stay readable.
    halo_worst = f' stroke="{SCALE[0]}" stroke-width="3" paint-order="stroke"'
    node_steps = [step_of(node.value, steps, better) for node in nodes]
    values = [vn_number(node.value, unit) for node in nodes]
    for n, node in enumerate(nodes):
        ty = top + n * row_h
        x = 8 + indent * node.depth
        step = node_steps[n]
        if step is None:
            fill, text_fill = none_fill, INK
        else:
            fill = hatch_fill if step == 0 else SCALE[step]
            text_fill = SCALE_TEXT[step]
        name = clean(node.label)
        value = _t(values[n])
        halo = halo_worst if step == 0 else ""
        tile = (
            f'<rect class="tile" data-value="{_raw(node.value)}" data-step="'
            f'{"" if step is None else step}" x="{x}" y="{ty}" width="{width - 8 - x}" '
            f'height="{row_h - 3}" fill="{fill}" stroke="{INK}" stroke-width="0.5">'
            f"<title>{_t(name)}: {value}</title></rect>"
            f'<text x="{x + 6}" y="{ty + 15}" fill="{text_fill}"{halo}>'
            f"{_t(_short(name, 60))}</text>"
            f'<text x="{width - 14}" y="{ty + 15}" text-anchor="end" fill="{text_fill}"{halo} '
            f'font-weight="bold">{value}</text>'
        )
        if node.url:
            tile = f'<a href="{_t(node.url)}">{tile}</a>'
        parts.append(tile)
    if not nodes or not steps:
        parts.append(_no_data(width / 2, top + row_h / 2 + 4))
    desc = _(
        "%(title)s trên cây tổ chức, %(n)s tổ chức; năm mức từ kém nhất (đậm, gạch chéo) "
        "đến tốt nhất (nhạt)."
    ) % {"title": title, "n": len(nodes)}
    return Chart(
        id=chart_id,
        title=title,
        description=desc,
        svg=_svg(chart_id, width, height, title, desc, "".join(parts)),
        caption=title,
        header=(_("Tổ chức"), title, _("Mức (1 = kém nhất)")),
        rows=tuple(
            (
                "— " * node.depth + clean(node.label),
                values[n],
                "" if node_steps[n] is None else str(node_steps[n] + 1),
            )
            for n, node in enumerate(nodes)
        ),
        links=tuple(n.url for n in nodes),
    )
