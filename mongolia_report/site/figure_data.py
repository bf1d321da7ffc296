"""The values a Plotly figure plots, as rows: for its Table view and its CSV download.

Read from the figure's own JSON (what the browser draws), not from the notebook's data
frames, so the table and the CSV can only show what the chart shows. Plotly 6 and later
write numeric arrays as base64 typed arrays (``{"dtype": "f8", "bdata": ...}``); they
are decoded here. A value is written to the precision the chart shows it with (its hover
text's format, e.g. ``%{y:.1f}``), the precision of its source, not a computed share's
fifteen digits. The CSV is plain (its header row first, so any spreadsheet or
``pandas.read_csv`` opens it); its title, source, licence and citation travel beside it,
in the README of a small zip (``readme_text``), as Our World in Data's downloads do.
"""

from __future__ import annotations

import base64
import csv
import io
import re

import numpy as np


def values(array) -> list:
    """A trace's array as a Python list, decoding Plotly's typed-array form."""
    if isinstance(array, dict) and "bdata" in array:
        decoded = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            decoded = decoded.reshape([int(n) for n in str(array["shape"]).split(",")])
        return decoded.tolist()
    return list(array) if array is not None else []


def plain_text(value) -> str:
    """A Plotly title or label as plain text (line breaks as spaces)."""
    if isinstance(value, dict):
        value = value.get("text", "")
    return re.sub(r"<br\s*/?>", " ", str(value or "")).strip()


def shown_decimals(template: str | None, axis: str) -> int | None:
    """The decimals a hover text shows a value with (``%{y:,.1f}`` gives 1); None when it does not say."""
    match = re.search(r"%\{" + axis + r":[^}]*?\.(\d+)f\}", template or "")
    return int(match.group(1)) if match else None


def _cell(value, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and decimals is not None:
        return f"{value:.{decimals}f}"
    if isinstance(value, float):
        return f"{value:.10g}"
    text = re.sub(r"<br\s*/?>", " ", str(value))
    return re.sub(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", r"\1", text)  # a day, without its hour


def axis_title(layout: dict, axis: str, default: str) -> str:
    return plain_text((layout.get(axis) or {}).get("title")) or default


def _kind(traces: list[dict], axis: str) -> str:
    """A name for an untitled axis: "Date", "Year" or "Category", from what it holds."""
    cells = [str(v) for t in traces for v in values(t.get(axis))][:50]
    if cells and all(re.fullmatch(r"\d{4}", c) for c in cells):
        return "Year"
    if cells and all(re.match(r"\d{4}-\d{2}-\d{2}", c) for c in cells):
        return "Date"
    return "Category"


def plotted_rows(figure: dict) -> tuple[list[str], list[list[str]]]:
    """(columns, rows): one row per plotted point (per cell of a heatmap), in drawing order."""
    layout = figure.get("layout", {})
    traces = [t for t in figure.get("data", []) if not (t.get("mode") == "text" and t.get("showlegend") is False)
              and any(v is not None for v in values(t.get("x")))]  # a legend-only key (x None) plots nothing
    if any(t.get("type") == "heatmap" for t in traces):
        trace = next(t for t in traces if t.get("type") == "heatmap")
        xs, ys = values(trace.get("x")), values(trace.get("y"))
        labels = trace.get("text") or values(trace.get("z"))
        columns = [axis_title(layout, "yaxis", "Row"), axis_title(layout, "xaxis", "Column"), "Value"]
        return columns, [[_cell(y), _cell(x), _cell(labels[i][j])] for i, y in enumerate(ys) for j, x in enumerate(xs)]
    horizontal = any(t.get("orientation") == "h" for t in traces)
    x_name = axis_title(layout, "xaxis", "Value" if horizontal else _kind(traces, "x"))
    y_name = axis_title(layout, "yaxis", _kind(traces, "y") if horizontal else "Value")
    # Small multiples: each trace names its panel in ``meta``, and the panel leads each row (their
    # y axes are the panels', not a right-hand axis).
    panels = any(isinstance(t.get("meta"), dict) and "panel" in t["meta"] for t in traces)
    right = "" if panels else axis_title(layout, "yaxis2", "")
    # A trace may name its customdata's columns in ``meta["columns"]`` (who visited, say): the table carries them too.
    extra = list(dict.fromkeys(c for t in traces if isinstance(t.get("meta"), dict) for c in t["meta"].get("columns", [])))
    rows = []
    for trace in traces:
        xs, ys = values(trace.get("x")), values(trace.get("y"))
        series = trace.get("name") or plain_text(layout.get("title"))
        on_right = bool(right) and trace.get("yaxis") == "y2"
        x_places, y_places = (shown_decimals(trace.get("hovertemplate"), axis) for axis in ("x", "y"))
        named = trace["meta"].get("columns", []) if isinstance(trace.get("meta"), dict) else []
        custom = values(trace.get("customdata")) if named else []
        for i, (x, y) in enumerate(zip(xs, ys)):
            row = ([str(trace["meta"]["panel"])] if panels else []) + [series, _cell(x, x_places), _cell(y, y_places) if not on_right else ""]
            if right:
                row.append(_cell(y, y_places) if on_right else "")
            cells = dict(zip(named, custom[i])) if i < len(custom) else {}
            rows.append(row + [_cell(cells.get(column)) for column in extra])
    columns = (["Panel"] if panels else []) + ["Series", x_name, y_name] + ([right] if right else []) + extra
    return columns, rows


def csv_text(columns: list[str], rows: list[list[str]]) -> str:
    """Plain CSV: the header row, then one row per plotted point."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def readme_text(*, label: str, title: str, csv_name: str, columns: list[str], source: str, licence: str,
                licence_url: str, report: str, chapter: str, citation: str, address: str) -> str:
    """The README beside a figure's CSV in its zip: what the file is, where it comes from, how to cite it."""
    lines = [
        f"# {label}: {title}", "",
        f"From the chapter \"{chapter}\" of {report}" + (f", {address}" if address else "") + ".", "",
        f"{csv_name} holds the values the figure plots, one row per point, in the order drawn, to the",
        "precision the figure shows them. Columns: " + ", ".join(columns) + ".", "",
        f"{source}", "",
        f"Licence: {licence} ({licence_url}). Credit the report and the sources above.", "",
        f"Cite as: {citation}", "",
    ]
    return "\n".join(lines)


def table_html(columns: list[str], rows: list[list[str]], caption: str) -> str:
    from ..markup import render

    return render("data-table.html", columns=columns, rows=rows, caption=caption)
