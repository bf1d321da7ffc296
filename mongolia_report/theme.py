"""The one chart theme: a colour-blind-safe palette and a Plotly template.

Importing this module registers the template ``mongolia`` as Plotly's default and
sets the renderer to ``plotly_mimetype``: a notebook output then carries only the
figure's JSON (``application/vnd.plotly.v1+json``). JupyterLab draws that
natively; the book draws it with ``mongolia_report.site.plotly`` and a single
copy of plotly.js served from the site. No figure inlines plotly.js.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

# Layout numbers the pages' JavaScript uses too (site/assets.py writes them into each page with charts as
# window.mnrLayout, read by assets/figure-tools.js): a chart's default height, the width below which a chart is
# laid out for a phone, a phone's width. One file, so the two sides cannot drift apart.
LAYOUT = json.loads((Path(__file__).parent / "layout.json").read_text(encoding="utf-8"))

# Okabe & Ito (2008), the standard colour-blind-safe qualitative palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#BBBBBB"
DARK_GREY = "#555555"
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow")]

# Meanings used across chapters, so the same thing has the same colour everywhere.
ICC_STATUS_COLOURS = {
    "party": OKABE_ITO["blue"],
    "party_leaving": OKABE_ITO["sky_blue"],
    "withdrawn": OKABE_ITO["vermillion"],
    "signatory": OKABE_ITO["orange"],
    "signature_withdrawn": OKABE_ITO["reddish_purple"],
    "non_signatory": DARK_GREY,
    "no_record": GREY,
}

PARTNER_COLOURS = {
    "russia": OKABE_ITO["vermillion"],
    "china": OKABE_ITO["orange"],
    "third_neighbour": OKABE_ITO["blue"],
    "other": DARK_GREY,
}

# High-level visits (diplomatic_visits): the direction's marker shape (its words are labels.DIRECTION).
DIRECTION_SYMBOLS = {"to_mongolia": "circle", "from_mongolia": "triangle-up"}

# The themes of the report, as the "What happened next" timeline colours them.
THEME_COLOURS = {
    "icc": OKABE_ITO["blue"],
    "energy_trade": OKABE_ITO["orange"],
    "alignment": OKABE_ITO["vermillion"],
    "diplomacy": OKABE_ITO["bluish_green"],
    "politics": OKABE_ITO["reddish_purple"],
}

# UN General Assembly votes; every cell also carries its word, so colour is never the only cue.
VOTE_COLOURS = {
    "yes": OKABE_ITO["bluish_green"],
    "abstain": OKABE_ITO["yellow"],
    "no": OKABE_ITO["vermillion"],
    "absent": DARK_GREY,
}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

pio.templates["mongolia"] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#222222"),
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=60, r=30, t=50, b=50),
        # The x labels stand off from the axis, so that the first year's label stays clear of the y axis's "0"
        # in fonts with tall lines (Noto Sans, the default sans-serif where fonts-noto-core is installed).
        xaxis=dict(showgrid=False, linecolor="#444444", ticks="outside", automargin=True, ticklabelstandoff=4),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, linecolor="#444444", automargin=True),
        # Below the plot, left-aligned: a legend above the plot competes with the title, and at
        # phone width a right-hand legend squeezes the plot. Charts whose tick labels take two
        # lines move it further down.
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
        hoverlabel=dict(font=dict(family=FONT)),
    )
)
pio.templates.default = "mongolia"
pio.renderers.default = "plotly_mimetype"


def finish(fig: go.Figure, *, alt: str, height: int = LAYOUT["chart_height"]) -> go.Figure:
    """Common last touches: a fixed height and the text alternative screen readers get.

    The text alternative travels in ``layout.meta.alt``; the book's renderer turns it
    into an ``aria-label`` and a visible "Text description" under the chart.
    """
    if not alt.strip():
        raise ValueError("every figure needs a text alternative")
    fig.update_layout(height=height, meta={"alt": alt})
    if fig.layout.xaxis.title.text and fig.layout.legend.y is None:
        fig.update_layout(legend_y=-0.24)  # below the axis title, not on it
    return fig
