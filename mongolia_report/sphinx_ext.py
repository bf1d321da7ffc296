"""Sphinx extension that keeps the site self-contained and light.

* plotly.js: copied once from the installed ``plotly`` package into
  ``_static/vendor/`` and added only to pages that contain a Plotly figure
  (see ``mystnb_plotly``). Pages without charts load none of it.
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
* A guard: any script or stylesheet a page would still fetch from another host
  is reported as a warning, which the strict build (``-W``) turns into a failure.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

import plotly
from sphinx.application import Sphinx
from sphinx.util import logging

from .mystnb_plotly import DIV_CLASS

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
# Vendored third-party assets (with their licences). Kept out of _static/ because
# Jupyter Book adds every .js and .css under _static/ to every page.
ASSETS = ROOT / "assets"

PLOTLY_JS = f"vendor/plotly-{plotly.__version__}.min.js"
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


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "script_files" in context:
        context["script_files"][:] = without_thebe(context["script_files"])
    body = context.get("body", "")
    if not body:
        return
    body = externalise_maps(app, pagename, body, context["pathto"])
    body = rewrite_assets(body, context["pathto"])
    body = BIBLIOENTRY.sub(r'\1 role="listitem"', body)
    context["body"] = body
    if DIV_CLASS in body:
        app.add_js_file(PLOTLY_JS, priority=200)
    warn_external(f"page {pagename}", body)


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = Path(app.outdir) / "_static" / PLOTLY_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def on_config_inited(app: Sphinx, config) -> None:
    config.html_static_path.append(str(ASSETS))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_page_context)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
