"""Accessibility fixes to what docutils writes.

Bibliography entries: docutils' HTML writer puts each citation in a
``<div role="doc-biblioentry">`` inside a ``<div role="list">``
(``visit_citation`` in ``docutils/writers/_html_base.py``). DPUB-ARIA 1.1 deprecates
``doc-biblioentry`` (https://www.w3.org/TR/dpub-aria-1.1/#doc-biblioentry) and a
``role="list"`` may only own list items, so axe-core reports the pair as a critical
violation (``aria-required-children``). The entries are written as ``role="listitem"``
instead; nothing else about them changes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def setup(app: Sphinx) -> None:
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
