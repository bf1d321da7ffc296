"""A release a reader can cite, print and rerun: one identity, a changelog, page dates, PDFs and a runnable archive."""

from __future__ import annotations

import ast
import datetime
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path
from types import SimpleNamespace

import planting
import pytest
import yaml

from conftest import ROOT, glue_values, in_ci, load_script, page_soup, page_title, toc_pages

guard = load_script("notebook_guard")


def cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def page_html(site, page: str) -> str:
    return (site / f"{page}.html").read_text(encoding="utf-8")


# --- one identity ---------------------------------------------------------------------------------

def test_the_report_identity_is_kept_only_in_citation_cff(site):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert not {"title", "author", "copyright"} & set(config), "_config.yml repeats what CITATION.cff holds"
    meta = cff()
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == str(meta["version"])
    from mongolia_report.identity import author_names

    for page in toc_pages():
        soup = page_soup(site / f"{page}.html")
        assert soup.title.get_text().endswith(f"— {meta['title']}") or soup.title.get_text() == meta["title"], page
        assert f"By {author_names()}" in " ".join(soup.get_text(" ").split()), page
        footer = soup.select_one("p.mnr-version")
        assert footer, f"{page}: no version in the footer"
        assert f"Version {meta['version']}, released " in " ".join(footer.get_text(" ").split())
        assert footer.select_one('a[href$="changelog.html"]') or page == "changelog"


def with_addresses(monkeypatch, **extra):
    """CITATION.cff as if the site's and the repository's addresses were configured."""
    from mongolia_report import identity

    configured = {**identity.citation_metadata(), **extra}
    monkeypatch.setattr(identity, "citation_metadata", lambda: configured)
    for module in ("mongolia_report.citation", "mongolia_report.site.metadata", "mongolia_report.site.structured"):
        monkeypatch.setattr(f"{module}.citation_metadata", lambda: configured)


def test_configured_addresses_reach_the_citations_metadata_launch_buttons_and_build_log(monkeypatch):
    from mongolia_report import citation, identity
    from mongolia_report.site import citebox, metadata, paths, pdf
    from mongolia_report.site.identity import BINDER, COLAB, apply_identity

    site_url, repository = "https://example.org/mongolia", "https://github.com/example/mongolia-report"
    with_addresses(monkeypatch, url=site_url, **{"repository-code": repository})
    assert identity.missing_addresses() == []
    chapter = f"{site_url}/chapters/icc.html"
    box = citebox.cite_box("chapters/icc", "Mongolia and the ICC", "")
    assert box.count(chapter) == 5, "APA, Chicago, MLA, BibTeX and RIS each give the chapter's address"
    meta = metadata.page_metadata("chapters/icc", "Mongolia and the ICC", "")
    from bs4 import BeautifulSoup

    head = BeautifulSoup(meta, "html.parser")
    json_ld = json.loads(head.select_one('script[type="application/ld+json"]').string)
    tags = {tag["name"]: tag["content"] for tag in head.select("meta[name]")}
    assert tags["citation_public_url"] == chapter and json_ld["url"] == chapter
    if pdf.printing():
        assert tags["citation_pdf_url"] == f'{site_url}/{paths.page_pdf("chapters/icc")}'
    whole = citebox.citations(citation.report_item(f"{site_url}/"), "key")
    assert whole.count(f"{site_url}/") == 5, "the how-to-cite page's citations of the whole report"
    config = SimpleNamespace(project="", html_title="", author="", copyright="", version="", release="", html_baseurl="",
                             html_theme_options={"launch_buttons": {"notebook_interface": "classic"}})
    apply_identity(config)
    assert config.html_baseurl == f"{site_url}/" and config.html_title == cff()["title"] and config.version == str(cff()["version"])
    options = config.html_theme_options
    assert options["repository_url"] == repository and options["repository_branch"] == "main"
    assert options["launch_buttons"]["binderhub_url"] == BINDER and options["launch_buttons"]["colab_url"] == COLAB
    assert f"clone [the repository]({repository})" in config.myst_substitutions["rerun_from"], "the overview says where to clone"


def test_without_addresses_nothing_shows_a_placeholder_or_a_launch_button(site, built_site):
    """What the built site shows follows CITATION.cff: an address left out leaves no placeholder, and make
    book says once what is missing; an address set (as the README tells a maintainer to) is used instead."""
    from mongolia_report import identity

    site_url, repository = identity.site_address(), identity.repository_address()
    for page in toc_pages():
        html = page_html(site, page)
        assert "example.org" not in html and "Add the address" not in html, page
        if not repository:
            assert "mybinder.org" not in html and "colab.research.google.com" not in html, page
            assert "clone" not in html.lower(), f"{page}: advice to clone a repository that has no address"
        if site_url:
            assert site_url in html, f"{page}: the configured site address is not used"
    log = (ROOT / "_build" / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log
    summary = built_site["summary"]
    assert summary.count("make book: no site address (url in CITATION.cff)") == (0 if site_url else 1)
    assert summary.count("make book: no repository address (repository-code in CITATION.cff)") == (0 if repository else 1)


def test_without_chromium_the_build_prints_nothing_and_the_menu_keeps_the_browsers_print(monkeypatch, tmp_path):
    from mongolia_report.site import downloads, paths, pdf

    monkeypatch.setattr(pdf.snapshot, "available", lambda: False)
    app = SimpleNamespace(srcdir=ROOT, outdir=tmp_path, builder=SimpleNamespace(format="html"))
    pdf.print_site(app, None)
    assert not (tmp_path / paths.DOWNLOADS).exists(), "nothing printed"
    print_button = {"type": "javascript", "javascript": "window.print()", "label": "download-pdf-button"}
    context = {"pathto": lambda target, resource=0: f"../{target}",
               "header_buttons": [{"label": "download-buttons", "buttons": [dict(print_button)]}]}
    downloads.download_menu(app, "chapters/icc", "page.html", context, None)
    buttons = context["header_buttons"][0]["buttons"]
    assert buttons[0] == print_button, "the browser's print stays"
    assert [b["url"] for b in buttons[1:]] == [f"../{downloads.bundle_path()}"], "no link to a PDF that was not printed"


# --- the changelog and the dates ------------------------------------------------------------------

def test_the_changelog_agrees_with_citation_cff_and_its_findings_with_the_build(site):
    versions = yaml.safe_load((ROOT / "changelog.yml").read_text(encoding="utf-8"))["versions"]
    newest = versions[0]
    assert str(newest["version"]) == str(cff()["version"]) and str(newest["date"]) == str(cff()["date-released"])
    dates = [str(v["date"]) for v in versions]
    assert dates == sorted(dates, reverse=True) and len({str(v["version"]) for v in versions}) == len(versions)
    for finding in newest.get("findings", []):  # a version that changed no number says so on the page
        glued = glue_values(f"chapters/{finding['chapter']}")
        assert finding["key"] in glued, f"changelog.yml: {finding['chapter']} glues no {finding['key']}"
        assert str(glued[finding["key"]]) == str(finding["to"]), (
            f"changelog.yml: {finding['key']} is {glued[finding['key']]} in this version's build, not {finding['to']}")
        assert str(finding["from"]) != str(finding["to"]), f"changelog.yml: {finding['key']} did not change"
    html = page_html(site, "changelog")
    for version in versions:
        assert f"Version {version['version']}, " in html
    table = page_soup(site / "changelog.html").select_one("table.mnr-changelog")
    if newest.get("findings"):
        assert len(table.select("tr")) == len(newest["findings"]) + 1
        shown = [row.select("td")[0].get_text(strip=True).replace("\u2019", "'") for row in table.select("tbody tr")]  # smart quotes
        assert shown == [f["label"] for f in newest["findings"]]
    else:  # a release that moved no number says so
        assert f"No number stated in the chapters changed from version {versions[1]['version']}." in html


def git_time(*paths: str) -> datetime.datetime | None:
    result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *paths], cwd=ROOT, capture_output=True, text=True)
    return datetime.datetime.fromtimestamp(int(result.stdout), datetime.UTC) if result.stdout.strip() else None


def modified_time(site, page: str) -> datetime.datetime | None:
    tag = page_soup(site / f"{page}.html").select_one('meta[property="article:modified_time"]')
    return datetime.datetime.fromisoformat(tag["content"]) if tag else None


def test_each_page_dates_its_last_change_from_git_history_including_the_data_it_declares(site):
    from mongolia_report.data import PACKAGE_FILE, read_package
    from mongolia_report.pages import DATASETS, EVERY_DATASET, datasets_of
    from mongolia_report.site.changes import in_git_checkout

    if not in_git_checkout(ROOT):
        pytest.skip("not a git checkout: pages carry no date of last change")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    paths = {r["name"]: str((PACKAGE_FILE.parent / r["path"]).relative_to(ROOT)) for r in read_package()["resources"]}
    for page in ("how-to-cite", *DATASETS):
        source = next(name for name in (f"{page}.md", f"{page}.ipynb") if (ROOT / name).exists())
        if source not in tracked:
            continue  # a page not yet committed has no history to date it
        declared = [paths[name] for name in datasets_of(page, tuple(paths))] if page in DATASETS else []
        if page in DATASETS and EVERY_DATASET in DATASETS[page]:
            declared.append(str(PACKAGE_FILE.relative_to(ROOT)))  # the catalogue shows the descriptions
        if page == "index":  # the edition line: the version (CITATION.cff) and the datasets' coverage
            declared += ["CITATION.cff", str(PACKAGE_FILE.relative_to(ROOT))]
        expected = git_time(source, *declared)
        assert modified_time(site, page) == expected, f"{page}: last change should be {expected} (git: {source} and {declared})"
        shown = " ".join(page_soup(site / f"{page}.html").select_one("p.last-updated").get_text().split())
        assert shown == f"This page's content last changed on {expected.day} {expected:%B %Y}.", shown


def test_every_notebook_declares_its_page_before_it_loads_anything():
    """The declaration is enforced where the data are read: a notebook that has started its page cannot load
    (itself or through a helper) a dataset its entry in pages.py leaves out."""
    import json

    from mongolia_report.pages import DATASETS

    for page in DATASETS:
        cells = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]
        code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
        first_load = next(i for i, text in enumerate(code) if "load(" in text or "catalogue_markdown(" in text)
        declared = [i for i, text in enumerate(code) if f'use_data("{page}")' in text]
        assert declared and declared[0] <= first_load, f"{page}: use_data(\"{page}\") must come before the first load"
        if declared[0] == first_load:
            text = code[first_load]
            assert text.index(f'use_data("{page}")') < text.index("load(" if "load(" in text else "catalogue_markdown("), page


# --- PDFs -----------------------------------------------------------------------------------------

def pdf_images(container):
    """Every image drawn on a PDF page, also inside the form objects that stamping wraps around content."""
    resources = container.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    for ref in (objects.get_object().values() if objects else []):
        item = ref.get_object()
        if item.get("/Subtype") == "/Image":
            yield item
        elif item.get("/Subtype") == "/Form":
            yield from pdf_images(item)


@pytest.fixture(scope="module")
def pdfs(site):
    from mongolia_report.site import paths, pdf

    if not pdf.printing():
        if in_ci():
            pytest.fail("Chromium is missing, so the build printed no PDFs; .ci/run must install it")
        pytest.skip("no Chromium: the build prints no PDFs")
    return paths


def pdf_texts(path: Path) -> list[str]:
    """Each page's text, as a reader copying it would get it, read by PDFium (pypdf's reader, written in Python,
    took a minute over the prints)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        # NFKC: the PDF's text has ligatures (ﬁ) where the page has two letters; PDFium writes a hyphen that
        # ends a line as \x02.
        return [" ".join(unicodedata.normalize("NFKC", page.get_textpage().get_text_range().replace("\x02", "-")).split())
                for page in document]
    finally:
        document.close()


def heading_texts(site, page: str) -> list[str]:
    """The page's title and section headings as a reader sees them (without the "#" permalinks)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html(site, page), "html.parser")
    found = []
    for heading in soup.select("article h1, article h2"):
        for permalink in heading.select(".headerlink"):
            permalink.decompose()
        found.append(" ".join(heading.get_text(" ").split()))
    return found


def links(reader):
    """(page index, annotation) for every link in a PDF."""
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if annotation.get("/Subtype") == "/Link":
                yield index, annotation


def uri(annotation) -> str | None:
    action = annotation.get("/A")
    return str(action.get_object().get("/URI")) if action is not None and "/URI" in action.get_object() else None


PAGE_PDFS = [p for p in toc_pages()]


@pytest.mark.parametrize("page", [p for p in toc_pages() if p == "index" or p.startswith("chapters/")])
def test_each_chapter_pdf_has_its_title_citation_page_numbers_and_every_figure_drawn(site, pdfs, page):

    from pypdf import PdfReader

    reader = PdfReader(site / pdfs.page_pdf(page))
    texts = pdf_texts(site / pdfs.page_pdf(page))
    text = " ".join(texts)
    source = page_soup(site / f"{page}.html")
    title = page_title(source)
    version = str(cff()["version"])
    released = datetime.date.fromisoformat(str(cff()["date-released"]))
    # The first page opens with the chapter's title, then which report, version and release it is from.
    masthead = f"{cff()['title']} · version {version}, released {released.day} {released:%B %Y}"
    assert texts[0].startswith(f"{title} {masthead}"), texts[0][:200]
    assert reader.metadata.title.startswith(title)
    count = len(reader.pages)
    assert 1 <= count <= 60
    assert f"page {count} of {count}" in texts[-1], "the last page is numbered"
    box, entry = ("Cite this chapter", "@incollection{") if page.startswith("chapters/") else ("Cite this report", "@book{")
    assert box in text and f"(Version {version})" in text and entry in text
    assert "[date accessed]" in text, "the access date is the reader's to write, not the print's"
    # Each chart's title is drawn by Plotly into its SVG: in the PDF only if the chart was drawn.
    chart_titles = [re.match(r"Figure [\d.]+, “([^”]+)”", p.get_text()) for p in source.select("p.mnr-figure-citation")]
    assert all(chart_titles) and len(chart_titles) == len(source.select(".mnr-plotly")), f"{page}: a chart without its citation"
    for chart_title in (match.group(1) for match in chart_titles):
        expected = " ".join(unicodedata.normalize("NFKC", chart_title).split())
        assert expected in text, f"{page}: chart {chart_title!r} is blank or cut in the PDF"
    # Wide tables fit the page: the rightmost column's heading is printed too, for the book's tables
    # and for the notebooks' (pandas) tables.
    # (The book's tables head their columns with th.head, pandas' with th.col_heading.level0; a chart's Table view
    # is not printed.)
    last_cells = [row.find_all(["th", "td"])[-1] for row in source.select("tr") if row.find_all(["th", "td"])]
    last_headings = [cell.get_text() for cell in last_cells
                     if "head" in cell.get("class", []) or {"col_heading", "level0"} <= set(cell.get("class", []))]
    for heading in last_headings:
        assert " ".join(unicodedata.normalize("NFKC", heading).split()) in text, f"{page}: a table is cut before its {heading!r} column"
    # Each map is its picture (1000 px wide, with its title and credits; a heatmap is a smaller picture),
    # and a picture of something, not one colour.
    images = [image for p in reader.pages for image in pdf_images(p)]
    assert len([image for image in images if image["/Width"] >= 1000]) == len(source.select("div.mnr-map"))
    for image in images:  # a flat colour has one value per channel: at most a handful of distinct bytes
        assert len(set(image.get_data())) > 4, f"{page}: a blank picture in the PDF"


@pytest.mark.parametrize("page", PAGE_PDFS)
def test_a_page_pdf_has_one_bookmark_per_heading_as_written_and_no_link_to_the_build_machine(site, pdfs, page):
    from pypdf import PdfReader

    reader = PdfReader(site / pdfs.page_pdf(page))
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    sections = [item.title for item in (outline[1] if len(outline) > 1 and isinstance(outline[1], list) else [])]
    headings = heading_texts(site, page)
    assert titles == headings[:1], "one bookmark for the page's title"
    assert sections == [h for h in headings[1:] if h != "Contents"], "then one per section, each written once"
    for index, annotation in links(reader):
        address = uri(annotation)
        assert address is None or not address.startswith("file:"), f"{page}, page {index + 1}: {address}"
        if address is None:  # a jump within the PDF
            assert annotation["/Dest"][0].idnum in {p.indirect_reference.idnum for p in reader.pages}


def test_the_whole_report_pdf_has_a_title_page_contents_with_page_numbers_and_working_links(site, pdfs):

    from pypdf import PdfReader

    whole = PdfReader(site / pdfs.report_pdf())
    texts = pdf_texts(site / pdfs.report_pdf())
    pages = toc_pages()
    parts = [len(PdfReader(site / pdfs.page_pdf(page)).pages) for page in pages]
    front = len(whole.pages) - sum(parts)
    assert 2 <= front <= 4, "a title page and the contents, then every page"
    first = texts[0]
    version = str(cff()["version"])
    assert first.startswith(cff()["title"]) and f"{version}, released" in first and "Cite as:" in first
    assert "page 1 of" not in first, "no footer on the title page"
    contents = " ".join(texts[1:front])
    titles = [page_soup(site / f"{p}.html").title.get_text().split(" — ")[0] for p in pages]
    assert [item.title for item in whole.outline if not isinstance(item, list)] == ["Title page and contents", *titles]
    # Each page begins where the contents say, and the page there opens with its title.
    starts = [front + sum(parts[:i]) for i in range(len(pages))]
    for title, start in zip(titles, starts, strict=True):
        number = re.search(re.escape(title) + r"\s*(\d+)", contents)
        assert number and int(number.group(1)) == start + 1, f"the contents give {title!r} the wrong page"
        opening = texts[start].split(f"{cff()['title']} · version")[0]  # before the line under the title
        assert title in opening, f"{title!r} does not open page {start + 1}"
    last = texts[-1]
    assert f"page {len(whole.pages)} of {len(whole.pages)}" in last
    assert whole.metadata.title == f"{cff()['title']}, version {version}"
    # No link points at the build machine; links within the report jump within the PDF.
    every_link = list(links(whole))
    addresses = [uri(a) for _, a in every_link]
    assert not [a for a in addresses if a and a.startswith("file:")]
    jumps = [a for _, a in every_link if uri(a) is None]
    assert len(jumps) > 500, "citations, cross-references and the contents jump within the report"
    # Citations in the ICC chapter jump to the bibliography page that lists the source they name.
    from bs4 import BeautifulSoup

    entries = BeautifulSoup(page_html(site, "bibliography"), "html.parser")
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(whole.pages)}
    icc = pages.index("chapters/icc")
    landed = {page_of[a["/Dest"][0].idnum] for i, a in every_link
              if uri(a) is None and starts[icc] <= i < starts[icc] + parts[icc]}
    cited = list(dict.fromkeys(a["href"].split("#")[1] for a in page_soup(site / "chapters/icc.html").select('a[href^="../bibliography.html#id"]')))
    assert len(cited) >= 5
    for key in cited[:5]:
        entry = entries.find(id=key).find("p")
        words = " ".join(unicodedata.normalize("NFKC", entry.get_text(" ")).split())[:40]
        assert any(words in texts[i] for i in landed), f"no citation jumps to the page listing {words!r}"


def test_with_a_site_address_links_leave_the_pdf_for_the_published_pages(site, pdfs):
    """The prints are re-linked as a configured site would be: every link into the site gets its
    published address, none is dropped and none points at the build machine."""
    from pypdf import PdfReader, PdfWriter

    from mongolia_report.site import pdfdoc

    prints = ROOT / "_build" / "pdf-prints"
    item = pdfdoc.Printed("chapters/icc", "ICC", PdfReader(prints / "chapters-icc.pdf"),
                          json.loads((prints / "chapters-icc.json").read_text(encoding="utf-8")))
    pdfdoc.name_links_by_address(item, site)
    writer = PdfWriter(clone_from=item.reader)
    counts = pdfdoc.resolve_links(writer, {item.name: (0, item)}, site, "https://example.org/report")
    assert counts["site"] > 20 and counts["within"] > 5 and counts["dropped"] == 0
    addresses = [uri(a) for _, a in links(writer)]
    assert any(a and a.startswith("https://example.org/report/bibliography.html#") for a in addresses)
    assert not [a for a in addresses if a and a.startswith("file:")]
    without = PdfWriter(clone_from=PdfReader(prints / "chapters-icc.pdf"))
    again = pdfdoc.Printed("chapters/icc", "ICC", PdfReader(prints / "chapters-icc.pdf"), item.headings)
    pdfdoc.name_links_by_address(again, site)
    without = PdfWriter(clone_from=again.reader)
    assert pdfdoc.resolve_links(without, {again.name: (0, again)}, site, "")["dropped"] == counts["site"]


# --- the runnable archive and the notebooks' first cell ------------------------------------------

def test_every_notebook_starts_with_a_note_for_jupyterlab_readers_and_the_guard_that_says_what_to_download(site):
    for path in guard.notebooks():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        note, first = notebook["cells"][0], guard.first_code_cell(notebook)
        assert "".join(note["source"]) == guard.NOTE and "remove-cell" in note["metadata"]["tags"], (
            f"{path.relative_to(ROOT)}: run python scripts/notebook_guard.py")
        assert "".join(first["source"]) == guard.GUARD and "remove-cell" in first["metadata"]["tags"], (
            f"{path.relative_to(ROOT)}: run python scripts/notebook_guard.py")
        page = str(path.relative_to(ROOT).with_suffix(""))
        assert "Reading this notebook in JupyterLab" not in page_html(site, page), f"{page}: the note shows on the site"


def test_a_notebook_run_outside_the_project_stops_at_its_first_cell_and_says_what_to_do(tmp_path):
    # -S: no site-packages, as on a machine where the project was never installed.
    result = subprocess.run([sys.executable, "-S", "-c", guard.GUARD], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert message.startswith("This notebook cannot run on its own (No module named")
    assert "mongolia-balancing-act-<version>.zip" in message and "make book" in message and "Traceback" not in message


@pytest.fixture(scope="module")
def unpacked(site, tmp_path_factory):
    from mongolia_report.site.paths import bundle_path, file_stem

    archive = site / bundle_path()
    folder = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        bundle.extractall(folder)
    return folder / file_stem(), names, archive


def test_the_archive_holds_the_whole_project_of_this_version_and_nothing_built(unpacked):
    root, names, archive = unpacked
    inside = {name.split("/", 1)[1] for name in names}
    needed = {"README.md", "CONTRIBUTING.md", "Makefile", "requirements.txt", "pyproject.toml", "CITATION.cff", "changelog.yml", "_config.yml",
              "_toc.yml", "references.bib", "data/datapackage.yaml", "mongolia_report/__init__.py", ".ci/run",
              *(str(p.relative_to(ROOT)) for p in guard.notebooks())}
    assert needed <= inside, sorted(needed - inside)
    assert not [n for n in inside if n.startswith(("_build/", ".venv/", ".git/")) or "__pycache__" in n]
    assert yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))["version"] == cff()["version"]
    assert archive.stat().st_size < 5_000_000


def test_the_unpacked_archive_runs_its_loader_and_a_chapter_notebook_on_its_own_data(unpacked):
    import nbformat
    from nbclient import NotebookClient

    root, _, _ = unpacked
    check = "import mongolia_report, mongolia_report.data as d; print(mongolia_report.__file__); print(len(d.load('claims')))"
    result = subprocess.run([sys.executable, "-c", check], cwd=root, capture_output=True, text=True, check=True)
    where, rows = result.stdout.split()
    assert where.startswith(str(root)) and int(rows) > 0
    notebook = nbformat.read(root / "chapters" / "claims.ipynb", as_version=4)
    after_guard = next(i for i, cell in enumerate(notebook.cells) if cell.get("id") == guard.CELL_ID) + 1
    notebook.cells.insert(after_guard, nbformat.v4.new_code_cell("import mongolia_report; print(mongolia_report.__file__)"))
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(root / "chapters")}}).execute()
    assert notebook.cells[after_guard].outputs[0]["text"].startswith(str(root)), "the notebook used another copy of the package"
    glued = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("metadata", {}).get("scrapbook")]
    values = {o["metadata"]["scrapbook"]["name"]: o["data"] for o in glued}
    expected = glue_values("chapters/claims")
    plain = {name: ast.literal_eval(data.get("text/plain") or data.get("application/papermill.record/text/plain"))
             for name, data in values.items()}
    assert plain == expected, "the archive's chapter does not give this build's numbers"


# The unpacked archive built the workflow's way is the planted build (tests/planting.py), which test_data_is_text.py
# reads too: one build for both, started by conftest.py as soon as the site is built.
AFTER_BUILD_FIXTURES = {"planted_build"}
start_after_build = planting.start_after_build


def test_the_unpacked_archive_builds_the_same_book_and_an_unchanged_rebuild_prints_nothing(planted_build, site):
    """The archive is not a git checkout: its pages must still offer their downloads, its numbers
    must be this build's, and a second build with nothing changed must not print the PDFs again."""
    root, built = planted_build.root, planted_build.site
    assert "not a git checkout" in planted_build.output
    for page in toc_pages():
        assert (built / f"{page}.html").exists(), page
    menu = page_html(built, "chapters/icc")
    for button in ("download-source-button", "download-page-pdf-button", "download-report-pdf-button", "download-bundle-button"):
        assert button in menu, f"the archive's ICC page has no {button}"
    # Its numbers are this build's; a text differs only where it shows what was planted.
    numbers = 0
    for notebook in ("icc", "energy", "next"):
        mine = glue_values(f"chapters/{notebook}")
        theirs = glue_values(f"chapters/{notebook}", root / "_build" / "jupyter_execute")
        assert theirs.keys() == mine.keys(), f"the archive's {notebook} chapter glues other values"
        other = [name for name in mine if theirs[name] != mine[name] and not planting.carries_plant(theirs[name])]
        assert other == [], f"the archive's {notebook} chapter glues other numbers: {other}"
        numbers += sum(isinstance(value, int | float) for value in mine.values())
    assert numbers > 30
    # Built again with nothing changed, after a PDF of an earlier version was left among the downloads (planting.py).
    rebuild = planted_build.findings["rebuild"]
    assert "error" not in rebuild, rebuild.get("error")
    assert rebuild["returncode"] == 0, rebuild["output"]
    assert len(rebuild["printed"]) == len(toc_pages()) + 1
    assert rebuild["printed_again"] == [], "an unchanged rebuild printed again"
    assert not rebuild["stale_left"], "a download of another version stays on the site"


def test_published_pages_carry_link_previews_canonical_links_a_sitemap_and_the_launch_buttons(planted_build):
    """What a link pasted into a course page or a chat shows (Open Graph: title, description, a figure), and
    what search engines read (the canonical address, the sitemap), all at the published address; a build
    without an address (the session's own) carries none of it (test_without_addresses_...)."""
    import xml.etree.ElementTree as ElementTree

    from conftest import page_soup
    from mongolia_report.pages import MAPS
    from mongolia_report.site.guard import EXTERNAL_ASSET
    from mongolia_report.site.preview import NOT_IN_SITEMAP, QUESTION

    address, built = planting.PUBLISHED_AT["MNR_SITE_URL"], planted_build.site
    for page in toc_pages():
        soup = page_soup(built / f"{page}.html")
        og = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:']")}
        where = f"{address}/{page}.html"
        assert soup.select_one("link[rel=canonical]")["href"] == where and og["og:url"] == where, page
        title = soup.select_one("main h1").get_text(" ", strip=True).rstrip("#").strip()
        assert og["og:title"] == title, f"{page}: og:title {og['og:title']!r} is not the page's title {title!r}"
        about = og.get("og:description", "")
        assert len(about) >= 60 and soup.select_one("meta[name=description]")["content"] == about, f"{page}: no description to show"
        question = next((box.select("p")[1] for box in soup.select("div.admonition")
                         if box.select_one("p.admonition-title").get_text(strip=True) == QUESTION), None)
        if question is not None:  # a chapter is described by its question, not its version line or its contents
            assert " ".join(question.get_text().split())[:80] == about[:80], page
        elif page == "index":
            assert about.removesuffix("…") in " ".join(cff()["abstract"].split()), "the landing page shows the report's abstract"
        assert og["og:image"].startswith(f"{address}/_static/") and og["og:image"].endswith(".png"), page
        assert (built / og["og:image"].removeprefix(f"{address}/")).stat().st_size > 10_000, f"{page}: its preview image is missing"
        if page in MAPS:
            assert og["og:image"].startswith(f"{address}/_static/maps/"), f"{page} draws a map; it is not the preview"
            assert len(og["og:image:alt"]) > 60, f"{page}: its map's text description is the image's"
        html = (built / f"{page}.html").read_text(encoding="utf-8")
        assert not EXTERNAL_ASSET.findall(html), f"{page} loads something from another host"
    chapter = (built / "chapters/icc.html").read_text(encoding="utf-8")
    repository = planting.PUBLISHED_AT["MNR_REPOSITORY_URL"].removeprefix("https://github.com/")
    assert f"mybinder.org/v2/gh/{repository}/main?urlpath=tree/chapters/icc.ipynb" in chapter, "no Binder button for the repository"
    assert f"colab.research.google.com/github/{repository}/blob/main/chapters/icc.ipynb" in chapter, "no Colab button"
    assert chapter.count(f"{address}/chapters/icc.html") >= 5, "the cite box gives the chapter's published address"

    sitemap = ElementTree.parse(built / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in sitemap.findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(f"{address}/{page}.html" for page in toc_pages()), "the sitemap lists the report's pages, once each"
    assert not [loc for loc in listed if any(loc.endswith(name) for name in NOT_IN_SITEMAP)]


def test_a_repository_without_commits_is_not_taken_for_a_checkout_that_can_date_pages(tmp_path):
    """make bench builds in a copy that is a fresh `git init`: git can date nothing there, and the strict
    build must not fail on the dating extension's warnings."""
    from mongolia_report.site.changes import in_git_checkout

    assert not in_git_checkout(tmp_path), "not a repository"
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "page.md").write_text("# A page\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    assert not in_git_checkout(tmp_path), "a repository without commits"
    commit = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "first"]
    subprocess.run(commit, cwd=tmp_path, check=True)
    assert in_git_checkout(tmp_path)
