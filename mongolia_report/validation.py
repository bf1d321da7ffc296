"""Checking one resource of the data package, cell by cell, and typing it once.

The Frictionless checks (types, required fields, enums, ranges, primary and foreign keys) plus
the report's own: every source key resolves in ``references.bib``; date pairs named in
``x-date-order`` are in order; parts named in ``x-sums`` add up to their total or stay within
their bound; rows fill one of the field groups ``x-require-one-of`` names; ids listed in an
``x-id-lists`` field exist in the resource it names; no date lies after the day the data are
current to. ``checked`` returns the problems and, when the cells are well typed, the frame, so
the loader (``data.load``) types a table the same way the check read it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .bib import bibliography_keys
from .keys import split_keys
from .package import read_package, resource_descriptor
from .problems import Problem, encoding_problems, shown_path
from .project import PACKAGE_FILE


def validate_resource(name: str, package_file: Path = PACKAGE_FILE, bib_file: Path | None = None) -> list[Problem]:
    """Every problem in one resource, or an empty list.

    A resource found clean is not read again in the same process while nothing its check reads has changed, byte
    for byte (``_inputs``): the tests check dozens of copies of the data, each broken in one place."""
    inputs = _inputs(name, package_file, bib_file)
    if inputs is not None and inputs in _CLEAN:
        return []
    problems = checked(name, package_file, bib_file)[0]
    if not problems and inputs is not None:
        _CLEAN.add(inputs)
    return problems


_CLEAN: set[str] = set()  # the _inputs of the resources found clean in this process


def _inputs(name: str, package_file: Path, bib_file: Path | None) -> str | None:
    """One digest of everything a resource's check reads: its descriptor and file, those of the tables its foreign keys
    and id lists name, the bibliography's keys and today's date (no date may lie after it). None if any is unreadable."""
    import datetime
    import hashlib
    import json

    try:
        descriptor = resource_descriptor(name, package_file)
        named = {rule["resource"] for rule in descriptor.get("x-id-lists", [])}
        named |= {key["reference"].get("resource") or name for key in descriptor.get("schema", {}).get("foreignKeys", [])}
        read = [resource_descriptor(other, package_file) for other in sorted(named | {name})]
        keys = sorted(bibliography_keys(bib_file))
    except Exception:  # noqa: BLE001 - the check itself names what is wrong
        return None
    digest = hashlib.sha256(json.dumps([name, datetime.date.today().isoformat(), keys, read], sort_keys=True).encode())
    for resource in read:
        path = package_file.parent / resource["path"]
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
        digest.update(b"\0")
    return digest.hexdigest()


def checked(name: str, package_file: Path, bib_file: Path | None = None) -> tuple[list[Problem], pd.DataFrame | None]:
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
