"""Plotly figures on the site: a myst-nb renderer that draws them from their JSON output.

Why: with Plotly 6 and later a figure's notebook output is ``application/vnd.plotly.v1+json``,
which myst-nb does not know, so it drops the figure with a warning
(``mystnb.unknown_mime_type``; https://github.com/jupyter-book/jupyter-book/issues/2041). The usual workaround (Plotly's
"notebook" renderer) inlines ~4.8 MB of plotly.js into every page. This renderer writes
the JSON as a ``<div>`` plus a few lines of script that call ``Plotly.newPlot``;
``mongolia_report.site.assets`` adds plotly.js, once, from the site's own ``_static`` to
exactly the pages that contain such a figure.

Registered through the ``myst_nb.mime_renderers`` entry point in pyproject.toml.
"""

from __future__ import annotations

import html
import json

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Trace types in the plotly.js "cartesian" bundle the site serves (assets/vendor/README.md).
SUPPORTED_TRACES = {
    "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
    "image", "pie", "scatter", "scatterternary", "violin",
}
DIV_CLASS = "mnr-plotly"


def plotly_html(figure: dict, div_id: str) -> str:
    """The HTML that draws one figure, given plotly.js on the page."""
    layout = dict(figure.get("layout", {}))
    alt = (layout.get("meta") or {}).get("alt", "") if isinstance(layout.get("meta"), dict) else ""
    height = layout.get("height", 420)
    # plotly.js 4 offers "Share chart..." (an upload to Plotly's cloud) unless told not to; the
    # selection tools select nothing in these charts.
    config = {**figure.get("config", {}), "responsive": True, "displaylogo": False, "showSendToCloud": False,
              "showEditInChartStudio": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
    payload = json.dumps(
        {"data": figure.get("data", []), "layout": layout, "config": config},
        separators=(",", ":"),
        ensure_ascii=False,
    ).replace("</", "<\\/")
    label = html.escape(alt, quote=True)
    description = (
        f'<details class="mnr-alt"><summary>Text description</summary><p>{html.escape(alt)}</p></details>'
        if alt
        else ""
    )
    return (
        f'<div id="{div_id}" class="{DIV_CLASS}" role="figure" aria-label="{label}" '
        f'style="width:100%;min-height:{int(height)}px"></div>'
        f"<script>(function(){{var f={payload};"
        f"function draw(){{Plotly.newPlot('{div_id}',f.data,f.layout,f.config);}}"
        "if(window.Plotly){draw();}else{window.addEventListener('load',draw);}})();</script>"
        f"{description}"
    )


class PlotlyMimeRenderer:
    """myst-nb MimeRenderPlugin: prefer the Plotly JSON over any other representation."""

    mime_priority_overrides = [("html", PLOTLY_MIME, 5), ("dirhtml", PLOTLY_MIME, 5), ("singlehtml", PLOTLY_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        unsupported = {trace.get("type", "scatter") for trace in figure.get("data", [])} - SUPPORTED_TRACES
        if unsupported:
            renderer.logger.warning(
                f"Plotly trace type(s) {sorted(unsupported)} are not in the plotly.js bundle the site "
                "serves; use a supported type or vendor a larger bundle (assets/vendor/README.md)",
                subtype="plotly_trace",
                line=data.line,
            )
        div_id = f"plotly-{data.cell_index}-{data.output_index}"  # unique within a page
        return [nodes.raw(text=plotly_html(figure, div_id), format="html", classes=["output", "plotly"])]
