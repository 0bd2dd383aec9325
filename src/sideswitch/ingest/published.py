"""Publication dates, whatever their spelling, as ISO ``YYYY-MM-DD`` (or None).

The date is the one written in the source's own time zone: an article stamped
``2012-07-24T23:30:00-05:00`` was published on the 24th where it was written,
and relative phrases in it ("on Monday") count from there.

>>> normalize_published("2012-07-24T23:30:00-05:00")
'2012-07-24'
>>> normalize_published("Tue, 24 Jul 2012 08:15:00 GMT")
'2012-07-24'
>>> normalize_published("24 de julio de 2012")
'2012-07-24'
>>> normalize_published("July 2012") is None   # no day: not a publication date
True
>>> normalize_published(1343088000)             # Unix seconds
'2012-07-24'
>>> normalize_published("03/04/2012"), normalize_published("03/04/2012", dayfirst=True)
('2012-03-04', '2012-04-03')
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

__all__ = ["normalize_published", "MIN_YEAR", "MAX_YEAR"]

# Dates outside this range are typos or placeholders (0001-01-01, 9999-12-31);
# they are dropped, and the raw value is kept in the document's metadata.
MIN_YEAR, MAX_YEAR = 1900, 2100
# Numbers this large are Unix milliseconds rather than seconds.
_MILLIS_FROM = 10**11

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_SPANISH_MONTHS = {
    "enero": "January",
    "febrero": "February",
    "marzo": "March",
    "abril": "April",
    "mayo": "May",
    "junio": "June",
    "julio": "July",
    "agosto": "August",
    "septiembre": "September",
    "setiembre": "September",
    "octubre": "October",
    "noviembre": "November",
    "diciembre": "December",
}
_SPANISH_WORDS = re.compile(r"\b(" + "|".join(_SPANISH_MONTHS) + r")\b", re.IGNORECASE)
# Weekday names add nothing to a full date; Spanish ones would confuse dateutil.
_SPANISH_WEEKDAYS = re.compile(r"\b(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\b,?", re.IGNORECASE)
_SPANISH_DE = re.compile(r"\bde(l)?\b", re.IGNORECASE)
# Two distinct defaults reveal which fields the string itself supplied.
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))


def normalize_published(value: object, *, dayfirst: bool = False) -> str | None:
    """``YYYY-MM-DD`` for a date-like ``value`` (str, number, date, struct_time), else None.

    Strings must name a day, month and year; anything vaguer gives None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, time.struct_time):
        return _checked(date(value.tm_year, value.tm_mon, value.tm_mday))
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    if isinstance(value, str):
        return _from_string(value, dayfirst)
    return None


def _checked(d: date) -> str | None:
    return d.isoformat() if MIN_YEAR <= d.year <= MAX_YEAR else None


def _from_epoch(value: float) -> str | None:
    seconds = value / 1000 if abs(value) >= _MILLIS_FROM else value
    try:
        return _checked(datetime.fromtimestamp(seconds, tz=UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def _from_string(text: str, dayfirst: bool) -> str | None:
    text = text.strip()
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return _checked(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    if re.fullmatch(r"\d{9,13}", text):
        return _from_epoch(int(text))
    if _SPANISH_WORDS.search(text):
        text = _SPANISH_DE.sub(" ", _SPANISH_WORDS.sub(lambda w: _SPANISH_MONTHS[w[0].lower()], text))
        text = _SPANISH_WEEKDAYS.sub(" ", text)
    from dateutil import parser

    try:
        a, b = (parser.parse(text, default=d, dayfirst=dayfirst, fuzzy=False) for d in _DEFAULTS)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if a.year != b.year or a.month != b.month or a.day != b.day:
        return None  # the string lacks a year, month or day
    return _checked(a.date())
