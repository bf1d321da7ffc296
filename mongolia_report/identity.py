"""The report's identity in one place: ``CITATION.cff``.

Title, authors, version, release date, licence, the site's address (``url``) and the
repository's address (``repository-code``) are read from it by everything that shows
them: Sphinx's configuration (``site.identity``), the cite boxes and page metadata
(``citation``, ``site.citebox``, ``site.metadata``), the figures' credit lines, the changelog and the PDFs. Neither
address is required: where one is not set, nothing prints a placeholder, and
``make book`` says once what is missing (``missing_addresses``).

The versions themselves, with what each changed and which pages it translated, are ``changelog.yml``'s
(``changelog``, ``translation``): the changelog page and the Mongolian summary read them here.

The publishing workflow (``.github/workflows/publish.yml``) knows both addresses only when it
runs (GitHub Pages gives the site's); it passes them in the environment, ``MNR_SITE_URL`` and
``MNR_REPOSITORY_URL``, which stand in for fields CITATION.cff leaves out. An address written in
CITATION.cff (a domain of the project's own, say) wins.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .project import CITATION, ROOT

# CITATION.cff's address fields and the environment variables that stand in for them when it leaves them out.
ADDRESS_VARIABLES = {"url": "MNR_SITE_URL", "repository-code": "MNR_REPOSITORY_URL"}


CHANGELOG = ROOT / "changelog.yml"


@lru_cache(maxsize=1)
def changelog() -> list[dict]:
    """Every version in ``changelog.yml``, newest first."""
    return yaml.safe_load(CHANGELOG.read_text(encoding="utf-8"))["versions"]


def translation(page: str) -> dict:
    """The newest version whose changelog entry records a translation of ``page`` (its ``translations``),
    with that entry's words: what the translated page says of its own date and translator."""
    for release in changelog():
        for entry in release.get("translations", []):
            if entry["page"] == page:
                return {"version": str(release["version"]), "date": str(release["date"]), **entry}
    raise LookupError(f"changelog.yml records no translation of {page}")


@lru_cache(maxsize=1)
def citation_metadata() -> dict:
    return yaml.safe_load(CITATION.read_text(encoding="utf-8"))


def version() -> str:
    return str(citation_metadata()["version"])


def released() -> str:
    """The release date, ISO (YAML may read an unquoted date as a date)."""
    return str(citation_metadata()["date-released"])


def released_on() -> str:
    """The release date as the report writes dates: "2 December 2026"."""
    day = date.fromisoformat(released())
    return f"{day.day} {day:%B %Y}"


def authors() -> list[dict]:
    """Each author as every citation format needs it: ``name`` as written in prose; ``entity``
    (an organisation or team, CITATION.cff's ``name``, to be kept whole, never split into given
    and family names); ``family`` and ``given`` for a person (``family-names``, ``given-names``)."""
    people = []
    for author in citation_metadata()["authors"]:
        if author.get("name"):
            people.append({"name": author["name"], "entity": True, "family": author["name"], "given": ""})
        else:
            given = author.get("given-names", "")
            people.append({"name": f"{given} {author['family-names']}".strip(), "entity": False,
                           "family": author["family-names"], "given": given})
    return people


def author_names() -> str:
    """The authors as one line: "A", "A and B", "A, B and C"."""
    names = [author["name"] for author in authors()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def publisher() -> str:
    """Who publishes the report: the authoring team (the first entity among the authors), which
    publishes it itself; for a report written by people alone, its title."""
    return next((author["name"] for author in authors() if author["entity"]), str(citation_metadata()["title"]))


def licence_label() -> str:
    """The report's licence as readers write it: "CC BY 4.0" for CITATION.cff's SPDX "CC-BY-4.0"."""
    return str(citation_metadata().get("license", "")).replace("-", " ")


def address(field: str) -> str:
    """One of the report's addresses: CITATION.cff's field, else its environment variable; empty if neither."""
    return str(citation_metadata().get(field) or os.environ.get(ADDRESS_VARIABLES[field], "")).strip().rstrip("/")


def site_address(config_baseurl: str = "") -> str:
    """The site's address: CITATION.cff's ``url`` (or ``MNR_SITE_URL``), else Sphinx's ``html_baseurl``; empty if none is set."""
    return address("url") or str(config_baseurl or "").rstrip("/")


def repository_address() -> str:
    """The source repository (CITATION.cff's ``repository-code``, or ``MNR_REPOSITORY_URL``); empty if not set."""
    return address("repository-code")


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every page of the report, in reading order (``_toc.yml``), as paths without suffix.

    Read with the parser Jupyter Book itself uses (sphinx-external-toc), so nesting, globs and
    formats mean here what they mean in the build."""
    from sphinx_external_toc.api import FileItem
    from sphinx_external_toc.parsing import parse_toc_yaml

    site = parse_toc_yaml(str(Path(root) / "_toc.yml"))
    pages: list[str] = []

    def walk(docname: str) -> None:
        pages.append(docname)
        for tree in site[docname].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    walk(str(item))

    walk(site.root.docname)
    return pages


def missing_addresses() -> list[str]:
    """What the build log should say once: which addresses are not configured, and what that leaves out."""
    missing = []
    if not site_address():
        missing.append("no site address (url in CITATION.cff): citations, page metadata and PDFs carry none")
    if not repository_address():
        missing.append("no repository address (repository-code in CITATION.cff): no Binder or Colab buttons")
    return missing
