"""An inline SVG line chart of articles per month per site: no script, no network."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 900, 340
LEFT, RIGHT, TOP, BOTTOM = 48, 170, 16, 44
COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

Counts = list[tuple[str, str, int]]  # (month YYYY-MM, site, articles)


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), gaps included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _ticks(top: int) -> list[int]:
    """Gridline values from 0 past ``top``: at most six, a step of 1, 2 or 5 times 10ⁿ."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if top / step <= 5:
                return list(range(0, top + step, step))
        power *= 10


@dataclass(frozen=True)
class _Plot:
    """Where a month and a count go on the canvas."""

    months: list[str]
    ticks: list[int]

    def x(self, index: int) -> float:
        width = WIDTH - LEFT - RIGHT
        if len(self.months) == 1:
            return LEFT + width / 2
        return LEFT + width * index / (len(self.months) - 1)

    def y(self, value: int) -> float:
        height = HEIGHT - TOP - BOTTOM
        return TOP + height - height * value / self.ticks[-1]


def monthly_chart(counts: Counts) -> str:
    """The SVG chart (an empty string when no article has a date)."""
    if not counts:
        return ""
    series: dict[str, dict[str, int]] = defaultdict(dict)
    for month, site, number in counts:
        series[site][month] = number
    months = months_between(min(c[0] for c in counts), max(c[0] for c in counts))
    plot = _Plot(months, _ticks(max(1, *(c[2] for c in counts))))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="chart-title" class="secnews-chart">',
        '<title id="chart-title">Articles per month per site</title>',
        *_axes(plot),
    ]
    for number, (site, values) in enumerate(sorted(series.items())):
        parts += _line(plot, site, values, COLOURS[number % len(COLOURS)], number)
    parts.append("</svg>")
    return "\n".join(parts)


def _line(plot: _Plot, site: str, values: dict[str, int], colour: str, row: int) -> list[str]:
    """One site: its line, a dot a month (with its count as a tooltip), its legend entry."""
    points = [(plot.x(i), plot.y(values.get(month, 0))) for i, month in enumerate(plot.months)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts = [f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>']
    for (x, y), month in zip(points, plot.months, strict=True):
        label = escape(f"{site} {month}: {values.get(month, 0)}")
        dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
        parts.append(f"{dot}<title>{label}</title></circle>")
    legend_y = TOP + 14 + 18 * row
    parts.append(
        f'<rect x="{WIDTH - RIGHT + 16}" y="{legend_y - 9}" width="12" height="12" '
        f'fill="{colour}"/><text x="{WIDTH - RIGHT + 34}" y="{legend_y + 1}">'
        f"{escape(site)}</text>"
    )
    return parts


def _axes(plot: _Plot) -> list[str]:
    parts = ['<g font-size="11" fill="#444" stroke="none">']
    for tick in plot.ticks:
        y = plot.y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    step = max(1, len(plot.months) // 12)
    for index in range(0, len(plot.months), step):
        parts.append(
            f'<text x="{plot.x(index):.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{plot.months[index]}</text>'
        )
    parts.append("</g>")
    return parts
