"""Every page in a real browser (Debian's Chromium via Playwright), offline.

The site is served from localhost and every request to any other host is blocked.
On each page: no console errors, every Plotly figure drawn (an SVG inside each
.js-plotly-plot), every map's vector layers drawn, and axe-core finds no serious or
critical accessibility violation. When CI is set a missing browser is a failure.
"""

from __future__ import annotations

import importlib.util
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, in_ci, toc_pages

_spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

CHROMIUM = bench.CHROMIUM
PAGES = toc_pages() + ["search"]
CHAPTERS = [page for page in toc_pages() if page.startswith("chapters/")]
FIRST_VISIT_BUDGET = 3_500_000  # bytes of distinct files a first visit downloads


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if in_ci():
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=bench.LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site):
    with bench.serve(site) as base:
        yield base


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    record = {"errors": [], "blocked": []}

    def on_console(message):
        if message.type == "error":
            record["errors"].append(message.text)

    def route(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "about:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            record["blocked"].append(route.request.url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    page.route("**/*", route)
    page.goto(url, wait_until="load")
    # Maps load lazily: scroll through the page so that they load and any error they raise is seen.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(1200)
    page.evaluate("window.scrollTo(0, 0)")
    return page, record


@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline_without_errors(browser, server, path):
    page, record = open_page(browser, f"{server}/{path}.html")
    try:
        assert record["blocked"] == [], "page requested other hosts"
        assert record["errors"] == [], "console errors"
    finally:
        page.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_and_map_is_drawn(browser, server, path):
    page, _ = open_page(browser, f"{server}/{path}.html")
    try:
        charts = page.locator(".mnr-plotly")
        expected_charts = charts.count()
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n", arg=expected_charts, timeout=10000
        )
        for i in range(expected_charts):
            chart = charts.nth(i)
            assert "js-plotly-plot" in (chart.get_attribute("class") or ""), f"chart {i} not initialised"
            assert chart.locator("svg.main-svg").count() > 0, f"chart {i} has no SVG"
            drawn = chart.locator(".scatterlayer .trace, .barlayer .trace, .heatmaplayer .hm image").count()
            assert drawn > 0, f"chart {i} has no data"
        frames = page.locator(".mnr-map iframe")
        for i in range(frames.count()):
            frame = map_frame(frames.nth(i))
            assert frame.locator("path.leaflet-interactive").count() > 50, f"map {i} drew too few shapes"
            assert frame.locator(".mnr-legend").count() == 1, f"map {i} has no legend"
            assert frame.locator(".leaflet-control-layers").count() == 1, f"map {i} has no layer control"
    finally:
        page.close()


@contextmanager
def chapter_charts(browser, server, path: str, count: int):
    """Open a chapter, wait until its Plotly charts are drawn, check there are ``count``, yield (page, charts)."""
    page, _ = open_page(browser, f"{server}/{path}")
    try:
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {count}", timeout=10000)
        charts = page.locator(".js-plotly-plot")
        assert charts.count() == count
        yield page, charts
    finally:
        page.close()


def map_frame(iframe):
    """The document inside a map's iframe, once its vector layers are drawn."""
    iframe.scroll_into_view_if_needed()  # the iframes load lazily
    frame = iframe.element_handle().content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=10000)
    return frame


def test_icc_chapter_draws_three_charts_and_a_map(browser, server):
    with chapter_charts(browser, server, "chapters/icc.html", 3) as (page, _):
        assert page.locator(".mnr-map iframe").count() == 1


def test_alignment_chapter_draws_the_vote_grid_trade_transit_and_timeline(browser, server):
    from mongolia_report import load

    resolutions = load("unga_ukraine_resolutions").sort_values("date", kind="stable")
    mongolia = load("unga_ukraine_votes").query("country_iso3 == 'MNG'").set_index("resolution_id")["vote"]
    trade = load("china_russia_trade")
    split = trade["china_exports_to_russia_usd_bn"].notna()
    with chapter_charts(browser, server, "chapters/alignment.html", 5) as (_, charts):
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


def test_energy_chapter_draws_six_charts_and_a_map_whose_layers_switch(browser, server):
    from mongolia_report import load

    shares = load("fuel_imports")["russia_share_pct"].notna().sum()
    years = len(load("mongolia_exports"))
    with chapter_charts(browser, server, "chapters/energy.html", 6) as (page, charts):
        fuel, power, origin, exports, groups, coal = (charts.nth(i) for i in range(6))
        assert fuel.locator(".scatterlayer .point").count() == shares, "one marker per reported share"
        assert power.locator(".barlayer .point").count() == 2 * len(load("electricity_balance")), "generation and imports each year"
        assert origin.locator(".barlayer .point").count() == 3
        assert exports.locator(".barlayer .point").count() == 2 * years, "China and elsewhere, every year"
        assert exports.locator(".scatterlayer .point").count() == years + 3, "the share line and three reported shares"
        assert groups.locator(".barlayer .point").count() == 7 * load("mongolia_exports_by_section")["year"].nunique()
        assert coal.locator(".barlayer .point").count() == len(load("mongolia_coal_exports"))
        iframe = page.locator(".mnr-map iframe")
        assert iframe.count() == 1
        frame = map_frame(iframe)
        labels = [t.strip() for t in frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
        for layer in ("Railways", "Border crossings", "Mines", "Power links", "Proposed gas pipeline"):
            assert layer in labels, f"no {layer} layer in {labels}"
        dashed = "path.leaflet-interactive[stroke-dasharray]"
        assert frame.locator(dashed).count() == 1, "the proposed pipeline is the one dashed line"
        frame.locator(".leaflet-control-layers").hover()
        frame.locator(".leaflet-control-layers-overlays label", has_text="Proposed gas pipeline").locator("input").uncheck()
        assert frame.locator(dashed).count() == 0, "switching the layer off hides the pipeline"


def test_next_chapter_draws_one_marker_per_event_on_its_timeline(browser, server):
    import pandas as pd

    from mongolia_report import as_of
    from mongolia_report.timeline import THEMES, events_between

    end = as_of("events", "icc_noncompliance", "icc_states", "putin_trips", "diplomatic_visits", "unga_ukraine_resolutions", "ub_dialogue")
    events = events_between(pd.Timestamp("2024-09-04"), end)
    with chapter_charts(browser, server, "chapters/next.html", 1) as (page, charts):
        timeline = charts.nth(0)
        assert timeline.locator(".scatterlayer .point").count() == len(events)
        rows = timeline.locator(".yaxislayer-above .ytick text").all_text_contents()
        assert sorted(rows) == sorted(THEMES.values()), "one row per theme"
        table = page.locator("table").filter(has=page.locator("th", has_text="What happened"))
        assert table.locator("tbody tr").count() == len(events), "the table lists the same events"


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(browser, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(browser, f"{server}/{path}.html")
    try:
        results = Axe().run(page)
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        page.close()


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_stays_within_budget(browser, server, path):
    weight = bench.page_weight(browser, f"{server}/{path}.html")
    assert weight["total"] < FIRST_VISIT_BUDGET, f"{path}: {weight['total']:,} bytes on a first visit"
    assert weight["plotly_loads"] <= 1


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_shows_its_citation(browser, server, path):
    page, _ = open_page(browser, f"{server}/{path}.html")
    try:
        box = page.locator("aside.mnr-cite")
        assert box.count() == 1
        assert "Cite this chapter" in box.inner_text()
    finally:
        page.close()


def test_text_descriptions_open_from_the_keyboard(browser, server):
    page, _ = open_page(browser, f"{server}/chapters/icc.html")
    try:
        summary = page.locator("details.mnr-alt > summary").first
        summary.focus()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert page.locator("details.mnr-alt").first.evaluate("d => d.open")
        # The map can be reached with Tab like any other control.
        frame = page.locator(".mnr-map iframe").first
        frame.focus()
        assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    finally:
        page.close()


def test_claims_ledger_filters_by_verdict(browser, server):
    page, record = open_page(browser, f"{server}/chapters/claims.html")
    try:
        ledger = page.locator("table").filter(has=page.locator("th", has_text="Examined in"))
        rows = ledger.locator("tbody tr")
        total = rows.count()
        assert total >= 40
        page.select_option("#verdict-filter", label="Wrong in the reworded copy, right in the original")
        visible = [r for r in range(total) if rows.nth(r).is_visible()]
        assert 0 < len(visible) < total
        for r in visible:
            assert rows.nth(r).locator("td").nth(3).inner_text().strip() == "Wrong in the reworded copy, right in the original"
        assert "claims shown" in page.locator("#claims-shown").inner_text()
        assert record["errors"] == []
    finally:
        page.close()
