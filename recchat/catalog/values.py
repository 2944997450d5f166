"""Reading field values the way catalogs write them: numbers in spreadsheets ('="9780441013593"',
'1,234'), ranges ('2-5', '3+', '1 to 4 players'), years inside dates, and lists in one cell
('a | b', 'a; b', 'A, B and C'). Each reader returns None (or nothing) for what it cannot read."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from recchat.text import YEAR, YEAR_DIGITS, is_year

_SPREADSHEET_QUOTED = re.compile(r'^="(.*)"$')  # how spreadsheets keep long numbers from rounding
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_RANGE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(?:-|–|—|to|\.\.)\s*(\d+(?:\.\d+)?)\s*[a-z ]*$|^\s*(\d+(?:\.\d+)?)\s*\+\s*[a-z ]*$", re.I
)
# What datetime.fromisoformat does not read: '1995-06', '1995/06/01', '1995.6.1', '1995-06-01 (approx.)'.
_DATE = re.compile(rf"^({YEAR_DIGITS})[-/.](\d\d?)(?:[-/.](\d\d?))?(?:[T ].*)?$")
_LIST_SEPARATORS = ("|", ";")
MAX_LIST_PART_WORDS = 4  # "A, B and C" splits into names; a sentence with commas does not
OPEN_END = 99.0  # "3+" players: no stated upper bound


def unquote(text: str) -> str:
    """'="0441013597"' -> '0441013597' (a spreadsheet's guard against number rounding)."""
    found = _SPREADSHEET_QUOTED.match(text.strip())
    return found.group(1) if found else text.strip()


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = unquote(value)
        if _NUMBER.match(text):
            return float(text.replace(",", ""))
    return None


def as_range(value: Any) -> tuple[float, float] | None:
    """(low, high) from '2-5', '2–5', '2 to 5', '3+' (high open), '2-4 players', or one number."""
    number = as_number(value)
    if number is not None:
        return (number, number)
    if isinstance(value, list) and len(value) == 2:
        low, high = as_number(value[0]), as_number(value[1])
        return (low, high) if low is not None and high is not None and low <= high else None
    if not isinstance(value, str):
        return None
    found = _RANGE.match(unquote(value))
    if found is None:
        return None
    if found.group(3) is not None:
        return (float(found.group(3)), OPEN_END)
    low, high = float(found.group(1)), float(found.group(2))
    return (low, high) if low <= high else None


def is_true_range(value: Any) -> bool:
    """A value only a range reads ('2-5', '3+'), not a plain number."""
    return as_number(value) is None and as_range(value) is not None


def as_year(value: Any) -> int | None:
    """A year from 1995, '1995', '1995-06-01', '1995-06-01T10:00:00+01:00[Europe/Paris]', '1995/06',
    or a date in words ('June 1995'): the same range (text.is_year) whichever way it is written."""
    number = as_number(value)
    if number is not None:
        return int(number) if is_year(number) else None
    if not isinstance(value, str):
        return None
    text = unquote(value)
    dated = _date_year(text)
    if dated is not None:
        return dated
    years = YEAR.findall(text)
    return int(years[0]) if len(years) == 1 and len(text) <= 40 else None


def _date_year(text: str) -> int | None:
    """The year of a date written with digits, when month and day are ones a calendar has."""
    try:
        year = dt.datetime.fromisoformat(text.split("[")[0]).year  # "[Europe/Paris]": Java's zoned time
    except ValueError:
        found = _DATE.match(text)
        if found is None or not 1 <= int(found.group(2)) <= 12 or not 1 <= int(found.group(3) or 1) <= 31:
            return None
        year = int(found.group(1))
    return year if is_year(year) else None


def is_date(value: Any) -> bool:
    """A date written as text ('1995-06-01', 'June 12, 1995'), not a bare number."""
    return isinstance(value, str) and as_number(value) is None and as_year(value) is not None


def as_list(value: Any) -> tuple[str, ...]:
    """The parts of a list field: a JSON list, or one cell separated by '|', ';' or commas."""
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, list):
        return tuple(part for v in value if (part := _text(v)))
    text = _text(value)
    if not text:
        return ()
    for separator in _LIST_SEPARATORS:
        if separator in text:
            return tuple(part for p in text.split(separator) if (part := p.strip()))
    if "," in text:
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
        if len(parts) >= 2 and all(len(p.split()) <= MAX_LIST_PART_WORDS for p in parts):
            return tuple(parts)
    return (text,)


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


_RATING_OUT_OF = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:/|out\s+of)\s*(\d+(?:\.\d+)?)$", re.I)
_STARS = re.compile(r"^(★*)\s*(½?)$")


def as_rating(value: Any) -> float | None:
    """A rating on the scale it is written in: '4/5' -> 4, '8/10' -> 8, '4.5' -> 4.5,
    '3 out of 5' -> 3, '★★★½' -> 3.5. Ratings over their scale ('6/5') read as nothing."""
    number = as_number(value)
    if number is not None or not isinstance(value, str):
        return number
    text = unquote(value)
    found = _RATING_OUT_OF.match(text)
    if found:
        score, scale = float(found.group(1)), float(found.group(2))
        return score if scale > 0 and score <= scale else None
    stars = _STARS.match(text)
    if stars and (stars.group(1) or stars.group(2)):
        return len(stars.group(1)) + (0.5 if stars.group(2) else 0.0)
    return None


def is_exact_code(text: str) -> bool:
    """Digits a spreadsheet quoted to keep them exact: an ISBN, a barcode, a number with a
    leading zero. Reading them as numbers would lose the zero or round them."""
    digits = text.strip()
    return digits.isdigit() and (len(digits) >= 10 or (len(digits) > 1 and digits.startswith("0")))
