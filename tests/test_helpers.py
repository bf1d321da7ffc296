"""The package's small helpers, each with known input and output, so a change to one is caught here
(in the fast layer) rather than by re-running a chapter: prose (mongolia_report.text), the yearly
line (charts.yearly_line), the agreement pooling (unvotes), and the map's label ranking (maps)."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from mongolia_report import charts, maps, text, unvotes


def day(value: str) -> pd.Timestamp:
    return pd.Timestamp(value)


def test_dates_read_as_prose_and_show_only_what_the_source_gives():
    assert text.long_date(day("2024-09-02")) == "2 September 2024"
    assert text.date_at_precision(day("2019-12-01"), "month") == "December 2019"
    assert text.date_at_precision(day("2004-01-01"), "year") == "2004"
    assert text.date_at_precision(day("2024-09-02"), "day", month="%b") == "2 Sep 2024"
    assert text.period(day("2024-01-01"), day("2024-01-31")) == "Jan 2024"
    assert text.period(day("2024-01-01"), day("2024-03-31")) == "Jan 2024 to Mar 2024"
    assert text.month_year(day("2025-10-17")) == "October 2025"


def test_lists_counts_and_ordinals_read_as_prose():
    assert text.join_names([]) == "" and text.join_names(["Chad"]) == "Chad"
    assert text.join_names(["Chad", "Jordan", "Mongolia"]) == "Chad, Jordan and Mongolia"
    assert text.join_clauses(["a, b", "c", "d"]) == "a, b; c; and d"
    assert [text.ordinal_word(n) for n in (1, 8, 9, 20, 21, 22, 23, 111)] == \
        ["first", "eighth", "ninth", "twentieth", "21st", "22nd", "23rd", "111th"]
    assert (text.number_word(0), text.number_word(0, zero="no"), text.number_word(12), text.number_word(13)) == \
        ("none", "no", "twelve", "13")
    assert text.in_prose("Philippines") == "the Philippines" and text.in_prose("Mongolia") == "Mongolia"
    assert text.stated("more_than", 97) == "more than 97%" and text.stated("exact", 95.5, " per cent") == "95.5 per cent"


def test_a_yearly_line_breaks_at_a_missing_year_and_at_an_empty_value_and_lists_one_legend_entry():
    years = [2019, 2020, 2021, 2023, 2024, 2025]
    values = [0.7, 0.8, float("nan"), 0.6, 0.65, 0.9]  # 2021 empty, 2022 absent
    runs = charts.yearly_line(years, values, "Russia", "#D55E00", "%{x}: %{y:.2f}", customdata=[[n] for n in range(6)])
    assert [list(run.x) for run in runs] == [[2019, 2020], [2023, 2024, 2025]]
    assert [run.showlegend for run in runs] == [True, False]
    assert {run.legendgroup for run in runs} == {"Russia"}
    assert [list(map(list, run.customdata)) for run in runs] == [[[0], [1]], [[3], [4], [5]]], "customdata follows its year"


def test_the_agreement_index_is_pooled_from_counts_not_from_the_yearly_means():
    rows = pd.DataFrame({"year": [2019, 2020], "n_same": [90, 5], "n_partial": [10, 0], "n_opposite": [0, 5]})
    # 2019: (90 + 5) / 100 = 0.95 on 100 votes; 2020: 5 / 10 = 0.5 on 10. Pooled: 100 / 110, not (0.95 + 0.5) / 2.
    assert unvotes.pooled(rows) == pytest.approx(100 / 110)
    assert unvotes.index_of(1, 2, 4) == 0.5 and math.isnan(unvotes.index_of(0, 0, 0))
    assert list(unvotes.between(rows, 2020, 2025)["year"]) == [2020]
    low, high = unvotes.interval(rows)
    assert low < unvotes.pooled(rows) < high


def test_map_labels_are_ranked_in_the_order_they_are_added():
    import folium

    fmap = folium.Map()
    maps.label(fmap, "Ulaanbaatar", [47.9, 106.9])
    maps.label(fmap, "Darkhan", [49.5, 105.9])
    # Each label is a DivIcon whose markup folium writes as a JSON string in the map's script.
    icons = [json.loads(found) for found in re.findall(r'"html": ("(?:[^"\\]|\\.)*")', fmap.get_root().render())]
    from bs4 import BeautifulSoup

    spans = BeautifulSoup("".join(icons), "html.parser").select("span.mnr-label")
    ranks = {span.get_text(): int(span["data-rank"]) for span in spans}
    assert ranks["Ulaanbaatar"] < ranks["Darkhan"], "the first added is the more important: it keeps its place"
    assert all(span["class"] == ["mnr-label", "mnr-label-place"] for span in spans)


def test_the_sources_of_many_rows_are_cited_once_each_in_order():
    cited = text.cited_in(pd.Series(["B2020x;A2019y", "A2019y"]), ["C2021z"])
    assert cited.data == "{cite:p}`B2020x,A2019y,C2021z`"


def test_a_record_s_days_read_as_a_table_sorts_them():
    assert text.iso_span(day("2025-10-13"), day("2025-10-16")) == "2025-10-13 to 2025-10-16"
    assert text.iso_span(day("2026-02-05"), pd.NaT) == "2026-02-05"
    assert text.iso_span(day("2024-12-04"), day("2024-12-04")) == "2024-12-04"
    assert text.iso_span(day("2024-05-01"), pd.NaT, "month") == "2024-05"


def test_a_legend_key_plots_nothing_and_joins_its_group():
    key = charts.legend_key("Visit to Mongolia", "#BBBBBB", symbol="circle", group="to_mongolia")
    assert list(key.x) == [None] and key.hoverinfo == "skip" and key.legendgroup == "to_mongolia"
    assert key.marker.symbol == "circle" and charts.legend_key("Russia", "#D55E00").legendgroup == "Russia"


def test_a_panel_s_traces_name_their_row_and_only_the_first_row_fills_the_legend():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=2, cols=1, subplot_titles=["Exports", "Visits"])
    charts.panel(fig, 1, [charts.bar([2025], [1], "China", "#000", "%{y}")])
    charts.panel(fig, 2, [charts.bar([2025], [2], "China", "#000", "%{y}"), charts.legend_key("Key", "#BBB")])
    charts.panel(fig, 2, [charts.bar([2025], [3], "All 15", "#555", "%{y}")], legend=True)
    assert [(t.meta["panel"], t.showlegend, t.yaxis) for t in fig.data] == [
        ("Exports", True, "y"), ("Visits", False, "y2"), ("Visits", False, "y2"), ("Visits", True, "y2")]
    charts.panel(fig, 1, [charts.legend_key("Hidden", "#BBB").update(showlegend=False)])
    assert fig.data[-1].showlegend is False, "a trace that hides itself from the legend stays hidden"


def test_a_compared_row_gives_each_partner_s_value_under_its_label_in_order():
    row = charts.compared_row("Share of exports", {"russia": 0.04, "china": 89.44}, {"china": "China", "russia": "Russia"},
                              "15.1 billion dollars")
    assert row == {"Measure": "Share of exports", "China": "89.4%", "Russia": "0.0%", "Base": "15.1 billion dollars"}
    assert list(row) == ["Measure", "China", "Russia", "Base"]
    assert charts.compared_row("Visits", {"a": 3}, {"a": "A"}, "", digits=0, unit="")["A"] == "3"
