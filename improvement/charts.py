"""Server-rendered SVG charts: accessible, work without JavaScript, print and go into PDFs.

A chart is an `<svg role="img" aria-labelledby="...">` with a `<title>` and a `<desc>`
that says what the trend is in words; the page always puts the data table beside it,
so the chart is never the only place the numbers are. Points are shapes as well as
colour (circles for values, a dashed line for the target) so it reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from improvement import formats

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
LINE = "#1d70b8"
INK = "#0b0c0c"
GRID = "#b1b4b6"


def _num(value) -> str:
    return f"{Decimal(value).normalize():f}"


def _with_unit(value, unit: str) -> str:
    if unit == "%":
        return formats.percent(value)
    text = _num(value)
    return f"{text} {unit}" if unit and unit != "other" else text


def describe(points: Sequence[tuple[date, Decimal]], *, unit: str, target=None) -> str:
    """The trend in one sentence, for the chart's <desc>."""
    if not points:
        return "No values recorded yet."
    first, last = points[0], points[-1]
    text = (
        f"{len(points)} value{'s' if len(points) != 1 else ''} "
        f"from {formats.govuk_date(first[0])} to {formats.govuk_date(last[0])}; "
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


# --- Dashboard charts (issue 14): each a Chart with its SVG, a sentence and the data table. ---

RAG_FILLS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "blue": "#1d70b8"}
RAG_NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}
RAG_ORDER = ["red", "amber", "green", "blue"]
MUTED = "#505a5f"
FONT = 'font-family="Arial, sans-serif"'


@dataclass
class Table:
    """A chart's data as a table: a caption, column headings and rows led by a row heading."""

    caption: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    numeric_from: int = 1  # columns from this index are numbers (right-aligned)


@dataclass
class Chart:
    chart_id: str
    title: str
    summary: str
    svg: SafeString
    table: Table


def plural(n: int, singular: str, many: str | None = None) -> str:
    """1 action, 2 actions; `many` for irregular words."""
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def _svg_open(cid: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="tracker-chart" role="img" aria-labelledby="{cid}-title '
            f'{cid}-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        ),
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def _patterns(cid: str) -> str:
    """A texture per rating, so the bars read without colour: red hatched, amber dotted, blue striped, green plain."""
    return (
        "<defs>"
        f'<pattern id="{cid}-red" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{RAG_FILLS["red"]}"/><line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" '
        'stroke-width="3"/></pattern>'
        f'<pattern id="{cid}-amber" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{RAG_FILLS["amber"]}"/>'
        f'<circle cx="4" cy="4" r="1.6" fill="{INK}"/></pattern>'
        f'<pattern id="{cid}-green" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{RAG_FILLS["green"]}"/></pattern>'
        f'<pattern id="{cid}-blue" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{RAG_FILLS["blue"]}"/><line x1="0" y1="4" x2="8" y2="4" stroke="#ffffff" '
        'stroke-width="2"/></pattern>'
        f'<pattern id="{cid}-band" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fcd6c3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#f47738" '
        'stroke-width="1.5"/></pattern>'
        "</defs>"
    )


def _done(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in the SVG is escape()d, the rest are numbers # nosec B308 B703


def _count_words(counts: dict) -> str:
    words = [f"{counts.get(r, 0)} {RAG_NAMES[r].lower()}" for r in RAG_ORDER]
    return ", ".join(words[:-1]) + " and " + words[-1]


def brag_summary(*, rows: Sequence[tuple[str, dict]], overall: dict) -> str:
    """One or two sentences: the plan's ratings, and the theme with most red actions."""
    total = sum(overall.get(r, 0) for r in RAG_ORDER)
    if not total:
        return "There are no actions to rate."
    text = f"Of {plural(total, 'action')}, {_count_words(overall)}."
    worst = max(rows, key=lambda row: (row[1].get("red", 0), -rows.index(row)), default=None)
    if worst and worst[1].get("red", 0):
        text += f" {worst[0]} has the most red actions ({worst[1]['red']})."
    else:
        text += " No theme has a red action."
    return text


def brag_by_theme(*, rows: Sequence[tuple[str, dict]], overall: dict, chart_id: str = "brag-chart") -> Chart:
    """One stacked bar per theme (red, amber, green, blue), each part labelled with its count.

    `rows` are (label, {"red": n, ...}) in order; `overall` the plan's counts."""
    cid = escape(chart_id)
    title = "Actions by BRAG rating, by theme"
    summary = brag_summary(rows=rows, overall=overall)
    width, left, right, bar, gap, legend_h = 640, 8, 56, 26, 26, 40
    height = legend_h + max(len(rows), 1) * (bar + gap + 4) + 8
    parts = _svg_open(cid, title, summary, width, height)
    parts.append(_patterns(cid))
    parts.append(f'<g aria-hidden="true" {FONT} font-size="14">')
    # Legend: a swatch with its texture and the word.
    x = left
    for r in RAG_ORDER:
        parts.append(
            f'<rect x="{x}" y="8" width="18" height="18" fill="url(#{cid}-{r})" stroke="{INK}" stroke-width="1"/>'
            f'<text x="{x + 24}" y="22" fill="{INK}">{RAG_NAMES[r]}</text>'
        )
        x += 100
    most = max([sum(c.get(r, 0) for r in RAG_ORDER) for _, c in rows] + [1])
    plot_w = width - left - right
    y = legend_h
    for label, counts in rows:
        total = sum(counts.get(r, 0) for r in RAG_ORDER)
        parts.append(f'<text x="{left}" y="{y + 16}" fill="{INK}" font-weight="700">{escape(label)}</text>')
        top = y + gap - 4
        x = float(left)
        for r in RAG_ORDER:
            n = counts.get(r, 0)
            if not n:
                continue
            w = plot_w * n / most
            parts.append(
                f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{bar}" fill="url(#{cid}-{r})" '
                f'stroke="{INK}" stroke-width="1"/>'
            )
            label_w = 8 + 8 * len(str(n))
            if w >= label_w + 4:
                cx = x + w / 2
                parts.append(
                    f'<rect x="{cx - label_w / 2:.1f}" y="{top + 4}" width="{label_w}" height="{bar - 8}" '
                    f'fill="#ffffff"/><text x="{cx:.1f}" y="{top + bar / 2 + 5:.1f}" text-anchor="middle" '
                    f'fill="{INK}" font-weight="700">{n}</text>'
                )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{top + bar / 2 + 5:.1f}" fill="{INK}">{total}</text>')
        y += bar + gap + 4
    parts.append("</g>")
    table = Table(
        caption="Actions by BRAG rating, by theme",
        columns=["Theme"] + [RAG_NAMES[r] for r in RAG_ORDER] + ["Total"],
        rows=[
            (label, [str(counts.get(r, 0)) for r in RAG_ORDER] + [str(sum(counts.get(r, 0) for r in RAG_ORDER))])
            for label, counts in rows
        ]
        + [
            (
                "All actions",
                [str(overall.get(r, 0)) for r in RAG_ORDER] + [str(sum(overall.get(r, 0) for r in RAG_ORDER))],
            )
        ],
    )
    return Chart(chart_id=chart_id, title=title, summary=summary, svg=_done(parts), table=table)


def _change_words(noun: str, before: int, after: int) -> str:
    if after < before:
        return f"{noun} fell from {before} to {after}"
    if after > before:
        return f"{noun} rose from {before} to {after}"
    return f"{noun} stayed at {after}"


def history_summary(*, points: Sequence[tuple[date, int, int]], since: date | None, since_counts=None) -> str:
    """ "Red actions fell from 21 to 15 since the last committee (3 November 2026); overdue actions rose from 4 to 9."

    `points` are (day, red, overdue), oldest first; `since_counts` (red, overdue) on the committee's date."""
    if not points:
        return "No history to show yet."
    _, red_now, overdue_now = points[-1]
    if since is not None and since_counts is not None:
        red_then, overdue_then = since_counts
        when = f"since the last committee ({formats.govuk_date(since)})"
    else:
        day, red_then, overdue_then = points[0]
        when = f"since {formats.govuk_date(day)}"
    return (
        f"{_change_words('Red actions', red_then, red_now)} {when}; "
        f"{_change_words('overdue actions', overdue_then, overdue_now)}."
    )


def history_chart(
    *,
    points: Sequence[tuple[date, int, int]],
    since: date | None = None,
    since_counts=None,
    chart_id: str = "history-chart",
) -> Chart:
    """Red and overdue actions at the end of each month (the last point is today): two labelled lines."""
    cid = escape(chart_id)
    title = "Red and overdue actions over the last 12 months"
    summary = history_summary(points=points, since=since, since_counts=since_counts)
    width, height = 640, 260
    left, right, top, bottom = 48, 96, 16, 44
    parts = _svg_open(cid, title, summary, width, height)
    table = Table(
        caption="Red and overdue actions at the end of each month",
        columns=["Date", "Red actions", "Overdue actions"],
        rows=[(formats.govuk_date(d), [str(r), str(o)]) for d, r, o in points],
    )
    if not points:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{INK}">No history yet</text>')
        return Chart(chart_id=chart_id, title=title, summary=summary, svg=_done(parts), table=table)
    high = max([max(r, o) for _, r, o in points] + [1])
    step = max(1, -(-high // 4))
    high = step * 4
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y(v: int) -> float:
        return top + plot_h * (high - v) / high

    parts.append(f'<g aria-hidden="true" {FONT} font-size="12">')
    for k in range(5):
        yy = y(step * k)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="{INK}">{step * k}</text>'
        )
    for i, (d, _, _) in enumerate(points):
        if i % 2 == (len(points) - 1) % 2:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" fill="{INK}">{d:%b}</text>'
            )
    span = f"{formats.govuk_month(points[0][0])} to {formats.govuk_date(points[-1][0])}"
    parts.append(f'<text x="{left}" y="{height - 6}" fill="{INK}">{span}</text>')
    red = " ".join(f"{x(i):.1f},{y(r):.1f}" for i, (_, r, _) in enumerate(points))
    over = " ".join(f"{x(i):.1f},{y(o):.1f}" for i, (_, _, o) in enumerate(points))
    parts.append(f'<polyline points="{red}" fill="none" stroke="{RAG_FILLS["red"]}" stroke-width="3"/>')
    parts.append(f'<polyline points="{over}" fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>')
    for i, (_, r, o) in enumerate(points):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(r):.1f}" r="4" fill="{RAG_FILLS["red"]}" stroke="{INK}"/>')
        parts.append(
            f'<rect x="{x(i) - 4:.1f}" y="{y(o) - 4:.1f}" width="8" height="8" fill="#ffffff" stroke="{INK}"/>'
        )
    _, r_last, o_last = points[-1]
    ry, oy = y(r_last), y(o_last)
    if abs(ry - oy) < 16:  # keep the two end labels apart
        ry, oy = (ry - 8, oy + 8) if r_last >= o_last else (ry + 8, oy - 8)
    end = x(len(points) - 1) + 8
    parts.append(f'<text x="{end:.1f}" y="{ry + 4:.1f}" fill="{INK}" font-weight="700">Red {r_last}</text>')
    parts.append(f'<text x="{end:.1f}" y="{oy + 4:.1f}" fill="{INK}">Overdue {o_last}</text>')
    parts.append("</g>")
    return Chart(chart_id=chart_id, title=title, summary=summary, svg=_done(parts), table=table)


def _padded_bounds(values: list[Decimal], unit: str) -> tuple[Decimal, Decimal]:
    """The values' range with a little room either side, so a small chart shows the movement (0 to 100 for %)."""
    low, high = min(values), max(values)
    pad = (high - low) / 5 if high != low else max(abs(high) / 10, Decimal(1))
    low, high = low - pad, high + pad
    if unit == "%":
        low, high = max(low, Decimal(0)), min(high, Decimal(100))
    elif min(values) >= 0:
        low = max(low, Decimal(0))
    return low, high


def _axis_label(value: Decimal, unit: str) -> str:
    text = _num(round(value, 1))
    return f"{text}%" if unit == "%" else text


def measure_summary(
    *,
    name: str,
    points,
    unit: str,
    target=None,
    tolerance=None,
    polarity="higher",
    benchmark=None,
    benchmark_label: str = "",
) -> str:
    if not points:
        return f"{name}: no values recorded yet."
    day, value = points[-1]
    text = f"{name}: {_with_unit(value, unit)} on {formats.govuk_date(day)}"
    if target is not None:
        value, target_d = Decimal(value), Decimal(target)
        gap = (target_d - value) if polarity == "higher" else (value - target_d)
        if gap <= 0:
            text += f", meeting the {_with_unit(target, unit)} target"
        elif tolerance is not None and gap <= Decimal(tolerance):
            text += f", short of the {_with_unit(target, unit)} target but within tolerance (amber)"
        else:
            text += f", off the {_with_unit(target, unit)} target (red)"
    else:
        text += ", no target set"
    if benchmark is not None:
        text += f"; {benchmark_label or 'benchmark'} {_with_unit(benchmark, unit)}"
    return text + "."


def measure_chart(
    *,
    name: str,
    points: Sequence[tuple[date, Decimal]],
    unit: str = "",
    target=None,
    tolerance=None,
    polarity: str = "higher",
    benchmark=None,
    benchmark_label: str = "",
    chart_id: str = "measure-chart",
) -> Chart:
    """A small multiple: the values as a line, the target dashed, the tolerance band hatched, the benchmark dotted."""
    cid = escape(chart_id)
    summary = measure_summary(
        name=name,
        points=points,
        unit=unit,
        target=target,
        tolerance=tolerance,
        polarity=polarity,
        benchmark=benchmark,
        benchmark_label=benchmark_label,
    )
    title = name
    width, height, left, right, top, bottom = 320, 190, 48, 12, 12, 30
    parts = _svg_open(cid, f"{name}: values against target", summary, width, height)
    table = Table(
        caption=f"{name}: values",
        columns=["Date", "Value"],
        rows=[(formats.govuk_date(d), [_with_unit(v, unit)]) for d, v in points],
    )
    if not points:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{INK}" {FONT}>No values yet</text>'
        )
        return Chart(chart_id=chart_id, title=title, summary=summary, svg=_done(parts), table=table)
    parts.append(_patterns(cid))
    band = None
    if target is not None and tolerance is not None:
        edge = Decimal(target) - Decimal(tolerance) if polarity == "higher" else Decimal(target) + Decimal(tolerance)
        band = (Decimal(target), edge)
    extra = [Decimal(v) for v in (target, benchmark) if v is not None] + ([band[1]] if band else [])
    low, high = _padded_bounds([Decimal(v) for _, v in points] + extra, unit)
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(value) -> float:
        return top + plot_h * float((high - Decimal(value)) / (high - low))

    parts.append(f'<g aria-hidden="true" {FONT} font-size="12">')
    for value in (low, high):
        yy = y(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{yy + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(_axis_label(value, unit))}</text>"
        )
    if band:
        y1, y2 = sorted((y(band[0]), y(band[1])))
        parts.append(
            f'<rect x="{left}" y="{y1:.1f}" width="{plot_w}" height="{max(y2 - y1, 1):.1f}" fill="url(#{cid}-band)"/>'
        )
    if benchmark is not None:
        by = y(benchmark)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{by:.1f}" y2="{by:.1f}" stroke="{MUTED}" stroke-width="2" '
            f'stroke-dasharray="2 3"/><text x="{left + 4}" y="{by - 4:.1f}" fill="{INK}">'
            f"{escape(benchmark_label or 'Benchmark')} {escape(_with_unit(benchmark, unit))}</text>"
        )
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="6 4"/><text x="{width - right}" y="{ty - 4:.1f}" text-anchor="end" fill="{INK}">'
            f"Target {escape(_with_unit(target, unit))}</text>"
        )
    coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="3"/>')
    for i, (_, v) in enumerate(points):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{LINE}" stroke="{INK}"/>')
    parts.append(
        f'<text x="{left}" y="{height - 8}" fill="{INK}">{points[0][0]:%b %Y}</text>'
        + (
            f'<text x="{width - right}" y="{height - 8}" text-anchor="end" fill="{INK}">{points[-1][0]:%b %Y}</text>'
            if n > 1
            else ""
        )
    )
    parts.append("</g>")
    return Chart(chart_id=chart_id, title=title, summary=summary, svg=_done(parts), table=table)


def _benchmark(measure) -> tuple[Decimal | None, str]:
    """England's figure, else the region's, else the statistical neighbours' (published, then the tracker's median)."""
    for attr, label in (
        ("latest_england", "England"),
        ("latest_region", "Region"),
        ("latest_statistical_neighbours", "Neighbours"),
        ("neighbour_median", "Neighbours"),
    ):
        value = getattr(measure, attr, None)
        if value is not None:
            return value, label
    return None, ""


def measure_small_multiple(measure) -> Chart:
    """The measures selector's row (trend, target, tolerance, polarity, benchmarks) as a small chart."""
    benchmark, label = _benchmark(measure)
    return measure_chart(
        name=measure.name,
        points=[(v.date, v.value) for v in measure.trend if v.value is not None],  # suppressed: no point
        unit=measure.unit,
        target=measure.target,
        tolerance=measure.tolerance,
        polarity=measure.polarity,
        benchmark=benchmark,
        benchmark_label=label,
        chart_id=f"measure-{measure.pk}-small",
    )


def brag_of_dashboard(dashboard, *, chart_id: str = "brag-chart") -> Chart:
    """BRAG by theme from a dashboard selector's result (its themes' and overall rating counts)."""

    def counts(row) -> dict:
        return {c.rating: c.count for c in row.counts}

    return brag_by_theme(
        rows=[(row.label, counts(row)) for row in dashboard.themes],
        overall=counts(dashboard.overall),
        chart_id=chart_id,
    )


def plan_charts(*, dashboard, history, measures) -> dict:
    """The dashboard's charts from its selectors' results: BRAG by theme, red and overdue history, each measure."""
    return {
        "brag": brag_of_dashboard(dashboard),
        "history": history_chart(points=history.points, since=history.since, since_counts=history.since_counts),
        "measures": [measure_small_multiple(m) for m in measures],
    }
