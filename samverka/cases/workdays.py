"""Working days in Sweden: Monday to Friday, except the public holidays (from the `holidays`
package) and the three eves that are days off in practice: midsommarafton, julafton and
nyårsafton. Answer deadlines count these days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _days_off(year: int) -> frozenset[date]:
    days = set(holidays.Sweden(years=year, include_sundays=False).keys())
    # Midsommarafton is the Friday between 19 and 25 June.
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    days |= {midsummer_eve, date(year, 12, 24), date(year, 12, 31)}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _days_off(day.year)


def add_working_days(start: date, count: int) -> date:
    """The `count`th working day after `start` (the start day itself is not counted, so a
    message that arrives on a Saturday or a holiday is not at a disadvantage)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days come after `start` up to and including `end` (0 if end <= start)."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            n += 1
    return n
