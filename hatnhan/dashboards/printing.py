"""What the printed scorecard shows besides its figures: a few trend charts, chosen so that
the page stays one A4 sheet (each chart's table laid across the months)."""

from collections.abc import Sequence

from .charts import Chart, trend_chart
from .scorecard import Figure, MonthValue, Scorecard

# Four charts of about 55 mm, two by two, leave the figures' table half the page.
PRINT_CHARTS = 4


def previous_trends(
    previous: Scorecard | str | None,
) -> dict[str, Sequence[MonthValue]] | None:
    """Each figure's months in the scorecard of the same period a year before; None when
    that scorecard was not read (or is a template's missing variable, "")."""
    if not previous:
        return None
    return {f.key: f.trend for s in previous.sections for f in s.figures}


def _before(
    trends: dict[str, Sequence[MonthValue]] | None, figure: Figure
) -> Sequence[MonthValue] | None:
    """The figure's own year-before months (read with its period's, figures.figure), else
    those of a separate scorecard of the year before when one is given."""
    if figure.previous_trend is not None:
        return figure.previous_trend
    return None if trends is None else trends.get(figure.key, ())


def chosen_figures(card: Scorecard, limit: int = PRINT_CHARTS) -> list[Figure]:
    """The first figure of each section with something in some month (every month "—" or 0
    would draw an empty chart), then the next ones in order: the page shows every section's
    lead before a second chart of any section."""
    by_section = [[f for f in s.figures if any(m.value for m in f.trend)] for s in card.sections]
    chosen: list[Figure] = []
    depth = 0
    while len(chosen) < limit and any(len(fs) > depth for fs in by_section):
        chosen += [fs[depth] for fs in by_section if len(fs) > depth]
        depth += 1
    return chosen[:limit]


def figure_chart(
    figure: Figure, previous: Scorecard | str | None = None, *, prefix: str = ""
) -> Chart:
    return trend_chart(
        figure,
        chart_id=f"chart-{prefix}{figure.key}",
        previous_trend=_before(previous_trends(previous), figure),
    )


def print_charts(card: Scorecard, previous: Scorecard | None = None) -> list[Chart]:
    before = previous_trends(previous)
    return [
        trend_chart(f, chart_id=f"chart-{f.key}", previous_trend=_before(before, f)).across()
        for f in chosen_figures(card)
    ]
