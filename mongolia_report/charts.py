"""Chart helpers: the repeated shapes of the report's Plotly figures.

A chapter's figure cell says *what* to draw (the data, the names, the colours, the
title); these helpers say *how* (trace styling and hover text, axes, small notes), so
every chart is drawn the same way. ``describe`` builds a text alternative from the
same data the chart draws, so no number in it is typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .theme import DARK_GREY, finish

OUTLINE = dict(color="#222222", width=1)  # a dark edge, so light markers read on white

__all__ = ["OUTLINE", "bar", "compared_row", "describe", "figure", "finish", "markers", "note", "panel", "table", "table_filter",
           "yearly_line"]


def _extra(shown: bool) -> str:
    """The hover box's side label: the trace's name, or nothing. The name is read by plotly.js
    (``fullData.name``), never typed into the template, so a name from the data is shown as text
    (the site escapes every name, but not the templates, which are code)."""
    return "<extra>%{fullData.name}</extra>" if shown else "<extra></extra>"


def _hover(anchor: str, hover: str, name: str | None) -> str:
    return f"{anchor}: {hover}{_extra(bool(name))}"


def bar(x, y, name: str, colour, hover: str, *, horizontal: bool = False, hatch=False, side_label: bool = True, **trace) -> go.Bar:
    """One bar series. ``hover`` is the value part of its hover text, e.g. ``"%{y:,.0f} GWh"``.

    ``hatch``: True, or one boolean per bar, to hatch bars whose value is approximate or
    whose split is unknown (pattern as well as colour, so the difference survives grey print).
    """
    marker = {"color": colour}
    if hatch is not False:
        marker["pattern"] = {"shape": ["/" if h else "" for h in hatch] if isinstance(hatch, Iterable) else "/"}
    return go.Bar(x=x, y=y, name=name, marker=marker, orientation="h" if horizontal else None,
                  hovertemplate=_hover("%{y}" if horizontal else "%{x}", hover, name if side_label else None), **trace)


def markers(x, y, name: str, colour, hover: str, *, symbol="circle", size: int = 13, outline: dict = OUTLINE,
            side_label: bool = False, mode: str = "markers", **trace) -> go.Scatter:
    """A series of outlined markers (dot charts, timelines). ``hover`` may use ``%{customdata[i]}``."""
    return go.Scatter(x=x, y=y, mode=mode, name=name,
                      marker=dict(size=size, color=colour, symbol=symbol, line=outline),
                      hovertemplate=hover + _extra(side_label and bool(name)), **trace)


def legend_key(name: str, colour, *, symbol: str = "square", group: str | None = None) -> go.Scatter:
    """A legend entry that plots nothing (no point, no hover, no row in the chart's table): for a legend
    that explains a colour or a shape the data traces share, e.g. the partner group and the direction."""
    return go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=group or name, hoverinfo="skip",
                      marker=dict(size=11, color=colour, symbol=symbol, line=OUTLINE))


def yearly_line(years, values, name: str, colour, hover: str, *, legendgroup: str | None = None, showlegend: bool = True,
                width: float = 2, size: int = 6, customdata=None, **trace) -> list[go.Scatter]:
    """A yearly series as lines with markers, one trace per run of consecutive years: a missing year
    (no record, or an empty value) is a gap in the line, never bridged. Only the first run is listed
    in the legend; ``hover`` is the hover text before the series' name, e.g. ``"%{x}: %{y:.2f}"``.
    ``customdata`` (one row per year, aligned with ``years``) follows each point into its run, for
    ``%{customdata[i]}`` in ``hover``."""
    extra = pd.Series(list(customdata) if customdata is not None else [None] * len(list(years)), index=list(years))
    series = pd.Series(list(values), index=list(years)).dropna()
    runs = (series.index.to_series().diff() != 1).cumsum().to_numpy()
    return [go.Scatter(x=list(run.index), y=list(run), mode="lines+markers", name=name, legendgroup=legendgroup or name,
                       showlegend=showlegend and i == 0, line=dict(color=colour, width=width), marker=dict(size=size, color=colour),
                       hovertemplate=hover + _extra(bool(name)),
                       **({"customdata": [list(row) for row in extra.loc[run.index]]} if customdata is not None else {}), **trace)
            for i, (_, run) in enumerate(series.groupby(runs))]


def figure(traces: Iterable, *, title: str, x_title: str | None = None, y_title: str | None = None,
           stacked: bool = False, secondary: Iterable = (), **layout) -> go.Figure:
    """A figure of ``traces`` (and ``secondary`` ones on a right-hand y axis) in the report's theme.

    Axis titles default to none: most axes are years or named categories that need no label.
    Further keyword arguments go to ``update_layout`` (e.g. ``xaxis=dict(dtick=2)``).
    """
    secondary = list(secondary)
    fig = make_subplots(specs=[[{"secondary_y": True}]]) if secondary else go.Figure()
    for trace in traces:
        fig.add_trace(trace, **({"secondary_y": False} if secondary else {}))
    for trace in secondary:
        fig.add_trace(trace, secondary_y=True)
    fig.update_layout(title=title, barmode="stack" if stacked else None)
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, **({"secondary_y": False} if secondary else {}))
    fig.update_layout(**layout)
    return fig


def note(fig: go.Figure, text: str, *, x, y, xref: str = "x", xanchor: str = "left", **annotation) -> None:
    """A small grey note on the plot (a key to the symbols, what the labels mean)."""
    fig.add_annotation(x=x, y=y, xref=xref, text=text, showarrow=False, xanchor=xanchor,
                       font=dict(size=12, color=DARK_GREY), **annotation)


def panel(fig: go.Figure, row: int, traces: Iterable, *, legend: bool = False) -> None:
    """Traces added to one row of a figure of stacked panels (``make_subplots`` with one column).

    Each trace names its panel (the row's subplot title, in ``meta["panel"]``), so the chart's table and CSV say
    which row a value is in. The legend lists the first row's series, and another row's only with ``legend``
    (a series the first row does not have); a trace that hides itself from the legend stays hidden.
    """
    titles = [annotation.text for annotation in fig.layout.annotations]
    for trace in traces:
        shown = (row == 1 or legend) and trace.showlegend is not False
        fig.add_trace(trace.update(meta={"panel": titles[row - 1]}, showlegend=shown), row=row, col=1)


def compared_row(measure: str, values, labels: dict[str, str], base: str, *, digits: int = 1, unit: str = "%") -> dict[str, str]:
    """One row of a table comparing the same measure across partners: the measure, each partner's value (``values``
    by key, in the order and under the names of ``labels``) to ``digits`` places with ``unit``, and what it is
    measured on (``base``)."""
    return {"Measure": measure, **{label: f"{values[key]:.{digits}f}{unit}" for key, label in labels.items()}, "Base": base}


def describe(intro: str, items: Iterable[str], end: str = ".") -> str:
    """A text alternative: an introduction, then one item per thing drawn, separated by semicolons."""
    return intro + "; ".join(items) + end


def table(frame):
    """A DataFrame shown as a table without its index (the book renders it as HTML). Its cells and
    headers are escaped: a pandas Styler writes them into the HTML as they are unless told otherwise,
    and a cell from the data is text, never markup. A later ``.format()`` must pass ``escape="html"`` too."""
    return frame.style.hide(axis="index").format(escape="html").format_index(escape="html", axis=1)


def table_filter(filters: dict[str, tuple], *, header: str, noun: str, search: str | None = None):
    """Drop-down filters for the table whose header contains ``header`` (the claims ledger, the vote list).

    ``filters`` maps an id to (label, options, column index[, match[, text of the "all" option]]); a row stays visible when its
    cell in each filtered column matches the chosen option: equals it (``"equal"``, the default),
    starts with it (``"prefix"``, a year in a date column) or is one of its comma-separated items
    (``"list"``). ``search`` labels a text box that keeps the rows containing what is typed. A live
    status line counts the rows shown (``assets/table-filter.js``, loaded on pages with such a form).
    """
    from IPython.display import HTML

    from .markup import render

    rows = [(key, spec[0], spec[1], spec[2], spec[3] if len(spec) > 3 else "equal", spec[4] if len(spec) > 4 else "")
            for key, spec in filters.items()]
    return HTML(render("table-filter.html", filters=rows, header=header, noun=noun, search=search))
