"""Small helpers for numbers and dates that notebooks glue into prose."""

from __future__ import annotations

import pandas as pd


def long_date(day: pd.Timestamp) -> str:
    """'2 September 2024' (no leading zero), the form the report's prose uses."""
    return f"{day.day} {day:%B %Y}"


def mongolian_date(day) -> str:
    """'2024 оны есдүгээр сарын 2': the long date of Babel's Mongolian locale (CLDR), for the Mongolian summary."""
    from babel.dates import format_date

    # CLDR keeps the year and "оны" together with a narrow no-break space; Mongolian writers type a space.
    return format_date(pd.Timestamp(day).date(), format="long", locale="mn").replace("\u202f", " ")


IN_MONGOLIAN = "_mn"  # suffix of a glued date's Mongolian twin: as_of_date_mn beside as_of_date


def join_names(names: list[str]) -> str:
    """'A, B and C'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def join_clauses(clauses: list[str]) -> str:
    """'A; B; and C': for list items that contain commas of their own."""
    clauses = list(clauses)
    if len(clauses) < 2:
        return "".join(clauses)
    return "; ".join(clauses[:-1]) + "; and " + clauses[-1]


def date_at_precision(day: pd.Timestamp, precision: str, month: str = "%B") -> str:
    """A date showing only what the source gives: '2 September 2024', 'December 2019' or '2004'.

    ``precision`` is a data package's ``date_precision`` (day, month or year); ``month``
    is ``"%b"`` for the short month names charts use.
    """
    if precision == "year":
        return f"{day:%Y}"
    if precision == "month":
        return day.strftime(f"{month} %Y")
    return f"{day.day} " + day.strftime(f"{month} %Y")


_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth", "twentieth"]


def ordinal_word(n: int) -> str:
    """'first', 'second', ... 'twentieth'; '21st' and so on beyond that."""
    n = int(n)
    if 0 < n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_CARDINALS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def number_word(n: int, zero: str = "none") -> str:
    """A small count as prose writes it: 'none' (or ``zero``), 'one' ... 'twelve'; digits beyond that."""
    n = int(n)
    if n == 0:
        return zero
    return _CARDINALS[n] if n < len(_CARDINALS) else str(n)


def iso_span(start: pd.Timestamp, end, precision: str = "day") -> str:
    """A record's days as a table sorts them: '2025-10-13 to 2025-10-16', one day, or a month ('2024-05')."""
    first = start.strftime("%Y-%m" if precision == "month" else "%Y-%m-%d")
    last = end.strftime("%Y-%m-%d") if pd.notna(end) and end != start else ""
    return f"{first} to {last}" if last else first


def times_word(n: int) -> str:
    """How often, as prose says it: 'once', 'twice', 'three times', ... '13 times'."""
    n = int(n)
    return {1: "once", 2: "twice"}.get(n, f"{number_word(n)} times")


def month_year(day: pd.Timestamp) -> str:
    """'September 2024'."""
    return f"{day:%B %Y}"


# Country names that take "the" in running English prose.
_WITH_ARTICLE = ("United States", "United Kingdom", "United Arab Emirates", "Philippines", "Netherlands", "Holy See",
                 "Democratic Republic of the Congo", "Central African Republic", "Gambia", "Bahamas", "Maldives",
                 "Marshall Islands", "Solomon Islands", "Comoros", "Dominican Republic", "Czech Republic")


def in_prose(country: str) -> str:
    """A country name as it reads mid-sentence: 'the Philippines', 'Mongolia'."""
    return f"the {country}" if country in _WITH_ARTICLE else country


def period(start: pd.Timestamp, end: pd.Timestamp, month: str = "%b") -> str:
    """'Jan 2024', or 'Jan 2024 to Mar 2024' when a figure covers more than one month."""
    first, last = start.strftime(f"{month} %Y"), end.strftime(f"{month} %Y")
    return first if first == last else f"{first} to {last}"


def glue_all(**values) -> None:
    """Glue each value under its name for the prose, without showing it in the cell's output."""
    from myst_nb import glue

    for name, value in values.items():
        glue(name, value, display=False)


def citation(keys) -> object:
    """Bibliography keys as a MyST citation to glue where a role cannot be typed, e.g. a caption's
    "Sources: {glue:md}`name:myst`" listing sources computed from the data."""
    from IPython.display import Markdown

    return Markdown(cite_role(keys))


def cite_role(keys) -> str:
    """The MyST citation of bibliography keys, each once, in order: ``{cite:p}`a,b```."""
    return "{cite:p}`" + ",".join(dict.fromkeys(keys)) + "`"


def cited_in(*columns) -> object:
    """The citation of every source named in these ';'-separated source cells (one or more columns), each
    key once, in order: a caption's "Sources: {glue:md}`name:myst`" for a figure drawn from many rows."""
    from .keys import split_keys

    return citation(key for column in columns for cell in column for key in split_keys(cell))


# fuel_imports' codes in words: how a source states a share (``qualifier``, the words before
# the number) and which fuels it covers (``scope``).
STATED_AS = {"about": "about", "exact": "", "almost": "almost", "more_than": "more than"}
FUEL_SCOPES = {"all_fuel": "All fuel", "petroleum_products": "Petroleum products", "petrol": "Petrol",
               "petrol_ai92": "AI-92 petrol", "petrol_diesel_jet": "Petrol, diesel and jet fuel"}


def stated(qualifier: str, value: float, unit: str = "%") -> str:
    """A share as its source states it: ``stated("more_than", 97)`` is "more than 97%"."""
    return " ".join(filter(None, [STATED_AS[qualifier], f"{value:g}{unit}"]))


AS_OF_SOURCES = "as_of_sources__"  # prefix of the glue names that record what each as-of date draws on


def glue_as_of(name: str, *datasets: str) -> pd.Timestamp:
    """Glue the date a finding holds as of: the oldest coverage date of the datasets it draws on.

    Also glues, as ``as_of_sources__<name>``, which datasets the date drew on, so the tests can
    check every "as of" in the prose against the data package, and as ``<name>_mn`` the date in
    Mongolian for the Mongolian summary. Returns the day.
    """
    from .coverage import as_of

    day = as_of(*datasets)
    glue_all(**{name: long_date(day), name + IN_MONGOLIAN: mongolian_date(day), AS_OF_SOURCES + name: ";".join(datasets)})
    return day


def as_of_sources(glued: dict) -> dict[str, list[str]]:
    """From a notebook's glued values: each as-of date's name and the datasets it drew on."""
    return {key.removeprefix(AS_OF_SOURCES): str(value).split(";") for key, value in glued.items() if key.startswith(AS_OF_SOURCES)}
