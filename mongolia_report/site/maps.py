"""Maps on the site: each folium map becomes a file of its own, loaded lazily by an iframe.

Why: folium renders a map as one HTML document (geometry included, a few hundred kB)
that notebooks show in an iframe's ``srcdoc``. Inline, that document would weigh down
the chapter page and could not be cached, and it loads Leaflet from a CDN the site must
not depend on. A map therefore also offers its document as ``MAP_MIME``
(``mongolia_report.maps``); this myst-nb renderer keeps it in the doctree as a
``map_figure`` node, and the HTML writer saves it once as ``_static/maps/<hash>.html``
with Leaflet pointed at the vendored copy, then writes the iframe that loads it.
myst-nb copies ``text/html`` outputs into the page as they are; a renderer plugin
(``MimeRenderPlugin``, see ``ExampleMimeRenderPlugin`` in
https://github.com/executablebooks/MyST-NB/blob/master/myst_nb/core/render.py) is its
supported way to render an output type differently, as ``site.plotly`` does for Plotly.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..maps import LEAFLET_CDN, LEAFLET_VERSION, MAP_MIME, figure_html
from ..markup import render
from . import snapshot
from .guard import warn_external

MAPS_DIR = "_static/maps"
# Where assets/vendor puts Leaflet, seen from MAPS_DIR (both under _static/).
LEAFLET_LOCAL = f"../vendor/leaflet-{LEAFLET_VERSION}/"


class map_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A map: its title, text description, height and complete HTML document."""


class MapMimeRenderer:
    """myst-nb MimeRenderPlugin: prefer a map's own output over its notebook iframe."""

    mime_priority_overrides = [(builder, MAP_MIME, 4) for builder in ("html", "dirhtml", "singlehtml")]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != MAP_MIME or inline:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        return [map_figure("", title=spec["title"], alt=spec["alt"], height=int(spec["height"]), document=spec["document"],
                           layers=spec.get("layers"))]


def visit_map_figure_html(self, node: map_figure) -> None:
    from ..identity import citation_metadata, licence_label
    from .plotly import enclosing_figure, source_line

    document = node["document"].replace(LEAFLET_CDN, LEAFLET_LOCAL)
    docname = self.builder.current_docname
    warn_external(f"page {docname} (map)", document)
    cff = citation_metadata()
    source, licence = source_line(enclosing_figure(node)), licence_label()
    # Named by what the map and its image show: the document, its credits and how the image frames them.
    drawn = "\n".join([document, node["title"], source, licence, cff["title"], str(cff["version"]), snapshot.FRAME])
    stem = hashlib.sha256(drawn.encode()).hexdigest()[:16]
    folder = Path(self.builder.outdir) / MAPS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.html"
    if not target.exists():
        target.write_text(document, encoding="utf-8")
    # The layers as GeoJSON, each feature carrying the figure's source line and the licence.
    layers = node.get("layers") or {"type": "FeatureCollection", "features": []}
    for feature in layers["features"]:
        feature["properties"].update(source=source, licence=licence)
    layers = {**layers, "title": node["title"], "source": source, "licence": licence, "from": f"{cff['title']}, version {cff['version']}"}
    (folder / f"{stem}.geojson").write_text(json.dumps(layers, ensure_ascii=False), encoding="utf-8")
    page = self.builder.get_target_uri(docname)
    links = [(relative_uri(page, f"{MAPS_DIR}/{stem}.geojson"), "the layers as GeoJSON")]
    if snapshot.available():
        self.builder.mnr_map_documents = getattr(self.builder, "mnr_map_documents", set()) | {target}
        # The page's first map is its link preview's image (site.preview).
        self.builder.mnr_page_maps = getattr(self.builder, "mnr_page_maps", {})
        self.builder.mnr_page_maps.setdefault(docname, (stem, node["alt"]))
        links.append((relative_uri(page, f"{MAPS_DIR}/{stem}.png"), "the map as a PNG image"))
    downloads = render("map-downloads.html", links=links)
    self.body.append(figure_html(title=node["title"], alt=node["alt"], height=node["height"], src=relative_uri(page, f"{MAPS_DIR}/{stem}.html"),
                                 key=f"map-{stem}", downloads=downloads))
    raise nodes.SkipNode


def prune_maps(app: Sphinx, exception) -> None:
    """Remove the map files no page refers to any more (a map that changed gets a new name, and
    Sphinx writes only the pages that changed, so the pages on disk say which maps are current)."""
    folder = Path(app.outdir) / MAPS_DIR
    if exception is not None or not folder.is_dir():
        return
    pages = (path.read_text(encoding="utf-8") for path in Path(app.outdir).rglob("*.html") if MAPS_DIR not in path.as_posix())
    used = set(re.findall(r"_static/maps/([0-9a-f]{16})\.html", "".join(pages)))
    for path in folder.iterdir():
        if path.stem not in used:
            path.unlink()


def take_snapshots(app: Sphinx, exception) -> None:
    """PNG images of the maps written in this build (in a process of its own), where missing."""
    documents = [d for d in sorted(getattr(app.builder, "mnr_map_documents", ())) if not d.with_suffix(".png").exists()]
    if exception is None and documents:
        script = "import sys; from pathlib import Path; from mongolia_report.site.snapshot import snapshot; snapshot(map(Path, sys.argv[1:]))"
        subprocess.run([sys.executable, "-c", script, *map(str, documents)], check=True)


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode  # other builders (text, LaTeX) have no way to show an interactive map


def setup(app: Sphinx) -> None:
    app.add_node(map_figure, html=(visit_map_figure_html, None), latex=(skip, None), text=(skip, None))
    app.connect("build-finished", prune_maps, priority=400)
    app.connect("build-finished", take_snapshots)
