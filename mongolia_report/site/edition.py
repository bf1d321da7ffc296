"""The landing page's first lines: ``{report-edition}`` says which version this is, when it was
released and how far each kind of data reaches, then what was announced for after the news reach."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import identity


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


def setup(app: Sphinx) -> None:
    app.add_directive("report-edition", ReportEdition)
