""""Cite this chapter": every format of a chapter's citation, at the end of every chapter.

Why: Jupyter Book has no per-page citation of its own, so the box is appended to the page
body. The citations themselves (CSL items, APA, Chicago, MLA, BibTeX, RIS) are made by
``mongolia_report.citation``; this module lays them out with the reader's access date and the
copy and download buttons, for chapters, the overview ("Cite this report") and the how-to-cite
page (``{report-citation}``). The page's citation metadata is ``site.metadata``'s.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..citation import (
    STYLES,
    bibtex_entry,
    chapter_item,
    formatted_reference,
    mongolian_reference,
    report_item,
    report_key,
    ris_entry,
)
from ..identity import site_address
from ..markup import Markup, render
from ..pages import LANGUAGES
from .paths import ACCESS_BLANK

# The access date is the reader's: the page shows a blank (paths.ACCESS_BLANK), and assets/cite-box.js
# fills it with the day the reader opens the page, in each style's own date format; it also makes the
# copy buttons copy, and the .bib and .ris downloads carry, what the page shows.
CITE_BOX_JS = "cite-box.js"  # assets/cite-box.js


def accessed(style: str) -> str:
    return f'<span class="mnr-accessed" data-format="{style}">{ACCESS_BLANK}</span>'


def mongolian_months() -> str:
    """The month names Babel's Mongolian long date uses, for cite-box.js to write the access date as the page's dates."""
    import json

    from babel.dates import get_month_names

    return json.dumps(list(get_month_names("wide", locale="mn").values()), ensure_ascii=False)


def with_access_date(reference: str, style: str, url: str) -> str:
    """A CSL reference with the access date where each style puts it (citeproc-py's styles leave it out)."""
    date = accessed(style)
    if style == "apa" and url:  # APA 7: "Retrieved <date>, from <URL>"
        return reference.replace(url, f"Retrieved {date}, from {url}", 1)
    if style == "chicago-author-date" and url:  # Chicago: the access date goes before the URL
        return reference.replace(url, f"Accessed {date}. {url}", 1)
    return f"{reference} Accessed {date}."  # MLA 9: at the end; the others without an address


def citations(item: dict, key: str) -> str:
    """The item in APA, Chicago and MLA (citeproc-py, CSL), BibTeX (pybtex) and RIS, each with an access
    date and a copy button; BibTeX and RIS also as files to download (.bib, .ris)."""
    from urllib.parse import quote

    url = item.get("URL", "")
    styles = [(name, Markup(with_access_date(formatted_reference(item, style), style, url))) for name, style in STYLES]
    codes = []
    for name, write, date_format, suffix in [("BibTeX", bibtex_entry, "iso", "bib"), ("RIS", ris_entry, "ris", "ris")]:
        code = write(item, key, ACCESS_BLANK) if write is bibtex_entry else write(item, ACCESS_BLANK)
        # Without script the file has no access date (a blank would not import); cite-box.js adds today's.
        offline = write(item, key) if write is bibtex_entry else write(item)
        # The access date's blank, escaped with the rest of the entry, is then swapped for its span.
        entry = Markup(html.escape(code).replace(ACCESS_BLANK, accessed(date_format)))
        codes.append((name, suffix, f"data:text/plain;charset=utf-8,{quote(offline + chr(10))}", entry))
    return render("citations.html", styles=styles, codes=codes, key=key, blank=ACCESS_BLANK)


def cite_box(pagename: str, chapter_title: str, baseurl: str) -> str:
    """The chapter's citations (``citations``), from CITATION.cff and the chapter's title.

    Without a configured site address the citations are printed without one (the build says so once).
    """
    address = site_address(baseurl)
    item = chapter_item(html.unescape(chapter_title), f"{address}/{pagename}.html" if address else "", LANGUAGES.get(pagename, ""))
    key = report_key(item) + re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower())
    translated = None
    if LANGUAGES.get(pagename) == "mn":  # a page in Mongolian: a Mongolian citation beside the English ones
        blank = html.escape(ACCESS_BLANK)
        date = Markup(f'<span class="mnr-accessed" data-format="mn" data-months="{html.escape(mongolian_months())}">{blank}</span>')
        translated = Markup(html.escape(mongolian_reference(item, ACCESS_BLANK)).replace(blank, date))
    return render("cite-box.html", what="chapter", citations=Markup(citations(item, key)), others="Figures and datasets",
                  how_to_cite=f"{'../' * pagename.count('/')}how-to-cite.html", translated=translated, key=key)


def report_citations(baseurl: str) -> str:
    """The whole report's citations, with the site's address where one is configured."""
    address = site_address(baseurl)
    item = report_item(f"{address}/" if address else "")
    return citations(item, report_key(item))


def report_box(baseurl: str) -> str:
    """"Cite this report" at the end of the overview page."""
    return render("cite-box.html", what="report", citations=Markup(report_citations(baseurl)),
                  others="A chapter, a figure or a dataset", how_to_cite="how-to-cite.html")


class ReportCitation(SphinxDirective):
    """``{report-citation}``: the whole report's citations, for the how-to-cite page."""

    def run(self) -> list[nodes.Node]:
        return [nodes.raw("", f'<div class="mnr-cite">{report_citations(self.config.html_baseurl or "")}</div>', format="html")]


def add_cite_box(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if (pagename.startswith("chapters/") or pagename in LANGUAGES) and context.get("body"):
        context["body"] += cite_box(pagename, context.get("title", pagename), app.config.html_baseurl or "")
    elif pagename == app.config.root_doc and context.get("body"):  # the overview: the whole report
        context["body"] += report_box(app.config.html_baseurl or "")
    if "mnr-accessed" in context.get("body", ""):
        app.add_js_file(CITE_BOX_JS, priority=300)


def setup(app: Sphinx) -> None:
    app.add_directive("report-citation", ReportCitation)
    app.connect("html-page-context", add_cite_box)
