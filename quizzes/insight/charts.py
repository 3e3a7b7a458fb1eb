"""Charts drawn on the server as SVG, readable without JavaScript and printable.

Bar and line charts come from pygal. pygal has no calendar heat map, so the
year of daily reviews is a small SVG grid written here (one <rect> per day
with a <title> for its count); the class heat map of lessons x weeks is an
HTML table instead (see ``heat_colour``), because its row labels are long
lesson titles that SVG text cannot wrap, and a table is what a screen reader
and a printer handle best.

pygal puts a configuration <script> inside every chart for its optional
tooltips; our Content Security Policy forbids inline scripts, so it is taken
out of the tree before the SVG is serialised (the charts need no script).
"""

from __future__ import annotations

import datetime as dt
import math
from xml.etree import ElementTree

import pygal
import pygal.etree
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

# pygal builds its trees with lxml whenever lxml is installed (the article readers need it);
# these charts are serialised with the standard library's ElementTree, so pygal must use it too.
pygal.etree.etree.to_etree()

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd", "#198754"),
    font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    title_font_size=16,
    tooltip_font_size=13,
    no_data_font_size=16,  # pygal's default (64) fills the plot with its message
)
# Reviews per day, GitHub-style greens; level 0 is "none".
HEAT_LEVELS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")


def short_date(day: dt.date) -> str:
    """ "7 Nov": day of the month without padding, on any platform."""
    return f"{day.day} {day:%b}"


def _svg(chart: pygal.graph.graph.Graph, label: str) -> SafeString:
    """Serialise a pygal chart without its script, labelled for assistive technology."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    tree.set("role", "img")
    tree.set("aria-label", label)
    tree.set("class", (tree.get("class") or "") + " chart-svg")
    # The tree escapes every text node and attribute on output (our labels are dates and numbers).
    return mark_safe(ElementTree.tostring(tree, encoding="unicode"))


def count_ticks(peak: int, most: int = 6) -> list[int]:
    """Whole-number y-axis labels from 0 up to at least `peak`, at most `most` of them (0, 1 when empty)."""
    raw = max(peak, 1) / (most - 1)
    magnitude = 10 ** max(0, math.floor(math.log10(raw)))
    # the smallest round step (1, 2, 5, 10, 20, 50...) that needs at most `most` labels
    step = next(n * magnitude for n in (1, 2, 5, 10) if n * magnitude >= raw)
    top = max(step, math.ceil(peak / step) * step)
    return list(range(0, top + 1, step))


def forecast_chart(forecast: list[tuple[dt.date, int]]) -> SafeString:
    """Bar chart of cards due on each of the next 30 days (overdue cards count on the first)."""
    ticks = count_ticks(max((n for _, n in forecast), default=0))
    chart = pygal.Bar(
        js=[],
        style=STYLE,
        width=600,
        height=250,
        show_legend=False,
        show_minor_x_labels=False,
        x_labels_major_every=7,
        truncate_label=-1,
        print_values=False,
        margin=12,
        range=(0, ticks[-1]),
        y_labels=ticks,  # cards are whole: no 0.2, 0.4... when few or none are due
        value_formatter=lambda value: f"{value:.0f}",
        no_data_text="No cards yet",
    )
    chart.x_labels = [short_date(day) for day, _ in forecast]
    chart.add("Cards due", [n for _, n in forecast])
    total = sum(n for _, n in forecast)
    return _svg(chart, f"Cards due over the next {len(forecast)} days: {total} in all.")


def retention_chart(by_day: list[tuple[dt.date, int, int]], today: dt.date, days: int = 30) -> SafeString:
    """Daily true retention (percent) over the last `days` days; days without reviews are skipped."""
    counts = {day: (n, passed) for day, n, passed in by_day}
    span = [today - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    values = [None if day not in counts else round(100 * counts[day][1] / counts[day][0], 1) for day in span]
    measured = [value for value in values if value is not None]
    chart = pygal.Line(
        js=[],
        style=STYLE,
        width=600,
        height=250,
        show_legend=False,
        range=(0, 100),
        show_minor_x_labels=False,
        x_labels_major_every=7,
        truncate_label=-1,
        y_labels=[0, 25, 50, 75, 100],
        dots_size=3,
        margin=12,
        no_data_text="No reviews yet",
        show_y_guides=bool(measured),  # a guide line would strike through the message
        value_formatter=lambda value: f"{value:.0f}%",
    )
    chart.x_labels = [short_date(day) for day in span]
    chart.add("Retention", values)
    summary = f"Daily retention over the last {days} days, measured on {len(measured)} days"
    return _svg(
        chart, summary + (f", between {min(measured):.0f}% and {max(measured):.0f}%." if measured else ".")
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
                    cell,
                    cell,
                    HEAT_LEVELS[heat_level(count, peak)],
                    f"{day:%a} {short_date(day)} {day.year}: {count} {noun}",
                )
            )
            if day.day == 1:
                months.append((left + week * (cell + gap), top - 5, f"{day:%b}"))
    total, active = sum(heatmap.values()), sum(1 for n in heatmap.values() if n)
    label = f"Reviews per day over the last year: {total} reviews on {active} days."
    body = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"><title>{}</title></rect>',
        rects,
    )
    month_labels = format_html_join("", '<text x="{}" y="{}" class="heat-label">{}</text>', months)
    day_labels = format_html_join(
        "",
        '<text x="0" y="{}" class="heat-label">{}</text>',
        [(top + row * (cell + gap) + cell - 2, name) for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))],
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="heat-year" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}">{}{}{}</svg>',
        width,
        height,
        label,
        month_labels,
        day_labels,
        body,
    )


def heat_colour(accuracy: float | None) -> str:
    """A cell background for class accuracy: red (0%) through amber to green (100%), light enough for dark text."""
    if accuracy is None:
        return "transparent"
    hue = round(120 * max(0.0, min(1.0, accuracy)))
    return f"hsl({hue} 70% 80%)"
