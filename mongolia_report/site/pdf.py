"""A PDF of every page and one of the whole report, printed by Chromium, linked from the download menu.

Why: readers attach, print and archive chapters, and the theme's ".pdf" button only opens
the browser's print dialog, which prints whatever state the page is in (a chart not yet
drawn, a map iframe never loaded because it is lazy). At the end of a build this module
opens each page of the table of contents in the Chromium the tests use (Playwright, in a
process of its own, as ``site.snapshot`` does for the map images), waits until every chart
is drawn, puts each map's PNG image in place of its iframe, clears the access date the
reader fills in, records the page's headings and where every id on it was printed, and
prints it (kept in ``_build/pdf-prints``). Then (``site.pdfdoc``, pypdf):

- each page's PDF (``downloads/<name>.pdf``) starts with the page's title and the report's
  name, version and release date (a line the print stylesheet shows under the title), has
  bookmarks for its sections and a footer ("title · report, version · page i of n");
- the whole report (``downloads/<stem>.pdf``) has a title page, a table of contents with
  page numbers, every page in the table of contents' order, bookmarks for each page and
  its sections, and one page count;
- no link points at the build machine: within the PDF a link goes to the place it names,
  otherwise to the published page when CITATION.cff gives the site's address, or it is
  dropped.

Chromium's own footer could not do the numbering (it counts the pages of each print), nor
its outline the bookmarks (it doubles some headings).

A page is printed again only when its HTML, the site's scripts and styles or this module
changed (``_build/pdf-prints/printed.json`` keeps their hashes), and the PDFs are assembled
again only when a print or the report's front matter changed. Without Chromium the build
goes on without PDFs and the download menu keeps the browser's own print button.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

from sphinx.application import Sphinx

from .. import identity
from ..citation import formatted_reference, report_item
from ..markup import Markup, render
from . import paths, pdfdoc, snapshot
from .paths import ACCESS_BLANK

A4_WIDTH_PX = 680  # the print area of an A4 page with these margins, in CSS pixels (charts are laid out for it)
MARGINS = {"top": "16mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}


@lru_cache(maxsize=2)
def toc_order(srcdir: Path) -> list[str]:
    return identity.toc_pages(srcdir)


def printing() -> bool:
    return snapshot.available()


def masthead() -> str:
    """The line under each page's title on paper: which report, which version, released when."""
    return f"{identity.citation_metadata()['title']} · version {identity.version()}, released {identity.released_on()}"


def add_masthead(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A printed page (the PDFs, or the reader's own print) says which report it is from, under its title."""
    body = context.get("body", "")
    if pagename in toc_order(app.srcdir) and "</h1>" in body:
        line = render("masthead.html", line=masthead())
        context["body"] = body.replace("</h1>", "</h1>" + line, 1)


# --- in the build ---------------------------------------------------------------------------------

def front_matter() -> dict:
    """What the whole report's title page says."""
    from ..freshness import coverage_phrase

    cff = identity.citation_metadata()
    address = identity.site_address()
    return {
        "title": cff["title"], "abstract": " ".join(str(cff.get("abstract", "")).split()), "author": identity.author_names(),
        "version": identity.version(), "released": identity.released_on(),
        "licence": identity.licence_label(), "url": address,
        "data": f"The datasets are current to dates {coverage_phrase()}; "
                "each finding says the date it holds as of.",
        "citation": formatted_reference(report_item(f"{address}/" if address else "")),
    }


def print_site(app: Sphinx, exception) -> None:
    """After a successful HTML build: print what changed, in a process of its own."""
    if exception is not None or app.builder.format != "html" or not printing():
        return
    pages = [page for page in toc_order(app.srcdir) if (Path(app.outdir) / f"{page}.html").exists()]
    jobs = {"outdir": str(app.outdir), "pages": [[page, app.env.titles[page].astext()] for page in pages],
            "front": front_matter(), "site_url": identity.site_address(app.config.html_baseurl or "")}
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
  // Chromium writes a named destination (page, position) for each place a link on the page
  // points to: hidden links to every id let every place be found, from this page or another.
  const anchors = document.createElement('div');
  anchors.hidden = true;
  document.querySelectorAll('main [id]').forEach((element) => {
    const link = document.createElement('a');
    link.href = '#' + element.id;
    anchors.appendChild(link);
  });
  document.body.appendChild(anchors);
  // The headings a reader sees on paper, for the bookmarks and the table of contents.
  return Array.from(document.querySelectorAll('main h1, main h2'))
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => {
      const copy = h.cloneNode(true);
      copy.querySelectorAll('.headerlink').forEach((link) => link.remove());
      return {level: Number(h.tagName[1]), text: copy.textContent.replace(/\\s+/g, ' ').trim(),
              id: h.id || (h.closest('section') || {}).id || ''};
    });
}"""


def _print_file(prints: Path, name: str) -> Path:
    return prints / f"{name.replace('/', '-')}.pdf"


def _print_pages(browser, outdir: Path, prints: Path, pages: list[list[str]], stale: set[str]) -> None:
    """Print each stale page into ``prints``, with its headings beside it (``<print>.json``)."""
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
        headings = page.evaluate(PREPARE_FOR_PRINT, ACCESS_BLANK)
        page.wait_for_function("() => Array.from(document.images).every((image) => image.complete)", timeout=20000)
        target = _print_file(prints, name)
        page.pdf(path=str(target), format="A4", margin=MARGINS, print_background=True, tagged=True, outline=False)
        target.with_suffix(".json").write_text(json.dumps(headings, ensure_ascii=False, indent=1), encoding="utf-8")
    page.close()


def _render(browser, markup: str) -> bytes:
    """A document of the report's own (its footers, title page, contents) printed on A4."""
    page = browser.new_page()
    page.set_content(markup)
    data = page.pdf(format="A4", margin={"top": "0", "bottom": "0", "left": "0", "right": "0"}, tagged=True)
    page.close()
    return data


def _stamp(writer, browser, lines: list[str]) -> None:
    """One footer line on each page (an empty line leaves the page as it is)."""
    from io import BytesIO

    from pypdf import PdfReader

    footers = PdfReader(BytesIO(_render(browser, render("pdf-footers.html", lines=lines))))
    for page, footer, line in zip(writer.pages, footers.pages, lines, strict=True):
        if line:
            page.merge_page(footer)
            page.compress_content_streams()  # merging leaves the page's content uncompressed (twice the size)


def _front_html(front: dict, entries: list[dict] | None, outdir: Path) -> str:
    """The whole report's title page and table of contents (page numbers from ``entries``)."""
    rows = [("Authors", front["author"]), ("Version", f"{front['version']}, released {front['released']}"),
            ("Data", front["data"]), ("Licence", f"{front['licence']} (text, figures and data); code MIT")]
    if front["url"]:
        rows.append(("Online", front["url"]))
    if entries is not None:
        entries = [{**entry, "address": (outdir / f"{entry['name']}.html").resolve().as_uri()} for entry in entries]
    return render("pdf-front.html", title=front["title"], abstract=front["abstract"], rows=rows, citation=Markup(front["citation"]),
                  entries=entries)


def _front_matter(browser, front: dict, body: list, outdir: Path):
    """The title page and contents as a PDF; the contents' page numbers count these pages too."""
    from io import BytesIO

    from pypdf import PdfReader

    count = len(PdfReader(BytesIO(_render(browser, _front_html(front, pdfdoc.contents_entries(body, 0), outdir)))).pages)
    for _ in range(3):  # the numbers can change the contents' length; settle it
        reader = PdfReader(BytesIO(_render(browser, _front_html(front, pdfdoc.contents_entries(body, count), outdir))))
        if len(reader.pages) == count:
            return reader
        count = len(reader.pages)
    return reader


def _write(writer, path: Path) -> None:
    """Write a PDF through memory: pypdf writes an open file in small pieces, which costs the build a few seconds."""
    from io import BytesIO

    buffer = BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def _assemble(browser, outdir: Path, prints: Path, jobs: dict) -> None:
    """Each page's PDF (title, bookmarks, working links, footer), then the whole report."""
    from pypdf import PdfReader, PdfWriter

    front = jobs["front"]
    report = f"{front['title']}, version {front['version']}"
    metadata = {"/Author": front["author"]}
    printed = []
    for name, title in jobs["pages"]:
        headings = json.loads(_print_file(prints, name).with_suffix(".json").read_text(encoding="utf-8"))
        item = pdfdoc.Printed(name, title, PdfReader(_print_file(prints, name)), headings)
        pdfdoc.name_links_by_address(item, outdir)
        printed.append(item)
    for item in printed:
        single = PdfWriter(clone_from=item.reader)
        pdfdoc.resolve_links(single, {item.name: (0, item)}, outdir, jobs["site_url"])
        pdfdoc.add_bookmarks(single, 0, item)
        count = len(single.pages)
        _stamp(single, browser, [f"{item.title} · {report} · page {i} of {count}" for i in range(1, count + 1)])
        single.add_metadata({**metadata, "/Title": f"{item.title} ({report})", "/Subject": report})
        single.page_mode = "/UseOutlines"
        _write(single, outdir / paths.page_pdf(item.name))

    body, start = [], 0
    for item in printed:
        body.append((start, item))
        start += len(item.reader.pages)
    front_reader = _front_matter(browser, front, body, outdir)
    offset = len(front_reader.pages)
    whole = PdfWriter()
    whole.append(front_reader, import_outline=False)
    for item in printed:
        whole.append(item.reader, import_outline=False)
    contents = {item.name: (offset + first, item) for first, item in body}
    pdfdoc.resolve_links(whole, contents, outdir, jobs["site_url"])
    whole.add_outline_item("Title page and contents", 0)
    for first, item in body:
        pdfdoc.add_bookmarks(whole, offset + first, item)
    total = len(whole.pages)
    _stamp(whole, browser, [""] + [f"{report} · page {i} of {total}" for i in range(2, total + 1)])
    whole.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)  # fonts shared by the pages
    whole.add_metadata({**metadata, "/Title": report, "/Subject": front["abstract"]})
    whole.page_mode = "/UseOutlines"
    _write(whole, outdir / paths.report_pdf())


def printed_html(path: Path) -> bytes:
    """A page's HTML as far as its print depends on it. Sphinx adds a file's checksum to its link
    (``mystnb.css?v=8cd3d715``) only once the file is in the output folder, which the first build
    of a fresh folder writes after its pages: the checksums are left out (the files' contents are
    hashed with the stylesheets and scripts), so a second, unchanged build prints nothing again."""
    return re.sub(rb"\?v=[0-9a-f]{8}\b", b"", path.read_bytes())


def main(jobs: dict) -> None:
    outdir = Path(jobs["outdir"])
    prints = outdir.parent / "pdf-prints"
    prints.mkdir(exist_ok=True)
    (outdir / paths.DOWNLOADS).mkdir(exist_ok=True)
    record_path = prints / "printed.json"
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    # A print depends on its page and on what draws it: the site's stylesheets and scripts, and this module.
    drawn_by = b"".join(path.read_bytes() for path in sorted((outdir / "_static").glob("*.[cj]s*")) if path.is_file())
    common = hashlib.sha256(drawn_by + Path(__file__).read_bytes()).hexdigest()
    hashes = {name: hashlib.sha256(printed_html(outdir / f"{name}.html") + common.encode()).hexdigest()
              for name, _ in jobs["pages"]}
    # The assembled PDFs depend on every print, the front matter and how they are put together.
    hashes["(assembled)"] = hashlib.sha256(json.dumps([hashes, jobs], sort_keys=True).encode()
                                           + Path(pdfdoc.__file__).read_bytes()).hexdigest()
    stale = {name for name, _ in jobs["pages"]
             if record.get(name) != hashes[name] or not _print_file(prints, name).with_suffix(".json").exists()}
    outputs = [outdir / paths.page_pdf(name) for name, _ in jobs["pages"]] + [outdir / paths.report_pdf()]
    if not stale and record.get("(assembled)") == hashes["(assembled)"] and all(path.exists() for path in outputs):
        return
    record_path.unlink(missing_ok=True)  # an interrupted print leaves no record that claims otherwise
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # one browser prints the pages, the front matter and the footers
        browser = playwright.chromium.launch(executable_path=snapshot.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        _print_pages(browser, outdir, prints, jobs["pages"], stale)
        _assemble(browser, outdir, prints, jobs)
        browser.close()
    record_path.write_text(json.dumps(hashes, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_masthead)
    app.connect("build-finished", print_site, priority=600)  # after site.maps has drawn the map images
