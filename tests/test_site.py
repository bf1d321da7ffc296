"""The built site: strict build, every page present, light pages, no off-site assets."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT, page_soup, page_title, toc_pages
from mongolia_report.site.guard import EXTERNAL_ASSET

PLOTLY_TAG = re.compile(r'<script[^>]+src="[^"]*/plotly[^"/]*\.min\.js(?:\?[^"]*)?"')
MAX_CHAPTER_HTML = 500_000  # bytes


def html_pages(site):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def map_documents(site):
    return sorted((site / "_static" / "maps").glob("*.html"))


def page_maps(soup) -> list:
    """A page's maps: each ``div.mnr-map`` holding its skip link and its iframe (site/maps.py)."""
    return soup.select("div.mnr-map")


def csv_links(element) -> list[str]:
    """The data downloads an element links: CSV files Sphinx copied into ``_downloads``."""
    return [a["href"] for a in element.select("a[href]") if "_downloads/" in a["href"] and a["href"].endswith(".csv")]


def test_the_book_builds_without_a_single_warning(built_site):
    warnings = [line for line in built_site["log"].splitlines() if re.search(r"\bWARNING: ", line)]
    assert built_site["returncode"] == 0, built_site["log"][-3000:]
    assert warnings == []


def test_every_page_in_the_table_of_contents_is_built(site):
    for page in toc_pages():
        assert (site / f"{page}.html").is_file(), page


def test_chapter_pages_stay_light(site):
    for page in toc_pages():
        size = (site / f"{page}.html").stat().st_size
        assert size < MAX_CHAPTER_HTML, f"{page}.html is {size:,} bytes"


def test_no_page_loads_a_script_or_stylesheet_from_another_host(site):
    offenders = {}
    for page in html_pages(site) + map_documents(site):
        found = EXTERNAL_ASSET.findall(page.read_text(encoding="utf-8"))
        if found:
            offenders[str(page.relative_to(site))] = found
    assert offenders == {}


def test_no_page_loads_the_scripts_the_site_takes_out(site):
    """Font Awesome's 1.5 MB icon script and sphinx-thebe (see mongolia_report/site/assets.py)."""
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, f"{page.name} loads Font Awesome's script"
        # (sphinx-thebe's inert <script type="text/x-thebe-config"> block may remain: browsers do not run it.)
        for part in ("sphinx-thebe.js", "sphinx-thebe.css", "THEBE_JS_URL"):
            assert part not in html, f"{page.name} loads sphinx-thebe ({part})"
    theme_css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "fa-solid-900" in theme_css, "the icons still come from the webfonts"


def test_a_map_in_a_notebook_offers_its_document_to_the_site_renderer():
    from mongolia_report import maps

    fmap = maps.world_map(title="A test map", alt="An empty world map.")
    bundle = fmap._repr_mimebundle_()
    assert bundle[maps.MAP_MIME]["title"] == "A test map"
    assert bundle[maps.MAP_MIME]["document"].startswith("<!DOCTYPE html>")
    assert maps.LEAFLET_CDN in bundle[maps.MAP_MIME]["document"], "the notebook's map loads Leaflet from the CDN"
    assert 'srcdoc="' in bundle["text/html"] and 'class="mnr-map"' in bundle["text/html"]


def test_plotly_js_is_served_once_and_only_where_needed(site):
    assert list((site / "_static" / "vendor").glob("plotly.js-*/plotly-*.min.js")), "plotly.js not copied into _static"
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        tags = PLOTLY_TAG.findall(html)
        has_charts = 'class="mnr-plotly"' in html
        assert len(tags) == (1 if has_charts else 0), page.name
        assert "plotly.js v" not in html, f"{page.name} inlines plotly.js"


def test_leaflet_is_vendored_with_its_licence(site):
    vendor = site / "_static" / "vendor" / "leaflet-1.9.3"
    for name in ("leaflet.js", "leaflet.css", "LICENSE", "images/layers.png"):
        assert (vendor / name).is_file(), name


def test_icc_chapter_has_its_figures_with_captions_sources_and_data(site):
    soup = page_soup("chapters/icc")
    assert len(soup.select(".mnr-plotly")) == 3
    [only_map] = page_maps(soup)
    frame = only_map.select_one("iframe")
    assert "states parties" in frame["title"] and re.fullmatch(r"\.\./_static/maps/[0-9a-f]{16}\.html", frame["src"])
    document = (site / frame["src"].removeprefix("../")).read_text(encoding="utf-8")
    assert '<html lang="en">' in document and "../vendor/leaflet-1.9.3/leaflet.js" in document
    captions = soup.select("figcaption")
    assert len(captions) == 5  # map, membership chart, findings table, findings timeline, trips chart
    for caption in captions:
        number = caption.select_one("span.caption-number")
        assert number and re.fullmatch(r"(Figure|Table) \d+ ?", number.get_text()), caption.get_text()[:80]
        assert caption.get_text().lstrip().startswith(number.get_text().strip()), "the caption starts with its number"
        assert csv_links(caption), "caption lacks a data download link"
        assert "Source" in caption.get_text()
    # Text alternatives: one per chart and per map.
    assert [summary.get_text() for summary in soup.select("summary")].count("Text description") == 4
    # Every linked CSV was copied into the site.
    for href in set(csv_links(soup)):
        assert (site / "chapters" / href).resolve().is_file(), href


def test_every_chapter_ends_with_a_generated_citation(site):
    import yaml

    cff = yaml.safe_load((site.parents[1] / "CITATION.cff").read_text(encoding="utf-8"))
    chapters = [page for page in toc_pages() if page.startswith("chapters/")]
    assert chapters
    for page in chapters:
        soup = page_soup(page)
        box = soup.select_one("aside.mnr-cite")
        assert box, f"{page} has no citation box"
        assert box.find_parent("article") and box is soup.select("aside.mnr-cite")[-1], f"{page}: the box is not the chapter's end"
        text = box.get_text()
        assert f"version {cff['version']}" in text  # the BibTeX entry's edition
        assert f"(Version {cff['version']})" in text, f"{page}: the APA reference (citeproc-py) lacks the version"
        assert "balancing act, in data" in text
        assert "@incollection{" in text
        title = page_title(soup)
        assert title and title in text, f"{page}: chapter title {title!r} not in its citation"


def test_no_page_loads_mathjax_without_maths(site):
    for page in html_pages(site):
        soup = page_soup(page)
        if not soup.select(".math"):
            assert not [s["src"] for s in soup.select("script[src]") if "mathjax" in s["src"].lower()], page.name


def test_every_figure_has_a_caption_a_source_a_data_link_and_a_text_alternative(site):
    for page in toc_pages():
        soup = page_soup(page)
        charts = len(soup.select(".mnr-plotly"))
        maps = [block for block in page_maps(soup) if block.select_one("iframe[title]")]
        assert len(maps) == len(page_maps(soup)), f"{page}: a map without a title"
        assert [summary.get_text() for summary in soup.select("summary")].count("Text description") == charts + len(maps), page
        for caption in soup.select("figcaption"):
            source = "Эх сурвалж" if caption.find_parent(attrs={"lang": "mn"}) else "Source"  # the Mongolian summary's word
            assert source in caption.get_text(), f"{page}: caption without a source note"
            assert csv_links(caption), f"{page}: caption without a data link"


def test_third_neighbour_chapter_and_overview_have_their_figures(site):
    chapter = page_soup("chapters/third-neighbours")
    assert len(chapter.select(".mnr-plotly")) == 3
    assert len(page_maps(chapter)) == 1 and page_maps(chapter)[0].select_one("iframe[title]")
    overview = page_maps(page_soup("index"))
    assert [block.select_one("iframe")["title"] for block in overview] == ["Map: Mongolia between Russia and China"]


def test_the_data_catalogue_lists_every_resource_with_its_download(site):
    from mongolia_report.data import read_package

    package = read_package()
    soup = page_soup("chapters/data")
    for resource in package["resources"]:
        anchor = resource["name"].replace("_", "-")  # docutils normalises ids
        heading = soup.find(id=f"data-{anchor}")
        assert heading, f"{resource['name']} is not in the catalogue"
        # A dataset's entry: its heading (a rubric) and what follows it up to the next dataset's.
        entry = [heading, *(sibling for sibling in heading.find_next_siblings())]
        entry = entry[: next((i for i, part in enumerate(entry) if i and "rubric" in (part.get("class") or [])), len(entry))]
        text = " ".join(" ".join(part.get_text(" ") for part in entry).split()).replace("\u2019", "'")  # smart quotes
        assert resource["title"].replace("\u2019", "'") in text, resource["name"]
        filename = resource["path"].rsplit("/", 1)[-1]
        links = [a["href"] for part in entry for a in part.select("a[href]")]
        assert [href for href in links if re.search(r"_downloads/[0-9a-f]+/" + re.escape(filename) + "$", href)], filename
        assert str(resource["x-current-to"]) in text, resource["name"]


def test_every_claim_links_to_a_part_of_the_report_that_exists(site):
    from mongolia_report import load

    ids = set()
    for page in html_pages(site):
        ids |= {element["id"] for element in page_soup(page).select("[id]")}
    claims = load("claims")
    targets = claims["examined_in"].dropna()
    assert len(targets) >= len(claims) / 2, "most claims should point to the part of the report that examines them"
    missing = sorted(set(targets) - ids)
    assert missing == [], f"cross-reference targets not in the built site: {missing}"
    cells = {cell.get_text(strip=True) for cell in page_soup("chapters/claims").select("table td")}
    for claim_id in claims["claim_id"]:
        assert claim_id in cells, f"{claim_id} is not in the ledger table"


def test_what_happened_next_has_its_timeline_and_its_table_of_events(site):
    soup = page_soup("chapters/next")
    assert len(soup.select(".mnr-plotly")) == 1
    assert len(soup.select("figcaption")) == 2  # the timeline and the table of events
    assert soup.find(id="next-verdict"), "the section on the article's expectations"
    assert page_soup("index").select('a[href="chapters/next.html"]'), "the overview's findings link to the chapter"


def test_notebook_tables_are_numbered_and_captioned_as_tables(site):
    for page, label in [("chapters/icc", "tbl-icc-findings"), ("chapters/next", "tbl-next-events")]:
        soup = page_soup(page)
        figure = soup.select_one(f"figure#{label}")
        assert figure, f"{page}: no captioned {label}"
        number = figure.select_one("figcaption span.caption-number")
        assert number and re.fullmatch(r"Table \d+ ", number.get_text()), f"{label} is not captioned as a table"
        # References to it say "Table N" too.
        references = [a.get_text() for a in soup.select(f'a[href="#{label}"]') if a.select_one("span.std-numref")]
        assert references and all(r.startswith("Table ") for r in references), references


def test_no_page_shows_a_raw_bibliography_key(site):
    from mongolia_report.bib import bibliography_keys

    keys = sorted(bibliography_keys(), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b")
    shown = {}
    for page in html_pages(site):
        # Text and script data (chart hover text) count; attributes (ids, links) do not.
        found = set(pattern.findall(page_soup(page).get_text(" ")))
        if found:
            shown[page.name] = sorted(found)[:5]
    assert shown == {}


def test_bibliography_titles_keep_their_capitals(site):
    text = " ".join(page_soup("bibliography").get_text(" ").split())
    assert "International Criminal Court established at landmark UN treaty event" in text
    assert "International criminal court established" not in text


def test_every_map_has_a_skip_link_and_its_layers_as_geojson_with_sources(site):
    import json

    for page in html_pages(site):
        soup = page_soup(page)
        for block in page_maps(soup):
            skip = block.select_one("a.mnr-skip-map")
            assert skip and skip.get_text() == "Skip the map" and skip["href"].startswith("#"), f"{page.name}: no skip link"
            target = soup.find(id=skip["href"][1:])
            assert target is not None and target.name == "span" and target.get("tabindex") == "-1", f"{page.name}: the skip link leads nowhere"
            figure = block.find_parent("figure") or block.parent
            [geojson] = [a["href"] for a in figure.select("a[download]") if a["href"].endswith(".geojson")]
            layers = json.loads((page.parent / geojson).read_text(encoding="utf-8"))
            assert layers["type"] == "FeatureCollection" and len(layers["features"]) > 50
            assert layers["source"].startswith("Source") and layers["licence"] == "CC BY 4.0"
            for feature in layers["features"]:
                assert feature["properties"]["layer"] and feature["properties"]["source"] == layers["source"]
            for png in [a["href"] for a in figure.select("a[download]") if a["href"].endswith(".png")]:  # only with Chromium
                assert (page.parent / png).read_bytes().startswith(b"\x89PNG")


def test_every_chapter_carries_citation_metadata_and_schema_org_data(site):
    import json

    import yaml

    cff = yaml.safe_load((site.parents[1] / "CITATION.cff").read_text(encoding="utf-8"))
    for page in [p for p in toc_pages() if p.startswith("chapters/")]:
        soup = page_soup(page)
        meta = {tag["name"]: tag["content"] for tag in soup.select("meta[name^=citation_]")}
        title = page_title(soup)
        assert meta["citation_title"] == title and meta["citation_book_title"] == cff["title"]
        assert meta["citation_publication_date"] == str(cff["date-released"]).replace("-", "/")
        assert meta["citation_author"] == cff["authors"][0]["name"]
        [data] = [item for item in (json.loads(script.string) for script in soup.select('script[type="application/ld+json"]'))
                  if isinstance(item, dict) and item.get("@type") == "Chapter"]
        assert data["@type"] == "Chapter" and data["name"] == title and data["isPartOf"]["name"] == cff["title"]
        box = soup.select_one("aside.mnr-cite").get_text()
        for style in ("APA:", "Chicago:", "MLA:", "@incollection{", "TY  - CHAP"):
            assert style in box, f"{page}: no {style} citation"
        assert "Add the address" not in box, "a placeholder instead of a citation without address"


def test_the_ledger_is_published_as_claim_reviews_and_the_catalogue_as_datasets(site):
    import json

    from mongolia_report import load
    from mongolia_report.data import read_package
    from mongolia_report.labels import VERDICT

    def json_ld(page):
        blocks = [json.loads(script.string) for script in page_soup(page).select('script[type="application/ld+json"]')]
        return [item for block in blocks for item in (block if isinstance(block, list) else [block])]

    reviews = [i for i in json_ld("chapters/claims") if i["@type"] == "ClaimReview"]
    claims = load("claims")
    assert [r["identifier"] for r in reviews] == list(claims["claim_id"])
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [VERDICT[v] for v in claims["verdict"]]
    assert all(r["claimReviewed"] and r["itemReviewed"]["appearance"]["name"] for r in reviews)
    found = [i for i in json_ld("chapters/data") if i["@type"] == "Dataset"]
    assert [d["identifier"] for d in found] == [r["name"] for r in read_package()["resources"]]
    assert all(d["license"].startswith("http") and d["name"] for d in found)


def test_a_newcomer_starts_at_the_overview_and_what_happened_next_closes_the_chapters_as_an_epilogue():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["root"] == "index"
    chapters = next(part for part in toc["parts"] if part["caption"] == "Chapters")["chapters"]
    assert chapters[0]["file"] == "chapters/icc", "the first chapter is the Court, where the article starts"
    assert chapters[-1]["file"] == "chapters/next", "the timeline across all themes comes after them"


def test_the_visits_chart_s_table_and_csv_name_each_visitor(site):
    import csv

    with open(ROOT / "data" / "diplomatic_visits.csv", encoding="utf-8", newline="") as file:
        register = list(csv.DictReader(file))
    [path] = (site / "_static" / "figures").glob("chapters-third-neighbours-fig-tn-timeline.csv")
    with open(path, encoding="utf-8", newline="") as file:
        points = list(csv.DictReader(file))
    assert len(points) == len(register), "one row per visit; the legend's keys plot nothing and are not rows"
    assert {"Visitor", "Office", "Direction", "Places", "Purpose"} <= set(points[0])
    assert sorted(p["Visitor"] for p in points) == sorted(r["visitor"] for r in register)
    naruhito = next(p for p in points if p["Visitor"] == "Emperor Naruhito")
    assert (naruhito["Office"], naruhito["Direction"]) == ("Head of state", "To Mongolia")


def test_the_build_executed_every_notebook_and_no_cell_raised(site):
    """What nbval checks when it runs alone: every notebook of the book runs from top to bottom. When the
    build runs in the session, its execution is the one checked (tests/conftest.py leaves nbval's out)."""
    import json

    from conftest import chapter_notebooks

    for page in chapter_notebooks():
        executed = ROOT / "_build" / "jupyter_execute" / f"{page}.ipynb"
        assert executed.exists(), f"the build did not execute {page}.ipynb"
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        errors = [output for cell in cells for output in cell.get("outputs", []) if output.get("output_type") == "error"]
        assert errors == [], f"{page}.ipynb: {errors[0].get('ename')}: {errors[0].get('evalue')}"
        source = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]
        assert len([c for c in cells if c["cell_type"] == "code"]) >= len([c for c in source if c["cell_type"] == "code"
                                                                           and "remove-cell" not in c.get("metadata", {}).get("tags", [])])


def test_the_pages_that_draw_charts_and_maps_are_the_ones_pages_py_declares(site):
    """The browser tests check every chart and map of the pages mongolia_report/pages.py names; a page that
    draws one without being named there would go unchecked."""
    from mongolia_report.pages import CHARTS, MAPS

    built = {page: page_soup(page) for page in toc_pages()}
    assert sorted(page for page, soup in built.items() if soup.select(".mnr-plotly")) == sorted(CHARTS)
    assert sorted(page for page, soup in built.items() if page_maps(soup)) == sorted(MAPS)
