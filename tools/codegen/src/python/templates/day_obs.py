"""day_obs: the observing day as an integer YYYYMMDD.

It is the UTC calendar date of the instant 12 hours earlier, so one Chilean night has
one day_obs and the day rolls over at 12:00 UTC (RubinTV's ``get_current_day_obs``).
``parse_day_obs`` returns a :class:`~ra_contract.result.Result`; the formatters and the
arithmetic take values that already are day_obs and raise ``ValueError`` otherwise.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Final

from ._js import is_integer, is_number, js_number, js_typeof
from .result import Result, fail, issue, ok

# codegen: CONSTANTS

EXPECTED: Final = (
    'YYYYMMDD (number or string) or YYYY-MM-DD, a real calendar date from 1970-01-01 to 2999-12-31'
)

_COMPACT: Final = re.compile(r'[0-9]{8}')
_ISO: Final = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})')
_EPOCH: Final = date(1970, 1, 1).toordinal()


def is_leap_year(year: int) -> bool:
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def days_in_month(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (month 1..12)."""
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _problem(n: float) -> str | None:
    """Why ``n`` is not a day_obs, or None when it is one."""
    if not is_integer(n):
        return f'dayObs must be an integer YYYYMMDD; got {js_number(n)}'
    if n < DAY_OBS_MIN or n > DAY_OBS_MAX:
        return f'dayObs must be between {DAY_OBS_MIN} and {DAY_OBS_MAX}; got {js_number(n)}'
    n = int(n)
    year, month, day = n // 10_000, n // 100 % 100, n % 100
    if month < 1 or month > 12:
        return f'dayObs {n} is not a calendar date: month must be 01..12; got {month:02d}'
    last = days_in_month(year, month)
    if day < 1 or day > last:
        return f'dayObs {n} is not a calendar date: {year}-{month:02d} has days 01..{last}; got {day:02d}'
    return None


def is_day_obs(value: object) -> bool:
    """True for an integer YYYYMMDD that is a real date in 1970..2999."""
    return is_number(value) and _problem(value) is None  # type: ignore[arg-type]


def parse_day_obs(value: object, path: str = '') -> Result[int]:
    """A day_obs from a number (20251203) or a string ('20251203' or '2025-12-03')."""
    if is_number(value):
        n: float = value  # type: ignore[assignment]
    elif isinstance(value, str):
        iso = _ISO.fullmatch(value)
        if _COMPACT.fullmatch(value):
            n = int(value)
        elif iso:
            n = int(''.join(iso.groups()))
        else:
            return fail(issue(path, f"dayObs must be YYYYMMDD or YYYY-MM-DD; got '{value}'", EXPECTED, value))
    else:
        message = f'dayObs must be a number or a string; got {js_typeof(value)}'
        return fail(issue(path, message, EXPECTED, value))
    problem = _problem(n)
    return ok(int(n)) if problem is None else fail(issue(path, problem, EXPECTED, value))


def _check(day_obs: int) -> int:
    problem = _problem(day_obs) if is_number(day_obs) else f'dayObs must be a number; got {day_obs!r}'
    if problem is not None:
        raise ValueError(problem)
    return int(day_obs)


def _date(day_obs: int) -> date:
    n = _check(day_obs)
    return date(n // 10_000, n // 100 % 100, n % 100)


def format_day_obs(day_obs: int) -> str:
    """20251203 -> '2025-12-03' (the form used in S3 keys and RubinTV URLs)."""
    return _date(day_obs).isoformat()


def day_obs_to_epoch_day(day_obs: int) -> int:
    """Days since 1970-01-01."""
    return _date(day_obs).toordinal() - _EPOCH


def epoch_day_to_day_obs(epoch_day: int) -> int:
    """Inverse of :func:`day_obs_to_epoch_day`; raises ``ValueError`` outside 1970..2999."""
    if not is_integer(epoch_day):
        raise ValueError(f'epoch day must be an integer; got {epoch_day!r}')
    try:
        d = date.fromordinal(_EPOCH + int(epoch_day))
    except (OverflowError, ValueError) as error:
        raise ValueError(f'epoch day {epoch_day} is outside the calendar') from error
    return _check(d.year * 10_000 + d.month * 100 + d.day)


def day_obs_of(instant: datetime) -> int:
    """The day_obs an instant belongs to: the UTC date of (instant - 12 h). Naive datetimes are refused."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError('day_obs_of needs a timezone-aware datetime (e.g. datetime.now(timezone.utc))')
    shifted = instant.astimezone(timezone.utc) - timedelta(hours=DAY_OBS_ROLLOVER_HOURS)
    return _check(shifted.year * 10_000 + shifted.month * 100 + shifted.day)


def current_day_obs() -> int:
    """The day_obs now."""
    return day_obs_of(datetime.now(timezone.utc))


def day_obs_start(day_obs: int) -> datetime:
    """First instant of a day_obs: 12:00 UTC on its date."""
    d = _date(day_obs)
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc) + timedelta(hours=DAY_OBS_ROLLOVER_HOURS)


def day_obs_end(day_obs: int) -> datetime:
    """First instant after a day_obs (exclusive end): 12:00 UTC on the next date."""
    return day_obs_start(day_obs) + timedelta(days=1)


def next_day_obs(day_obs: int) -> int:
    return epoch_day_to_day_obs(day_obs_to_epoch_day(day_obs) + 1)


def previous_day_obs(day_obs: int) -> int:
    return epoch_day_to_day_obs(day_obs_to_epoch_day(day_obs) - 1)


def day_obs_range(first: int, last: int) -> list[int]:
    """Every day_obs from ``first`` to ``last`` inclusive (empty when last < first)."""
    start, stop = day_obs_to_epoch_day(first), day_obs_to_epoch_day(last)
    return [epoch_day_to_day_obs(d) for d in range(start, stop + 1)]
