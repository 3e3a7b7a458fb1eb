"""The dashboard's charts: plain SVG drawn on the server (quizzes.insight.charts)."""

import datetime as dt

from quizzes.insight import charts

TODAY = dt.date(2026, 11, 30)


def test_the_forecast_has_one_bar_per_day_each_titled_with_its_count():
    forecast = [(TODAY + dt.timedelta(days=n), n % 3) for n in range(30)]

    svg = charts.forecast_chart(forecast)

    assert svg.count('<rect class="chart-bar"') == 30
    assert "<title>1 Dec: 1 card</title>" in svg and "<title>2 Dec: 2 cards</title>" in svg
    assert 'aria-label="Cards due over the next 30 days: 30 in all."' in svg
    assert ">30 Nov</text>" in svg and ">7 Dec</text>" in svg  # a date under every seventh day


def test_the_retention_line_skips_days_without_reviews():
    by_day = [(TODAY - dt.timedelta(days=2), 4, 3), (TODAY, 1, 1)]

    svg = charts.retention_chart(by_day, TODAY)

    assert svg.count('<circle class="chart-dot"') == 2
    assert "<title>28 Nov: 75% of 4 first reviews</title>" in svg
    assert "between 75% and 100%" in svg and "No reviews yet" not in svg


def test_without_reviews_the_retention_chart_says_so_and_draws_no_line():
    svg = charts.retention_chart([], TODAY)

    assert "No reviews yet" in svg and "chart-line" not in svg
    assert "measured on 0 days." in svg


def test_the_year_grid_names_days_and_months_in_english():
    svg = charts.year_heatmap({TODAY: 3, TODAY - dt.timedelta(days=1): 1}, TODAY)

    assert svg.count("<rect ") == 365
    assert "<title>Mon 30 Nov 2026: 3 reviews</title>" in svg
    assert "<title>Sun 29 Nov 2026: 1 review</title>" in svg
    assert ">Nov</text>" in svg and "4 reviews on 2 days" in svg
