"""A PDF of every page and one of the whole report, printed by Chromium, linked from the download menu.

Why: readers attach and archive chapters, and the theme's ".pdf" button only opens the
browser's print dialog, which prints whatever state the page is in (a chart not yet
drawn, a map iframe never loaded because it is lazy). At the end of a build this module
opens each page of the table of contents in the Chromium the tests use (Playwright, in
a process of its own, as ``site.snapshot`` does for the map images), waits until every
chart is drawn, puts each map's PNG image in place of its iframe, clears the access
date the reader fills in, and prints it (kept in ``_build/pdf-prints``). The prints are
then stamped with a footer (the page's title, the report's name and version, "page i of
n") into ``downloads/<name>.pdf``, and joined, in the table of contents' order and with
a bookmark per page, into the whole report, stamped with one page count (pypdf).
Chromium's own footer could not do that: it counts the pages of each print.

A page is printed again only when its HTML, the site's scripts and styles or this module
changed (``_build/pdf-prints/printed.json`` keeps their hashes). Without Chromium the build goes on without PDFs and the download menu
keeps the browser's own print button (the README says so).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from .. import identity
from . import snapshot

DOWNLOADS = "downloads"
A4_WIDTH_PX = 680  # the print area of an A4 page with these margins, in CSS pixels (charts are laid out for it)
MARGINS = {"top": "16mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}


def file_stem() -> str:
    return f"mongolia-balancing-act-{identity.version()}"


def page_pdf(pagename: str) -> str:
    """The site-relative path of a page's PDF."""
    return f"{DOWNLOADS}/{file_stem()}-{pagename.rsplit('/', 1)[-1]}.pdf"


def report_pdf() -> str:
    return f"{DOWNLOADS}/{file_stem()}.pdf"


@lru_cache(maxsize=2)
def toc_order(srcdir: Path) -> list[str]:
    return identity.toc_pages(srcdir)


def printing() -> bool:
    return snapshot.available()


# --- in the build ---------------------------------------------------------------------------------

def print_site(app: Sphinx, exception) -> None:
    """After a successful HTML build: print what changed, in a process of its own."""
    if exception is not None or app.builder.format != "html" or not printing():
        return
    pages = [page for page in toc_order(app.srcdir) if (Path(app.outdir) / f"{page}.html").exists()]
    jobs = {"outdir": str(app.outdir), "pages": [[page, app.env.titles[page].astext()] for page in pages],
            "title": identity.citation_metadata()["title"], "author": identity.author_names(), "version": identity.version()}
    script = "import json, sys; from mongolia_report.site.pdf import main; main(json.loads(sys.argv[1]))"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, json.dumps(jobs)], check=True)
    # For the build's summary line (scripts/build.py): what printing added to this build.
    (Path(app.outdir).parent / "pdf-prints" / "last-run.txt").write_text(f"{time.perf_counter() - start:.1f}\n", encoding="utf-8")


# --- in its own process ---------------------------------------------------------------------------

PREPARE_FOR_PRINT = """(blank) => {
  // Each map as its PNG image: an iframe prints empty until it is scrolled into view.
  document.querySelectorAll('.mnr-map').forEach((map) => {
    const png = map.querySelector('a[href$=".png"]'), frame = map.querySelector('iframe');
    if (!png || !frame) return;
    const image = new Image();
    image.src = png.href; image.alt = frame.title; image.className = 'mnr-map-print';
    frame.replaceWith(image);
  });
  // The access date is the reader's to write, not the day the PDF was made.
  document.querySelectorAll('.mnr-accessed').forEach((span) => { span.textContent = blank; });
}"""


def _print_file(prints: Path, name: str) -> Path:
    return prints / f"{name.replace('/', '-')}.pdf"


def _print_pages(browser, outdir: Path, prints: Path, pages: list[list[str]], stale: set[str]) -> None:
    """Print each stale page into ``prints``."""
    from .citebox import ACCESS_BLANK

    page = browser.new_page(viewport={"width": A4_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    for name, _ in pages:
        if name not in stale:
            continue
        page.goto((outdir / f"{name}.html").resolve().as_uri(), wait_until="load")
        # Every chart drawn and fitted to its width (assets/figure-tools.js marks it).
        page.wait_for_function("() => Array.from(document.querySelectorAll('.mnr-figure .js-plotly-plot'))"
                               ".every((gd) => gd._mnrFitted)", timeout=20000)
        page.evaluate(PREPARE_FOR_PRINT, ACCESS_BLANK)
        page.wait_for_function("() => Array.from(document.images).every((image) => image.complete)", timeout=20000)
        page.pdf(path=str(_print_file(prints, name)), format="A4", margin=MARGINS, print_background=True,
                 tagged=True, outline=True)
    page.close()


def _footer_pages(browser, lines: list[str]):
    """A PDF of blank A4 pages, each with one footer line: stamped onto the printed pages."""
    import html
    from io import BytesIO

    from pypdf import PdfReader

    body = "".join(f'<section><p>{html.escape(line)}</p></section>' for line in lines)
    page = browser.new_page()
    page.set_content(
        "<style>@page{size:A4;margin:0}body{margin:0;font:9pt system-ui,sans-serif;color:#555}"
        "section{height:297mm;position:relative;break-after:page}"
        "p{position:absolute;bottom:8mm;left:15mm;right:15mm;margin:0;text-align:center}</style>" + body)
    data = page.pdf(format="A4", margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
    page.close()
    return PdfReader(BytesIO(data))


def _stamp(writer, browser, lines: list[str]) -> None:
    footers = _footer_pages(browser, lines)
    for page, footer in zip(writer.pages, footers.pages, strict=True):
        page.merge_page(footer)
        page.compress_content_streams()  # merging leaves the page's content uncompressed (twice the size)


def _assemble(browser, outdir: Path, prints: Path, pages: list[list[str]], jobs: dict) -> None:
    """Stamp each page's PDF, then join them into the whole report, stamped with one page count."""
    from pypdf import PdfReader, PdfWriter

    report = f"{jobs['title']}, version {jobs['version']}"
    metadata = {"/Author": jobs["author"], "/Subject": report}
    whole = PdfWriter()
    for name, title in pages:
        printed = PdfReader(_print_file(prints, name))  # parsed once, for both
        whole.append(printed, outline_item=title)
        single = PdfWriter(clone_from=printed)
        count = len(single.pages)
        _stamp(single, browser, [f"{title} · {report} · page {i} of {count}" for i in range(1, count + 1)])
        single.add_metadata({**metadata, "/Title": f"{title} ({report})"})
        single.write(outdir / page_pdf(name))
    total = len(whole.pages)
    _stamp(whole, browser, [f"{report} · page {i} of {total}" for i in range(1, total + 1)])
    whole.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)  # fonts shared by the pages
    whole.add_metadata({**metadata, "/Title": report})
    whole.write(outdir / report_pdf())


def main(jobs: dict) -> None:
    outdir = Path(jobs["outdir"])
    prints = outdir.parent / "pdf-prints"
    prints.mkdir(exist_ok=True)
    (outdir / DOWNLOADS).mkdir(exist_ok=True)
    record_path = prints / "printed.json"
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    # A print depends on its page and on what draws it: the site's stylesheet and scripts, and this module.
    drawn_by = b"".join(path.read_bytes() for path in sorted((outdir / "_static").glob("*.[cj]s*")) if path.is_file())
    common = hashlib.sha256(drawn_by + Path(__file__).read_bytes()).hexdigest()
    hashes = {name: hashlib.sha256((outdir / f"{name}.html").read_bytes() + common.encode()).hexdigest()
              for name, _ in jobs["pages"]}
    stale = {name for name, _ in jobs["pages"] if record.get(name) != hashes[name] or not _print_file(prints, name).exists()}
    if not stale and all((outdir / page_pdf(name)).exists() for name, _ in jobs["pages"]) and (outdir / report_pdf()).exists():
        return
    record_path.unlink(missing_ok=True)  # an interrupted print leaves no record that claims otherwise
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # one browser prints the pages and then their footers
        browser = playwright.chromium.launch(executable_path=snapshot.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        _print_pages(browser, outdir, prints, jobs["pages"], stale)
        _assemble(browser, outdir, prints, jobs["pages"], jobs)
        browser.close()
    record_path.write_text(json.dumps(hashes, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", print_site, priority=600)  # after site.maps has drawn the map images

