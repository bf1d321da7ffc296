"""Data is never markup: what a dataset, the bibliography or the data package says reaches every page,
chart, map and PDF as text, and only http, https and DOI addresses become links.

The main test does what a careless pull request could: it takes a copy of the project (the runnable
archive the site offers), plants markup (an image whose error handler sets a flag, a ``javascript:`` link
in HTML and in Markdown, a script end tag, a JavaScript template-literal escape, a MyST role and math) in
every text field of every dataset, in every text field of the bibliography and in the data package's
titles and descriptions (tests/planting.py), builds the copy as the publishing workflow does (``make
book``'s build, with the site's address) and looks: in the built HTML, in every chart's data, in the map pages, in
the PDFs, and in a real browser after switching every chart to its table view and hovering every map
shape, no planted element exists, no planted link is made and no planted script runs; the planted
text is still shown, as text. Which fields are text is read from the data package, so a new dataset
or field is planted without editing this file. A last test plants a ``javascript:`` address where the
site makes a link and expects the build to stop at ``make check`` and publish nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import planting
import pytest
import yaml
from planting import DATA_PLANT, FLAG, MARK, PLANT, SHOWN, in_copy, text_fields

from conftest import ROOT, in_ci, page_soup, toc_pages
from mongolia_report.tooling import copy_checkout

# The functions that make text safe, one per kind of output (mongolia_report.markup), each tried alone.

TRICKY = [PLANT, DATA_PLANT, "a | b", "*x* _y_ `z` ~~w~~ **v**", "{{ substitution }}", "$$x$$", "<!-- comment -->",
          "www.example.com and https://example.com", "[x]: https://example.com", "1. not a list", "# not a heading",
          "&lt; is already an entity", "R&D"]


@pytest.mark.parametrize("text", TRICKY)
def test_markdown_text_shows_exactly_the_text_in_a_table_cell(text):
    from bs4 import BeautifulSoup
    from docutils.core import publish_parts
    from myst_parser.parsers.docutils_ import Parser

    from mongolia_report.markup import markdown_text

    # MyST as the book parses it, with Jupyter Book's default extensions (math, links from bare addresses,
    # substitutions); a warning (an unknown role, say) is an error, so a role that got through would fail.
    settings = {"myst_enable_extensions": ["colon_fence", "dollarmath", "linkify", "substitution", "tasklist"],
                "halt_level": 2, "report_level": 2, "output_encoding": "unicode"}
    body = publish_parts(f"| a |\n|---|\n| {markdown_text(text)} |\n", parser=Parser(), writer_name="html5",
                         settings_overrides=settings)["body"]
    cell = BeautifulSoup(body, "html.parser").td
    assert cell.get_text() == text.strip() and [element.name for element in cell.find_all(True)] == ["p"]
    assert markdown_text("two\nlines") == "two lines" and markdown_text(None) == markdown_text(float("nan")) == ""


def test_table_code_keeps_backticks_and_pipes_inside_the_span():
    from mongolia_report.markup import table_code

    assert table_code("^(IN|OUT)$") == "`^(IN\\|OUT)$`"
    assert table_code("a `b` c") == "``a `b` c``" and table_code("`x") == "`` `x ``"


def test_plotly_gets_data_as_text_and_templates_as_they_are():
    from mongolia_report.markup import plotly_text
    from mongolia_report.site.plotly import as_text

    assert plotly_text("A<br>B <b>c</b> & d") == "A<br>B &lt;b&gt;c&lt;/b&gt; &amp; d"
    figure = {"data": [{"x": ["<b>x</b>"], "customdata": [["<img>", 1]], "name": "<i>n</i>", "hovertemplate": "%{x}<br>%{customdata[0]}<extra></extra>",
                        "y": {"dtype": "f8", "bdata": "AAAAAAAA8D8="}}],
              "layout": {"title": {"text": "T <a href='javascript:x'>"}, "annotations": [{"text": "Note<br>two"}]}}
    shown = as_text(figure)
    assert shown["data"][0]["x"] == ["&lt;b&gt;x&lt;/b&gt;"] and shown["data"][0]["customdata"] == [["&lt;img&gt;", 1]]
    assert shown["data"][0]["name"] == "&lt;i&gt;n&lt;/i&gt;" and shown["data"][0]["hovertemplate"] == figure["data"][0]["hovertemplate"]
    assert shown["data"][0]["y"] == figure["data"][0]["y"] and shown["layout"]["annotations"][0]["text"] == "Note<br>two"
    assert "<a" not in shown["layout"]["title"]["text"]


def test_charts_name_a_trace_in_its_hover_box_through_plotly_not_the_template():
    from mongolia_report.charts import bar, markers, yearly_line

    for trace in [bar([1], [1], "<b>n</b>", "red", "%{y}"), markers([1], [1], "<b>n</b>", "red", "%{y}", side_label=True),
                  *yearly_line([2000], [1], "<b>n</b>", "red", "%{y}")]:
        assert "<b>" not in trace.hovertemplate and trace.hovertemplate.endswith("<extra>%{fullData.name}</extra>")
    assert markers([1], [1], "n", "red", "%{y}").hovertemplate.endswith("<extra></extra>")


def test_script_json_cannot_end_its_script_element():
    from mongolia_report.markup import script_json

    value = {"text": "</script><script>alert(1)</script> <!-- & \u2028"}
    written = script_json(value)
    assert "<" not in written and ">" not in written and "&" not in written and "\u2028" not in written
    assert json.loads(written) == value


def test_tables_from_data_frames_escape_cells_and_headers():
    import pandas as pd

    from mongolia_report.charts import table

    written = table(pd.DataFrame({"<i>head</i>": [SHOWN], "n": [1.5]})).to_html()
    assert "<img" not in written and "<i>" not in written and "&lt;img" in written and "1.500000" in written


def test_map_tooltips_are_text_unless_built_as_markup():
    from mongolia_report.maps import hover, tooltip_text
    from mongolia_report.markup import Markup

    tooltip = hover(DATA_PLANT)
    assert "<img" not in tooltip.text and "`" not in tooltip.text and "${" not in tooltip.text and "\\" not in tooltip.text
    assert tooltip_text(tooltip) == DATA_PLANT.strip()  # the GeoJSON download gives the text back as typed
    formatted = hover(Markup("<b>{}</b><br>{}").format("<i>name</i>", "a $ b"))
    assert formatted.text.startswith("<b>&lt;i&gt;name&lt;/i&gt;</b><br>a &#36; b")


@pytest.mark.parametrize("address, safe", [
    ("https://example.org/a?b=c#d", True), ("http://example.org", True), ("10.7910/DVN/LEJUQZ", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" https://example.org", False), ("java\tscript:x", False),
    ("data:text/html,x", False), ("file:///etc/passwd", False), ("//example.org", False), ("../references.bib", False),
    ("https://", False), ('https://example.org/"onmouseover="x', False), ("https://example.org/<x>", False), ("", False), (None, False),
])
def test_only_http_https_and_doi_addresses_are_safe(address, safe):
    from mongolia_report.markup import link_target, safe_address

    assert safe_address(address) is safe
    assert (link_target(address) is not None) is safe
    assert link_target("10.1177/0022002715595700") == "https://doi.org/10.1177/0022002715595700"


# The whole site, built from a planted copy of the project.


# The planted build (tests/planting.py) is started by conftest.py as soon as the site is built.
AFTER_BUILD_FIXTURES = {"planted_build"}
start_after_build = planting.start_after_build


def test_every_string_field_is_planted_or_refuses_markup():
    """A string field the plant skips is a code: its enum or pattern refuses the planted tag, so no
    markup can reach the site through it either (a new field without one is planted)."""
    package = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    skipped = []
    for resource in package["resources"]:
        text = set(text_fields(resource, package))
        for field in resource.get("schema", {}).get("fields", []):
            constraints = field.get("constraints", {})
            if field["type"] != "string" or field["name"] in text:
                continue
            skipped.append(field["name"])
            refuses = "enum" in constraints or ("pattern" in constraints and not re.search(constraints["pattern"], "x" + SHOWN))
            assert refuses, f"{resource['name']}.{field['name']} is not planted, yet nothing stops markup in it: give it a pattern"
    # The ones this report shows most are text, and planted.
    for name, field in [("claims", "claim"), ("claims", "evidence"), ("events", "event"), ("diplomatic_visits", "visitor"),
                        ("icc_states", "name"), ("corridor_points", "description")]:
        assert field in text_fields(next(r for r in package["resources"] if r["name"] == name), package)
    assert len(skipped) > 50


def test_the_planted_copy_holds_the_plant_in_every_text_field(planted_build):
    import pandas as pd

    package = yaml.safe_load((planted_build.root / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in planted_build.fields.get(resource["name"], []):
            cells = pd.read_csv(planted_build.root / "data" / resource["path"], dtype=str, keep_default_na=False)[field]
            assert (cells != "").any(), f"{resource['name']}.{field}: no cell holds text, so the plant did not reach it"
            assert cells[cells != ""].str.endswith(DATA_PLANT).all(), f"{resource['name']}.{field}: a cell was not planted"
    assert len(planted_build.fields) > 20 and planted_build.entries > 100


def site_files(site: Path, suffix: str) -> list[Path]:
    return sorted(path for path in site.rglob(f"*{suffix}") if "_sources" not in path.parts)


def test_no_planted_element_or_link_in_the_built_html(planted_build):
    from bs4 import BeautifulSoup

    pages = site_files(planted_build.site, ".html")
    assert len(pages) > 15 and any("_static/maps" in page.as_posix() for page in pages)
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        shown = page.relative_to(planted_build.site).as_posix()
        # Not even inside a script (chart data, JSON-LD, a map's code): there it must be escaped too.
        if SHOWN in text or f"<script>window.{FLAG}" in text:
            found.append(f"{shown}: the planted tag is in the file unescaped")
        soup = BeautifulSoup(text, "html.parser")
        found += [f"{shown}: planted <{element.name}> element" for element in soup.find_all(attrs={MARK: True})]
        for element in soup.find_all(True):
            for attribute in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\s\x00-\x1f]", "", str(element.get(attribute) or "")).lower()
                if value.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(f"{shown}: <{element.name} {attribute}={element[attribute]!r}>")
    assert found == [], "\n".join(found[:40])
    # The plant is there to be read: as text on the ledger, in the bibliography and in the catalogue.
    for page in ("chapters/claims.html", "bibliography.html", "chapters/data.html"):
        shown_text = BeautifulSoup((planted_build.site / page).read_text(encoding="utf-8"), "html.parser").get_text()
        assert f"{MARK} onerror=" in shown_text, f"{page} does not show the planted text"


def chart_payloads(page: Path) -> list[dict]:
    """Every chart's figure, as its page hands it to plotly.js."""
    drawing = (script.string or "" for script in page_soup(page).select("script:not([src])"))  # templates/chart.html
    return [json.loads(text.removeprefix("(function(){var f=").split(";function draw", 1)[0])
            for text in drawing if text.startswith("(function(){var f=")]


def strings(value, key: str = ""):
    """(key, string) for every string in a figure."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)
    elif isinstance(value, str):
        yield key, value


def test_charts_hand_the_planted_text_to_plotly_as_text(planted_build):
    figures = [figure for page in site_files(planted_build.site, ".html") for figure in chart_payloads(page)]
    assert len(figures) > 20
    seen, found = 0, []
    for figure in figures:
        for key, text in strings(figure):
            if MARK not in text:
                continue
            seen += 1
            if key.endswith("template"):  # the report's own code: data reach it only through placeholders
                found.append(f"{key}: {text[:80]}")
            elif "<img" in text or "<a " in text or "<script" in text:  # plotly.js reads these tags
                found.append(f"{key}: {text[:80]}")
    assert seen > 50, "the planted text did not reach the charts"
    assert found == [], "\n".join(found[:40])


def test_no_planted_link_or_script_in_the_pdfs(planted_build):
    from pypdf import PdfReader

    pdfs = site_files(planted_build.site, ".pdf")
    if not pdfs:
        if in_ci():
            pytest.fail("no PDFs were printed; .ci/run must install Chromium")
        pytest.skip("no PDFs (Chromium is not installed)")
    found = []
    for path in pdfs:
        reader = PdfReader(path)
        if "/OpenAction" in reader.trailer["/Root"] or "/JavaScript" in reader.trailer["/Root"].get("/Names", {}):
            found.append(f"{path.name}: document-level script")
        for number, page in enumerate(reader.pages, start=1):
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                uri = str(action.get("/URI", ""))
                if action.get("/S") in ("/JavaScript", "/Launch") or not (uri == "" or uri.startswith(("http://", "https://"))):
                    found.append(f"{path.name}, page {number}: {action.get('/S')} {uri[:60]}")
    assert found == [], "\n".join(found[:40])


def test_in_the_browser_no_planted_element_exists_and_no_planted_script_runs(planted_build):
    """Every planted page in Chromium (tests/planting.py looks, beside the session, once the copy is built): every
    chart switched to its table, one chart downloaded as an image, every map shape hovered."""
    looked = planted_build.findings["browser"]
    if looked is None:
        message = "Chromium is not installed (apt-get install chromium)"
        pytest.fail(message) if in_ci() else pytest.skip(message)
    assert "error" not in looked, looked.get("error")
    assert looked["pages"] == [*toc_pages(), "search"]
    assert looked["shown_on_the_ledger"], "the ledger does not show the planted text as text"
    assert looked["tables"] > 20 and looked["tooltips"] > 100 and looked["images"] == 1
    assert looked["found"] == [], "\n".join(looked["found"][:40])


@pytest.mark.slow  # runs the whole derivation / copies and builds the checkout
def test_a_script_address_is_refused_and_nothing_is_built(tmp_path):
    """One unsafe address where the site makes links, and the build publishes nothing (the messages,
    one per place an address can be given, are tested in test_check.py)."""
    root = copy_checkout(tmp_path / "copy")
    bib = root / "references.bib"
    bib.write_text(re.sub(r"^(\s*url\s*=\s*)\{[^}]*\}", r"\1{javascript:alert(1)}", bib.read_text(encoding="utf-8"), count=1, flags=re.M),
                   encoding="utf-8")
    check = in_copy(root, "-m", "mongolia_report.check")
    assert check.returncode == 1 and "field url: 'javascript:alert(1)' is not an http or https address" in check.stdout
    # The build checks first and publishes nothing: its site is the page that says it failed.
    build = in_copy(root, "scripts/build.py")
    assert build.returncode == 1 and "nothing was built" in build.stderr
    assert sorted(path.name for path in (root / "_build" / "html").iterdir()) == [".build-failed", "index.html"]
