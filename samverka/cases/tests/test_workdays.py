"""Answer deadlines count Swedish working days: no weekends, no public holidays, and not
midsommarafton, julafton or nyårsafton either."""

from datetime import date

import pytest

from samverka.cases.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("start, days, expected", [
    (date(2026, 5, 4), 5, date(2026, 5, 11)),     # an ordinary week
    (date(2026, 5, 8), 1, date(2026, 5, 11)),     # Friday → Monday
    (date(2026, 5, 9), 1, date(2026, 5, 11)),     # sent on a Saturday
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    (date(2026, 4, 2), 5, date(2026, 4, 13)),     # Maundy Thursday
    (date(2026, 4, 2), 1, date(2026, 4, 7)),
    (date(2026, 3, 31), 5, date(2026, 4, 9)),
    # Ascension Day 14 May 2026.
    (date(2026, 5, 13), 1, date(2026, 5, 15)),
    # Midsummer 2026: midsommarafton Friday 19 June, midsommardagen Saturday 20 June.
    (date(2026, 6, 18), 1, date(2026, 6, 22)),
    (date(2026, 6, 18), 5, date(2026, 6, 26)),
    (date(2027, 6, 24), 1, date(2027, 6, 28)),    # 2027: midsommarafton is 25 June
    # National Day on a Saturday (2026) changes nothing.
    (date(2026, 6, 5), 1, date(2026, 6, 8)),
    # Christmas and New Year: julafton, juldagen, annandag jul, nyårsafton, nyårsdagen, trettondedag jul.
    (date(2026, 12, 22), 5, date(2027, 1, 4)),
    (date(2026, 12, 23), 1, date(2026, 12, 28)),
    (date(2027, 12, 30), 1, date(2028, 1, 3)),
    (date(2027, 1, 5), 1, date(2027, 1, 7)),
    (date(2026, 5, 4), 0, date(2026, 5, 4)),
])
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize("day", [
    date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14), date(2026, 6, 19),
    date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 31), date(2027, 1, 1),
    date(2027, 1, 6), date(2026, 11, 28), date(2026, 11, 29),
])
def test_days_off(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 2), date(2026, 4, 7), date(2026, 6, 18), date(2026, 12, 23),
                                 date(2026, 12, 30), date(2026, 4, 30)])
def test_working_days_before_holidays_are_working_days(day):
    assert is_working_day(day)


def test_working_days_between():
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 13)) == 5
    assert working_days_between(date(2026, 4, 13), date(2026, 4, 2)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 5, 4), -1)
