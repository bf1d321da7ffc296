"""The data package's descriptor (``data/datapackage.yaml``), read and checked against the report's profile.

``read_package`` returns the descriptor once ``data/profile.json`` accepts it: every ``x-*`` key
known and well-formed, every field a rule names present, coverage dates that agree with each
other and with the reach of the stored news, and every address one the site may link. Any
failure raises :class:`PackageError` naming the file, the resource and the key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from .markup import safe_address
from .problems import encoding_problems, shown_path
from .project import PACKAGE_FILE, PROFILE_FILE

_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class PackageError(ValueError):
    """The data package's descriptor breaks the report's profile; the message names file, resource and key."""


def read_package(package_file: Path = PACKAGE_FILE) -> dict:
    """The package descriptor (YAML or JSON), checked against the report's profile."""
    mtime = package_file.stat().st_mtime if package_file.exists() else -1.0
    # Through JSON, not deepcopy: YAML aliases must become independent copies (deepcopy would
    # keep them shared, and frictionless changes a shared definition in place).
    return json.loads(json.dumps(_read_package(package_file, mtime)))


def parse_yaml(text: str):
    """YAML as PyYAML's safe loader reads it, through libyaml where PyYAML has it: the descriptor parses in a
    tenth of the time, and every notebook and every check reads it."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=8)
def _read_package(package_file: Path, mtime: float) -> dict:
    problems = encoding_problems(package_file)
    if problems:
        raise PackageError(str(problems[0]))
    text = package_file.read_text(encoding="utf-8")
    package = parse_yaml(text) if package_file.suffix in (".yaml", ".yml") else json.loads(text)
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
