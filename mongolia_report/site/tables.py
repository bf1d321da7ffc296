"""Tables are numbered and captioned as tables ("Table 2"), not as figures.

Why: a notebook's DataFrame output gets its caption through myst-nb's ``mystnb.figure``
cell metadata, which always makes a ``figure`` node, so Sphinx numbers it "Figure N".
(myst-nb has no table equivalent for cell outputs.) Here a figure whose label starts with
``tbl-`` becomes a ``data_table``: still written as an HTML ``<figure>`` with its caption,
but enumerated with Sphinx's "table" counter, so its caption and every ``{numref}`` to it
read "Table N".
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

PREFIX = "tbl-"


class data_table(nodes.figure):  # noqa: N801 (docutils names nodes in lower case)
    """A captioned table produced by a notebook cell."""


def retype_tables(app: Sphinx, doctree: nodes.document) -> None:
    for figure in list(doctree.findall(nodes.figure)):
        if any(name.startswith(PREFIX) for name in figure.get("names", []) + figure.get("ids", [])):
            table = data_table(figure.rawsource, *figure.children, **figure.attributes)
            figure.replace_self(table)
            for node_id in table["ids"]:  # references look the target up by id
                doctree.ids[node_id] = table


def setup(app: Sphinx) -> None:
    app.add_enumerable_node(data_table, "table", html=(HTML5Translator.visit_figure, HTML5Translator.depart_figure))
    app.connect("doctree-read", retype_tables)
