"""The planted build that two test files read: the runnable archive as the site offers it for download, unpacked,
with markup planted in every text field of every dataset, of the bibliography and of the data package (tests/
test_data_is_text.py looks for it on every page, chart, map and PDF), and built as the publishing workflow builds
(the site's and the repository's addresses set: tests/test_release.py reads its link previews, sitemap and
launch buttons, and that an unchanged rebuild prints nothing again).

One build serves both because each costs a whole build of the book (the planted one executes every notebook
afresh, as its data are new): conftest.py starts it as soon as the session has built the site (it unpacks the
site's archive), beside the session, and the ``planted_build`` fixture waits for it. The job that builds it
(this file, run as a script) also builds it again unchanged and looks at every page in Chromium of its own, so
that those minutes run on the machine's second core; it writes what it saw as JSON (``FINDINGS``), and the
tests assert on that.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import yaml

from conftest import Job, copy_environment

FLAG = "mnrPlanted"
MARK = "data-mnr-planted"
# One string that tries every way text has of becoming markup on this site.
PLANT = (f' <img src="x" {MARK} onerror="window.{FLAG}=1">'
         f' <a {MARK} href="javascript:window.{FLAG}=1">planted link</a>'
         f" [planted Markdown link](javascript:window.{FLAG}=1)"
         f" </script><script>window.{FLAG}=1</script>"
         f" `${{window.{FLAG}=1}}`"
         " {sub-ref}`today` $x^2$ *planted* | cell")
# The datasets' cells also get a backslash, which would end a JavaScript template literal badly
# (the bibliography reads it as the start of a LaTeX command, so it is left out there).
DATA_PLANT = PLANT + " C:\\users"
SHOWN = f'<img src="x" {MARK} onerror="window.{FLAG}=1">'  # the part every surface must show as text
# The bibliography's fields that are not free text (addresses, dates, numbers).
BIB_TYPED = {"url", "urldate", "doi", "year", "month", "day", "volume", "number", "pages", "issn", "isbn", "reaches"}  # reaches: a month, YYYY-MM


def text_fields(resource: dict, package: dict) -> list[str]:
    """The fields of a resource whose cells may hold any text: strings without an enum, pattern or
    format, which are not keys, do not refer to or are not referred to by another table, and are
    not lists of ids or of bibliography keys (those are checked against what they name)."""
    schema = resource.get("schema", {})

    def names(value) -> set[str]:
        return {value} if isinstance(value, str) else set(value or [])

    keys = names(schema.get("primaryKey"))
    for foreign in schema.get("foreignKeys", []):
        keys |= names(foreign["fields"])
    for other in package["resources"]:
        for foreign in other.get("schema", {}).get("foreignKeys", []):
            if (foreign["reference"].get("resource") or other["name"]) == resource["name"]:
                keys |= names(foreign["reference"]["fields"])
    keys |= set(resource.get("x-source-fields", [])) | {rule["field"] for rule in resource.get("x-id-lists", [])}
    return [field["name"] for field in schema.get("fields", [])
            if field["type"] == "string" and field["name"] not in keys and field.get("format", "default") == "default"
            and not {"enum", "pattern"} & set(field.get("constraints", {}))]


def plant_data(root: Path) -> dict[str, list[str]]:
    """Append the plant to every non-empty cell of every text field; returns the fields planted."""
    package_file = root / "data" / "datapackage.yaml"
    package = yaml.safe_load(package_file.read_text(encoding="utf-8"))
    planted = {}
    for resource in package["resources"]:
        fields = text_fields(resource, package)
        if resource.get("format") != "csv" or not fields:
            continue
        path = package_file.parent / resource["path"]
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        columns = [rows[0].index(name) for name in fields]
        for row in rows[1:]:
            for column in columns:
                if row[column]:
                    row[column] += DATA_PLANT
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
        planted[resource["name"]] = fields
    # What the descriptor says of the package, each dataset, its fields and its sources is text too.
    for part in [package, *package["resources"], *(f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])),
                 *(s for r in package["resources"] for s in r.get("sources", []))]:
        for key in ("title", "description"):
            if isinstance(part.get(key), str) and PLANT not in part[key]:  # a definition shared by several is planted once
                part[key] += PLANT
    package["x-news-reach"]["note"] += PLANT
    package_file.write_text(yaml.safe_dump(package, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return planted


def plant_bibliography(root: Path) -> int:
    """Append the plant to every free-text field of every entry, and add it as an author; returns the entries.

    Edited as text, field by field (every field of references.bib is one line), because pybtex's writer
    would also rewrite the addresses (escaping their & and _ as LaTeX)."""
    from pybtex.database import parse_file

    bib_file = root / "references.bib"
    field = re.compile(r"^(\s+(\w+)\s*=\s*\{)(.*)(\},?)$")

    def planted(line: str) -> str:
        match = field.match(line)
        if not match or match.group(2).lower() in BIB_TYPED:
            return line
        extra = " and {" + PLANT.strip() + "}" if match.group(2).lower() == "author" else PLANT
        return match.group(1) + match.group(3) + extra + match.group(4)

    bib_file.write_text("\n".join(map(planted, bib_file.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
    entries = parse_file(str(bib_file), bib_format="bibtex").entries
    assert all(entry.fields["title"].endswith(PLANT) and len(entry.persons.get("author", [])) > 1 for entry in entries.values()), \
        "an entry of references.bib was not planted: is one of its fields written over several lines?"
    return len(entries)


def in_copy(root: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True, env=copy_environment(root))


# The addresses the publishing workflow passes to its build (.github/workflows/publish.yml).
PUBLISHED_AT = {"MNR_SITE_URL": "https://example.org/mongolia", "MNR_REPOSITORY_URL": "https://github.com/example/mongolia-report"}


def start_planted_build(folder: Path, site: Path) -> Job:
    """Unpack the site's runnable archive into ``folder``, plant it, and start checking and building it as the
    publishing workflow does: ``make book``'s build, with the site's and the repository's addresses set."""
    from mongolia_report.site.paths import bundle_path, file_stem

    with zipfile.ZipFile(site / bundle_path()) as bundle:
        bundle.extractall(folder)
    root = folder / file_stem()
    fields, entries = plant_data(root), plant_bibliography(root)
    environment = {**copy_environment(root), **PUBLISHED_AT}
    job = Job([sys.executable, __file__, str(root)], cwd=root, env=environment, nice=0)  # the longest job (conftest.Job)
    job.root, job.fields, job.entries, job.findings = root, fields, entries, root.parent / FINDINGS
    job.reads = [site / bundle_path()]  # what it takes from the site (conftest: a job started before the session's build)
    return job


def start_after_build(workspace: Path, site: Path) -> dict[str, Job]:
    """For conftest.py, which starts the build once however many test files read it."""
    return {"planted": start_planted_build(workspace, site)}


start_after_build.reads_site = True  # only the files it names in job.reads, so conftest may start it from an earlier build


def carries_plant(value) -> bool:
    """Whether a value shows what was planted (some of it: a chapter may keep only part of a cell's text)."""
    return isinstance(value, str) and any(trace in value for trace in (MARK, "planted", "C:\\users"))


# In the browser: open, switch and hover everything, then look for the plant's element and its flag.
LOOK = f"() => ({{flag: window.{FLAG} === undefined ? null : String(window.{FLAG}), elements: document.querySelectorAll('[{MARK}]').length}})"
# Every image has loaded or failed, so a planted image's error handler has had its chance to run.
SETTLED = """() => Promise.all(Array.from(document.images).filter(image => !image.complete && image.loading !== 'lazy').map(image =>
  new Promise(done => { image.addEventListener('load', done); image.addEventListener('error', done); })))"""
HOVER_ALL = """() => {
  let found = 0, hovered = 0;
  document.querySelectorAll('.leaflet-interactive').forEach(shape => {
    const box = shape.getBoundingClientRect(), at = {bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2};
    shape.dispatchEvent(new MouseEvent('mouseover', at));
    shape.dispatchEvent(new MouseEvent('mousemove', at));
    hovered += document.querySelectorAll('.leaflet-tooltip').length > 0 ? 1 : 0;
    found += document.querySelectorAll('[data-mnr-planted]').length;
    shape.dispatchEvent(new MouseEvent('mouseout', at));
  });
  return {hovered, found};
}"""


FINDINGS = "planted-findings.json"
STALE_PDF = "mongolia-balancing-act-0.0.1.pdf"  # a download as left by a build of an earlier version


def rebuild_unchanged(root: Path) -> dict:
    """Build the built copy again with nothing changed, after leaving an old version's PDF among its downloads:
    which PDFs were printed again, and whether the old one is gone."""
    downloads = root / "_build" / "html" / "downloads"
    printed = {path.name: path.stat().st_mtime_ns for path in downloads.glob("*.pdf")}
    (downloads / STALE_PDF).write_bytes(b"%PDF-1.4")
    again = subprocess.run([sys.executable, "scripts/build.py"], cwd=root, capture_output=True, text=True)
    after = {path.name: path.stat().st_mtime_ns for path in downloads.glob("*.pdf")}
    return {"returncode": again.returncode, "output": again.stdout + again.stderr, "printed": sorted(printed),
            "printed_again": sorted(name for name in after.keys() | printed.keys() if after.get(name) != printed.get(name)
                                    and name != STALE_PDF),
            "stale_left": (downloads / STALE_PDF).exists()}


def look_in_the_browser(root: Path) -> dict | None:
    """Every page of the built copy in Chromium, as a reader uses it: every chart switched to its table view, one
    chart with a planted credit downloaded as SVG, every map shape hovered; then the plant's elements and flag
    looked for in the page and in each map. None when Chromium is not installed."""
    from bs4 import BeautifulSoup
    from playwright.sync_api import sync_playwright

    from mongolia_report.identity import toc_pages
    from mongolia_report.project import CHROMIUM, LAUNCH_ARGS
    from mongolia_report.tooling import serve

    if not Path(CHROMIUM).exists():
        return None
    pages = [*toc_pages(root), "search"]
    found, tooltips, tables, images, shown = [], 0, 0, 0, False
    with serve(root / "_build" / "html") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname in ("127.0.0.1", None)
                       or route.request.url.startswith(("data:", "blob:", "about:")) else route.abort())
            page.goto(f"{base}/{path}.html" + ("?q=planted" if path == "search" else ""), wait_until="load")
            # Every chart's Table view, switched on as a reader does.
            for tab in page.get_by_role("tab", name="Table").all():
                tab.click()
                tables += 1
            # A chart downloaded as an image carries its credit line, whose sources name planted authors.
            credited = page.locator(f".mnr-figure[data-credit*='{MARK}']")
            if credited.count() and not images:
                credited.first.get_by_role("tab", name="Download").click()
                with page.expect_download() as download:
                    credited.first.locator("button[data-format=svg]").click()
                svg = BeautifulSoup(Path(download.value.path()).read_text(encoding="utf-8"), "html.parser")
                images += 1
                credit = svg.find_all("text", class_="annotation-text")[-1].get_text()  # drawn last, below the chart
                if svg.find_all(["img", "a", "script"]) or not ("<img" in credit and MARK in credit):
                    found.append(f"{path}: the downloaded SVG does not show the planted credit as text")
            # Every map: one shape hovered with the mouse, then every shape's tooltip opened in turn.
            frames = []
            iframes = page.locator(".mnr-map iframe")
            for i in range(iframes.count()):
                iframes.nth(i).scroll_into_view_if_needed()
                frame = iframes.nth(i).element_handle().content_frame()
                frame.wait_for_selector("path.leaflet-interactive", timeout=10000)
                frame.locator("path.leaflet-interactive").last.hover(force=True)
                result = frame.evaluate(HOVER_ALL)
                tooltips += result["hovered"]
                if result["found"]:
                    found.append(f"{path}: map {i}: a tooltip made {result['found']} planted element(s)")
                frames.append(frame)
            for where, target in [(path, page), *((f"{path} map {i}", frame) for i, frame in enumerate(frames))]:
                target.evaluate(SETTLED)
                seen = target.evaluate(LOOK)
                if seen["flag"] is not None or seen["elements"]:
                    found.append(f"{where}: flag {seen['flag']}, {seen['elements']} planted element(s)")
            found += [f"{path}: script error: {error}" for error in errors]
            if path == "chapters/claims":
                shown = SHOWN in page.inner_text("main")
            context.close()
        browser.close()
    return {"pages": pages, "found": found, "tooltips": tooltips, "tables": tables, "images": images, "shown_on_the_ledger": shown}


def build_and_look(root: Path) -> int:
    """The planted build's job (start_planted_build): check the planted copy, build it, then build it again unchanged
    and look at it in the browser, writing what each step saw to ``FINDINGS`` beside the copy; exits as the check or
    the build did."""
    import traceback

    check = subprocess.run([sys.executable, "-m", "mongolia_report.check"], cwd=root, capture_output=True, text=True)
    findings: dict = {"check": {"returncode": check.returncode, "output": check.stdout + check.stderr}}
    if check.returncode != 0:
        (root.parent / FINDINGS).write_text(json.dumps(findings), encoding="utf-8")
        return check.returncode
    # Checked just now, as `make test` does before its build; the rebuild below checks again, as `make book` does.
    first = subprocess.run([sys.executable, "scripts/build.py"], cwd=root, capture_output=True, text=True,
                           env={**os.environ, "MNR_CHECKED": str(root)})
    print(first.stdout + first.stderr, flush=True)
    findings["build"] = first.stdout + first.stderr
    if first.returncode == 0:
        for name, step in (("rebuild", rebuild_unchanged), ("browser", look_in_the_browser)):
            try:
                findings[name] = step(root)
            except Exception:  # the test that reads this step says what went wrong; the others still run
                findings[name] = {"error": traceback.format_exc()}
    (root.parent / FINDINGS).write_text(json.dumps(findings), encoding="utf-8")
    return first.returncode


if __name__ == "__main__":
    sys.exit(build_and_look(Path(sys.argv[1])))
