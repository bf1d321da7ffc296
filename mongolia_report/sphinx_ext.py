"""Sphinx extension that keeps the site self-contained and light.

* plotly.js: the vendored "cartesian" partial bundle (assets/vendor) is added only
  to pages that contain a Plotly figure (see ``mystnb_plotly``), once; pages without
  charts load none of it. The build fails if its version drifts from the plotly.js
  the pinned Python package was made for.
* Leaflet: folium maps are rendered in notebooks with Leaflet from a CDN; on the
  site those addresses are rewritten to the copies vendored in
  ``_static/vendor/leaflet-1.9.3`` (with its licence).
* sphinx-thebe, which Jupyter Book always loads, is taken off the pages: the site
  offers no live kernels (readers rerun the notebooks), and its inline script
  redeclares a constant, an error in every browser console.
* Bibliography entries: docutils marks them ``role="doc-biblioentry"`` inside a
  ``role="list"`` container, a combination axe-core reports as a critical
  accessibility violation; they become ``role="listitem"``.
* Maps: a folium map is rendered in a notebook as an iframe whose ``srcdoc`` holds
  the whole map document (geometry included, a few hundred kB). On the site each
  such document is written once to ``_static/maps/<hash>.html`` and the iframe
  loads it from there, lazily: the chapter page stays small and the browser
  caches the map.
* Font Awesome: the theme loads Font Awesome twice, as webfonts from its CSS and
  as a 1.5 MB JavaScript icon framework. The icons render from the webfonts, so
  the script tag is taken out of every page after the build.
* "Cite this chapter": every page under chapters/ ends with a suggested citation
  (APA style) and its BibTeX, generated from CITATION.cff and the chapter's title,
  so no citation is typed by hand and all follow the report's current version.
* A guard: any script or stylesheet a page would still fetch from another host
  is reported as a warning, which the strict build (``-W``) turns into a failure.
* ``{data-freshness}``: the status page's table of how old each dataset is, computed
  on every build (the page is re-read each time, so the ages are the build day's).
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path

import plotly
import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .mystnb_plotly import DIV_CLASS

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
# Vendored third-party assets (with their licences). Kept out of _static/ because
# Jupyter Book adds every .js and .css under _static/ to every page.
ASSETS = ROOT / "assets"

PLOTLY_JS_VERSION = "4.1.1"
PLOTLY_JS = f"vendor/plotly.js-cartesian-{PLOTLY_JS_VERSION}/plotly-cartesian.min.js"
CDN_TO_LOCAL = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "_static/vendor/leaflet-1.9.3/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "_static/vendor/leaflet-1.9.3/leaflet.css",
}
# <script src=...> and <link href=...> pointing off-site, in plain or attribute-escaped (srcdoc) HTML.
EXTERNAL_ASSET = re.compile(
    r"(?:<|&lt;)(?:script[^>]*?\ssrc|link[^>]*?\shref)=(?:\"|'|&quot;)((?:https?:)?//[^\"'&\s]+)"
)


MAP_IFRAME = re.compile(r'(<div class="mnr-map"><iframe [^>]*?)srcdoc="([^"]*)"')
MAPS_DIR = "_static/maps"
MAP_ASSET_PREFIX = "../"  # from _static/maps/ to _static/


def externalise_maps(app: Sphinx, pagename: str, body: str, pathto) -> str:
    """Move each map document out of its srcdoc attribute into a file of its own."""

    def move(match: re.Match) -> str:
        document = html.unescape(match.group(2))
        for remote, local in CDN_TO_LOCAL.items():
            document = document.replace(remote, MAP_ASSET_PREFIX + local.removeprefix("_static/"))
        warn_external(pagename + " (map)", document)
        name = hashlib.sha256(document.encode()).hexdigest()[:16] + ".html"
        target = Path(app.outdir) / MAPS_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
        return f'{match.group(1)}src="{pathto(f"{MAPS_DIR}/{name}", 1)}"'

    return MAP_IFRAME.sub(move, body)


def warn_external(where: str, text: str) -> None:
    for match in EXTERNAL_ASSET.finditer(text):
        logger.warning(
            "%s loads %s from another host; vendor it under assets/vendor",
            where,
            match.group(1),
            type="mongolia_report",
            subtype="external_asset",
        )


BIBLIOENTRY = re.compile(r'(<div class="citation" id="[^"]+") role="doc-biblioentry"')


def rewrite_assets(body: str, pathto) -> str:
    for remote, local in CDN_TO_LOCAL.items():
        if remote in body:
            body = body.replace(remote, pathto(local, 1))
    return body


def without_thebe(scripts: list) -> list:
    def is_thebe(script) -> bool:
        filename = getattr(script, "filename", script) or ""
        body = (getattr(script, "attributes", None) or {}).get("body", "")
        return "thebe" in str(filename) or "THEBE_JS_URL" in body
    return [s for s in scripts if not is_thebe(s)]


@lru_cache(maxsize=1)
def citation_metadata() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _author_names(cff: dict) -> list[str]:
    names = []
    for author in cff["authors"]:
        if author.get("name"):
            names.append(author["name"])
        else:
            names.append(f"{author['family-names']}, {author['given-names']}")
    return names


def cite_box(pagename: str, chapter_title: str, baseurl: str) -> str:
    """A suggested citation and BibTeX entry for one chapter, from CITATION.cff."""
    cff = citation_metadata()
    title = html.unescape(chapter_title)
    year = str(cff["date-released"])[:4]
    authors = _author_names(cff)
    url = f"{baseurl.rstrip('/')}/{pagename}.html" if baseurl else ""
    where = (
        f' <a href="{html.escape(url)}">{html.escape(url)}</a>'
        if url
        else " Add the address where you read it and the date you read it."
    )
    apa = (
        f"{html.escape(' & '.join(authors))} ({year}). {html.escape(title)}. In <em>{html.escape(cff['title'])}</em> "
        f"(version {html.escape(str(cff['version']))}).{where}"
    )
    key = "MongoliaBalancingAct" + year + re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower())
    fields = [
        ("author", " and ".join("{" + a + "}" for a in authors)),
        ("title", "{" + title + "}"),
        ("booktitle", "{" + cff["title"] + "}"),
        ("year", year),
        ("edition", f"{{version {cff['version']}}}"),
    ] + ([("url", "{" + url + "}")] if url else [])
    bibtex = "@incollection{" + key + ",\n" + ",\n".join(f"  {k} = {v}" for k, v in fields) + "\n}"
    return (
        '<aside class="mnr-cite" aria-labelledby="cite-this-chapter">'
        '<h2 id="cite-this-chapter">Cite this chapter</h2>'
        f'<p class="mnr-cite-text">{apa}</p>'
        f'<pre class="mnr-cite-bibtex"><code>{html.escape(bibtex)}</code></pre>'
        '<p>Figures and datasets: see <a href="'
        + ("../" * pagename.count("/"))
        + 'how-to-cite.html">How to cite</a>.</p></aside>'
    )


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "script_files" in context:
        context["script_files"][:] = without_thebe(context["script_files"])
    body = context.get("body", "")
    if not body:
        return
    body = externalise_maps(app, pagename, body, context["pathto"])
    body = rewrite_assets(body, context["pathto"])
    body = BIBLIOENTRY.sub(r'\1 role="listitem"', body)
    if pagename.startswith("chapters/"):
        body += cite_box(pagename, context.get("title", pagename), app.config.html_baseurl or "")
    context["body"] = body
    if DIV_CLASS in body:
        app.add_js_file(PLOTLY_JS, priority=200)
    warn_external(f"page {pagename}", body)


FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def drop_fontawesome_js(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME_JS.sub("", text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def check_plotly_version(app: Sphinx) -> None:
    """Warn (fail under -W) if the Python package expects another plotly.js than the one served."""
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    header = bundled.read_text(encoding="utf-8", errors="ignore")[:200]
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", header)
    if not match or match.group(1) != PLOTLY_JS_VERSION:
        logger.warning(
            "the plotly package bundles plotly.js %s but the site serves %s; re-vendor assets/vendor",
            match.group(1) if match else "(unknown)",
            PLOTLY_JS_VERSION,
            type="mongolia_report",
            subtype="plotly_version",
        )


def on_config_inited(app: Sphinx, config) -> None:
    config.html_static_path.append(str(ASSETS))
    check_plotly_version(app)


FRESHNESS_COLUMNS = [
    ("Dataset", 30), ("Current to", 12), ("Age (months)", 8), ("Sources could cover", 12), ("Newer sources last searched", 12),
]
FRESHNESS_PAGES = ("status",)  # documents that hold the directive, re-read on every build


class DataFreshness(SphinxDirective):
    """A table of every dataset's current-to date and its age on the day of the build."""

    def run(self) -> list[nodes.Node]:
        from .freshness import freshness_rows

        table = nodes.table(classes=["mnr-freshness"])
        group = nodes.tgroup(cols=len(FRESHNESS_COLUMNS))
        table += group
        group += [nodes.colspec(colwidth=width) for _, width in FRESHNESS_COLUMNS]

        def row(cells: list[str]) -> nodes.row:
            line = nodes.row()
            for text in cells:
                line += nodes.entry("", nodes.paragraph(text=text))
            return line

        group += nodes.thead("", row([name for name, _ in FRESHNESS_COLUMNS]))
        body = nodes.tbody()
        for item in freshness_rows():
            age = "" if item["age_months"] is None else str(item["age_months"])
            due = " (update due)" if item["behind"] else ""
            body += row([f"{item['title']} ({item['name']})", item["current_to"] + due, age,
                         item["newest_available"], item["update_checked"]])
        group += body
        return [table]


def always_reread(app: Sphinx, env, added, changed, removed) -> list[str]:
    return [doc for doc in FRESHNESS_PAGES if doc in env.found_docs]


def setup(app: Sphinx) -> dict:
    app.add_directive("data-freshness", DataFreshness)
    app.connect("env-get-outdated", always_reread)
    app.connect("config-inited", on_config_inited)
    app.connect("build-finished", drop_fontawesome_js)
    app.connect("html-page-context", on_page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
