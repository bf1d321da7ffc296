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
import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..maps import LEAFLET_CDN, LEAFLET_VERSION, MAP_MIME, figure_html
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
        return [map_figure("", title=spec["title"], alt=spec["alt"], height=int(spec["height"]), document=spec["document"])]


def visit_map_figure_html(self, node: map_figure) -> None:
    document = node["document"].replace(LEAFLET_CDN, LEAFLET_LOCAL)
    docname = self.builder.current_docname
    warn_external(f"page {docname} (map)", document)
    name = hashlib.sha256(document.encode()).hexdigest()[:16] + ".html"
    target = Path(self.builder.outdir) / MAPS_DIR / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")
    src = relative_uri(self.builder.get_target_uri(docname), f"{MAPS_DIR}/{name}")
    frame_source = f'src="{html.escape(src, quote=True)}"'
    self.body.append(figure_html(title=node["title"], alt=node["alt"], height=node["height"], frame_source=frame_source))
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode  # other builders (text, LaTeX) have no way to show an interactive map


def setup(app: Sphinx) -> None:
    app.add_node(map_figure, html=(visit_map_figure_html, None), latex=(skip, None), text=(skip, None))
