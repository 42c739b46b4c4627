"""The committee pack's charts as PNG images, for the Word document (Pillow; the pages draw SVG in `charts.py`).

Each function returns the image and its alternative text, which says in words what the
chart shows (the numbers are also in the table beside it in the document). Colour is
never the only carrier: BRAG bars carry their counts and a shape-and-word key, a
measure's target is a dashed line labelled "Target".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from improvement import charts, rag

SCALE = 2  # pixels per layout unit: sharp when printed at 15 cm
INK = (11, 12, 12)
GRID = (177, 180, 182)
LINE = (29, 112, 184)
WHITE = (255, 255, 255)
# GOV.UK tag colours (text, fill), as on the pages and in the PDF.
RAG_COLOURS = {
    rag.RED: ((42, 11, 6), (244, 205, 198)),
    rag.AMBER: ((110, 54, 25), (252, 214, 195)),
    rag.GREEN: ((0, 90, 48), (204, 226, 216)),
    rag.BLUE: ((12, 45, 74), (187, 212, 234)),
}
RATINGS = [rag.RED, rag.AMBER, rag.GREEN, rag.BLUE]
SHAPES = {rag.RED: "square", rag.AMBER: "triangle", rag.GREEN: "circle", rag.BLUE: "diamond"}
MAX_BARS = 12  # themes drawn; the table has every one


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size * SCALE)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _shape(draw: ImageDraw.ImageDraw, rating: str, x: float, y: float, size: float) -> None:
    """The rating's shape (as in the PDF: square, triangle, circle; a diamond for blue's star)."""
    text, fill = RAG_COLOURS[rating]
    box = [x, y, x + size, y + size]
    kind = SHAPES[rating]
    if kind == "square":
        draw.rectangle(box, fill=fill, outline=text, width=SCALE)
    elif kind == "circle":
        draw.ellipse(box, fill=fill, outline=text, width=SCALE)
    elif kind == "triangle":
        draw.polygon([(x + size / 2, y), (x + size, y + size), (x, y + size)], fill=fill, outline=text, width=SCALE)
    else:
        half = size / 2
        points = [(x + half, y), (x + size, y + half), (x + half, y + size), (x, y + half)]
        draw.polygon(points, fill=fill, outline=text, width=SCALE)


def _shorten(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "\u2026", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def brag_by_theme_png(*, rows: Sequence) -> tuple[bytes, str]:
    """One stacked bar per theme (selectors.dashboards.RagRow), each part labelled with its count."""
    rows = [r for r in rows if r.total][:MAX_BARS]
    s = SCALE
    label_w, bar_w, right = 210 * s, 380 * s, 16 * s
    bar_h, gap, top, key_h = 24 * s, 10 * s, 12 * s, 36 * s
    width = label_w + bar_w + right
    height = top + max(1, len(rows)) * (bar_h + gap) + key_h
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    font, small = _font(12), _font(11)
    most = max((r.total for r in rows), default=1)
    y = top
    for row in rows:
        draw.text(
            (0, y + bar_h / 2), _shorten(draw, row.label, font, label_w - 10 * s), fill=INK, font=font, anchor="lm"
        )
        x = label_w
        for count in row.counts:
            if not count.count:
                continue
            text, fill = RAG_COLOURS[count.rating]
            part = bar_w * count.count / most
            draw.rectangle([x, y, x + part, y + bar_h], fill=fill, outline=text, width=s)
            label = str(count.count)
            if draw.textlength(label, font=small) + 4 * s < part:
                draw.text((x + part / 2, y + bar_h / 2), label, fill=text, font=small, anchor="mm")
            x += part
        draw.text((x + 4 * s, y + bar_h / 2), f"{row.total}", fill=INK, font=small, anchor="lm")
        y += bar_h + gap
    if not rows:
        draw.text((width / 2, y), "No actions", fill=INK, font=font, anchor="mm")
    x = label_w
    for rating in RATINGS:
        _shape(draw, rating, x, y + 10 * s, 14 * s)
        draw.text((x + 20 * s, y + 17 * s), rag.LABELS[rating], fill=INK, font=small, anchor="lm")
        x += 90 * s
    parts = []
    for row in rows:
        counts = ", ".join(f"{c.count} {c.label.lower()}" for c in row.counts)
        parts.append(f"{row.label}: {counts} ({row.total} in all)")
    alt = "Bar chart of actions by BRAG rating for each theme. " + ("; ".join(parts) or "No actions") + "."
    return _png(image), alt


def measure_png(
    *, points: Sequence[tuple[date, Decimal]], title: str, unit: str = "", target: Decimal | float | None = None
) -> tuple[bytes, str]:
    """A measure's values over time with its target as a dashed line; the alt text is `charts.describe`'s."""
    s = SCALE
    width, height = charts.WIDTH * s, charts.HEIGHT * s
    left, right, top, bottom = charts.LEFT * s, charts.RIGHT * s, charts.TOP * s, charts.BOTTOM * s
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    font = _font(12)
    alt = f"{title}. {charts.describe(points, unit=unit, target=target)}"
    if not points:
        draw.text((width / 2, height / 2), "No values yet", fill=INK, font=font, anchor="mm")
        return _png(image), alt
    values = [Decimal(v) for _, v in points] + ([Decimal(target)] if target is not None else [])
    low, high = charts._nice_bounds(values, unit)
    plot_w, plot_h = width - left - right, height - top - bottom
    d0, d1 = points[0][0].toordinal(), points[-1][0].toordinal()

    def x(day: date) -> float:
        return left + plot_w / 2 if d1 == d0 else left + plot_w * (day.toordinal() - d0) / (d1 - d0)

    def y(value: Decimal | float) -> float:
        return top + plot_h * float((high - Decimal(value)) / (high - low))

    for i in range(3):
        value = low + (high - low) * Decimal(i) / 2
        draw.line([(left, y(value)), (width - right, y(value))], fill=GRID, width=s)
        draw.text((left - 6 * s, y(value)), charts._with_unit(round(value, 1), unit), fill=INK, font=font, anchor="rm")
    draw.line([(left, top), (left, height - bottom), (width - right, height - bottom)], fill=INK, width=s)
    draw.text((x(points[0][0]), height - bottom + 8 * s), f"{points[0][0]:%b %Y}", fill=INK, font=font, anchor="la")
    if d1 != d0:
        draw.text(
            (x(points[-1][0]), height - bottom + 8 * s), f"{points[-1][0]:%b %Y}", fill=INK, font=font, anchor="ra"
        )
    if target is not None:
        ty = y(target)
        dash = 0
        while left + dash < width - right:
            draw.line([(left + dash, ty), (min(left + dash + 6 * s, width - right), ty)], fill=INK, width=2 * s)
            dash += 10 * s
        draw.text(
            (width - right, ty - 4 * s), f"Target {charts._with_unit(target, unit)}", fill=INK, font=font, anchor="rb"
        )
    coords = [(x(d), y(v)) for d, v in points]
    if len(coords) > 1:
        draw.line(coords, fill=LINE, width=3 * s, joint="curve")
    for cx, cy in coords:
        draw.ellipse([cx - 5 * s, cy - 5 * s, cx + 5 * s, cy + 5 * s], fill=LINE, outline=INK, width=s)
    return _png(image), alt
