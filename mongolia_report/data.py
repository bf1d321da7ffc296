"""The one way the report reads its data.

``load("icc_states")`` reads a resource of ``data/datapackage.yaml`` through its
Frictionless table schema and returns a typed DataFrame. Before anything is returned the
package is checked against the report's profile (``package``) and the resource is validated
(``validation``); any failure raises :class:`DataValidationError` whose message names the
file, the row and the field (``problems``), so a bad file can never reach a chart. A page's
notebook may load only the datasets its page declares (``page_guard``), and its findings are
dated by the data's coverage (``coverage``).

The names the notebooks, scripts and tests use are all importable from here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from .coverage import as_of, complete_through, current_to, news_reach
from .package import PackageError, period_end, profile_problems, read_package, resource_descriptor
from .page_guard import UndeclaredDataset, check_declared, declared_datasets, use_data
from .problems import DataValidationError, Problem, encoding_problems, shown_path
from .project import BIB_FILE, PACKAGE_FILE, PROFILE_FILE
from .validation import checked, field_type, validate_resource

__all__ = ["PACKAGE_FILE", "DataValidationError", "PackageError", "Problem", "UndeclaredDataset", "as_of", "complete_through",
           "current_to", "declared_datasets", "encoding_problems", "field_type", "load", "news_reach", "period_end",
           "profile_problems", "read_package", "resource_descriptor", "shown_path", "use_data", "validate_resource"]


def _inputs_stamp(csv_path: Path, package_file: Path) -> tuple[int, ...]:
    """What a validated frame depends on, as modification times: its file, the descriptor and profile,
    the bibliography its sources must be in, and the other tables (a foreign key may point to any).
    A kernel that loaded a table sees an edit to any of these on its next load."""
    files = [csv_path, package_file, PROFILE_FILE, BIB_FILE, *sorted(package_file.parent.glob("*.csv"))]
    return tuple(file.stat().st_mtime_ns if file.exists() else -1 for file in files)


@cache
def _load_cached(name: str, package_file: Path, stamp: tuple[int, ...]) -> pd.DataFrame:
    problems, frame = checked(name, package_file)
    if problems:
        raise DataValidationError(problems)
    return frame


def load(name: str, package_file: Path = PACKAGE_FILE) -> pd.DataFrame:
    """Validated, typed DataFrame for one resource of the data package."""
    check_declared([name], package_file)
    descriptor = resource_descriptor(name, package_file)
    csv_path = package_file.parent / descriptor["path"]
    return _load_cached(name, package_file, _inputs_stamp(csv_path, package_file)).copy()
