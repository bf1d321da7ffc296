"""The findings in Mongolian (mn.ipynb): the chapters' own numbers and dates, marked as Mongolian, found, cited and printed."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pandas as pd
import pytest

from conftest import ROOT, glue_values, page_soup

SUMMARY = ROOT / "mn.ipynb"
CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+(?:[-.][\u0400-\u04FF]+)*")
# The roles whose text is not typed in the summary: glued values, and the names of cross-references and citations.
ROLES = re.compile(r"\{(?:glue:[a-z]+|ref|doc|numref|download|cite:p)\}`[^`]*`")
CROSS_GLUE = re.compile(r"\{glue:text\}`(chapters/[a-z-]+)\.ipynb::([a-z0-9_]+)(?::[a-z]+)?`")

# The overview's headline numbers (index.ipynb's key findings) that the summary states too, by chapter.
HEADLINES = {
    "chapters/balance": ["year", "exp_china", "imp_china", "imp_russia", "imp_third_neighbour", "visits_third_neighbour",
                         "visits_russia", "visits_china"],
    "chapters/icc": ["n_parties_at_visit", "mng_days_to_finding", "n_findings", "first_finding_year", "n_trips_complete",
                     "n_trips_party_complete"],
    "chapters/energy": ["fuel_share_2024", "fuel_year", "china_share_latest", "latest_year", "imp_share_latest", "power_year"],
    "chapters/third-neighbours": ["n_visits", "n_third", "n_third_to_mongolia", "n_neighbour_trips_abroad", "n_neighbours",
                                 "dialogue_first_year", "dialogue_last_year"],
    "chapters/un-votes": ["rus_1980s", "post_from", "post_to", "chn_post", "rus_post", "usa_post", "rus_pre", "rus_war", "chn_war"],
    "chapters/alignment": ["n_mng_abstain", "n_mng_recorded", "trade_peak", "trade_peak_year", "trade_growth_2021_peak"],
    "chapters/next": ["n_months", "n_events"],
}


def shown_markdown() -> str:
    """The summary's prose as written: its markdown cells, without the one JupyterLab shows alone."""
    cells = json.loads(SUMMARY.read_text(encoding="utf-8"))["cells"]
    captions = [c["metadata"]["mystnb"]["figure"]["caption"] for c in cells if "figure" in c["metadata"].get("mystnb", {})]
    return "\n".join(["".join(c["source"]) for c in cells
                      if c["cell_type"] == "markdown" and "remove-cell" not in c["metadata"].get("tags", [])] + captions)


def typed_digits(markdown: str) -> list[str]:
    """Digits typed in the prose rather than glued (labels such as ``(mn-summary)=`` are not prose)."""
    prose = "\n".join(line for line in markdown.splitlines() if not re.fullmatch(r"\(\S+\)=", line.strip()))
    return re.findall(r"\S*\d\S*", ROLES.sub("", prose))


def summary_text(site) -> str:
    return page_soup(site / "mn.html").select_one("div[lang=mn]").get_text(" ")


# --- the fast layer -------------------------------------------------------------------------------

def test_a_typed_digit_in_the_summary_is_caught_and_a_glued_one_is_not():
    assert typed_digits("ОУЭШ {glue:text}`chapters/icc.ipynb::n_findings:d` дүгнэлт, 2024 онд") == ["2024"]
    assert typed_digits("(mn-summary)=\n# Гарчиг\n{glue:text}`chapters/balance.ipynb::year:d` онд") == []


def test_every_number_and_date_in_the_summary_is_glued():
    assert typed_digits(shown_markdown()) == [], "a number typed into the Mongolian summary: glue it from its chapter"


def test_the_summary_glues_every_headline_number_from_the_chapter_that_computes_it():
    referenced = set(CROSS_GLUE.findall(shown_markdown()))
    missing = [f"{chapter}::{key}" for chapter, keys in HEADLINES.items() for key in keys if (chapter, key) not in referenced]
    assert missing == [], f"the summary does not state these headline numbers of the overview: {missing}"
    # Each finding's date is the chapter's own, in Mongolian.
    for chapter in ["chapters/balance", "chapters/icc", "chapters/energy", "chapters/third-neighbours", "chapters/un-votes",
                    "chapters/alignment", "chapters/next"]:
        assert (chapter, "as_of_date_mn") in referenced, f"the summary does not date its finding from {chapter}"


def test_mongolian_dates_are_the_long_dates_of_babel_s_mongolian_locale():
    from mongolia_report.text import mongolian_date

    assert mongolian_date(pd.Timestamp("2024-09-02")) == "2024 оны есдүгээр сарын 2"
    assert mongolian_date(pd.Timestamp("2025-12-31")) == "2025 оны арван хоёрдугаар сарын 31"


def test_the_glossary_uses_the_forms_mongolian_writers_use_each_with_a_mongolian_source():
    from mongolia_report import load

    glossary = load("glossary").set_index("term_id")
    assert glossary.at["third_neighbour", "mongolian"] == "гуравдагч хөрш"
    assert "гурав дахь" not in " ".join(glossary["mongolian"]) + shown_markdown(), "the literal 'гурав дахь хөрш' is not the term"
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    for term in glossary.itertuples():
        for key in term.source.split(";"):
            entry = bib[bib.index("{" + key + ","):].split("\n}\n")[0]
            assert "url = {" in entry, f"glossary {term.Index}: its source {key} has no address to check the form against"


def test_a_form_typed_in_latin_letters_is_refused_with_file_row_and_field(tmp_path):
    from mongolia_report.check import all_problems

    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name in ("references.bib", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    path = tmp_path / "data" / "glossary.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][rows[0].index("mongolian")] = "guravdagch khursh"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    [problem] = all_problems(tmp_path)
    assert problem.startswith(f"{path}:2:mongolian: 'guravdagch khursh'"), problem


def test_the_translation_is_recorded_in_the_changelog_with_who_made_it():
    from mongolia_report.identity import translation

    made = translation("mn")
    assert made["language"] == "mn" and made["by"] and made["by_mn"] and "English chapters are the reference" in made["summary"]


# --- the built page -------------------------------------------------------------------------------

def test_the_summary_is_marked_mongolian_and_says_its_findings_in_at_least_600_words(site):
    soup = page_soup(site / "mn.html")
    assert soup.html["lang"] == "en", "the site's navigation stays English"
    marked = soup.select("div[lang=mn]")
    assert len(marked) == 1 and marked[0].select_one("h1"), "the page's content, from its title, is marked lang=mn"
    words = CYRILLIC_WORD.findall(summary_text(site))
    assert len(words) >= 600, f"{len(words)} words in Cyrillic"
    assert soup.select_one(".mnr-masthead")["lang"] == "en", "the English masthead inside the Mongolian page says so"
    assert not soup.select_one("div[lang=mn] .cell_input"), "no English code toggles inside the Mongolian text"


def test_the_summary_shows_the_overview_s_headline_numbers_and_the_chapters_dates_in_mongolian(site):
    from mongolia_report.text import mongolian_date

    summary = " ".join(summary_text(site).split())
    overview = " ".join(page_soup(site / "index.html").select_one("main").get_text(" ").split())
    for chapter, keys in HEADLINES.items():
        glued = glue_values(chapter)
        for key in keys:
            value = str(glued[key])
            assert f" {value} " in f" {overview} " and f" {value} " in f" {summary} ", f"{chapter}::{key} = {value}"
        english = pd.Timestamp(glued["as_of_date"])
        assert glued["as_of_date_mn"] == mongolian_date(english) and f"{glued['as_of_date_mn']} хүртэлх" in summary, chapter


def test_the_glossary_is_shown_with_a_source_for_every_form(site):
    from mongolia_report import load

    table = next(t for t in page_soup(site / "mn.html").select("div[lang=mn] table") if "Эх сурвалж" in t.get_text())
    rows = {row.find_all("td")[0].get_text(" ", strip=True): row for row in table.select("tbody tr") if len(row.find_all("td")) == 3}
    for term in load("glossary").itertuples():
        assert term.mongolian in rows, f"the glossary's {term.term_id} is not shown"
        assert rows[term.mongolian].find_all("td")[2].select_one("a[href*='bibliography']"), f"{term.term_id} shows no source"


def test_the_landing_page_s_first_lines_lead_to_the_summary_in_both_languages(site):
    article = page_soup(site / "index.html").select_one("main article")
    first_heading = article.select_one("h2")
    # In the text above the first section heading (the first screen), not in the navigation.
    links = [a for a in first_heading.find_all_previous("a", href="mn.html") if a.find_parent("article")]
    assert len(links) == 2, "an English and a Mongolian link above the key findings"
    assert [bool(a.find_parent(attrs={"lang": "mn"})) for a in reversed(links)] == [False, True]


def test_the_search_index_finds_the_summary_for_cyrillic_words(site):
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    summary = index["docnames"].index("mn")
    for word in ("гуравдагч", "путин", "оху", "хятад"):
        # A word of a section title is indexed as a title term, not a term, of that page.
        pages = [found for mapping in (index["terms"], index["titleterms"]) for found in [mapping.get(word, [])]]
        pages = {page for found in pages for page in (found if isinstance(found, list) else [found])}
        assert summary in pages, f"the search index does not lead {word!r} to the summary"


def test_the_cite_box_gives_a_mongolian_citation_beside_the_english_ones(site):
    box = page_soup(site / "mn.html").select_one("aside.mnr-cite")
    assert not box.find_parent(attrs={"lang": "mn"}), "the cite box's English styles are not marked Mongolian"
    english = box.select_one("[data-style=APA]").get_text(" ")
    mongolian = box.select_one("section[lang=mn] [data-style=Mongolian]").get_text(" ")
    title = "Монгол хэлээр: тайлангийн гол дүгнэлтүүд"
    assert title in english and title in mongolian, "both cite the page by its own title, not title-cased"
    assert "хувилбар" in mongolian and "Хандсан" in mongolian


def test_the_changelog_page_says_who_translated_the_summary(site):
    from mongolia_report.identity import translation

    def plain(text: str) -> str:
        return " ".join(text.replace("\u2019", "'").split())

    made = translation("mn")
    section = page_soup(site / "changelog.html").select_one(f"#version-{made['version'].replace('.', '-')}")
    assert plain(made["summary"]) in plain(section.get_text(" "))


def test_the_summary_s_pdf_prints_every_mongolian_letter_in_one_embedded_font(site):
    from pypdf import PdfReader

    from mongolia_report.site.paths import page_pdf

    path = site / page_pdf("mn")
    if not path.exists():
        pytest.skip("no PDFs (Chromium is not installed)")
    reader = PdfReader(path)
    letters = set("ӨөҮү₮")
    fonts: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size):
        if font and letters & set(text):
            fonts.setdefault(str(font["/BaseFont"]), set()).update(letters & set(text))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    drawn = set().union(*fonts.values()) if fonts else set()
    assert drawn == letters, f"letters not found in the PDF: {sorted(letters - drawn)}"
    # The prose in Noto Sans alone; code (the cite box's BibTeX and RIS) in the one monospace font.
    families = {name.split("+")[-1].split("-")[0] for name in fonts}
    prose = {family for family in families if "Mono" not in family}
    assert prose == {"NotoSans"} and len(families - prose) <= 1, f"the Mongolian letters are drawn in {sorted(fonts)}"
    assert set().union(*(drawn for name, drawn in fonts.items() if "NotoSans-" in name)) == letters, "Noto Sans lacks a letter"
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if "NotoSans" in str(font.get("/BaseFont")):
                descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), "Noto Sans is not embedded"


def plotted(notebook: str) -> list[dict]:
    """The Plotly figure a notebook drew, as the build executed it."""
    executed = json.loads((ROOT / "_build" / "jupyter_execute" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return [output["data"]["application/vnd.plotly.v1+json"] for cell in executed["cells"] for output in cell.get("outputs", [])
            if "application/vnd.plotly.v1+json" in output.get("data", {})]


def test_the_balance_figure_is_drawn_again_in_mongolian_from_the_same_data(site):
    from mongolia_report import labels

    [english] = [figure for figure in plotted("chapters/balance") if len(figure["data"]) > 10]
    [mongolian] = plotted("mn")
    assert [trace.get("y") for trace in mongolian["data"]] == [trace.get("y") for trace in english["data"]], "other numbers"
    words = labels.BALANCE["mn"]
    names = {trace["name"] for trace in mongolian["data"]}
    assert {words["poles"]["russia"], words["poles"]["china"], words["four"]} <= names
    titles = [annotation["text"] for annotation in mongolian["layout"]["annotations"]]
    assert titles[:4] == words["rows"][:4] and mongolian["layout"]["title"]["text"].startswith("Монголын тэнцвэр")
    assert all(re.search("[\u0400-\u04FF]", trace["hovertemplate"]) or "%" in trace["hovertemplate"] for trace in mongolian["data"])
    figure = page_soup(site / "mn.html").select_one("#fig-balance-mn")
    assert figure and len(CYRILLIC_WORD.findall(figure.select_one(".mnr-figure").get("aria-label", "") + figure.get_text(" "))) > 60
