"""Bar charts drawn on the server as SVG: no JavaScript, no CDN, allowed by the CSP, and the
same picture embeds in the PDF. Colours are presentation attributes (not ``style``)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ("#0d6efd", "#fd7e14", "#198754", "#6f42c1")
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
LABEL_CHARS = 40


@dataclass(frozen=True)
class Series:
    name: str
    values: list  # numbers or None, one per category


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        value = float(value)
    text = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",")


LINE_HEIGHT = 14


def _lines(label: str) -> list[str]:
    """The label wrapped at spaces into lines of at most ``LABEL_CHARS`` characters: a long
    indicator's name is printed whole, never cut with «…» (a word longer than a line stands on
    its own line)."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > LABEL_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines or [""]


def _label(x: float, middle: float, label: str) -> str:
    """A category's label, right-aligned at ``x`` and centred on ``middle`` however many lines
    it takes (a <tspan> per line)."""
    lines = _lines(label)
    first = middle + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{x}" y="{first + number * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return (
        f'<text font-size="12" text-anchor="end" {FONT}><title>{escape(label)}</title>'
        f"{spans}</text>"
    )


def _legend(series: list[Series], y: float, x: float = 10) -> list[str]:
    parts = []
    if len(series) < 2:
        return parts
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 18}" y="{y + 10}" font-size="12" {FONT}>{escape(item.name)}</text>'
        )
        x += 30 + 8 * len(item.name)
    return parts


def hbar_chart(
    categories: list[str], series: list[Series], *, title: str, unit: str = "", max_value=None
) -> str:
    """Horizontal bars: one row per category, one bar per series in it; a long category's
    label wraps onto as many lines as it needs and its row grows to hold them."""
    width, label_width, right = 720, 300, 70
    bar, gap = 16, 12
    bars = bar * len(series)
    groups = [max(bars, len(_lines(category)) * LINE_HEIGHT) + gap for category in categories]
    legend = 24 if len(series) > 1 else 0
    height = 34 + legend + sum(groups) + 6
    numbers = [float(v) for s in series for v in s.values if v is not None]
    top = float(max_value) if max_value is not None else max(numbers, default=0) or 1
    plot = width - label_width - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="monitoring-chart">',
        f'<text x="10" y="20" font-size="15" font-weight="bold" {FONT}>{escape(title)}</text>',
        *_legend(series, 30),
    ]
    y = 34 + legend
    for row, category in enumerate(categories):
        group = groups[row]
        parts.append(_label(label_width - 8, y + (group - gap) / 2, category))
        # The bars are centred on the label's lines.
        top_of_bars = y + (group - gap - bars) / 2
        for index, item in enumerate(series):
            value = item.values[row]
            length = 0 if value is None else max(plot * float(value) / top, 0)
            colour = PALETTE[index % len(PALETTE)]
            bar_y = top_of_bars + index * bar
            parts.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{colour}"><title>{escape(item.name)}: {_number(value)} {escape(unit)}'
                "</title></rect>"
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{bar_y + bar - 5}" font-size="11" '
                f"{FONT}>{_number(value)}{' ' + escape(unit) if unit and value is not None else ''}"
                "</text>"
            )
        y += group
    parts.append(
        f'<line x1="{label_width}" y1="{34 + legend}" x2="{label_width}" y2="{y - gap / 2}" '
        'stroke="#6c757d" stroke-width="1"/>'
    )
    parts.append("</svg>")
    # Safe: every text interpolated above went through escape(); the rest are numbers.
    return mark_safe("".join(parts))  # nosec B308 B703


def column_chart(categories: list[str], series: list[Series], *, title: str, unit: str = "") -> str:
    """Vertical columns: a category per group along the bottom (e.g. the marks 1 to 10)."""
    width, height, left, bottom, top_margin = 720, 260, 40, 30, 40
    legend = 24 if len(series) > 1 else 0
    plot_height = height - bottom - top_margin - legend
    numbers = [float(v) for s in series for v in s.values if v is not None]
    top = max(numbers, default=0) or 1
    group = (width - left - 10) / max(len(categories), 1)
    bar = min(28, (group - 8) / max(len(series), 1))
    base = height - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="monitoring-chart">',
        f'<text x="10" y="20" font-size="15" font-weight="bold" {FONT}>{escape(title)}</text>',
        *_legend(series, 30),
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#6c757d"/>',
    ]
    for column, category in enumerate(categories):
        x0 = left + column * group + (group - bar * len(series)) / 2
        for index, item in enumerate(series):
            value = item.values[column] or 0
            bar_height = plot_height * float(value) / top
            x = x0 + index * bar
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{base - bar_height:.1f}" width="{bar - 2:.1f}" '
                f'height="{bar_height:.1f}" fill="{colour}"><title>{escape(item.name)}, '
                f"{escape(category)}: {_number(value)} {escape(unit)}</title></rect>"
            )
            if value:
                parts.append(
                    f'<text x="{x + (bar - 2) / 2:.1f}" y="{base - bar_height - 3:.1f}" '
                    f'font-size="10" text-anchor="middle" {FONT}>{_number(value)}</text>'
                )
        parts.append(
            f'<text x="{left + column * group + group / 2:.1f}" y="{base + 16}" font-size="12" '
            f'text-anchor="middle" {FONT}>{escape(category)}</text>'
        )
    parts.append("</svg>")
    # Safe: every text interpolated above went through escape(); the rest are numbers.
    return mark_safe("".join(parts))  # nosec B308 B703
