"""The study day: a student's day of flashcards runs from 4 a.m. to 4 a.m. in their time zone.

Pure module: no Django imports. One rule, two ways to apply it:

- :func:`day_bounds` gives the exact start and end (UTC) of the day containing a
  moment, daylight-saving changes included. The study queue and "due today"
  use it.
- :func:`day_shift` gives one fixed offset per student (their zone's UTC offset
  now, minus the rollover), so the database can group many students' reviews
  by day in one query (:func:`study_day` is the same sum in Python). The
  dashboards and the cohort report use it; around a daylight-saving change a
  review within an hour of the rollover may land on the neighbouring day, and
  every page agrees on it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

ROLLOVER = dt.timedelta(hours=4)
DAY_STARTS_AT = dt.time(4, 0)  # ROLLOVER as a time of day


def zone(name: str | None) -> dt.tzinfo:
    """The time zone called ``name`` (UTC when it is blank or unknown)."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def day_bounds(user, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start and end (UTC) of ``user``'s study day containing ``now`` (4 a.m. to 4 a.m. local)."""
    tz = zone(user.timezone)
    local = now.astimezone(tz)
    day = local.date() if local.time() >= DAY_STARTS_AT else local.date() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, DAY_STARTS_AT, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), DAY_STARTS_AT, tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def day_shift(tz_name: str, now: dt.datetime) -> dt.timedelta:
    """UTC offset of ``tz_name`` at ``now``, minus the 4 a.m. rollover."""
    return now.astimezone(zone(tz_name)).utcoffset() - ROLLOVER


def study_day(moment: dt.datetime, shift: dt.timedelta) -> dt.date:
    """The study day of an aware datetime, as the database computes it."""
    return (moment.astimezone(dt.UTC) + shift).date()


def day_start(day: dt.date, shift: dt.timedelta) -> dt.datetime:
    """The moment (UTC) the study day ``day`` begins."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) - shift
