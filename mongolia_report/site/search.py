"""Search that finds the chapters: what is indexed, how results rank, what their snippets show.

Why: Sphinx indexes every word in a page's doctree, so the notebooks' code (folded away on
every page) was searchable and put ``glue_all`` and column names beside the prose; and the
search page's snippets are cut from the page's HTML, hidden code and the page's buttons
included. Its results rank by a score that ignores how central a page is, and break ties
alphabetically, so the bibliography, changelog and status page (which repeat the chapters'
words) came before the chapters.

- Each notebook cell's input gets the class ``no-search``, and the indexer
  (``sphinx.search.IndexBuilder.feed``, wrapped once at setup) is given a copy of each
  page without the elements of that class; the page itself keeps them.
- ``assets/search-scorer.js`` is Sphinx's search scorer hook (``html_search_scorer``, read
  into ``language_data.js``): it ranks the reference pages below the chapters and cuts the
  snippets from the prose only.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import IndexBuilder

from .assets import ASSETS

NO_SEARCH = "no-search"


def mark_code_unsearchable(app: Sphinx, doctree: nodes.document) -> None:
    for container in doctree.findall(nodes.container):
        if "cell_input" in container["classes"]:
            container["classes"].append(NO_SEARCH)


def searchable(doctree: nodes.document) -> nodes.document:
    """A copy of the page without the elements that are not to be searched."""
    copy = doctree.deepcopy()
    for element in list(copy.findall(nodes.Element)):
        if NO_SEARCH in element.get("classes", ()) and element.parent is not None:
            element.parent.remove(element)
    return copy


def _feeding_searchable(feed):
    def feed_searchable(self, docname: str, filename: str, title: str, doctree: nodes.document) -> None:
        feed(self, docname, filename, title, searchable(doctree))

    feed_searchable.skips_no_search = True
    return feed_searchable


def on_config_inited(app: Sphinx, config) -> None:
    config.html_search_scorer = str(ASSETS / "search-scorer.js")


def setup(app: Sphinx) -> None:
    if not getattr(IndexBuilder.feed, "skips_no_search", False):
        IndexBuilder.feed = _feeding_searchable(IndexBuilder.feed)
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-read", mark_code_unsearchable)
