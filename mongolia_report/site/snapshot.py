"""Static PNG images of the maps, taken with the Chromium the tests use: the map's PNG download
and its picture in the PDFs.

Run by ``site.maps`` at the end of a build, in a process of its own (Playwright's
synchronous API must not share the build's event loop); ``snapshot(documents)`` writes
``<map>.png`` beside each map document. An image travels without its page, so it carries
its title above the map and its source, licence and report below (read from the
``<map>.geojson`` written beside the document), and none of the map's controls (zoom
buttons, the layer switcher) or Leaflet's credit (which the site's pages keep), which mean nothing
on paper.
Without Chromium the build goes on without the images; ``available()`` says so first.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..project import CHROMIUM, LAUNCH_ARGS

WIDTH, HEIGHT = 1000, 600

FRAME = """(credits) => {
  document.querySelectorAll('.leaflet-control-zoom, .leaflet-control-layers, .leaflet-control-attribution')
    .forEach((c) => c.remove());
  const map = document.querySelector('.folium-map');
  // The legend is placed against the page's bottom edge; in the image it belongs to the map.
  document.querySelectorAll('.mnr-legend').forEach((legend) => { legend.style.bottom = '10px'; map.appendChild(legend); });
  const band = (text, style) => {
    const element = document.createElement('div');
    element.textContent = text;
    element.setAttribute('style', 'font-family:system-ui,sans-serif;background:#fff;padding:8px 14px;' + style);
    return element;
  };
  document.body.style.height = 'auto';
  map.style.height = map.style.minHeight = credits.height + 'px';
  map.before(band(credits.title, 'font-size:20px;font-weight:600;color:#222'));
  map.after(band(credits.credit, 'font-size:13px;color:#444;border-top:1px solid #ccc'));
  window[map.id].invalidateSize();
  return document.body.scrollHeight;
}"""


def credits(document: Path) -> dict:
    """The title and the credit line drawn into a map's image, from the layers file written beside it."""
    layers = json.loads(document.with_suffix(".geojson").read_text(encoding="utf-8"))
    title = layers["title"].removeprefix("Map: ")
    title = title[:1].upper() + title[1:]
    return {"title": title, "credit": f"{layers['source']} · Licence: {layers['licence']} · {layers['from']}", "height": HEIGHT}


def available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def snapshot(documents) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        # Only the map's own files (the document and the vendored Leaflet): nothing from other hosts.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for document in documents:
            page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
            page.goto(document.resolve().as_uri(), wait_until="load")
            page.wait_for_selector("path.leaflet-interactive", timeout=15000)
            height = page.evaluate(FRAME, credits(document))
            page.set_viewport_size({"width": WIDTH, "height": int(height)})
            page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")  # redrawn
            page.screenshot(path=str(document.with_suffix(".png")), full_page=True)
        browser.close()
