"""The changelog page: ``{changelog}`` draws every version from ``changelog.yml``, newest first.

Each version with its date and summary, the findings whose numbers changed (from what to what,
each a link to its chapter), and what changed in the data and on the site. Its newest version
must be ``CITATION.cff``'s (tested).
"""

from __future__ import annotations

import pandas as pd
from docutils import nodes
from packaging.version import Version
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..identity import CHANGELOG, changelog
from ..text import long_date


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
            for heading, key in (("Data", "data"), ("Site", "site"), ("Translations", "translations")):
                if release.get(key):
                    section += nodes.rubric(text=heading)
                    items = [item["summary"] if key == "translations" else item for item in release[key]]
                    section += nodes.bullet_list("", *[nodes.list_item("", nodes.paragraph(text=item)) for item in items])
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


def setup(app: Sphinx) -> None:
    app.add_directive("changelog", Changelog)
