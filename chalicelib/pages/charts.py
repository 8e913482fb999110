"""Inline SVG charts for the monitoring pages (no scripts, no external assets): ranking bars and a
12-month trend line, each with a text title for screen readers and print."""

from __future__ import annotations

from markupsafe import Markup, escape

ROW, LABEL, PAD = 18, 150, 56


def bars(title: str, items: list[tuple[str, float | None, bool]], width: int = 640) -> Markup:
    """Horizontal bars on a 0-100 scale; the highlighted item (e.g. the viewer's district) stands out."""
    span = width - LABEL - PAD
    height = ROW * len(items) + 8
    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i, (label, value, mark) in enumerate(items):
        y = 4 + i * ROW
        w = 0 if value is None else max(1.0, span * max(0.0, min(value, 100.0)) / 100)
        colour = "#e67e00" if mark else "#00457c"
        text = "—" if value is None else f"{value:.2f}"
        out.append(
            f'<text x="{LABEL - 6}" y="{y + 12}" text-anchor="end" font-size="11">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 2}" width="{w:.1f}" height="{ROW - 5}" fill="{colour}"/>'
            f'<text x="{LABEL + w + 4:.1f}" y="{y + 12}" font-size="11">{text}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def trend(title: str, points: list[tuple[str, float | None]], width: int = 640, height: int = 200) -> Markup:
    """A line over the months (0-100 scale); months without a score leave a gap."""
    left, right, top, bottom = 36, 12, 12, 28
    step = (width - left - right) / max(1, len(points) - 1)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - max(0.0, min(v, 100.0)) / 100)

    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for v in (0, 50, 100):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ccc"/>'
            f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="10">{v}</text>'
        )
    run: list[str] = []
    for i, (label, value) in enumerate(points):
        x = left + i * step
        out.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" font-size="10">{escape(label)}</text>')
        if value is None:
            if len(run) > 1:
                out.append(f'<polyline fill="none" stroke="#00457c" stroke-width="2" points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x:.1f},{y(value):.1f}")
        out.append(
            f'<circle cx="{x:.1f}" cy="{y(value):.1f}" r="3" fill="#e67e00"><title>{escape(label)}: '
            f"{value:.2f}</title></circle>"
        )
    if len(run) > 1:
        out.append(f'<polyline fill="none" stroke="#00457c" stroke-width="2" points="{" ".join(run)}"/>')
    out.append("</svg>")
    return Markup("".join(out))
