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
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..markup import Markup, escape, plotly_text, render, script_json
from ..theme import LAYOUT
from . import figure_data, paths

PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Trace types in the plotly.js "cartesian" bundle the site serves (assets/vendor/README.md).
SUPPORTED_TRACES = {
    "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
    "image", "pie", "scatter", "scatterternary", "violin",
}
DIV_CLASS = "mnr-plotly"


def as_text(value):
    """Every string of a figure as Plotly shows it literally (``markup.plotly_text``): labels, hover
    data, names, titles and notes, wherever the data may have put them. Only the templates
    (``hovertemplate``, ``texttemplate``) are left as they are: they are the report's own code, and
    the data reach them through placeholders such as ``%{customdata[0]}``, whose values are escaped here."""
    if isinstance(value, dict):
        return {key: item if key.endswith("template") else as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_text(item) for item in value]
    return plotly_text(value) if isinstance(value, str) else value


def plotly_html(figure: dict, div_id: str) -> str:
    """The HTML that draws one figure, given plotly.js on the page."""
    layout = dict(figure.get("layout", {}))
    alt = (layout.get("meta") or {}).get("alt", "") if isinstance(layout.get("meta"), dict) else ""
    height = layout.get("height", LAYOUT["chart_height"])
    # plotly.js 4 offers "Share chart..." (an upload to Plotly's cloud) unless told not to; the
    # selection tools select nothing in these charts.
    config = {**figure.get("config", {}), "responsive": True, "displaylogo": False, "showSendToCloud": False,
              "showEditInChartStudio": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
    payload = script_json(as_text({"data": figure.get("data", []), "layout": layout}) | {"config": config})
    return render("chart.html", div_id=div_id, div_class=DIV_CLASS, alt=alt, height=int(height), payload=Markup(payload))


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
        return [plotly_figure("", figure=figure, div_id=div_id)]


FIGURES_DIR = "_static/figures"
LICENCE_URLS = {"CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/"}


def write_zip(target: Path, files: dict[str, str]) -> None:
    import zipfile

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=paths.ZIP_TIME), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


class plotly_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A Plotly figure: its JSON and the id of the element it is drawn into."""


def enclosing_figure(node: nodes.Node) -> nodes.figure | None:
    while node is not None and not isinstance(node, nodes.figure):
        node = node.parent
    return node


def source_line(figure_node: nodes.figure | None) -> str:
    """The caption's "Source(s): ..." sentence(s), which every figure of the report has."""
    caption = next(iter(figure_node.findall(nodes.caption)), None) if figure_node is not None else None
    text = caption.astext() if caption is not None else ""
    match = re.search(r"(Sources?:.*?)(?:\s*Data:.*)?$", text, flags=re.S)
    return " ".join(match.group(1).split()) if match else "Source: see the chapter"


LIBRARY = "United Nations Digital Library"  # how the caption's citation of the Library's records reads
LIBRARY_TERMS = "figures counted from the UN Digital Library's records: non-commercial use, under the Library's terms"


def figure_licence(source: str) -> str:
    """The licence a figure's image, CSV and README carry: the report's, and the Library's terms beside it when the
    caption's sources cite the Library (whose records may be republished only as derived statistics, non-commercially)."""
    from ..identity import licence_label

    return f"{licence_label()}; {LIBRARY_TERMS}" if LIBRARY in source else licence_label()


def visit_plotly_figure_html(self, node: plotly_figure) -> None:
    from ..citation import chapter_item, formatted_reference
    from ..identity import citation_metadata, licence_label, site_address

    figure, div_id = node["figure"], node["div_id"]
    docname = self.builder.current_docname
    figure_node = enclosing_figure(node)
    figure_id = figure_node["ids"][0] if figure_node is not None and figure_node["ids"] else div_id
    number = self.builder.fignumbers.get("figure", {}).get(figure_id)
    label = f"Figure {'.'.join(map(str, number))}" if number else "Figure"
    title = figure_data.plain_text(figure.get("layout", {}).get("title")) or label
    cff = citation_metadata()
    report = f"{cff['title']}, version {cff['version']}"
    source = source_line(figure_node)
    licence = figure_licence(source)
    credit = f"{source} · Licence: {licence} · {report}"

    columns, rows = figure_data.plotted_rows(figure)
    stem = f"{re.sub(r'[^a-z0-9]+', '-', docname.lower())}-{figure_id}"
    folder = Path(self.builder.outdir) / FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    address = site_address(self.builder.config.html_baseurl or "")
    page_url = f"{address}/{docname}.html" if address else ""
    chapter = self.builder.env.titles[docname].astext() if docname in self.builder.env.titles else docname
    reference = formatted_reference(chapter_item(chapter, f"{page_url}#{figure_id}" if page_url else ""))  # HTML, escaped by citeproc
    citation = escape(f"{label}, “{title}”, from: ") + Markup(reference)
    table = figure_data.csv_text(columns, rows)
    (folder / f"{stem}.csv").write_text(table, encoding="utf-8")
    readme = figure_data.readme_text(
        label=label, title=title, csv_name=f"{stem}.csv", columns=columns, source=source, licence=licence,
        licence_url=LICENCE_URLS.get(licence_label(), f"https://spdx.org/licenses/{cff.get('license', '')}.html"), report=report,
        chapter=chapter, citation=html.unescape(re.sub(r"<[^>]+>", "", citation)),
        address=f"{page_url}#{figure_id}" if page_url else "")
    write_zip(folder / f"{stem}.zip", {f"{stem}/{stem}.csv": table, f"{stem}/README.md": readme})
    page = self.builder.get_target_uri(docname)
    csv_href, zip_href = (relative_uri(page, f"{FIGURES_DIR}/{stem}.{kind}") for kind in ("csv", "zip"))
    self.body.append(render(
        "figure.html", div_id=div_id, credit=credit, stem=stem, label=label, figure_id=figure_id, licence=licence,
        tabs=[("chart", "Chart"), ("table", "Table"), ("download", "Download"), ("cite", "Cite")],
        chart=Markup(plotly_html(figure, div_id)),
        table=Markup(figure_data.table_html(columns, rows, f"{label}: the values plotted. {source}")),
        csv_href=csv_href, zip_href=zip_href, citation=Markup(citation)))
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode  # other builders have no way to show an interactive chart


def setup(app: Sphinx) -> None:
    app.add_node(plotly_figure, html=(visit_plotly_figure_html, None), latex=(skip, None), text=(skip, None))
