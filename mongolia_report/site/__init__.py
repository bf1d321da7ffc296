"""The Sphinx extension that turns the notebooks into this site, one module per job.

Listed in ``_config.yml`` (``sphinx.extra_extensions: mongolia_report.site``). Each
module says why it exists and which upstream limit it works around:

- ``plotly``: a myst-nb renderer that draws Plotly figures from their JSON output.
- ``maps``: a myst-nb renderer that writes each folium map to a file of its own.
- ``assets``: plotly.js and Leaflet served from the site, only where needed; the
  theme's scripts the site does not use taken out.
- ``identity``: the title, author, version and addresses Sphinx uses, read from CITATION.cff.
- ``citebox``: the "Cite this chapter" box at the end of every chapter (the citations are
  ``mongolia_report.citation``'s).
- ``metadata``: the citation_* tags and schema.org JSON-LD in a chapter page's head.
- ``changes``: the version in every footer, each page's last change (git).
- ``changelog``: the changelog page, from changelog.yml.
- ``edition``: the landing page's first lines: the version, its release, how far the data reach.
- ``pdf``: a PDF of every page and of the whole report, printed by Chromium.
- ``downloads``: the download menu (PDFs, a runnable project archive, built with the site).
- ``a11y``: accessibility fixes to what docutils writes.
- ``tables``: notebook tables numbered and captioned as tables.
- ``structured``: schema.org ClaimReview and Dataset data for the ledger and the catalogue.
- ``freshness``: the ``{data-freshness}`` directive on the status page.
- ``language``: the pages in Mongolian marked as such (``lang``) for screen readers and search engines.
- ``search``: code is not indexed, the chapters rank above the reference pages, snippets are prose.
- ``preview``: with the site's address set, Open Graph tags, a sitemap and canonical links.
- ``guard``: the build fails if any page would load a file from another host.
- ``figure_data``: the plotted values of a chart as a table and a CSV (used by ``plotly``).
- ``snapshot``: PNG images of the maps, taken with Chromium (used by ``maps``).
- ``paths``: the names of the files offered for download, shared by the modules that write and link them.
- ``pdfdoc``: inside the PDFs: links that work away from the build machine, bookmarks, joining (used by ``pdf``).

The two renderers are registered with myst-nb through entry points (pyproject.toml).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    a11y,
    assets,
    changelog,
    changes,
    citebox,
    downloads,
    edition,
    freshness,
    guard,
    identity,
    language,
    maps,
    metadata,
    pdf,
    plotly,
    preview,
    search,
    structured,
    tables,
)


def setup(app: Sphinx) -> dict:
    for job in (identity, assets, plotly, maps, citebox, metadata, changes, changelog, edition, structured, a11y, tables,
                freshness, search, language, pdf, downloads, preview, guard):
        job.setup(app)
    # Writing is not parallel-safe: the map renderer collects the pages it drew during writing and
    # snapshots them when the build finishes, and the chart renderer writes files as it goes; under
    # ``sphinx -j`` forked writers would keep both from the parent.
    return {"parallel_read_safe": True, "parallel_write_safe": False}
