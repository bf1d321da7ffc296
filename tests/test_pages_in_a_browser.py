"""Every page in a real browser (Debian's Chromium via Playwright), offline: it loads without errors and
without asking another host, draws every figure and map, passes axe-core, stays light on a first visit, and
fits a phone's width. The visits are recorded once per session (``visit`` in conftest.py, ``browsing.Visit``)."""

from __future__ import annotations

import pytest
from browsing import (
    PAGES,
    PHONE,
    TEXT_CLASHES,
)

FIRST_VISIT_BUDGET = 3_500_000  # bytes of distinct files a first visit downloads


@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline_without_errors(visit, path):
    page = visit(path)
    assert page.blocked == [], "page requested other hosts"
    assert page.load_errors == [], "console errors"


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_and_map_is_drawn(visit, path):
    page = visit(path).page
    charts = page.locator(".mnr-plotly")
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert "js-plotly-plot" in (chart.get_attribute("class") or ""), f"chart {i} not initialised"
        drawn = chart.locator(".scatterlayer .trace, .barlayer .trace, .heatmaplayer .hm image").count()
        assert drawn > 0, f"chart {i} has no data"
    for i, frame in enumerate(visit(path).map_frames):
        assert frame.locator("path.leaflet-interactive").count() > 50, f"map {i} drew too few shapes"
        assert frame.locator(".mnr-legend").count() == 1, f"map {i} has no legend"
        assert frame.locator(".leaflet-control-layers").count() == 1, f"map {i} has no layer control"


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(visit, path):
    """axe-core's audit of the page as first drawn (``browsing.Visit``; a second visit of every page only to
    audit it cost the suite more than it ran beside)."""
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in visit(path).axe_violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_accessibility_audit_finds_what_it_looks_for(browser, tmp_path):
    """The audit can fail: a page with an image without a text alternative and a button without a name."""
    from browsing import Visit

    from mongolia_report.tooling import serve

    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>Bad</title><main><img src="x.png">'
                                       "<button></button></main></html>", encoding="utf-8")
    with serve(tmp_path) as base:
        visit = Visit(browser, f"{base}/bad.html", audit=True)
        found = {v["id"] for v in visit.axe_violations if v["impact"] in ("serious", "critical")}
        visit.context.close()
    assert {"image-alt", "button-name"} <= found


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_stays_within_budget(visit, path):
    page = visit(path)
    assert page.weight < FIRST_VISIT_BUDGET, f"{path}: {page.weight:,} bytes on a first visit"
    assert page.plotly_loads <= 1


def test_pages_are_light_only_with_no_half_working_dark_switch(browser, server):
    """Charts, their images and the maps are drawn for a light page, so there is no dark switch,
    and a dark mode stored by an earlier visit is turned back to light."""
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/energy.html", wait_until="load")
        assert page.locator(".theme-switch-button").count() == 0
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_at_phone_width_no_chart_text_clips_or_overlaps_and_the_page_does_not_scroll_sideways(visit, path):
    """It narrows the page's window to a phone's width (the charts re-fit on resize), and widens it again after,
    so no later test finds a page left at phone width."""
    page = visit(path).page
    wide = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot'))"
                               ".every(gd => gd._mnrFitted === 'narrow')")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "the page scrolls sideways at phone width"
        charts = page.locator(".mnr-figure .js-plotly-plot")
        problems = {}
        for i in range(charts.count()):
            found = charts.nth(i).evaluate(TEXT_CLASHES)
            if found:
                problems[i] = found[:3]
        assert problems == {}
    finally:
        page.set_viewport_size(wide)
        page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot'))"
                               ".every(gd => gd._mnrFitted !== 'narrow')")
