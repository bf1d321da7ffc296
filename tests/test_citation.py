"""The citation metadata is complete and agrees with the package version."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from browsing import CHAPTERS

from conftest import ROOT


def test_citation_cff_has_the_required_fields():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version", "date-released", "license"):
        assert cff.get(key), key
    assert re.fullmatch(r"1\.2\.\d", cff["cff-version"])
    assert all(a.get("name") or a.get("family-names") for a in cff["authors"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(cff["version"]) == project["version"]


def test_how_to_cite_page_cites_the_current_version_in_every_format(site):
    import html

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    page = html.unescape((site / "how-to-cite.html").read_text(encoding="utf-8"))
    assert f"(Version {cff['version']})" in page, "APA, from citeproc"
    assert f"@book{{MongoliaBalancingAct{str(cff['date-released'])[:4]}," in page and f'note = "Version {cff["version"]}"' in page
    assert "TY  - BOOK" in page and f"N1  - Version {cff['version']}" in page
    typed = re.findall(r"\b\d+\.\d+\.\d+\b", (ROOT / "how-to-cite.md").read_text(encoding="utf-8"))
    assert typed == [], f"a version typed by hand in how-to-cite.md: {typed}"


def test_the_authoring_team_is_one_named_entity_not_a_placeholder():
    from mongolia_report.identity import authors

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert [a["name"] for a in cff["authors"]] == ["Mongolia Balancing Act Project"]
    assert all(a["entity"] for a in authors())
    assert "authors" not in cff["authors"][0]["name"].lower(), "a phrase, not a name"


def entry_as_pasted(kind: str, accessed: str, url: str = "https://example.org/report/chapters/icc.html"):
    from mongolia_report import citation

    item = citation.chapter_item("Mongolia and the International Criminal Court", url)
    return item, (citation.bibtex_entry(item, "MongoliaBalancingAct2026icc", accessed) if kind == "bib" else citation.ris_entry(item, accessed))


def test_a_reference_manager_reads_the_bibtex_back_as_written_with_the_team_as_one_name():
    import bibtexparser
    from bibtexparser import middlewares

    item, text = entry_as_pasted("bib", "2026-12-02")
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert entry.entry_type == "incollection" and entry.key == "MongoliaBalancingAct2026icc"
    (author,) = fields["author"]
    assert author.last == ["{Mongolia Balancing Act Project}"] and author.first == [], "the team is one name, not split"
    assert fields["title"] == "{Mongolia and the International Criminal Court}", "the title's capitals are protected"
    assert fields["booktitle"] == "{Mongolia's balancing act, in data}"
    assert fields["note"] == f"Version {item['version']}" and "edition" not in fields
    assert fields["publisher"] == "Mongolia Balancing Act Project" and fields["year"] == "2026"
    assert fields["url"] == item["URL"] and fields["urldate"] == "2026-12-02"


def test_a_reference_manager_reads_the_ris_back_as_written_with_the_team_as_one_name():
    import rispy

    item, text = entry_as_pasted("ris", "2026/12/02")
    (entry,) = rispy.loads(text)
    assert entry["type_of_reference"] == "CHAP"
    assert entry["authors"] == ["Mongolia Balancing Act Project"], "no comma: one name, not family and given names"
    assert entry["title"] == "Mongolia and the International Criminal Court"
    assert entry["secondary_title"] == "Mongolia's balancing act, in data"
    assert entry["publisher"] == "Mongolia Balancing Act Project" and entry["year"] == "2026"
    assert entry["notes"] == [f"Version {item['version']}"]
    assert entry["urls"] == [item["URL"]] and entry["access_date"] == "2026/12/02"


def test_apa_names_the_team_once_and_gives_the_version():
    from mongolia_report import citation

    item, _ = entry_as_pasted("bib", "")
    apa = citation.formatted_reference(item)
    assert apa.startswith("Mongolia Balancing Act Project. (2026). Mongolia and the International Criminal Court. In ")
    assert f"(Version {item['version']})" in apa
    assert apa.count("Mongolia Balancing Act Project") == 1, "APA leaves out a publisher that is also the author"


def test_a_person_is_written_family_name_first_in_every_format_alike():
    # The report's author is a team, but the rule for people is written once (citation.inverted) and
    # every format that names authors uses it: BibTeX, RIS and the citation_author meta tag.
    import bibtexparser
    import rispy
    from bibtexparser import middlewares

    from mongolia_report import citation

    item = {**citation.chapter_item("A chapter", ""), "author": [{"family": "Tong", "given": "Christopher K."}, {"literal": "A Team"}]}
    assert [citation.inverted(a) for a in item["author"]] == ["Tong, Christopher K.", "A Team"]
    (ris,) = rispy.loads(citation.ris_entry(item))
    assert ris["authors"] == ["Tong, Christopher K.", "A Team"]
    library = bibtexparser.parse_string(citation.bibtex_entry(item, "Key2026"),
                                        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    person, team = library.entries[0].fields_dict["author"].value
    assert (person.last, person.first) == (["Tong"], ["Christopher", "K."]) and team.last == ["{A Team}"]


# --- the cite box in a browser ------------------------------------------------------------------------

@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_shows_its_citation_with_todays_access_date_and_its_downloads(visit, path):
    import datetime

    page = visit(path).page
    box = page.locator("aside.mnr-cite")
    assert box.count() == 1
    text = box.inner_text()
    assert "Cite this chapter" in text
    # assets/cite-box.js writes the reader's today in each style's own form (the page's blank is gone).
    today = datetime.date.today()
    assert f"Retrieved {today:%B} {today.day}, {today.year}" in text or f"Accessed {today:%B} {today.day}, {today.year}" in text
    assert f"urldate = \"{today:%Y-%m-%d}\"" in text and f"Y2  - {today:%Y/%m/%d}" in text
    assert "[date accessed]" not in text.split("The access date is")[0]
    # The download menu: this chapter's PDF, the whole report's and the runnable project, each a file of the site.
    links = page.locator(".dropdown-download-buttons a").evaluate_all("links => links.map(a => a.href)")
    pdfs = [link for link in links if link.endswith(".pdf")]
    assert any(link.endswith(".zip") for link in links), links
    if pdfs:  # printed where the build machine has Chromium, as here
        assert any(link.endswith(f"-{path.rsplit('/', 1)[-1]}.pdf") for link in pdfs) and len(pdfs) == 2, pdfs
        for link in pdfs:
            assert page.request.get(link).ok, link


def test_a_student_copies_each_citation_and_downloads_the_bib_and_ris_files(browser, server):
    import datetime

    import bibtexparser
    import rispy

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        box = page.locator("aside.mnr-cite")
        today = datetime.date.today()
        for style in ("APA", "Chicago", "MLA", "BibTeX", "RIS"):
            box.get_by_role("button", name=f"Copy the {style} citation").click()
            pasted = page.evaluate("navigator.clipboard.readText()")
            assert pasted and "Mongolia Balancing Act Project" in pasted and "[date accessed]" not in pasted, (style, pasted)
        apa = box.locator('[data-style="APA"] span[id]').inner_text()
        box.get_by_role("button", name="Copy the APA citation").click()
        assert page.evaluate("navigator.clipboard.readText()") == apa
        assert apa.startswith("Mongolia Balancing Act Project. (2026). Mongolia and the International Criminal Court. In ")
        assert f"{today:%B} {today.day}, {today.year}" in apa
        files = {}
        for suffix in ("bib", "ris"):
            with page.expect_download() as download:
                box.locator(f'a.mnr-cite-file[download$=".{suffix}"]').click()
            files[suffix] = Path(download.value.path()).read_text(encoding="utf-8")
            assert download.value.suggested_filename.endswith(f".{suffix}")
        (entry,) = bibtexparser.parse_string(files["bib"]).entries
        assert entry.fields_dict["urldate"].value == f"{today:%Y-%m-%d}" and entry.fields_dict["author"].value == "{Mongolia Balancing Act Project}"
        (record,) = rispy.loads(files["ris"])
        assert record["access_date"] == f"{today:%Y/%m/%d}" and record["authors"] == ["Mongolia Balancing Act Project"]
    finally:
        context.close()
