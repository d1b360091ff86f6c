"""A small line chart of an indicator's values as inline SVG, built from escaped pieces (no JavaScript)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 480, 200, 48, 16, 16, 40


def _label(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def line_chart(points: list[tuple[str, float | None]], *, title: str, target: float | None = None) -> Markup:
    """An SVG chart of (label, value) points; points without a value are skipped. The table beside it is the text."""
    shown = [(label, value) for label, value in points if value is not None]
    if not shown:
        return Markup("")
    values = [v for _, v in shown] + ([target] if target is not None else [])
    low, high = min(values + [0.0]), max(values)
    if high == low:
        high = low + 1
    span_x = WIDTH - PAD_LEFT - PAD_RIGHT
    span_y = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(index: int) -> float:
        return PAD_LEFT + (span_x / 2 if len(shown) == 1 else span_x * index / (len(shown) - 1))

    def y(value: float) -> float:
        return PAD_TOP + span_y * (1 - (value - low) / (high - low))

    parts = [Markup('<svg class="indicator-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title" '
                    'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{t}</title>').format(
        w=WIDTH, h=HEIGHT, t=title)]
    base = y(low)
    parts.append(Markup('<line class="axis" x1="{a}" y1="{b}" x2="{c}" y2="{b}"/>').format(
        a=PAD_LEFT, b=f"{base:.1f}", c=WIDTH - PAD_RIGHT))
    for value in (low, high):
        parts.append(Markup('<text class="tick" x="{x}" y="{y}" text-anchor="end">{v}</text>').format(
            x=PAD_LEFT - 6, y=f"{y(value) + 4:.1f}", v=_label(value)))
    if target is not None:
        parts.append(Markup('<line class="target" x1="{a}" y1="{b}" x2="{c}" y2="{b}"/>'
                            '<text class="tick" x="{c}" y="{t}" text-anchor="end">target {v}</text>').format(
            a=PAD_LEFT, b=f"{y(target):.1f}", c=WIDTH - PAD_RIGHT, t=f"{y(target) - 4:.1f}", v=_label(target)))
    coordinates = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(shown))
    parts.append(Markup('<polyline class="series" points="{p}"/>').format(p=coordinates))
    for index, (label, value) in enumerate(shown):
        parts.append(Markup('<circle class="point" cx="{x}" cy="{y}" r="4"><title>{l}: {v}</title></circle>'
                            '<text class="tick" x="{x}" y="{ly}" text-anchor="middle">{l}</text>').format(
            x=f"{x(index):.1f}", y=f"{y(value):.1f}", l=escape(label), v=_label(value), ly=HEIGHT - PAD_BOTTOM + 18))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
