"""The one way the report reads its data.

``load("icc_states")`` reads a resource of ``data/datapackage.yaml`` through its
Frictionless table schema and returns a typed DataFrame. The package itself is first
checked against the report's profile (``data/profile.json``: every ``x-*`` key known
and well-formed, every field a rule names present). Before anything is
returned the resource is validated: the Frictionless checks (types, required
fields, enums, ranges, primary and foreign keys) plus the report's own (every source key
resolves in ``references.bib``; date pairs named in ``x-date-order`` are in order;
parts named in ``x-sums`` add up to their total or stay within their bound; rows fill
one of the field groups ``x-require-one-of`` names; ids listed in an ``x-id-lists`` field
exist in the resource it names).
Any failure raises :class:`DataValidationError` whose message names the file,
the row and the field, so a bad file can never reach a chart.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
import yaml

from .bib import bibliography_keys
from .keys import split_keys
from .markup import safe_address
from .pages import datasets_of
from .project import BIB_FILE, PACKAGE_FILE, PROFILE_FILE, ROOT

_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Problem:
    """One validation failure, located as precisely as the check allows."""

    path: str
    row: int | None  # spreadsheet-style: the header is row 1, the first record row 2
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.path]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f'field "{self.field}"')
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """Raised when a resource fails validation; lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} data problem(s):\n  {shown}{more}")


class PackageError(ValueError):
    """The data package's descriptor breaks the report's profile; the message names file, resource and key."""


def read_package(package_file: Path = PACKAGE_FILE) -> dict:
    """The package descriptor (YAML or JSON), checked against the report's profile."""
    mtime = package_file.stat().st_mtime if package_file.exists() else -1.0
    # Through JSON, not deepcopy: YAML aliases must become independent copies (deepcopy would
    # keep them shared, and frictionless changes a shared definition in place).
    return json.loads(json.dumps(_read_package(package_file, mtime)))


@lru_cache(maxsize=8)
def _read_package(package_file: Path, mtime: float) -> dict:
    problems = encoding_problems(package_file)
    if problems:
        raise PackageError(str(problems[0]))
    text = package_file.read_text(encoding="utf-8")
    package = yaml.safe_load(text) if package_file.suffix in (".yaml", ".yml") else json.loads(text)
    problems = profile_problems(package)
    if problems:
        shown = shown_path(package_file)
        raise PackageError("\n".join(f"{shown}: {problem}" for problem in problems))
    return package


@lru_cache(maxsize=1)
def _profile() -> dict:
    return json.loads(PROFILE_FILE.read_text(encoding="utf-8"))


def profile_problems(package: dict) -> list[str]:
    """Every way the descriptor breaks ``data/profile.json``, one line each."""
    import jsonschema

    profile = _profile()
    known = {key for key in profile["$defs"]["resource"]["properties"] if key.startswith("x-")}
    problems = [f"unknown package key {key!r} (the profile knows {', '.join(sorted(profile['properties']))})"
                for key in package if key.startswith("x-") and key not in profile["properties"]]
    for resource in package.get("resources", []):
        name = resource.get("name", "?")
        problems += [f"resource {name!r}: unknown key {key!r} (the profile knows {', '.join(sorted(known))})"
                     for key in resource if key.startswith("x-") and key not in known]
        problems += [f"resource {name!r}: {rule} names {field!r}, which is not a field of its schema"
                     for rule, field in _fields_named_by_rules(resource)
                     if field not in {f["name"] for f in resource.get("schema", {}).get("fields", [])}]
    if problems:
        return problems  # the schema errors below would repeat these less clearly
    problems += _coverage_problems(package)
    problems += _address_problems(package)
    for error in jsonschema.Draft202012Validator(profile).iter_errors(package):
        where = list(error.absolute_path)
        if len(where) >= 2 and where[0] == "resources":
            name = package["resources"][where[1]].get("name", f"#{where[1]}")
            key = "/".join(str(part) for part in where[2:])
            problems.append(f"resource {name!r}: {key or 'descriptor'}: {error.message}")
        else:
            problems.append(f"{'/'.join(str(part) for part in where) or 'package'}: {error.message}")
    return problems


def _coverage_problems(package: dict) -> list[str]:
    """No resource is complete through a day after it was searched, nor a news-based one past the news's reach."""
    reach = period_end(package.get("x-news-reach", {}).get("date", ""))
    problems = []
    for resource in package.get("resources", []):
        name = resource.get("name", "?")
        complete = period_end(resource.get("x-complete-through", ""))
        checked = period_end(resource.get("x-update-checked", ""))
        if complete is None:
            continue
        if checked is not None and complete > checked:
            problems.append(f"resource {name!r}: x-complete-through {complete} is after x-update-checked {checked}, "
                            "the day its sources were last searched")
        if resource.get("x-news-based") and reach is not None and complete > reach:
            problems.append(f"resource {name!r}: x-complete-through {complete} is after x-news-reach {reach}: "
                            "a table built from news cannot be complete past the day the stored news reach")
        newest = period_end(resource.get("x-newest-available", ""))
        if resource.get("x-news-based") and reach is not None and newest != reach:
            problems.append(f"resource {name!r}: x-newest-available {newest} is not x-news-reach {reach}: the newest period "
                            "news sources could cover is the day the stored news reach; change both together")
    return problems


# A file of the project named by a source (``../references.bib``): shown as text, never made a link.
_PROJECT_FILE = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_./-]*")


def _address_problems(package: dict) -> list[str]:
    """Every address the descriptor gives (a source's, a licence's, a homepage) is http, https or a DOI,
    which the data catalogue links, or a file of the project, which it names; nothing else."""
    problems = []

    def check(where: str, address) -> None:
        if address is not None and not (safe_address(address) or _PROJECT_FILE.fullmatch(str(address))):
            problems.append(f"{where}: {address!r} is not an http, https or DOI address; nothing else may become a link")

    def check_part(prefix: str, part: dict) -> None:
        check(f"{prefix}homepage", part.get("homepage"))
        for key in ("licenses", "sources", "contributors"):
            for i, item in enumerate(part.get(key) or []):
                check(f"{prefix}{key}/{i}/path", item.get("path") if isinstance(item, dict) else None)

    check_part("", package)
    for resource in package.get("resources", []):
        check_part(f"resource {resource.get('name', '?')!r}: ", resource)
    return problems


def _fields_named_by_rules(resource: dict):
    """(rule, field) for every field an x-* rule of the resource names."""
    for field in resource.get("x-source-fields", []):
        yield "x-source-fields", field
    for pair in resource.get("x-date-order", []):
        for field in pair:
            yield "x-date-order", field
    for rule in resource.get("x-sums", []):
        for field in [*rule.get("parts", []), rule.get("total"), rule.get("at_most_field")]:
            if field:
                yield "x-sums", field
    for group in resource.get("x-require-one-of", []):
        for field in group:
            yield "x-require-one-of", field
    for rule in resource.get("x-id-lists", []):
        yield "x-id-lists", rule.get("field")


def resource_descriptor(name: str, package_file: Path = PACKAGE_FILE) -> dict:
    package = read_package(package_file)
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"{package_file.name}: no resource named {name!r} (known: {known})")


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the project where it lies inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def validate_resource(name: str, package_file: Path = PACKAGE_FILE, bib_file: Path | None = None) -> list[Problem]:
    """Every problem in one resource, or an empty list."""
    return _checked(name, package_file, bib_file)[0]


def _checked(name: str, package_file: Path, bib_file: Path | None = None) -> tuple[list[Problem], pd.DataFrame | None]:
    """The resource's problems and, once its cells are well typed, its frame (so loading types it once)."""
    descriptor = resource_descriptor(name, package_file)
    base = package_file.parent
    csv_path = base / descriptor["path"]
    shown = shown_path(csv_path)
    if not csv_path.exists():
        return [Problem(shown, None, None, f"file not found (resource {name!r} in {package_file.name})")], None
    if descriptor.get("format") != "csv":
        return [], None  # non-tabular resources (the geometry) are checked by their own tests

    # Problems that would make every later message misleading come first, alone.
    problems = encoding_problems(csv_path) or _header_problems(csv_path, descriptor)
    if problems:
        return problems, None
    # Through the package, so that foreign keys to other resources are checked too.
    report = _frictionless_package(package_file, package_file.stat().st_mtime).get_resource(name).validate()
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            if error.type == "primary-key":
                field = "+".join(descriptor["schema"]["primaryKey"])
                message = f"duplicate primary key ({error.note})"
            elif error.type == "unique-error":
                message = f"{error.cell!r} appears more than once; values must be unique"
            elif error.type == "type-error":
                message = f"{error.cell!r} is not a valid {field_type(descriptor, field)}"
            elif error.type == "constraint-error":
                message = f"{getattr(error, 'cell', '')!r} breaks a constraint: {error.note}"
            else:
                message = error.message
            problems.append(Problem(shown, row, field, message))
    if problems:
        return problems, None  # the checks below assume well-typed cells

    frame = _read_typed(csv_path, descriptor, package_file)
    least = descriptor.get("x-min-rows", 1)
    if len(frame) < least:
        return [Problem(shown, None, None, f"has {len(frame)} rows; the data package says at least {least} (x-min-rows)")], frame
    problems += _future_date_problems(frame, shown, descriptor)
    keys = bibliography_keys(bib_file)
    for field in descriptor.get("x-source-fields", []):
        for index, cell in frame[field].items():
            for key in split_keys(cell):
                if key not in keys:
                    problems.append(Problem(shown, index + 2, field, f"source key {key!r} is not in references.bib"))
    for earlier, later in descriptor.get("x-date-order", []):
        both = frame[earlier].notna() & frame[later].notna()
        for index in frame.index[both & (frame[earlier] > frame[later])]:
            problems.append(
                Problem(
                    shown,
                    index + 2,
                    later,
                    f"{frame.at[index, later].date()} is before {earlier} {frame.at[index, earlier].date()}",
                )
            )
    for rule in descriptor.get("x-sums", []):
        problems += _sum_problems(frame, shown, rule)
    if "x-require-one-of" in descriptor:
        problems += _one_of_problems(frame, shown, descriptor["x-require-one-of"])
    for rule in descriptor.get("x-id-lists", []):
        problems += _id_list_problems(frame, shown, rule, package_file)
    return problems, frame

@lru_cache(maxsize=4)
def _frictionless_package(package_file: Path, mtime: float):
    """The package as Frictionless reads it, built once per descriptor version (building it takes ~0.1 s).

    Validating a resource reads its file afresh each time, so a cached package still sees edits to the CSVs.
    """
    from frictionless import Package

    return Package(read_package(package_file), basepath=str(package_file.parent))


def encoding_problems(path: Path) -> list[Problem]:
    """A file must be UTF-8 without a byte-order mark: refused here, so that no reader half-accepts it."""
    raw = path.read_bytes()
    shown = shown_path(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(shown, 1, None, "starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [Problem(shown, line, None, f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")]
    return []


def _header_problems(csv_path: Path, descriptor: dict) -> list[Problem]:
    """Missing, duplicated or unexpected columns, each named once (the header is row 1)."""
    import csv

    with csv_path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    shown = shown_path(csv_path)
    expected = [field["name"] for field in descriptor["schema"]["fields"]]
    problems = [Problem(shown, 1, column, "column appears more than once in the header")
                for column in dict.fromkeys(c for c in header if header.count(c) > 1)]
    problems += [Problem(shown, 1, column, "column is missing from the header") for column in expected if column not in header]
    problems += [Problem(shown, 1, column, "column is not in the data package's schema") for column in dict.fromkeys(header)
                 if column not in expected]
    if not problems and header != expected:
        problems.append(Problem(shown, 1, None, f"columns are not in the schema's order ({', '.join(expected)})"))
    return problems


def _future_date_problems(frame: pd.DataFrame, shown: str, descriptor: dict) -> list[Problem]:
    """No date after the day the resource is current to, nor after today: the data record what happened."""
    try:
        limit = min(pd.Timestamp(descriptor["x-current-to"]), pd.Timestamp.today().normalize())
    except (KeyError, ValueError):
        return []  # reference data current to a release, not a day
    problems = []
    for field in descriptor["schema"]["fields"]:
        if field["type"] not in ("date", "datetime"):
            continue
        for index in frame.index[frame[field["name"]] > limit]:
            problems.append(Problem(shown, index + 2, field["name"],
                                    f"{frame.at[index, field['name']].date()} is after {limit.date()}, the day the dataset is current to"))
    return problems


def _one_of_problems(frame: pd.DataFrame, shown: str, groups: list[list[str]]) -> list[Problem]:
    """Each row must fill every field of at least one group (``x-require-one-of``).

    E.g. a map point needs either a GeoNames id or coordinates with their source.
    """
    complete = pd.concat([frame[group].notna().all(axis=1) for group in groups], axis=1).any(axis=1)
    wanted = " or ".join("+".join(group) for group in groups)
    return [Problem(shown, index + 2, None, f"needs {wanted}") for index in frame.index[~complete]]


def _id_list_problems(frame: pd.DataFrame, shown: str, rule: dict, package_file: Path) -> list[Problem]:
    """Every id in a ';'-separated list must name a row of another resource (``x-id-lists``)."""
    target = resource_descriptor(rule["resource"], package_file)
    known = set(_read_typed(package_file.parent / target["path"], target, package_file)[rule["key"]].dropna())
    problems = []
    for index, cell in frame[rule["field"]].items():
        for ident in split_keys(cell):
            if ident not in known:
                problems.append(Problem(shown, index + 2, rule["field"],
                                        f"{ident!r} is not a {rule['key']} of {rule['resource']}"))
    return problems


def _sum_problems(frame: pd.DataFrame, shown: str, rule: dict) -> list[Problem]:
    """Check a row's parts against its total (``x-sums`` in the data package).

    A rule names ``parts`` and either a ``total`` field, which must equal their sum within
    ``tolerance`` (rows with a missing part are skipped), a fixed ``at_most`` bound, or an
    ``at_most_field`` whose value the parts may not exceed (parts of a larger whole).
    """
    parts = rule["parts"]
    complete = frame[parts].notna().all(axis=1)
    sums = frame[parts].sum(axis=1)
    problems = []
    for index in frame.index[complete]:
        total = sums[index]
        if "at_most" in rule and total > rule["at_most"]:
            problems.append(Problem(shown, index + 2, "+".join(parts),
                                    f"{' + '.join(parts)} = {total}, more than {rule['at_most']}"))
        if "at_most_field" in rule and pd.notna(frame.at[index, rule["at_most_field"]]):
            bound = frame.at[index, rule["at_most_field"]]
            if total > bound:
                problems.append(Problem(shown, index + 2, "+".join(parts),
                                        f"{' + '.join(parts)} = {round(float(total), 6)}, more than {rule['at_most_field']} = {bound}"))
        if "total" in rule and pd.notna(frame.at[index, rule["total"]]):
            stated = frame.at[index, rule["total"]]
            if abs(float(stated) - float(total)) > rule.get("tolerance", 0):
                problems.append(Problem(shown, index + 2, rule["total"],
                                        f"{stated} does not equal {' + '.join(parts)} = {round(float(total), 6)}"
                                        f" (tolerance {rule.get('tolerance', 0)})"))
    return problems


def field_type(descriptor: dict, field: str | None) -> str:
    for spec in descriptor["schema"]["fields"]:
        if spec["name"] == field:
            return spec["type"]
    return "value"


_DTYPES = {"integer": "Int64", "year": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}


def _read_typed(csv_path: Path, descriptor: dict, package_file: Path = PACKAGE_FILE) -> pd.DataFrame:
    """The resource as a DataFrame built from the cells Frictionless typed.

    One typing only: the validator and the loader read a cell the same way, so a value
    ``make check`` accepts (a boolean written ``1``, a number written ``1e3``) loads as that
    value, never as missing.
    """
    from frictionless import Resource, Schema

    fields = descriptor["schema"]["fields"]
    # The descriptor alone (no foreign keys: the package-level validation has already checked them).
    schema = {key: value for key, value in descriptor["schema"].items() if key != "foreignKeys"}
    resource = Resource(path=csv_path.name, basepath=str(csv_path.parent), format="csv", encoding="utf-8",
                        schema=Schema.from_descriptor(schema))
    rows = resource.read_rows()
    columns = {}
    for spec in fields:
        name, kind = spec["name"], spec["type"]
        cells = [row[name] for row in rows]
        if kind in ("date", "datetime"):
            columns[name] = pd.to_datetime(pd.Series(cells, dtype=object)).astype("datetime64[ns]")
        elif kind == "number":
            columns[name] = pd.Series([None if cell is None else float(cell) for cell in cells], dtype="Float64")
        else:
            columns[name] = pd.Series(cells, dtype=_DTYPES.get(kind, "string"))
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def _inputs_stamp(csv_path: Path, package_file: Path) -> tuple[int, ...]:
    """What a validated frame depends on, as modification times: its file, the descriptor and profile,
    the bibliography its sources must be in, and the other tables (a foreign key may point to any).
    A kernel that loaded a table sees an edit to any of these on its next load."""
    files = [csv_path, package_file, PROFILE_FILE, BIB_FILE, *sorted(package_file.parent.glob("*.csv"))]
    return tuple(file.stat().st_mtime_ns if file.exists() else -1 for file in files)


@cache
def _load_cached(name: str, package_file: Path, stamp: tuple[int, ...]) -> pd.DataFrame:
    problems, frame = _checked(name, package_file)
    if problems:
        raise DataValidationError(problems)
    return frame


class UndeclaredDataset(KeyError):
    """A page loaded a dataset its declaration in ``mongolia_report/pages.py`` does not list."""

    def __str__(self) -> str:
        return str(self.args[0])


_page: str | None = None  # the page whose notebook is running, once it has called use_data()


def use_data(page: str, package_file: Path = PACKAGE_FILE) -> tuple[str, ...]:
    """Start a page's notebook: from now on only the datasets ``pages.py`` declares for it load.

    Returns the declared datasets. Call it once, before the first ``load``.
    """
    global _page
    every = tuple(r["name"] for r in read_package(package_file)["resources"])
    declared = datasets_of(page, every)
    unknown = [name for name in declared if name not in every]
    if unknown:
        raise UndeclaredDataset(f"mongolia_report/pages.py: page {page!r} declares {', '.join(map(repr, unknown))}, "
                                f"which {'is' if len(unknown) == 1 else 'are'} not in {package_file.name}")
    _page = page
    return declared


def declared_datasets(package_file: Path = PACKAGE_FILE) -> tuple[str, ...] | None:
    """The running page's datasets, or None outside a page's notebook."""
    if _page is None:
        return None
    return datasets_of(_page, tuple(r["name"] for r in read_package(package_file)["resources"]))


def _check_declared(names, package_file: Path) -> None:
    declared = declared_datasets(package_file)
    if declared is None:
        return
    for name in names:
        if name not in declared:
            raise UndeclaredDataset(f"{_page} uses dataset {name!r}, which its entry in mongolia_report/pages.py does not "
                                    f"declare; add it there, so that the page's dates and cache follow it")


def load(name: str, package_file: Path = PACKAGE_FILE) -> pd.DataFrame:
    """Validated, typed DataFrame for one resource of the data package."""
    _check_declared([name], package_file)
    descriptor = resource_descriptor(name, package_file)
    csv_path = package_file.parent / descriptor["path"]
    return _load_cached(name, package_file, _inputs_stamp(csv_path, package_file)).copy()


def news_reach(package_file: Path = PACKAGE_FILE) -> pd.Timestamp:
    """The newest day the stored news sources still report Mongolia's affairs (``x-news-reach``)."""
    return pd.Timestamp(read_package(package_file)["x-news-reach"]["date"])


def current_to(name: str, package_file: Path = PACKAGE_FILE) -> str:
    """The last day a resource's records cover, as stated in the data package (``x-current-to``)."""
    return resource_descriptor(name, package_file)["x-current-to"]


def complete_through(name: str, package_file: Path = PACKAGE_FILE) -> pd.Timestamp | None:
    """The last day up to which a resource's sources were searched with reasonable coverage
    (``x-complete-through``); None for reference data dated by a release, not a day."""
    end = period_end(resource_descriptor(name, package_file)["x-complete-through"])
    return None if end is None else pd.Timestamp(end)


def as_of(*names: str, package_file: Path = PACKAGE_FILE) -> pd.Timestamp:
    """The day a statement drawing on these resources is true as of: the oldest of their coverage dates.

    A statement can be no more current than the least current data behind it: a count of
    visits complete through February is not known to hold in November, however recent the
    other inputs are. Without names, the running page's declared datasets are used. Reference
    data dated by a release (the map outlines) have no day and do not limit the date.
    """
    names = names or declared_datasets(package_file) or ()
    if not names:
        raise ValueError("as_of() needs the datasets a statement draws on (or a page started with use_data())")
    _check_declared(names, package_file)
    days = [day for day in (complete_through(name, package_file) for name in names) if day is not None]
    if not days:
        raise ValueError(f"none of {', '.join(names)} is dated by a day, so no statement drawn from them has an as-of date")
    return min(days)


def period_end(value) -> dt.date | None:
    """The last day of a period written as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None for anything else."""
    value = str(value)
    if not _PERIOD.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)
