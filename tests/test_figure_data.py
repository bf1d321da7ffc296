"""The rows a chart's Table view and CSV show (mongolia_report.site.figure_data), from a figure's JSON."""

from __future__ import annotations

from mongolia_report.site.figure_data import plotted_rows


def test_named_customdata_columns_follow_each_point_and_legend_only_keys_are_left_out():
    figure = {"layout": {"title": {"text": "Visits"}}, "data": [
        {"type": "scatter", "name": "Russia", "x": ["2024-09-02"], "y": ["Russia"],
         "customdata": [["Vladimir Putin", "To Mongolia"]], "meta": {"columns": ["Visitor", "Direction"]}},
        {"type": "scatter", "name": "Others", "x": ["2025-10-13"], "y": ["India"]},  # names no columns: cells stay empty
        {"type": "scatter", "name": "Visit to Mongolia", "x": [None], "y": [None]},  # a legend key that plots nothing
    ]}
    columns, rows = plotted_rows(figure)
    assert columns == ["Series", "Date", "Value", "Visitor", "Direction"]
    assert rows == [["Russia", "2024-09-02", "Russia", "Vladimir Putin", "To Mongolia"],
                    ["Others", "2025-10-13", "India", "", ""]]
