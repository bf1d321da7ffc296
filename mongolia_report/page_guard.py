"""Which datasets the running page may load: the declaration in ``mongolia_report/pages.py``, enforced.

A chapter's notebook calls ``use_data(page)`` in its first cell; from then on, loading a dataset
the page does not declare (helpers that load data for it included) is an error, because the
page's dates, its cache and its "as of" dates follow the declared datasets only. The running
page is kept in this module, the one piece of state the package holds.
"""

from __future__ import annotations

from pathlib import Path

from .package import read_package
from .pages import datasets_of
from .project import PACKAGE_FILE


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


def check_declared(names, package_file: Path) -> None:
    declared = declared_datasets(package_file)
    if declared is None:
        return
    for name in names:
        if name not in declared:
            raise UndeclaredDataset(f"{_page} uses dataset {name!r}, which its entry in mongolia_report/pages.py does not "
                                    f"declare; add it there, so that the page's dates and cache follow it")
