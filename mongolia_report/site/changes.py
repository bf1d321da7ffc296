"""What changed and when: the changelog page, the version in every footer, and each page's last change.

- ``{changelog}`` draws the changelog page from ``changelog.yml``: each version with its
  date, the findings that changed (from what to what), and what changed in the data and
  on the site. Its newest version must be ``CITATION.cff``'s (tested).
- Every footer says which version the reader is looking at, with a link to the changelog.
- Each page says when its content last changed, from git history rather than the build
  date (sphinx-last-updated-by-git, listed in ``_config.yml``). A chapter's content is
  also its data: the CSV files a notebook loads are noted as the page's dependencies, so
  a change to the data dates the page (and makes Sphinx read it again). Outside a git
  checkout (the runnable archive, say) pages show no date, and the build says so once.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml
from docutils import nodes
from packaging.version import Version
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import identity
from ..project import ROOT
from ..text import long_date

CHANGELOG = ROOT / "changelog.yml"
FOOTER = ["author.html", "copyright.html", "version.html", "last-updated.html"]


@lru_cache(maxsize=1)
def changelog() -> list[dict]:
    return yaml.safe_load(CHANGELOG.read_text(encoding="utf-8"))["versions"]


def in_git_checkout(folder: Path) -> bool:
    """Whether git can date the pages: a work tree with at least one commit (a repository just made
    with ``git init``, as ``make bench``'s copy is, has none, and git then fails on every file)."""
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True)
        head = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=folder, capture_output=True, text=True)
    except OSError:
        return False
    return inside.returncode == 0 and inside.stdout.strip() == "true" and head.returncode == 0


class Changelog(SphinxDirective):
    """Every version, newest first: its date, summary, changed findings, data and site."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(CHANGELOG))
        out = []
        for release in changelog():
            version = str(release["version"])
            section = nodes.section(ids=[f"version-{version.replace('.', '-')}"])
            section += nodes.title(text=f"Version {version}, {long_date(pd.Timestamp(str(release['date'])))}")
            section += nodes.paragraph(text=" ".join(str(release["summary"]).split()))
            if release.get("findings"):
                section += self._findings(release["findings"], version)
            elif previous := self._previous(version):
                section += nodes.paragraph(text=f"No number stated in the chapters changed from version {previous}.")
            for heading, key in (("Data", "data"), ("Site", "site")):
                if release.get(key):
                    section += nodes.rubric(text=heading)
                    section += nodes.bullet_list("", *[nodes.list_item("", nodes.paragraph(text=item)) for item in release[key]])
            out.append(section)
        return out

    @staticmethod
    def _previous(version: str) -> str | None:
        return next((str(r["version"]) for r in changelog() if Version(str(r["version"])) < Version(version)), None)

    def _findings(self, findings: list[dict], version: str) -> nodes.table:
        previous = self._previous(version) or "the previous version"
        columns = [("Finding", 50), ("Chapter", 20), (f"In {previous}", 15), (f"In {version}", 15)]
        table = nodes.table(classes=["mnr-changelog"])
        group = nodes.tgroup(cols=len(columns))
        table += nodes.title(text=f"Findings that changed in version {version}")
        table += group
        group += [nodes.colspec(colwidth=width) for _, width in columns]

        def row(*cells: nodes.Node) -> nodes.row:
            line = nodes.row()
            for cell in cells:
                line += nodes.entry("", cell if isinstance(cell, nodes.paragraph) else nodes.paragraph("", "", cell))
            return line

        group += nodes.thead("", row(*[nodes.Text(name) for name, _ in columns]))
        body = nodes.tbody()
        for item in findings:
            link = addnodes.pending_xref("", nodes.inline(text=item["chapter"]), refdomain="std", reftype="doc",
                                         reftarget=f"/chapters/{item['chapter']}", refexplicit=False, refdoc=self.env.docname)
            body += row(nodes.Text(item["label"]), link, nodes.Text(str(item["from"])), nodes.Text(str(item["to"])))
        group += body
        return table


class ReportEdition(SphinxDirective):
    """``{report-edition}``: the landing page's first lines say which version this is, when it was
    released and how current its data are, with links to what changed and to each dataset's date."""

    def run(self) -> list[nodes.Node]:
        from ..data import PACKAGE_FILE
        from ..freshness import announced_after_reach, reach_by_kind
        from ..text import join_clauses

        self.env.note_dependency(str(identity.CITATION))
        self.env.note_dependency(str(PACKAGE_FILE))
        self.env.note_dependency(str(PACKAGE_FILE.parent / "announced_events.csv"))
        reach = reach_by_kind()
        paragraph = nodes.paragraph(classes=["mnr-edition"])
        paragraph += nodes.strong(text=f"Version {identity.version()}")
        paragraph += nodes.Text(f", released {identity.released_on()} (")
        paragraph += self._link("changelog", "what changed")
        paragraph += nodes.Text("). How far the data reach: " + "; ".join(f"{kind}, {day}" for kind, day in reach)
                                + ". Each finding says the date it holds as of (")
        paragraph += self._link("status", "data status")
        paragraph += nodes.Text(").")
        later = announced_after_reach()
        if not later:
            return [paragraph]
        news = reach[0][1]
        upcoming = nodes.paragraph(classes=["mnr-edition", "mnr-upcoming"])
        upcoming += nodes.Text(f"Announced for after {news}, when the news we could read stop, and not covered here: "
                               f"{join_clauses(later)}. Look for them in later sources.")
        return [paragraph, upcoming]

    def _link(self, target: str, text: str) -> addnodes.pending_xref:
        return addnodes.pending_xref("", nodes.inline(text=text), refdomain="std", reftype="doc", reftarget=f"/{target}",
                                     refexplicit=True, refdoc=self.env.docname)


def note_data_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page depends on the files of the datasets it declares in ``mongolia_report/pages.py``."""
    from ..data import PACKAGE_FILE, read_package
    from ..pages import DATASETS, EVERY_DATASET, datasets_of

    if docname not in DATASETS:
        return
    resources = {r["name"]: PACKAGE_FILE.parent / r["path"] for r in read_package()["resources"]}
    for name in datasets_of(docname, tuple(resources)):
        app.env.note_dependency(str(resources[name]))
    if EVERY_DATASET in DATASETS[docname]:
        app.env.note_dependency(str(PACKAGE_FILE))  # the catalogue also shows each dataset's description


def on_config_inited(app: Sphinx, config) -> None:
    config.html_theme_options["footer_content_items"] = FOOTER
    # A shallow clone cannot date every page; dates are left out rather than failing a strict build.
    config.suppress_warnings = [*config.suppress_warnings, "git.too_shallow"]
    if not in_git_checkout(Path(app.srcdir)):
        config.suppress_warnings = [*config.suppress_warnings, "git"]


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["mnr_version"] = identity.version()
    context["mnr_released"] = identity.released_on()


def setup(app: Sphinx) -> None:
    app.add_directive("changelog", Changelog)
    app.add_directive("report-edition", ReportEdition)
    app.connect("config-inited", on_config_inited)
    app.connect("source-read", note_data_dependencies)
    app.connect("html-page-context", on_page_context)
