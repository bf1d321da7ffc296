"""The tables a reader filters: the claims ledger by verdict, the vote list by partner, year and text, and the
register of visits by year, direction, group and office, on a phone."""

from __future__ import annotations

import csv

from browsing import PHONE, shown_rows

from conftest import ROOT


def test_claims_ledger_filters_by_verdict(visit):
    claims = visit("chapters/claims")
    page = claims.page
    ledger = page.locator("table").filter(has=page.locator("th", has_text="Examined in"))
    rows = ledger.locator("tbody tr")
    total = rows.count()
    errors_before = len(claims.errors)
    assert total >= 40
    verdict = "Wrong in the reworded copy, right in the original"
    page.select_option("#verdict-filter", label=verdict)
    visible = shown_rows(ledger)
    assert 0 < len(visible) < total
    assert all(cells[3] == verdict for cells in visible)
    assert f"{len(visible)} of {total} claims shown" in page.locator("#claims-shown").inner_text()
    assert claims.errors[errors_before:] == [], "filtering raised no error"


def test_the_vote_list_filters_by_partner_year_and_text_and_stays_light(visit):
    """A student looks up the votes where Mongolia parted from Russia, in one year, on one subject."""
    votes = visit("chapters/un-vote-list")
    page = votes.page
    errors_before = len(votes.errors)  # what an earlier check's axe run fetched is not the page's own
    assert votes.load_errors == [], "the page loads without errors"
    assert votes.weight < 1_500_000, f"the vote list weighs {votes.weight:,} bytes on a first visit"
    assert votes.plotly_loads == 0, "no plotting library on the vote list"
    table = page.locator("table.mnr-votes")
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total >= 700
    differs = table.locator("th").count() - 1
    page.select_option("#differs-filter", label="Russia")
    visible = shown_rows(table)
    assert 0 < len(visible) < total
    assert all("Russia" in cells[differs].split(", ") for cells in visible)
    assert f"{len(visible)} of {total} votes shown" in page.locator("#votes-shown").inner_text()
    page.select_option("#year-filter", label="2023")
    in_2023 = shown_rows(table)
    assert 0 < len(in_2023) < len(visible)
    assert all(cells[1].startswith("2023") and "Russia" in cells[differs].split(", ") for cells in in_2023)
    page.select_option("#year-filter", label="All years")
    page.select_option("#differs-filter", index=0)
    page.fill("#votes-search", "ES-11/4")
    found = shown_rows(table)
    assert len(found) == 1 and found[0][0] == "A/RES/ES-11/4"
    link = table.locator("tbody tr:visible a")
    assert link.get_attribute("href") == "https://undocs.org/A/RES/ES-11/4"
    assert votes.errors[errors_before:] == [], "filtering and searching raised no error"


def test_a_reader_on_a_phone_finds_which_third_neighbour_leaders_visited_in_a_year(browser, server):
    """'Which third-neighbour leaders visited in 2025?': the visits register answers by name, filtered, at a phone's width."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/third-neighbours.html", wait_until="load")
        table = page.locator("table").filter(has=page.locator("thead", has_text="Host and places"))
        rows = table.locator("tbody tr")
        total = rows.count()
        with open(ROOT / "data" / "diplomatic_visits.csv", encoding="utf-8", newline="") as file:
            register = list(csv.DictReader(file))
        assert total == len(register), "every visit of the register is a row"
        page.select_option("#year-filter", label="2025")
        page.select_option("#direction-filter", label="To Mongolia")
        page.select_option("#group-filter", label="Third neighbours")
        shown = shown_rows(table)
        assert shown, "some third-neighbour leader visited in 2025"
        names = [cells[1] for cells in shown]
        assert "Naruhito" in " ".join(names), names  # Japan's emperor, July 2025
        assert all(cells[0].startswith("2025") for cells in shown)
        assert f"{len(shown)} of {total} visits shown" in page.locator("#visits-shown").inner_text()
        page.locator("#visits-search").tap()
        page.fill("#visits-search", "Naruhito")
        found = shown_rows(table)
        assert len(found) == 1 and found[0][2] == "Head of state"
        row = table.locator("tbody tr:visible")  # the one row the search leaves
        assert row.is_visible() and row.bounding_box()["width"] > 0, "the row shows on the phone's screen"
    finally:
        context.close()
