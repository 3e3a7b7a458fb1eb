"""Charts drawn on the server as SVG, readable without JavaScript and printable.

Written here as plain SVG: a bar chart (cards due), a line chart (retention) and
the year of daily reviews as a calendar grid (one <rect> per day with a <title>
for its count). Every value drawn is a number or a date formatted here, so the
markup needs no escaping but the labels' (``escape``). pygal drew the
first two until Nov 2026: it took longer to lay out two small charts than the
rest of the dashboard took altogether (see the README's performance section).
The class heat map of lessons x weeks is an HTML table instead (see
``heat_colour``), because its row labels are long lesson titles that SVG text
cannot wrap, and a table is what a screen reader and a printer handle best.

Colours and fonts come from the page's stylesheet (``chart-*`` classes in
templates/quizzes/reports/_styles.html).
"""

from __future__ import annotations

import datetime as dt
import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Reviews per day, GitHub-style greens; level 0 is "none".
HEAT_LEVELS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")

# The plot area of the bar and line charts, in SVG units (the chart scales to its column).
WIDTH, HEIGHT = 600, 250
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 30
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
LABEL_EVERY = 7  # days between date labels


# English names, as the pages are written: strftime's %a and %b cost more than the rest of a
# year's grid of 365 days put together.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def short_date(day: dt.date) -> str:
    """ "7 Nov": day of the month without padding, on any platform."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def count_ticks(peak: int, most: int = 6) -> list[int]:
    """Whole-number y-axis labels from 0 up to at least `peak`, at most `most` of them (0, 1 when empty)."""
    raw = max(peak, 1) / (most - 1)
    magnitude = 10 ** max(0, math.floor(math.log10(raw)))
    # the smallest round step (1, 2, 5, 10, 20, 50...) that needs at most `most` labels
    step = next(n * magnitude for n in (1, 2, 5, 10) if n * magnitude >= raw)
    top = max(step, math.ceil(peak / step) * step)
    return list(range(0, top + 1, step))


def _chart(label: str, ticks: list[int], unit: str, days: list[dt.date], body: str) -> SafeString:
    """The frame every chart shares: guides and labels on the y axis (``ticks``, the last the
    top), a date under every seventh day, and ``body`` (SVG already escaped) drawn over them."""
    top = ticks[-1] or 1
    slot = PLOT_WIDTH / len(days)
    parts = []
    for tick in ticks:
        y = TOP + PLOT_HEIGHT * (1 - tick / top)
        parts.append(
            f'<line class="chart-guide" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-label" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}{unit}</text>'
        )
    for index in range(0, len(days), LABEL_EVERY):
        x = LEFT + slot * (index + 0.5)
        parts.append(
            f'<text class="chart-label" x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
            f"{short_date(days[index])}</text>"
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">{"".join(parts)}{body}</svg>'
    )


def forecast_chart(forecast: list[tuple[dt.date, int]]) -> SafeString:
    """Bar chart of cards due on each of the next 30 days (overdue cards count on the first)."""
    ticks = count_ticks(max((n for _, n in forecast), default=0))
    slot = PLOT_WIDTH / max(len(forecast), 1)
    bars = []
    for index, (day, n) in enumerate(forecast):
        height = PLOT_HEIGHT * n / ticks[-1]
        x = LEFT + slot * index + slot * 0.15
        noun = "card" if n == 1 else "cards"
        bars.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{TOP + PLOT_HEIGHT - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}"><title>{short_date(day)}: {n} {noun}</title></rect>'
        )
    total = sum(n for _, n in forecast)
    label = f"Cards due over the next {len(forecast)} days: {total} in all."
    return _chart(label, ticks, "", [day for day, _ in forecast], "".join(bars))


def retention_chart(by_day: list[tuple[dt.date, int, int]], today: dt.date, days: int = 30) -> SafeString:
    """Daily true retention (percent) over the last `days` days; days without reviews are skipped."""
    counts = {day: (n, passed) for day, n, passed in by_day}
    span = [today - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    slot = PLOT_WIDTH / days
    measured = [  # (index, day, first reviews, retention %)
        (index, day, counts[day][0], round(100 * counts[day][1] / counts[day][0], 1))
        for index, day in enumerate(span)
        if day in counts
    ]
    values = [value for _, _, _, value in measured]
    summary = f"Daily retention over the last {days} days, measured on {len(measured)} days"
    label = summary + (f", between {min(values):.0f}% and {max(values):.0f}%." if values else ".")
    if not measured:
        body = (
            f'<text class="chart-empty" x="{LEFT + PLOT_WIDTH / 2:.1f}" y="{TOP + PLOT_HEIGHT / 2:.1f}" '
            'text-anchor="middle">No reviews yet</text>'
        )
        return _chart(label, [0, 25, 50, 75, 100], "%", span, body)
    points = [
        (LEFT + slot * (index + 0.5), TOP + PLOT_HEIGHT * (1 - value / 100), day, n, value)
        for index, day, n, value in measured
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in points)
    dots = "".join(
        f'<circle class="chart-dot" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{short_date(day)}: '
        f"{value:.0f}% of {n} first review{'' if n == 1 else 's'}</title></circle>"
        for x, y, day, n, value in points
    )
    return _chart(
        label, [0, 25, 50, 75, 100], "%", span, f'<polyline class="chart-line" points="{line}"/>{dots}'
    )


def heat_level(count: int, peak: int) -> int:
    """0 for no reviews, else 1-4 by quarter of the busiest day."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // peak)


def year_heatmap(heatmap: dict[dt.date, int], today: dt.date, days: int = 365) -> SafeString:
    """A calendar grid of reviews per day over the last year: weeks as columns, Monday on top."""
    cell, gap, left, top = 11, 2, 28, 16
    first = today - dt.timedelta(days=days - 1)
    start = first - dt.timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (today - start).days // 7 + 1
    peak = max(heatmap.values(), default=0)
    width, height = left + weeks * (cell + gap), top + 7 * (cell + gap)
    rects, months = [], []
    for week in range(weeks):
        for weekday in range(7):
            day = start + dt.timedelta(days=week * 7 + weekday)
            if day < first or day > today:
                continue
            count = heatmap.get(day, 0)
            noun = "review" if count == 1 else "reviews"
            rects.append(
                (
                    left + week * (cell + gap),
                    top + weekday * (cell + gap),
                    HEAT_LEVELS[heat_level(count, peak)],
                    f"{WEEKDAYS[day.weekday()]} {short_date(day)} {day.year}: {count} {noun}",
                )
            )
            if day.day == 1:
                months.append((left + week * (cell + gap), top - 5, MONTHS[day.month - 1]))
    total, active = sum(heatmap.values()), sum(1 for n in heatmap.values() if n)
    label = f"Reviews per day over the last year: {total} reviews on {active} days."
    # Numbers, dates and our own colours only: nothing here needs escaping.
    body = "".join(
        f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2" fill="{fill}"><title>{title}</title></rect>'
        for x, y, fill, title in rects
    )
    month_labels = "".join(f'<text x="{x}" y="{y}" class="heat-label">{name}</text>' for x, y, name in months)
    day_labels = "".join(
        f'<text x="0" y="{top + row * (cell + gap) + cell - 2}" class="heat-label">{name}</text>'
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
    )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heat-year" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{label}">{month_labels}{day_labels}{body}</svg>'
    )


def heat_colour(accuracy: float | None) -> str:
    """A cell background for class accuracy: red (0%) through amber to green (100%), light enough for dark text."""
    if accuracy is None:
        return "transparent"
    hue = round(120 * max(0.0, min(1.0, accuracy)))
    return f"hsl({hue} 70% 80%)"
