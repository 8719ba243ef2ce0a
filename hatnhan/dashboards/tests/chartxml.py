"""Reading a drawn chart back as XML: the SVG and its table must both parse."""

import xml.etree.ElementTree as ET

from hatnhan.dashboards.charts import Chart

SVG = "{http://www.w3.org/2000/svg}"


def svg(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


def table(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.table()))


def table_rows(chart: Chart) -> list[list[str]]:
    """The body rows of the rendered table, as the text of each cell."""
    return [
        ["".join(cell.itertext()) for cell in row]
        for row in table(chart).find("table").find("tbody")
    ]


def elements(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{SVG}{tag}")
    return [e for e in found if css is None or css in (e.get("class") or "").split()]
