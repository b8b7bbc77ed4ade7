"""Faker's date providers count from the machine's clock ("a date this
year", "a time this month"), so the generated texts, and the figures of
`make eval`, changed from one run to the next. `frozen()` fixes that clock
while samples are generated."""

from __future__ import annotations

import contextlib
import datetime as dt

import faker.providers.date_time as provider

FIXED = dt.datetime(2026, 1, 15, 12, 0, 0)


class _Real(type):
    # Values made by the real classes still pass faker's isinstance checks.
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])


class _Clock(dt.datetime, metaclass=_Real):
    @classmethod
    def now(cls, tz=None):
        return FIXED if tz is None else FIXED.replace(tzinfo=dt.timezone.utc).astimezone(tz)


class _Day(dt.date, metaclass=_Real):
    @classmethod
    def today(cls):
        return FIXED.date()


@contextlib.contextmanager
def frozen():
    saved = provider.datetime, provider.dtdate
    provider.datetime, provider.dtdate = _Clock, _Day
    try:
        yield
    finally:
        provider.datetime, provider.dtdate = saved
