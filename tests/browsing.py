"""What the browser tests share: the pages they visit, one recorded ``Visit`` per page, and the scripts they
run in the page to read what plotly.js and Leaflet drew. The fixtures (``browser``, ``server``, ``visit``)
are in conftest.py; the tests are in the files named for what they check (test_pages_in_a_browser,
test_charts, test_maps, test_navigation, test_search, test_filters, test_citation).

The site is served from localhost and every request to any other host is blocked. Each page is opened
once (``Visit``): the visit records console errors, blocked requests and the bytes a first visit downloads,
waits (for a condition, never a fixed time) until every Plotly figure and every map is drawn, and runs
axe-core's audit over the page as drawn. When CI is set a missing browser is a failure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from conftest import toc_pages
from mongolia_report.pages import CHARTS as PAGE_CHARTS
from mongolia_report.pages import MAPS as PAGE_MAPS
from mongolia_report.theme import LAYOUT

PAGES = toc_pages() + ["search"]
CHAPTERS = [page for page in toc_pages() if page.startswith("chapters/")]

# The chapters that draw a chart (charts.finish lays out every one), so that no test is run where it must skip.
# The pages that draw charts and maps, as mongolia_report/pages.py declares them (test_site.py checks the
# declaration against the built pages), not guessed from the notebooks' code.
CHART_CHAPTERS = [page for page in CHAPTERS if page in PAGE_CHARTS]
WITH_CHARTS = list(PAGE_CHARTS)
WITH_MAPS = list(PAGE_MAPS)
PHONE = {"width": LAYOUT["phone_width"], "height": 844}  # a phone's viewport, as the site's layout numbers give its width


def map_frame(iframe):
    """The document inside a map's iframe, once its vector layers are drawn."""
    iframe.scroll_into_view_if_needed()  # the iframes load lazily
    frame = iframe.element_handle().content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=10000)
    # The names are in the map before its load event places them; wait until they are placed for this size.
    frame.wait_for_function("() => { const m = document.querySelector('.folium-map');"
                            " return m && m.dataset.labelledAt === innerWidth + 'x' + innerHeight; }", timeout=10000)
    return frame


class Visit:
    """One first visit to one page, recorded once for every check that needs it.

    A fresh browser context per page (an empty cache, as for a first-time reader) lets the
    same visit give the page weight; the page stays open for the chapter-specific tests.

    axe-core's audit (``audit=True``) starts in the page as drawn and runs on in the page's own renderer process:
    whatever reads the page (``page``, ``map_frames``, ``errors``, ``axe_violations``) waits for it first, so no test
    touches a page under audit, while the session drives another page (conftest's ``visit`` opens one ahead).
    """

    def __init__(self, browser, url: str, *, audit: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self._page = self.context.new_page()
        self._errors: list[str] = []
        self.blocked: list[str] = []
        self.sizes: dict[str, int] = {}
        self._page.on("console", self._console)
        self._page.on("pageerror", lambda error: self._errors.append(str(error)))
        self._page.on("response", self._weigh)
        self._page.route("**/*", self._route)
        self._page.goto(url, wait_until="load")
        expected = self._page.locator(".mnr-plotly").count()
        self._page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n", arg=expected, timeout=10000
        )
        iframes = self._page.locator(".mnr-map iframe")
        self._map_frames = [map_frame(iframes.nth(i)) for i in range(iframes.count())]
        self.weight = sum(self.sizes.values())
        self.plotly_loads = sum(1 for u in self.sizes if "/plotly" in u and u.endswith(".js"))
        self.load_errors = list(self._errors)  # before axe: its stylesheet fetches are not the page's own
        self._violations = None
        self._auditing = audit
        if audit:  # started, not awaited: seconds a page, 25 s for the vote list
            from axe_playwright_python.base import AXE_SCRIPT

            self._page.evaluate(AXE_SCRIPT)
            # In a task of its own: axe runs as one chain of promises, which the call starting it would otherwise wait for.
            self._page.evaluate("() => { window.mnrAudit = new Promise(done => setTimeout("
                                "() => axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)), 0)); }")
        else:
            self._page.evaluate("window.scrollTo(0, 0)")

    @property
    def auditing(self) -> bool:
        """Whether the audit has started and nothing has waited for it yet."""
        return self._auditing

    def _settled(self) -> None:
        if self._auditing:
            self._auditing = False
            self._violations = self._page.evaluate("() => window.mnrAudit")
            self._page.evaluate("window.scrollTo(0, 0)")

    @property
    def page(self):
        self._settled()
        return self._page

    @property
    def map_frames(self) -> list:
        self._settled()
        return self._map_frames

    @property
    def errors(self) -> list[str]:
        self._settled()
        return self._errors

    @property
    def axe_violations(self) -> list[dict]:
        self._settled()
        if self._violations is None:
            raise AttributeError("this visit was opened without audit=True")
        return self._violations

    def _console(self, message):
        if message.type == "error":
            self._errors.append(f"{message.text} ({message.location.get('url', '')})")

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


def chapter_charts(visit, path: str, count: int):
    """A chapter's open page and its drawn Plotly charts, checking that there are ``count``."""
    page = visit(path).page
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == count
    return page, charts

# The traces as plotly.js decoded and drew them (gd.data keeps the base64 form, and plotly.js offers no public
# reader of the decoded arrays), read through figure-tools.js's guarded helper for that private field.
PLOTTED = """gd => { return window.mnrFigureTools.drawnData(gd).filter(t => !(t.mode === 'text' && t.showlegend === false))
    .filter(t => t.type === 'heatmap' || Array.from(t.x || []).some(v => v !== null && v !== undefined))  // legend-only keys plot nothing
    .map(t => t.type === 'heatmap'
    ? {heatmap: true, n: Array.from(t.x).length * Array.from(t.y).length}
    : {x: Array.from(t.x, String), y: Array.from(t.y, v => (typeof v === 'number' ? v : String(v)))}); }"""


def same(cell: str, plotted) -> bool:
    """A table cell shows the plotted value: a number to the decimals the cell shows (the chart's own
    precision), a day without its hour, a label without line breaks."""

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


def shown_rows(table) -> list[list[str]]:
    """The text of each cell of the rows a table shows (a filter hides the others), read in one call: a
    Playwright call per row costs a round trip each, half a minute for the vote list's seven hundred rows."""
    return table.evaluate("t => Array.from(t.tBodies[0].rows).filter(r => r.getClientRects().length > 0)"
                          ".map(r => Array.from(r.cells, c => c.innerText.trim()))")


def on_paper(site: Path, pages: list[str]) -> dict | None:
    """Each page as site/pdf.py prints it (the A4 print width, print styles), in a Chromium of its own: how many
    charts it draws and, for each chart with any, its first text clashes (TEXT_CLASHES). None without Chromium.
    Run as a job beside the session (``python tests/browsing.py on-paper SITE OUT PAGE...``; test_charts.py)."""
    from playwright.sync_api import sync_playwright

    from mongolia_report.project import CHROMIUM, LAUNCH_ARGS
    from mongolia_report.site.pdf import A4_WIDTH_PX
    from mongolia_report.tooling import serve

    if not Path(CHROMIUM).exists():
        return None
    found = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1000})
            page.emulate_media(media="print")
            page.goto(f"{base}/{path}.html", wait_until="load")
            page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot')).every(gd => gd._mnrFitted)")
            charts = page.locator(".mnr-figure .js-plotly-plot")
            found[path] = {"charts": charts.count(),
                           "problems": {i: clashes[:3] for i in range(charts.count()) if (clashes := charts.nth(i).evaluate(TEXT_CLASHES))}}
            page.close()
        browser.close()
    return found


if __name__ == "__main__" and sys.argv[1:2] == ["on-paper"]:
    Path(sys.argv[3]).write_text(json.dumps({"pages": on_paper(Path(sys.argv[2]), sys.argv[4:])}), encoding="utf-8")
