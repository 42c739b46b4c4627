"""Server-rendered SVG charts: accessible, work without JavaScript, print and go into PDFs.

A chart is an `<svg role="img" aria-labelledby="...">` with a `<title>` and a `<desc>`
that says what the trend is in words; the page always puts the data table beside it,
so the chart is never the only place the numbers are. Points are shapes as well as
colour (circles for values, a dashed line for the target) so it reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
LINE = "#1d70b8"
INK = "#0b0c0c"
GRID = "#b1b4b6"


def _num(value) -> str:
    return f"{Decimal(value).normalize():f}"


def _with_unit(value, unit: str) -> str:
    text = _num(value)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit and unit != "other" else text


def describe(points: Sequence[tuple[date, Decimal]], *, unit: str, target=None) -> str:
    """The trend in one sentence, for the chart's <desc>."""
    if not points:
        return "No values recorded yet."
    first, last = points[0], points[-1]
    text = (
        f"{len(points)} value{'s' if len(points) != 1 else ''} from {first[0]:%-d %B %Y} to {last[0]:%-d %B %Y}; "
        f"first {_with_unit(first[1], unit)}, latest {_with_unit(last[1], unit)}"
    )
    if target is not None:
        text += f"; target {_with_unit(target, unit)}"
    return text + ". The table beside the chart gives every value."


def _nice_bounds(values: list[Decimal], unit: str) -> tuple[Decimal, Decimal]:
    low, high = min(values), max(values)
    if unit == "%":
        low, high = min(low, Decimal(0)), max(high, Decimal(100))
    else:
        low = min(low, Decimal(0)) if low >= 0 else low
    if high == low:
        high = low + 1
    return low, high


def line_chart(
    *, points: Sequence[tuple[date, Decimal]], title: str, unit: str = "", target=None, chart_id: str = "chart"
) -> SafeString:
    """A line chart of dated values as SVG markup (escaped; safe to put in a template)."""
    cid = escape(chart_id)
    desc = describe(points, unit=unit, target=target)
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="tracker-chart" role="img" aria-labelledby="{cid}-title '
            f'{cid}-desc" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        ),
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    if not points:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{INK}" font-size="14">No '
            "values yet</text>"
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # every text in the SVG is escape()d, the rest are numbers # nosec B308 B703

    values = [Decimal(v) for _, v in points] + ([Decimal(target)] if target is not None else [])
    low, high = _nice_bounds(values, unit)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    days = [d.toordinal() for d, _ in points]
    d0, d1 = min(days), max(days)

    def x(day: date) -> float:
        if d1 == d0:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day.toordinal() - d0) / (d1 - d0)

    def y(value) -> float:
        return TOP + plot_h * float((high - Decimal(value)) / (high - low))

    # Axes and three gridlines with labels.
    parts.append('<g aria-hidden="true" font-family="Arial, sans-serif" font-size="12">')
    for i in range(3):
        value = low + (high - low) * Decimal(i) / 2
        yy = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        label = escape(_with_unit(round(value, 1), unit))
        parts.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="{INK}">{label}</text>')
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="{INK}" stroke-width="1"/><line '
        f'x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    first, last = points[0][0], points[-1][0]
    parts.append(
        f'<text x="{x(first):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="start" fill="{INK}">{first:%b %Y}</text>'
    )
    if last != first:
        parts.append(
            f'<text x="{x(last):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="end" fill="{INK}">{last:%b %Y}</text>'
        )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="6 4"/><text x="{WIDTH - RIGHT}" y="{ty - 6:.1f}" text-anchor="end" '
            f'fill="{INK}">Target {escape(_with_unit(target, unit))}</text>'
        )
    coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    parts.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for d, v in points:
        parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="5" fill="{LINE}" stroke="{INK}" stroke-width="1"/>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # every text in the SVG is escape()d, the rest are numbers # nosec B308 B703
