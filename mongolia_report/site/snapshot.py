"""Static PNG images of the maps as drawn, taken with the Chromium the tests use.

Run by ``site.maps`` at the end of a build, in a process of its own (Playwright's
synchronous API must not share the build's event loop); ``snapshot(documents)`` writes
``<map>.png`` beside each map document.
Without Chromium the build goes on without the images; ``available()`` says so first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTH, HEIGHT = 1000, 600


def available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def snapshot(documents) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        # Only the map's own files (the document and the vendored Leaflet): nothing from other hosts.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for document in documents:
            page.goto(document.resolve().as_uri(), wait_until="load")
            page.wait_for_selector("path.leaflet-interactive", timeout=15000)
            page.screenshot(path=str(document.with_suffix(".png")))
        browser.close()

