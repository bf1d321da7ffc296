"""Every chart, in a real browser: drawn with its data, its four views (Chart, Table, Download, Cite), its table
and CSV exactly the plotted values, its PNG and SVG with title, source and licence, readable on paper, and the
chapters' own charts each as they should be."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pytest
from browsing import (
    CHAPTERS,
    CHART_CHAPTERS,
    PLOTTED,
    WITH_CHARTS,
    chapter_charts,
    same,
)

from conftest import ROOT, Job, early, in_ci


def test_icc_chapter_draws_three_charts_and_a_map(visit):
    page, _ = chapter_charts(visit, "chapters/icc", 3)
    assert page.locator(".mnr-map iframe").count() == 1


def test_alignment_chapter_draws_the_vote_grid_trade_transit_and_timeline(visit):
    from mongolia_report import load

    resolutions = load("unga_ukraine_resolutions").sort_values("date", kind="stable")
    mongolia = load("unga_ukraine_votes").query("country_iso3 == 'MNG'").set_index("resolution_id")["vote"]
    trade = load("china_russia_trade")
    split = trade["china_exports_to_russia_usd_bn"].notna()
    _, charts = chapter_charts(visit, "chapters/alignment", 5)
    grid = charts.nth(0)
    assert grid.locator(".heatmaplayer .hm image").count() == 1
    cells = grid.locator(".heatmaplayer text").all_text_contents()
    assert len(cells) == 12 * len(resolutions), "one labelled cell per country and resolution"
    words = {"abstain": "Abstain", "yes": "Yes", "no": "No"}
    assert cells[: len(resolutions)] == [words[mongolia[r]] for r in resolutions["resolution_id"]], "Mongolia's row as in the data"
    assert "Yes" in cells[: len(resolutions)], "Mongolia's vote for the amended United States text of February 2025"
    bars = charts.nth(2)
    assert bars.locator(".barlayer .point").count() == 2 * int(split.sum()) + int((~split).sum())
    years = bars.locator(".xaxislayer-above .xtick text").all_text_contents()
    assert years == [str(y) for y in range(2015, 2026)] + ["Jan–Apr 2026"], "one category per year, the partial year labelled"
    transit = charts.nth(3)
    assert transit.locator(".barlayer .point").count() == 2 + 1 + 2 + 1, "two directions in 2021 and 2023, one unsplit bar in 2022 and 2024"


def test_energy_chapter_draws_six_charts_and_a_map_whose_layers_switch(visit):
    from mongolia_report import load

    shares = load("fuel_imports")["russia_share_pct"].notna().sum()
    years = len(load("mongolia_exports"))
    page, charts = chapter_charts(visit, "chapters/energy", 6)
    fuel, power, origin, exports, groups, coal = (charts.nth(i) for i in range(6))
    assert fuel.locator(".scatterlayer .point").count() == shares, "one marker per reported share"
    assert power.locator(".barlayer .point").count() == 2 * len(load("electricity_balance")), "generation and imports each year"
    assert origin.locator(".barlayer .point").count() == 3
    assert exports.locator(".barlayer .point").count() == 2 * years, "China and elsewhere, every year"
    assert exports.locator(".scatterlayer .point").count() == years + 3, "the share line and three reported shares"
    assert groups.locator(".barlayer .point").count() == 7 * load("mongolia_exports_by_section")["year"].nunique()
    assert coal.locator(".barlayer .point").count() == len(load("mongolia_coal_exports"))
    frames = visit("chapters/energy").map_frames
    assert len(frames) == 1
    frame = frames[0]
    labels = [t.strip() for t in frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
    for layer in ("Railways", "Border crossings", "Mines", "Power links", "Proposed gas pipeline"):
        assert layer in labels, f"no {layer} layer in {labels}"
    dashed = "path.leaflet-interactive[stroke-dasharray]"
    assert frame.locator(dashed).count() == 1, "the proposed pipeline is the one dashed line"
    frame.locator(".leaflet-control-layers").hover()
    switch = frame.locator(".leaflet-control-layers-overlays label", has_text="Proposed gas pipeline").locator("input")
    switch.uncheck()
    assert frame.locator(dashed).count() == 0, "switching the layer off hides the pipeline"
    switch.check()
    assert frame.locator(dashed).count() == 1, "switching it on again draws it again"


def test_next_chapter_draws_one_marker_per_event_on_its_timeline(visit):
    import pandas as pd

    from mongolia_report.timeline import THEMES, events_between

    events = events_between(pd.Timestamp("2024-09-04"), pd.Timestamp.max)  # every event recorded since the visit
    page, charts = chapter_charts(visit, "chapters/next", 1)
    timeline = charts.nth(0)
    assert timeline.locator(".scatterlayer .point").count() == len(events)
    rows = timeline.locator(".yaxislayer-above .ytick text").all_text_contents()
    assert sorted(rows) == sorted(THEMES.values()), "one row per theme"
    table = page.locator("table").filter(has=page.locator("th", has_text="What happened"))
    assert table.locator("tbody tr").count() == len(events), "the table lists the same events"


def test_text_descriptions_and_the_map_are_reached_from_the_keyboard(visit):
    page = visit("chapters/icc").page
    summary = page.locator("details.mnr-alt > summary").first
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    details = page.locator("details.mnr-alt").first
    assert details.evaluate("d => d.open"), "Enter opens the text description"
    page.keyboard.press("Enter")
    assert not details.evaluate("d => d.open"), "and Enter closes it again"
    # The map is one stop in the Tab order (an iframe that is not taken out of it).
    assert page.locator(".mnr-map iframe").first.get_attribute("tabindex") in (None, "0")


@pytest.mark.parametrize("path", CHAPTERS)
def test_no_chart_offers_to_upload_itself_to_the_cloud(visit, path):
    page = visit(path).page
    titles = page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot .modebar-btn')).map(b => b.getAttribute('data-title'))"
    )
    charts = page.locator(".js-plotly-plot").count()
    assert titles.count("Download plot as a PNG") == charts
    assert not any("Share" in t or "Chart Studio" in t or "Cloud" in t for t in titles), set(titles)


def test_the_private_plotly_fields_the_phone_layout_reads_are_still_there(visit):
    # figure-tools.js reads what plotly.js drew (the layout with its defaults, the plot area, the category
    # list, the traces) from plotly.js's private fields, in one function each; each throws if a plotly.js
    # upgrade moves them, and this test calls them all.
    page = visit("chapters/claims").page  # a bar chart with categories
    layout, area, cats, traces = page.locator(".js-plotly-plot").first.evaluate(
        "gd => { const t = window.mnrFigureTools; const l = t.drawnLayout(gd);"
        " return [{height: l.height, font: l.font.size, y: l.yaxis.type}, t.plotArea(gd), t.categories(gd, 'yaxis'),"
        " t.drawnData(gd).length]; }")
    assert layout["height"] > 100 and layout["font"] > 5 and layout["y"] == "category"
    assert area["w"] > 100 and area["h"] > 100 and {"l", "r", "t", "b"} <= set(area)
    assert len(cats) >= 3 and all(isinstance(c, str) for c in cats)
    assert traces >= 1


def test_figure_tools_reads_plotly_s_private_fields_only_in_its_guarded_helpers():
    script = (ROOT / "assets" / "figure-tools.js").read_text(encoding="utf-8")
    helpers = {}
    for name in ("drawnLayout", "plotArea", "drawnData"):
        start = script.index(f"function {name}(")
        helpers[name] = script[start:script.index("\n  }\n", start)]
    outside = script
    for body in helpers.values():
        outside = outside.replace(body, "")
    assert re.findall(r"\._full\w+", outside) == [], "figure-tools.js reads plotly.js's private fields outside its helpers"
    assert all("throw new Error" in body for body in helpers.values()), "a helper that reads a private field must fail loudly"


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_chart_has_a_table_of_exactly_its_plotted_values_and_a_csv_of_them(visit, server, path):
    import io
    import urllib.request
    import zipfile

    import pandas as pd

    page = visit(path).page
    boxes = page.locator(".mnr-figure")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        assert box.locator('[role="tab"]').all_inner_texts() == ["Chart", "Table", "Download", "Cite"]
        traces = box.locator(".js-plotly-plot").evaluate(PLOTTED)
        points = sum(t["n"] if t.get("heatmap") else min(len(t["x"]), len(t["y"])) for t in traces)
        headers = box.locator(".mnr-data-table thead th").all_text_contents()
        cells = box.locator(".mnr-data-table tbody tr").evaluate_all(
            "rows => rows.map(r => Array.from(r.cells, c => c.textContent))")
        assert len(cells) == points, f"chart {i}: {len(cells)} table rows for {points} plotted points"
        if not any(t.get("heatmap") for t in traces):  # each row: (panel,) series, x, y (left or right axis)
            first = 1 if headers[0] == "Panel" else 0  # small multiples name each point's panel first
            plotted = [(x, y) for t in traces for x, y in zip(t["x"], t["y"])]
            for (x, y), row in zip(plotted, cells):
                assert same(row[first + 1], x) and same(next(v for v in row[first + 2:] if v != ""), y), (row, x, y)
        # The CSV opens as it is, in pandas or a spreadsheet: its first line is the header, and it holds the table.
        base = f"{server}/{path.rsplit('/', 1)[0]}/"
        csv_href, zip_href = (box.locator(f'a[download][href$=".{kind}"]').get_attribute("href") for kind in ("csv", "zip"))
        text = urllib.request.urlopen(base + csv_href).read().decode("utf-8")
        frame = pd.read_csv(io.StringIO(text))
        assert list(frame.columns) == headers and len(frame) == len(cells), f"chart {i}: the CSV does not read as its table"
        assert list(csv.reader(io.StringIO(text))) == [headers, *cells], f"chart {i}: the CSV differs from the table"
        # Its credits travel in the zip beside it: the same CSV and a README naming title, source, licence and citation.
        with zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(base + zip_href).read())) as archive:
            files = {name.rsplit("/", 1)[-1]: archive.read(name).decode("utf-8") for name in archive.namelist()}
        readme = files.pop("README.md")
        assert list(files.values()) == [text]
        title = box.locator(".js-plotly-plot").evaluate("gd => gd.layout.title.text || gd.layout.title").replace("<br>", " ")
        assert title.split(" (")[0] in readme and "Licence: CC BY 4.0" in readme and "Cite as:" in readme
        assert "Source" in readme and "see the chapter" not in readme


@pytest.mark.parametrize("path", CHART_CHAPTERS)
def test_a_chart_downloads_as_png_and_svg_with_its_title_source_and_licence(visit, path):
    page = visit(path).page
    box = page.locator(".mnr-figure").first
    assert box.count() == 1, f"{path} draws charts, but none is on the page"
    box.locator('[role="tab"]', has_text="Download").click()
    title = box.locator(".js-plotly-plot").evaluate("gd => gd.layout.title.text || gd.layout.title")
    for fmt in ("svg", "png"):
        with page.expect_download() as download:
            box.locator(f'button[data-format="{fmt}"]').click()
        data = Path(download.value.path()).read_bytes()
        assert len(data) > 5000, f"{fmt} is empty"
        if fmt == "svg":
            svg = data.decode("utf-8").replace("&#39;", "'")
            assert "Licence: CC BY 4.0" in svg and "Mongolia's balancing act, in data" in svg
            # The title's first line, as drawn (the page may have wrapped a long title with <br>).
            assert re.split(r"<br>|,", title)[0].replace("&#39;", "'") in svg
        else:
            assert data.startswith(b"\x89PNG")
    box.locator('[role="tab"]', has_text="Chart").click()


def test_the_chart_views_switch_from_the_keyboard(visit):
    page = visit("chapters/icc").page
    box = page.locator(".mnr-figure").first
    chart_tab = box.locator('[role="tab"]', has_text="Chart")
    chart_tab.focus()
    page.keyboard.press("ArrowRight")
    assert box.locator('[role="tab"][aria-selected="true"]').inner_text() == "Table"
    assert box.locator(".mnr-data-table").is_visible() and not box.locator(".js-plotly-plot").is_visible()
    page.keyboard.press("End")
    assert box.locator('[role="tab"][aria-selected="true"]').inner_text() == "Cite"
    assert "Link to this figure" in box.locator('[role="tabpanel"]:not([hidden])').inner_text()
    page.keyboard.press("Home")
    assert box.locator(".js-plotly-plot").is_visible()


# Printing every chart page at A4 width takes about forty seconds of the browser: a job of its own does it beside
# the session, once the site is built (browsing.on_paper), and the test below reads what it found.
AFTER_BUILD_FIXTURES = {"on_paper"}


def start_after_build(workspace: Path, site: Path) -> dict[str, Job]:
    findings = workspace / "on-paper.json"
    job = Job([sys.executable, str(ROOT / "tests" / "browsing.py"), "on-paper", str(site), str(findings), *WITH_CHARTS], cwd=ROOT, nice=0)
    job.findings = findings
    return {"on_paper": job}


@pytest.fixture(scope="session")
def on_paper(site, tmp_path_factory) -> dict | None:
    job = early("on_paper") or start_after_build(tmp_path_factory.mktemp("paper"), site)["on_paper"]
    returncode, output = job.result()
    assert returncode == 0 and job.findings.exists(), f"the print-width check failed:\n{output[-4000:]}"
    return json.loads(job.findings.read_text(encoding="utf-8"))["pages"]


@pytest.mark.parametrize("path", WITH_CHARTS)
def test_on_paper_no_chart_text_overlaps(on_paper, path):
    """As site/pdf.py prints: the A4 print width, print styles."""
    if on_paper is None:
        message = "Chromium is not installed (apt-get install chromium)"
        pytest.fail(message) if in_ci() else pytest.skip(message)
    assert on_paper[path]["charts"] > 0
    assert on_paper[path]["problems"] == {}


def test_python_and_the_chart_script_take_their_layout_numbers_from_one_file(visit):
    """A chart's default height, the width below which it is laid out for a phone and a title character's width
    are mongolia_report/layout.json's: the page carries them as window.mnrLayout, and figure-tools.js types none."""
    from mongolia_report.theme import LAYOUT

    assert visit("chapters/claims").page.evaluate("() => window.mnrLayout") == LAYOUT
    script = (ROOT / "assets" / "figure-tools.js").read_text(encoding="utf-8")
    for key in ("chart_height", "narrow_width", "title_char_px"):
        assert f"LAYOUT.{key}" in script, key
        assert not re.search(rf"(?<![\w.]){re.escape(str(LAYOUT[key]))}(?![\w.])", script), f"figure-tools.js types {LAYOUT[key]}"
