"""Charts drawn on the server as SVG: readable without JavaScript, within the inbox's CSP (no
style attributes: SVG presentation attributes only), and labelled for screen readers. Each
chart on a page has its numbers in a table beside it. Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

COLOURS = ("#2d5a8c", "#b54708", "#067647", "#5925dc")  # 4.5:1 and better on white
INK = "#1c2430"
LABEL_WIDTH = 190
ROW = 22  # px per bar
GAP = 10  # px between groups


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{INK}" font-size="12" '
        f'text-anchor="{anchor}" dominant-baseline="middle">{escape(text)}</text>'
    )


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[str] = ("",),
    width: int = 560,
    unit: str = "",
) -> Markup:
    """Horizontal bars: one group per row, one bar per series (a legend when more than one).
    ``rows`` are ``(label, values)``; values are drawn to one scale, their numbers at the bar's
    end."""
    top = 22 if len(series) > 1 else 4
    group = ROW * len(series) + GAP
    height = top + max(len(rows), 1) * group
    peak = max([value for _, values in rows for value in values] + [1])
    room = width - LABEL_WIDTH - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    if len(series) > 1:
        x = LABEL_WIDTH
        for i, name in enumerate(series):
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"></rect>'
            )
            parts.append(_text(x + 16, 10, name))
            x += 24 + 8 * len(name)
    if not rows:
        parts.append(_text(LABEL_WIDTH, top + ROW / 2, "No data in this period"))
    for r, (label, values) in enumerate(rows):
        y0 = top + r * group
        parts.append(_text(LABEL_WIDTH - 8, y0 + ROW * len(series) / 2, label, "end"))
        for i, value in enumerate(values):
            y = y0 + i * ROW
            length = max(room * float(value) / peak, 0)
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" '
                f'height="{ROW - 6}" fill="{colour}"></rect>'
            )
            shown = f"{value:g}{unit}"
            parts.append(_text(LABEL_WIDTH + length + 6, y + ROW / 2, shown))
    parts.append("</svg>")
    return Markup("".join(parts))
