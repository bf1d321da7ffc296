"""schema.org data for search engines: the claims ledger as ClaimReview items, the data
catalogue's tables as Datasets.

Why: fact-check search (ClaimReview) and dataset search (Dataset) read JSON-LD, not prose
or HTML tables. Both are built from the same data the pages show (``claims`` and the data
package), so they cannot disagree with them.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..bib import entries
from ..claims import ARTICLE_KEY
from ..data import load, read_package
from ..identity import citation_metadata, site_address
from ..labels import VERDICT
from ..markup import safe_address, script_json


def _script(items: list[dict]) -> str:
    return f'<script type="application/ld+json">{script_json(items)}</script>\n'


def _publisher() -> dict:
    cff = citation_metadata()
    return {"@type": "Organization", "name": cff["authors"][0].get("name") or cff["title"]}


def claim_reviews(page_url: str) -> list[dict]:
    cff, article = citation_metadata(), entries()[ARTICLE_KEY]
    appearance = {"@type": "CreativeWork", "name": article["title"]}
    if safe_address(article.get("url")):  # make check refuses any other; never written unchecked
        appearance["url"] = article["url"]
    reviews = []
    for claim in load("claims").itertuples():
        review = {
            "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.claim,
            "author": _publisher(), "datePublished": str(cff["date-released"]),
            "itemReviewed": {"@type": "Claim", "appearance": appearance},
            "reviewRating": {"@type": "Rating", "alternateName": VERDICT[claim.verdict]},
            "identifier": claim.claim_id,
        }
        if page_url:
            review["url"] = f"{page_url}#claims-ledger"
        reviews.append(review)
    return reviews


def datasets(address: str) -> list[dict]:
    cff, package = citation_metadata(), read_package()
    items = []
    for resource in package["resources"]:
        licences = resource.get("licenses", package.get("licenses", []))
        item = {
            "@context": "https://schema.org", "@type": "Dataset", "name": resource["title"],
            "description": resource["description"][:5000], "identifier": resource["name"],
            "license": licences[0]["path"] if licences else "", "creator": _publisher(),
            "isPartOf": {"@type": "Book", "name": cff["title"], "version": str(cff["version"])},
            "encodingFormat": resource.get("mediatype", ""),
        }
        if str(resource.get("x-current-to", ""))[:4].isdigit():
            item["temporalCoverage"] = f"../{resource['x-current-to']}"
        if address:
            item["url"] = f"{address}/chapters/data.html#data-{resource['name'].replace('_', '-')}"
        items.append(item)
    return items


def add_structured_data(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    address = site_address(app.config.html_baseurl or "")
    if pagename == "chapters/claims":
        context["metatags"] = context.get("metatags", "") + _script(claim_reviews(f"{address}/{pagename}.html" if address else ""))
    elif pagename == "chapters/data":
        context["metatags"] = context.get("metatags", "") + _script(datasets(address))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_structured_data)
