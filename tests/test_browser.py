"""Every page in a real browser (Debian's Chromium via Playwright), offline.

The site is served from localhost and every request to any other host is blocked.
Each page is opened once (``Visit``): the visit records console errors, blocked
requests, the bytes a first visit downloads and axe-core's findings, and waits (for a
condition, never a fixed time) until every Plotly figure and every map is drawn. The
tests read that record, and the chapter-specific ones inspect the same open page.
When CI is set a missing browser is a failure.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, page_soup, toc_pages
from mongolia_report.pages import CHARTS as PAGE_CHARTS
from mongolia_report.pages import MAPS as PAGE_MAPS
from mongolia_report.tooling import serve

PAGES = toc_pages() + ["search"]
CHAPTERS = [page for page in toc_pages() if page.startswith("chapters/")]
# The chapters that draw a chart (charts.finish lays out every one), so that no test is run where it must skip.
# The pages that draw charts and maps, as mongolia_report/pages.py declares them (test_site.py checks the
# declaration against the built pages), not guessed from the notebooks' code.
CHART_CHAPTERS = [page for page in CHAPTERS if page in PAGE_CHARTS]
WITH_CHARTS = list(PAGE_CHARTS)
WITH_MAPS = list(PAGE_MAPS)
FIRST_VISIT_BUDGET = 3_500_000  # bytes of distinct files a first visit downloads


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as base:
        yield base


def map_frame(iframe):
    """The document inside a map's iframe, once its vector layers are drawn."""
    iframe.scroll_into_view_if_needed()  # the iframes load lazily
    frame = iframe.element_handle().content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=10000)
    return frame


class Visit:
    """One first visit to one page, recorded once for every check that needs it.

    A fresh browser context per page (an empty cache, as for a first-time reader) lets the
    same visit give the page weight; the page stays open for the chapter-specific tests.
    """

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.sizes: dict[str, int] = {}
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", self._weigh)
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")
        expected = self.page.locator(".mnr-plotly").count()
        self.page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n", arg=expected, timeout=10000
        )
        iframes = self.page.locator(".mnr-map iframe")
        self.map_frames = [map_frame(iframes.nth(i)) for i in range(iframes.count())]
        self.page.evaluate("window.scrollTo(0, 0)")
        self.weight = sum(self.sizes.values())
        self.plotly_loads = sum(1 for u in self.sizes if "/plotly" in u and u.endswith(".js"))
        self.load_errors = list(self.errors)  # before axe: its stylesheet fetches are not the page's own
        from axe_playwright_python.sync_playwright import Axe

        self.axe_violations = Axe().run(self.page).response["violations"]

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "about:", "blob:")) or urlparse(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _weigh(self, response):
        if urlparse(response.url).hostname in ("127.0.0.1", "localhost") and response.status == 200:
            try:
                self.sizes[response.url.split("?")[0]] = len(response.body())
            except Exception:  # a response without a body (e.g. aborted) weighs nothing
                pass


@pytest.fixture(scope="module")
def visit(browser, server):
    """``visit(path)``: the page's one recorded visit (opened on first use)."""
    visits: dict[str, Visit] = {}

    def get(path: str) -> Visit:
        if path not in visits:
            visits[path] = Visit(browser, f"{server}/{path}.html")
        return visits[path]

    yield get
    for opened in visits.values():
        opened.context.close()


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
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in visit(path).axe_violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_stays_within_budget(visit, path):
    page = visit(path)
    assert page.weight < FIRST_VISIT_BUDGET, f"{path}: {page.weight:,} bytes on a first visit"
    assert page.plotly_loads <= 1


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_shows_its_citation_with_todays_access_date_and_its_downloads(visit, path):
    import datetime

    page = visit(path).page
    box = page.locator("aside.mnr-cite")
    assert box.count() == 1
    text = box.inner_text()
    assert "Cite this chapter" in text
    # assets/cite-box.js writes the reader's today in each style's own form (the page's blank is gone).
    today = datetime.date.today()
    assert f"Retrieved {today:%B} {today.day}, {today.year}" in text or f"Accessed {today:%B} {today.day}, {today.year}" in text
    assert f"urldate = \"{today:%Y-%m-%d}\"" in text and f"Y2  - {today:%Y/%m/%d}" in text
    assert "[date accessed]" not in text.split("The access date is")[0]
    # The download menu: this chapter's PDF, the whole report's and the runnable project, each a file of the site.
    links = page.locator(".dropdown-download-buttons a").evaluate_all("links => links.map(a => a.href)")
    pdfs = [link for link in links if link.endswith(".pdf")]
    assert any(link.endswith(".zip") for link in links), links
    if pdfs:  # printed where the build machine has Chromium, as here
        assert any(link.endswith(f"-{path.rsplit('/', 1)[-1]}.pdf") for link in pdfs) and len(pdfs) == 2, pdfs
        for link in pdfs:
            assert page.request.get(link).ok, link


def test_a_student_copies_each_citation_and_downloads_the_bib_and_ris_files(browser, server):
    import datetime

    import bibtexparser
    import rispy

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        box = page.locator("aside.mnr-cite")
        today = datetime.date.today()
        for style in ("APA", "Chicago", "MLA", "BibTeX", "RIS"):
            box.get_by_role("button", name=f"Copy the {style} citation").click()
            pasted = page.evaluate("navigator.clipboard.readText()")
            assert pasted and "Mongolia Balancing Act Project" in pasted and "[date accessed]" not in pasted, (style, pasted)
        apa = box.locator('[data-style="APA"] span[id]').inner_text()
        box.get_by_role("button", name="Copy the APA citation").click()
        assert page.evaluate("navigator.clipboard.readText()") == apa
        assert apa.startswith("Mongolia Balancing Act Project. (2026). Mongolia and the International Criminal Court. In ")
        assert f"{today:%B} {today.day}, {today.year}" in apa
        files = {}
        for suffix in ("bib", "ris"):
            with page.expect_download() as download:
                box.locator(f'a.mnr-cite-file[download$=".{suffix}"]').click()
            files[suffix] = Path(download.value.path()).read_text(encoding="utf-8")
            assert download.value.suggested_filename.endswith(f".{suffix}")
        (entry,) = bibtexparser.parse_string(files["bib"]).entries
        assert entry.fields_dict["urldate"].value == f"{today:%Y-%m-%d}" and entry.fields_dict["author"].value == "{Mongolia Balancing Act Project}"
        (record,) = rispy.loads(files["ris"])
        assert record["access_date"] == f"{today:%Y/%m/%d}" and record["authors"] == ["Mongolia Balancing Act Project"]
    finally:
        context.close()


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_landing_pages_first_screen_says_the_version_its_release_and_how_current_the_data_are(browser, server, width, height):
    import pandas as pd

    from mongolia_report import identity
    from mongolia_report.freshness import reach_by_kind
    from mongolia_report.text import long_date

    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{server}/index.html", wait_until="load")
        edition = page.locator("p.mnr-edition").first
        assert edition.is_visible()
        assert edition.evaluate("e => e.getBoundingClientRect().bottom") <= height, "on the first screen, without scrolling"
        text = " ".join(edition.inner_text().split()).replace("\u2019", "'")  # Sphinx's typographic apostrophe
        assert f"Version {identity.version()}, released {long_date(pd.Timestamp(identity.released()))}" in text
        # One line per kind of data, not a range of dates: news, trade statistics, UN votes, the Court's records.
        reach = dict(reach_by_kind())
        assert (reach["news"], reach["trade statistics"], reach["UN votes"]) == ("19 March 2026", "July 2026", "4 June 2026")
        for kind, day in reach.items():
            assert f"{kind}, {day}" in text, kind
        upcoming = page.locator("p.mnr-upcoming")
        assert upcoming.evaluate("e => e.getBoundingClientRect().top") < height, "the announced events start on the first screen"
        later = " ".join(upcoming.inner_text().split())
        assert "after 19 March 2026" in later and "COP17" in later and "Bishkek" in later
        edition.get_by_role("link", name="data status").click()
        page.wait_for_url("**/status.html")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Data status")
        assert "Update due" in page.locator("main").inner_text(), "the status page says what 'update due' means"
    finally:
        context.close()


SEARCHES = [  # what a student looks for, and the chapter that answers it
    ("Rome Statute withdrawal", "chapters/icc"),
    ("coal exports", "chapters/energy"),
    ("Ulaanbaatar Dialogue", "chapters/third-neighbours"),
    ("third neighbor", "chapters/third-neighbours"),  # the spelling Montsame and US sources use
    ("Third Neighbour", "chapters/third-neighbours"),
    ("Power of Siberia", "chapters/energy"),  # the chapters, not the data catalogue's descriptions, come first
]


@pytest.mark.parametrize("query, chapter", SEARCHES)
def test_search_finds_the_chapter_among_the_first_three_results_with_a_prose_snippet(browser, server, query, chapter):
    page = browser.new_page()
    try:
        page.goto(f"{server}/search.html?q={query.replace(' ', '+')}", wait_until="load")
        page.wait_for_function("() => /Search finished/.test(document.querySelector('#search-results p.search-summary, "
                               "#search-results .search-summary, #search-results p')?.textContent || '')")
        results = page.locator("#search-results ul.search > li")
        pages = [results.nth(i).locator("a").first.get_attribute("href").split("#")[0] for i in range(results.count())]
        assert f"{chapter}.html" in pages[:3], pages[:3]
        if "neighbo" in query.lower():  # the chapter named by the query outranks pages that mention it
            assert pages[0] == f"{chapter}.html", pages[:3]
        reference = [i for i, href in enumerate(pages)
                     if href in ("bibliography.html", "changelog.html", "status.html", "chapters/data.html")]
        assert all(i > pages.index(f"{chapter}.html") for i in reference), f"a reference page ranks above the chapter: {pages}"
        page.wait_for_function("() => Array.from(document.querySelectorAll('#search-results ul.search > li'))"
                               ".slice(0, 3).every(li => li.querySelector('.context'))")
        snippets = " ".join(results.nth(i).locator(".context").inner_text() for i in range(min(3, results.count())))
        for code in ("glue_all", "Show code cell", "import ", "load(\"", "this page (.pdf)"):
            assert code not in snippets, f"{query!r}: a snippet shows {code!r}"
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_icon_leaves_the_first_letter_typed_visible(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        page.keyboard.press("Control+k")
        field = page.locator("#pst-search-dialog input[name=q]")
        field.wait_for()
        field.type("Wolf")
        icon = page.locator("#pst-search-dialog .fa-magnifying-glass")
        icon_right = icon.evaluate("i => i.getBoundingClientRect().right")
        text_left = field.evaluate("f => f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft)")
        assert icon_right <= text_left, f"the icon ends at {icon_right} px, the text starts at {text_left} px"
    finally:
        context.close()


def sidebar_link(container, title: str):
    """The link to a chapter, by its title, inside a sidebar (or the dialog it was moved into)."""
    return container.locator("nav.bd-docs-nav a", has_text=title)


def test_on_a_phone_each_menu_opens_when_tapped_closes_and_leads_somewhere(browser, server):
    """At 390 px the chapters (☰) and the contents button each open their menu as a dialog;
    a chapter in the menu is on screen and tapping it opens that chapter."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        chapters, contents = page.locator("#pst-primary-sidebar-modal"), page.locator("#pst-secondary-sidebar-modal")
        toggles = page.locator(".primary-toggle")
        assert toggles.count() == 1, "one chapters button (a hidden duplicate takes the theme's script)"
        toggles.tap()
        assert chapters.evaluate("d => d.open"), "tapping ☰ opens the chapters menu"
        energy = sidebar_link(chapters, "Fuel, power and export revenue")
        assert energy.is_visible() and energy.evaluate("a => a.getBoundingClientRect().bottom <= innerHeight")
        page.keyboard.press("Escape")
        assert not chapters.evaluate("d => d.open"), "Escape closes it"
        page.locator(".secondary-toggle").tap()
        assert contents.evaluate("d => d.open"), "tapping the contents button opens this page's contents"
        section = contents.locator("a", has_text="Where Putin has travelled")
        assert section.is_visible()
        section.tap()
        page.wait_for_url("**#where-putin-has-travelled-since-the-warrant")
        assert not contents.evaluate("d => d.open"), "following a section closes the contents (_static/menus.js)"
        heading = page.locator("#where-putin-has-travelled-since-the-warrant h2")
        assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"), \
            "and the reader sees the section"
        page.locator(".primary-toggle").tap()
        sidebar_link(chapters, "Fuel, power and export revenue").tap()
        page.wait_for_url("**/chapters/energy.html")
    finally:
        context.close()


def test_on_a_desktop_the_chapters_menu_hides_and_shows_by_mouse_and_keyboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        sidebar = page.locator("#pst-primary-sidebar")
        link = sidebar_link(sidebar, "Fuel, power and export revenue")
        assert link.is_visible(), "the chapters are listed beside the page"
        assert page.locator("#pst-secondary-sidebar a", has_text="Where Putin has travelled").is_visible(), \
            "and this page's contents on the other side"
        page.locator(".primary-toggle").click()
        link.wait_for(state="hidden")
        assert "pst-sidebar-hidden" in sidebar.get_attribute("class"), "☰ hides the chapters"
        page.locator(".primary-toggle").focus()
        page.keyboard.press("Enter")
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url("**/chapters/energy.html")
    finally:
        context.close()


def chapter_charts(visit, path: str, count: int):
    """A chapter's open page and its drawn Plotly charts, checking that there are ``count``."""
    page = visit(path).page
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == count
    return page, charts


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


def test_claims_ledger_filters_by_verdict(visit):
    claims = visit("chapters/claims")
    page = claims.page
    ledger = page.locator("table").filter(has=page.locator("th", has_text="Examined in"))
    rows = ledger.locator("tbody tr")
    total = rows.count()
    errors_before = len(claims.errors)
    assert total >= 40
    verdict = "Wrong in the reworded copy, right in the original"
    page.select_option("#verdict-filter", label=verdict)
    visible = [r for r in range(total) if rows.nth(r).is_visible()]
    assert 0 < len(visible) < total
    for r in visible:
        assert rows.nth(r).locator("td").nth(3).inner_text().strip() == verdict
    assert f"{len(visible)} of {total} claims shown" in page.locator("#claims-shown").inner_text()
    assert claims.errors[errors_before:] == [], "filtering raised no error"


@pytest.mark.parametrize("path", CHAPTERS)
def test_no_chart_offers_to_upload_itself_to_the_cloud(visit, path):
    page = visit(path).page
    titles = page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot .modebar-btn')).map(b => b.getAttribute('data-title'))"
    )
    charts = page.locator(".js-plotly-plot").count()
    assert titles.count("Download plot as a PNG") == charts
    assert not any("Share" in t or "Chart Studio" in t or "Cloud" in t for t in titles), set(titles)


# gd._fullData: the arrays as plotly.js decoded and drew them (gd.data keeps the base64 form, and
# plotly.js offers no public reader of the decoded arrays). If an upgrade removes it, say so.
PLOTTED = """gd => { if (!Array.isArray(gd._fullData)) throw new Error('plotly.js no longer has gd._fullData');
  return gd._fullData.filter(t => !(t.mode === 'text' && t.showlegend === false))
    .filter(t => t.type === 'heatmap' || Array.from(t.x || []).some(v => v !== null && v !== undefined))  // legend-only keys plot nothing
    .map(t => t.type === 'heatmap'
    ? {heatmap: true, n: Array.from(t.x).length * Array.from(t.y).length}
    : {x: Array.from(t.x, String), y: Array.from(t.y, v => (typeof v === 'number' ? v : String(v)))}); }"""


def same(cell: str, plotted) -> bool:
    """A table cell shows the plotted value: a number to the decimals the cell shows (the chart's own
    precision), a day without its hour, a label without line breaks."""
    import re

    def close(number: float) -> bool:
        decimals = len(cell.split(".")[1]) if "." in cell else 0
        return abs(float(cell) - number) <= 0.5 * 10 ** -decimals + 1e-9

    if isinstance(plotted, int | float):
        return close(plotted)
    text = re.sub(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*$", r"\1", str(plotted).replace("<br>", " "))
    try:
        return close(float(text))
    except ValueError:
        return cell == text


def test_the_private_plotly_fields_the_phone_layout_reads_are_still_there(visit):
    # figure-tools.js reads the plot area and the category list from plotly.js's private fields, in
    # one function each; both throw if a plotly.js upgrade moves them, and this test calls them.
    page = visit("chapters/claims").page  # a bar chart with categories
    area, cats = page.locator(".js-plotly-plot").first.evaluate(
        "gd => [window.mnrFigureTools.plotArea(gd), window.mnrFigureTools.categories(gd, 'yaxis')]")
    assert area["w"] > 100 and area["h"] > 100 and {"l", "r", "t", "b"} <= set(area)
    assert len(cats) >= 3 and all(isinstance(c, str) for c in cats)


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_chart_has_a_table_of_exactly_its_plotted_values_and_a_csv_of_them(visit, server, path):
    import csv
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


@pytest.mark.parametrize("path", ["index", "chapters/icc", "chapters/energy", "chapters/third-neighbours"])
def test_a_keyboard_user_gets_past_a_map_in_a_few_presses(visit, path):
    page = visit(path).page
    skip = page.locator(".mnr-skip-map").first
    skip.focus()
    assert skip.is_visible(), "the skip link is visible, not only to screen readers"
    page.keyboard.press("Enter")
    after_map = "el => el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING"
    iframe = page.locator(".mnr-map iframe").first
    for _ in range(5):
        page.keyboard.press("Tab")
        if iframe.evaluate(after_map) and page.evaluate("document.activeElement.tagName") != "IFRAME":
            break
    else:
        pytest.fail("five Tab presses did not get past the map")
    # Inside the map, the layer control and the legend are stops of their own; the shapes, which only
    # show a tooltip, are not (crossing the overview map took about sixty presses when they were).
    frame = visit(path).map_frames[0]
    assert frame.locator(".leaflet-control-layers-toggle").get_attribute("href") is not None
    assert frame.locator(".mnr-legend").get_attribute("tabindex") == "0"
    shapes = frame.locator("path.leaflet-interactive")
    assert shapes.count() > 0
    assert shapes.evaluate_all("paths => paths.filter(p => p.tabIndex >= 0 && p.getAttribute('tabindex') !== '-1').length") == 0
    frame.locator(".mnr-legend").focus()
    stops = [frame.evaluate("() => document.activeElement.className.baseVal ?? document.activeElement.className")
             for _ in range(3) if page.keyboard.press("Shift+Tab") is None]
    assert not any("leaflet-interactive" in str(stop) for stop in stops), stops


# Every text of a chart (title, ticks, legend, notes, bar labels): none may stick out of the
# chart's own SVG, and no two may overlap (by more than half a pixel each way: touching is allowed).
TEXT_CLASHES = """gd => {
  const frame = gd.querySelector('svg.main-svg').getBoundingClientRect();
  const boxes = Array.from(gd.querySelectorAll('svg.main-svg text'))
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent.trim().slice(0, 40), l: r.left, r: r.right, t: r.top, b: r.bottom}; });
  const found = boxes.filter(b => b.l < frame.left - 1 || b.r > frame.right + 1).map(b => 'sticks out: ' + b.text);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    if (Math.min(a.r, c.r) - Math.max(a.l, c.l) > 0.5 && Math.min(a.b, c.b) - Math.max(a.t, c.t) > 0.5) found.push('overlap: ' + a.text + ' | ' + c.text);
  }
  return found;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_at_phone_width_no_chart_text_clips_or_overlaps_and_the_page_does_not_scroll_sideways(visit, path):
    """It narrows the page's window to 390 px (the charts re-fit on resize), and widens it again after,
    so no later test finds a page left at phone width."""
    page = visit(path).page
    wide = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot'))"
                               ".every(gd => gd._mnrFitted === 'narrow')")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, "the page scrolls sideways at 390 px"
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


# Every name written on a map: its text, whether it is shown, and its box.
MAP_LABELS = """() => Array.from(document.querySelectorAll('.mnr-label')).map(l => {
  const r = l.getBoundingClientRect();
  return {text: l.textContent, shown: getComputedStyle(l).visibility !== 'hidden', l: r.left, r: r.right, t: r.top, b: r.bottom};
})"""


def check_map_labels(frame, where: str) -> list[str]:
    """The names a map shows: Mongolia among them, each inside the map, no two overlapping."""
    width, height = frame.evaluate("[innerWidth, innerHeight]")
    labels = frame.evaluate(MAP_LABELS)
    shown = [label for label in labels if label["shown"]]
    assert "Mongolia" in [label["text"] for label in shown], f"{where}: Mongolia is not named"
    for label in shown:
        assert label["l"] >= 0 and label["r"] <= width and label["t"] >= 0 and label["b"] <= height, f"{where}: {label['text']} runs off"
    for i, a in enumerate(shown):
        for c in shown[i + 1:]:
            overlap = min(a["r"], c["r"]) - max(a["l"], c["l"]) > 1 and min(a["b"], c["b"]) - max(a["t"], c["t"]) > 1
            assert not overlap, f"{where}: {a['text']} overlaps {c['text']}"
    return [label["text"] for label in shown]


@pytest.mark.parametrize("path", WITH_MAPS)
def test_every_map_names_its_countries_and_places_without_hovering(visit, path):
    for i, frame in enumerate(visit(path).map_frames):
        shown = check_map_labels(frame, f"{path} map {i}")
        assert len(shown) >= 3, shown


def test_on_a_phone_map_names_make_room_and_tooltips_stay_inside_the_map(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/energy.html", wait_until="load")
        frame = map_frame(page.locator(".mnr-map iframe").first)
        frame.wait_for_function("() => document.querySelectorAll('.mnr-label').length > 0")
        shown = check_map_labels(frame, "energy map at 390 px")
        assert {"Mongolia", "Russia", "China", "Ulaanbaatar", "Zamyn-Uud"} <= set(shown), shown
        width = frame.evaluate("innerWidth")
        # The crossing at Zamyn-Uud lies near the map's right edge: its text opens inwards and wraps.
        frame.evaluate("""() => { const map = window[document.querySelector('.folium-map').id];
          map.eachLayer(l => { if (l.getTooltip && l.getTooltip() && /Zamyn-Uud<\\/b>/.test(l.getTooltip().getContent())) l.openTooltip(); }); }""")
        tip = frame.locator(".leaflet-tooltip").first
        tip.wait_for()
        box = tip.evaluate("t => { const r = t.getBoundingClientRect(), text = t.firstElementChild.getBoundingClientRect();"
                           " return [r.left, r.right, text.right]; }")
        assert box[0] >= 0 and box[1] <= width, f"the tooltip runs off the map: {box} in {width} px"
        assert box[2] <= box[1], "the tooltip's text runs out of its box"
    finally:
        context.close()


def test_a_map_image_carries_its_title_and_credits_and_no_controls(browser, site):
    """What site/snapshot.py does to a map before taking its picture (the PNG download and the PDFs)."""
    import struct

    from mongolia_report.site import snapshot

    frame = page_soup(site / "chapters" / "energy.html").select_one("div.mnr-map iframe")
    document = (site / "chapters" / frame["src"]).resolve()
    credits = snapshot.credits(document)
    page = browser.new_page(viewport={"width": snapshot.WIDTH, "height": snapshot.HEIGHT})
    try:
        page.goto(document.as_uri(), wait_until="load")
        page.wait_for_selector("path.leaflet-interactive")
        height = page.evaluate(snapshot.FRAME, credits)
        assert page.locator(".leaflet-control-zoom, .leaflet-control-layers").count() == 0, "no buttons on paper"
        body = page.inner_text("body")
        assert body.startswith("Mongolia's energy and export corridors")
        assert "Licence: CC BY 4.0" in body and "Mongolia's balancing act, in data, version" in body
        assert "Baikal Daily" in body, "the sources are named, not 'see the tooltips'"
        inside = page.evaluate("""() => { const m = document.querySelector('.folium-map').getBoundingClientRect();
          return Array.from(document.querySelectorAll('.mnr-legend')).every(l => { const r = l.getBoundingClientRect();
            return r.top >= m.top && r.bottom <= m.bottom; }); }""")
        assert inside, "the legend sits on the map, not on the credits"
    finally:
        page.close()
    png = document.with_suffix(".png").read_bytes()
    width, png_height = struct.unpack(">II", png[16:24])
    assert (width, png_height) == (snapshot.WIDTH, height), "the image is the framed map, title and credits included"


@pytest.mark.parametrize("path", WITH_CHARTS)
def test_on_paper_no_chart_text_overlaps(browser, server, path):
    """As site/pdf.py prints: the A4 print width, print styles."""
    from mongolia_report.site.pdf import A4_WIDTH_PX

    page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.goto(f"{server}/{path}.html", wait_until="load")
        page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot')).every(gd => gd._mnrFitted)")
        charts = page.locator(".mnr-figure .js-plotly-plot")
        assert charts.count() > 0
        problems = {i: found[:3] for i in range(charts.count()) if (found := charts.nth(i).evaluate(TEXT_CLASHES))}
        assert problems == {}
    finally:
        page.close()


def test_the_vote_list_filters_by_partner_year_and_text_and_stays_light(visit):
    """A student looks up the votes where Mongolia parted from Russia, in one year, on one subject."""
    votes = visit("chapters/un-vote-list")
    page = votes.page
    errors_before = len(votes.errors)  # what an earlier check's axe run fetched is not the page's own
    assert votes.load_errors == [], "the page loads without errors"
    assert votes.weight < 1_500_000, f"the vote list weighs {votes.weight:,} bytes on a first visit"
    assert votes.plotly_loads == 0, "no plotting library on the vote list"
    table = page.locator("table.mnr-votes")
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total >= 700
    differs = table.locator("th").count() - 1
    page.select_option("#differs-filter", label="Russia")
    visible = [r for r in range(total) if rows.nth(r).is_visible()]
    assert 0 < len(visible) < total
    for r in visible[:40]:
        assert "Russia" in rows.nth(r).locator("td").nth(differs).inner_text().split(", ")
    assert f"{len(visible)} of {total} votes shown" in page.locator("#votes-shown").inner_text()
    page.select_option("#year-filter", label="2023")
    in_2023 = [r for r in range(total) if rows.nth(r).is_visible()]
    assert 0 < len(in_2023) < len(visible)
    assert all(rows.nth(r).locator("td").nth(1).inner_text().startswith("2023") for r in in_2023)
    page.select_option("#year-filter", label="All years")
    page.select_option("#differs-filter", index=0)
    page.fill("#votes-search", "ES-11/4")
    found = [r for r in range(total) if rows.nth(r).is_visible()]
    assert len(found) == 1 and rows.nth(found[0]).locator("td").nth(0).inner_text() == "A/RES/ES-11/4"
    link = rows.nth(found[0]).locator("a")
    assert link.get_attribute("href") == "https://undocs.org/A/RES/ES-11/4"
    assert votes.errors[errors_before:] == [], "filtering and searching raised no error"


def test_a_reader_on_a_phone_finds_which_third_neighbour_leaders_visited_in_a_year(browser, server):
    """'Which third-neighbour leaders visited in 2025?': the visits register answers by name, filtered, at 390 px."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/third-neighbours.html", wait_until="load")
        table = page.locator("table").filter(has=page.locator("thead", has_text="Host and places"))
        rows = table.locator("tbody tr")
        total = rows.count()
        with open(ROOT / "data" / "diplomatic_visits.csv", encoding="utf-8", newline="") as file:
            register = list(csv.DictReader(file))
        assert total == len(register), "every visit of the register is a row"
        page.select_option("#year-filter", label="2025")
        page.select_option("#direction-filter", label="To Mongolia")
        page.select_option("#group-filter", label="Third neighbours")
        shown = [rows.nth(r) for r in range(total) if rows.nth(r).is_visible()]
        assert shown, "some third-neighbour leader visited in 2025"
        names = [row.locator("td").nth(1).inner_text() for row in shown]
        assert "Naruhito" in " ".join(names), names  # Japan's emperor, July 2025
        assert all(row.locator("td").nth(0).inner_text().startswith("2025") for row in shown)
        assert f"{len(shown)} of {total} visits shown" in page.locator("#visits-shown").inner_text()
        page.locator("#visits-search").tap()
        page.fill("#visits-search", "Naruhito")
        found = [rows.nth(r) for r in range(total) if rows.nth(r).is_visible()]
        assert len(found) == 1 and found[0].locator("td").nth(2).inner_text() == "Head of state"
        assert found[0].is_visible() and found[0].bounding_box()["width"] > 0, "the row shows on the phone's screen"
    finally:
        context.close()
