"""What reference managers and search engines read from a chapter page, in its head.

``citation_*`` tags (the Highwire tags Zotero and Google Scholar read: title, authors, date, book
title, PDF) and schema.org JSON-LD (a ``Chapter`` of a ``Book``), from CITATION.cff. Where the site's
address is set, both give the page's published address. Link previews (Open Graph) are
``site.preview``'s.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx

from ..citation import csl_author, inverted
from ..identity import authors, citation_metadata, site_address
from ..markup import script_json
from . import paths, snapshot


def page_metadata(pagename: str, chapter_title: str, baseurl: str) -> str:
    """What reference managers (citation_* tags, read by Zotero and Google Scholar) and search engines
    (schema.org JSON-LD) read from a chapter page."""
    cff, address = citation_metadata(), site_address(baseurl)
    title = html.unescape(chapter_title)
    tags = [("citation_title", title), ("citation_book_title", cff["title"]),
            ("citation_publication_date", str(cff["date-released"]).replace("-", "/")),
            ("citation_edition", f"version {cff['version']}")]
    tags += [("citation_author", inverted(csl_author(a))) for a in authors()]
    if address:
        tags.append(("citation_public_url", f"{address}/{pagename}.html"))
    if snapshot.available():  # Chromium prints the PDFs  # absolute where the site's address is known, else relative to the page
        tags.append(("citation_pdf_url", f"{address}/{paths.page_pdf(pagename)}" if address
                     else "../" * pagename.count("/") + paths.page_pdf(pagename)))
    meta = "".join(f'<meta name="{name}" content="{html.escape(str(value), quote=True)}">\n' for name, value in tags)
    data = {
        "@context": "https://schema.org", "@type": "Chapter", "name": title, "version": str(cff["version"]),
        "datePublished": str(cff["date-released"]), "license": f"https://spdx.org/licenses/{cff.get('license', '')}",
        "author": [{"@type": "Organization" if a["entity"] else "Person", "name": a["name"]} for a in authors()],
        "isPartOf": {"@type": "Book", "name": cff["title"], "version": str(cff["version"])},
    }
    if address:
        data["url"] = f"{address}/{pagename}.html"
    return meta + f'<script type="application/ld+json">{script_json(data)}</script>\n'


def add_page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename.startswith("chapters/") and context.get("body"):
        title = context.get("title", pagename)
        context["metatags"] = context.get("metatags", "") + page_metadata(pagename, title, app.config.html_baseurl or "")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_page_metadata)
