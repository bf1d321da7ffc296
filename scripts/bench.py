"""Benchmark the build and the pages on this machine: `make bench`.

Prints
  - the test suite's time from cold (`make test` with _build removed: ruff, then pytest,
    which builds the book once, runs each notebook under nbval and opens each page once
    in the browser),
  - cold build time (no caches at all: _build removed),
  - rebuild time with nothing changed,
  - rebuild time after touching one notebook,
  - per page: HTML bytes, and the total bytes of the distinct files a first visit
    loads (HTML, scripts, stylesheets, fonts, map documents...), measured in
    headless Chromium with every request to another host blocked.

All of it runs in a temporary copy of the checkout, so `_build/` (and a `make serve`
running from it) is left alone. The tests (tests/test_pages_in_a_browser.py) check the page-weight
budgets on their own visit of each page; this script only reports.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's package, installed or not
from mongolia_report.project import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from mongolia_report.tooling import copy_checkout, serve  # noqa: E402


def page_weight(browser, url: str) -> dict:
    """Bytes a first visit to `url` downloads, counting each distinct file once."""
    context = browser.new_context()  # fresh context: empty cache, like a first visit
    page = context.new_page()
    sizes: dict[str, int] = {}

    def on_response(response):
        if urlparse(response.url).hostname in ("127.0.0.1", "localhost") and response.status == 200:
            try:
                sizes[response.url.split("?")[0]] = len(response.body())
            except Exception:  # a response without a body (e.g. aborted) weighs nothing
                pass

    page.on("response", on_response)
    page.route(
        "**/*",
        lambda route: route.continue_()
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost")
        or route.request.url.startswith(("data:", "blob:", "about:"))
        else route.abort(),
    )
    page.goto(url, wait_until="load")
    # Lazy iframes (maps) load when scrolled to; a reader who reads the page gets them.
    iframes = page.locator(".mnr-map iframe")
    for i in range(iframes.count()):
        iframes.nth(i).scroll_into_view_if_needed()
        iframes.nth(i).element_handle().content_frame().wait_for_selector("path.leaflet-interactive", timeout=10000)
    page_url = url.split("?")[0]
    result = {
        "html": sizes.get(page_url, 0),
        "total": sum(sizes.values()),
        "files": len(sizes),
        "plotly_loads": sum(1 for u in sizes if "/plotly" in u and u.endswith(".js")),
    }
    context.close()
    return result


def timed(args: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Everything runs in a temporary copy of the checkout, so _build/ (and a running `make serve`) is left alone."""
    import os
    import tempfile


    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="mnr-bench-") as folder:
        copy = copy_checkout(Path(folder) / "checkout")
        env = {**os.environ, "PYTHONPATH": str(copy)}  # the copy's package, not the one installed from ROOT
        tests = timed([str(Path(python).with_name("ruff")), "check", "--quiet", "."], copy, env) + timed(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], copy, env)
        print(f"make test, cold (no _build)     {tests:6.1f} s")

        shutil.rmtree(copy / "_build", ignore_errors=True)
        build = [python, "scripts/build.py"]
        cold = timed(build, copy, env)
        unchanged = timed(build, copy, env)
        (copy / "chapters" / "icc.ipynb").touch()
        touched = timed(build, copy, env)
        print(f"cold build (no caches)          {cold:6.1f} s")
        print(f"rebuild, nothing changed        {unchanged:6.1f} s")
        print(f"rebuild, one notebook touched   {touched:6.1f} s")

        from mongolia_report.identity import toc_pages

        pages = toc_pages(copy)
        if not Path(CHROMIUM).exists():
            print("Chromium not found: page weights need a browser (apt-get install chromium)")
            return
        from playwright.sync_api import sync_playwright

        print(f"\n{'page':<28}{'HTML bytes':>12}{'first visit bytes':>20}{'files':>8}")
        with serve(copy / "_build" / "html") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for page in pages:
                weight = page_weight(browser, f"{base}/{page}.html")
                print(f"{page:<28}{weight['html']:>12,}{weight['total']:>20,}{weight['files']:>8}")
            browser.close()


if __name__ == "__main__":
    main()
