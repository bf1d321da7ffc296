"""The site's search, as students use it: the chapter that answers a question comes first, with prose, not code."""

from __future__ import annotations

import pytest

SEARCHES = [  # what a student looks for, and the chapter that answers it
    ("Rome Statute withdrawal", "chapters/icc"),
    ("coal exports", "chapters/energy"),
    ("Ulaanbaatar Dialogue", "chapters/third-neighbours"),
    ("third neighbor", "chapters/third-neighbours"),  # the spelling Montsame and US sources use
    ("Third Neighbour", "chapters/third-neighbours"),
    ("Power of Siberia", "chapters/energy"),  # the chapters, not the data catalogue's descriptions, come first
    # A Mongolian reader's words find the Mongolian summary.
    ("гуравдагч хөрш", "mn"),
    ("Путин", "mn"),
    ("ОХУ", "mn"),
    ("Хятад", "mn"),
]


@pytest.mark.parametrize("query, chapter", SEARCHES)
def test_search_finds_the_chapter_among_the_first_three_results_with_a_prose_snippet(browser, server, query, chapter):
    page = browser.new_page()
    try:
        page.goto(f"{server}/search.html?q={query.replace(' ', '+')}", wait_until="load")
        page.wait_for_function("() => /Search finished/.test(document.querySelector('#search-results p.search-summary, "
                               "#search-results .search-summary, #search-results p')?.textContent || '')")
        results = page.locator("#search-results ul.search > li")
        pages = [results.nth(i).locator("a").first.get_attribute("href").split("#")[0] for i in range(results.count())]
        assert f"{chapter}.html" in pages[:3], pages[:3]
        if "neighbo" in query.lower():  # the chapter named by the query outranks pages that mention it
            assert pages[0] == f"{chapter}.html", pages[:3]
        reference = [i for i, href in enumerate(pages)
                     if href in ("bibliography.html", "changelog.html", "status.html", "chapters/data.html")]
        assert all(i > pages.index(f"{chapter}.html") for i in reference), f"a reference page ranks above the chapter: {pages}"
        page.wait_for_function("() => Array.from(document.querySelectorAll('#search-results ul.search > li'))"
                               ".slice(0, 3).every(li => li.querySelector('.context'))")
        snippets = " ".join(results.nth(i).locator(".context").inner_text() for i in range(min(3, results.count())))
        for code in ("glue_all", "Show code cell", "import ", "load(\"", "this page (.pdf)"):
            assert code not in snippets, f"{query!r}: a snippet shows {code!r}"
    finally:
        page.close()


def test_the_search_index_holds_the_prose_not_the_folded_code(site):
    import json

    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    # A term maps to a page number or a list of them; an incremental build leaves emptied terms behind.
    found = {term for mapping in (index["terms"], index["titleterms"]) for term, pages in mapping.items() if pages != []}
    assert {"ulaanbaatar", "rome", "coal"} <= found, "the chapters' words are found"
    code = {term for term in found if term in {"glue_al", "iterrow", "groupbi", "astyp", "fillna", "itertupl", "notna"}}
    assert code == set(), f"words of the notebooks' code are indexed: {sorted(code)[:10]}"
