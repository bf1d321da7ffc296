"""Finding one's way: the landing page's first screen, the menus on a phone and a desktop, the search box."""

from __future__ import annotations

import pytest
from browsing import PHONE


@pytest.mark.parametrize("width, height", [(PHONE["width"], PHONE["height"]), (1280, 900)])
def test_the_landing_pages_first_screen_says_the_version_its_release_and_how_current_the_data_are(browser, server, width, height):
    import pandas as pd

    from mongolia_report import identity
    from mongolia_report.freshness import reach_by_kind
    from mongolia_report.text import long_date

    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{server}/index.html", wait_until="load")
        edition = page.locator("p.mnr-edition").first
        assert edition.is_visible()
        assert edition.evaluate("e => e.getBoundingClientRect().bottom") <= height, "on the first screen, without scrolling"
        text = " ".join(edition.inner_text().split()).replace("\u2019", "'")  # Sphinx's typographic apostrophe
        assert f"Version {identity.version()}, released {long_date(pd.Timestamp(identity.released()))}" in text
        # One line per kind of data, not a range of dates: news, trade statistics, UN votes, the Court's records.
        reach = dict(reach_by_kind())
        assert (reach["news"], reach["trade statistics"], reach["UN votes"]) == ("19 March 2026", "July 2026", "4 June 2026")
        for kind, day in reach.items():
            assert f"{kind}, {day}" in text, kind
        upcoming = page.locator("p.mnr-upcoming")
        assert upcoming.evaluate("e => e.getBoundingClientRect().top") < height, "the announced events start on the first screen"
        later = " ".join(upcoming.inner_text().split())
        assert "after 19 March 2026" in later and "COP17" in later and "Bishkek" in later
        edition.get_by_role("link", name="data status").click()
        page.wait_for_url("**/status.html")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Data status")
        assert "Update due" in page.locator("main").inner_text(), "the status page says what 'update due' means"
    finally:
        context.close()


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
def test_the_search_icon_leaves_the_first_letter_typed_visible(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        page.keyboard.press("Control+k")
        field = page.locator("#pst-search-dialog input[name=q]")
        field.wait_for()
        field.type("Wolf")
        icon = page.locator("#pst-search-dialog .fa-magnifying-glass")
        icon_right = icon.evaluate("i => i.getBoundingClientRect().right")
        text_left = field.evaluate("f => f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft)")
        assert icon_right <= text_left, f"the icon ends at {icon_right} px, the text starts at {text_left} px"
    finally:
        context.close()


def sidebar_link(container, title: str):
    """The link to a chapter, by its title, inside a sidebar (or the dialog it was moved into)."""
    return container.locator("nav.bd-docs-nav a", has_text=title)


def test_on_a_phone_each_menu_opens_when_tapped_closes_and_leads_somewhere(browser, server):
    """At a phone's width the chapters (☰) and the contents button each open their menu as a dialog;
    a chapter in the menu is on screen and tapping it opens that chapter."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        chapters, contents = page.locator("#pst-primary-sidebar-modal"), page.locator("#pst-secondary-sidebar-modal")
        toggles = page.locator(".primary-toggle")
        assert toggles.count() == 1, "one chapters button (a hidden duplicate takes the theme's script)"
        toggles.tap()
        assert chapters.evaluate("d => d.open"), "tapping ☰ opens the chapters menu"
        energy = sidebar_link(chapters, "Fuel, power and export revenue")
        assert energy.is_visible() and energy.evaluate("a => a.getBoundingClientRect().bottom <= innerHeight")
        page.keyboard.press("Escape")
        assert not chapters.evaluate("d => d.open"), "Escape closes it"
        page.locator(".secondary-toggle").tap()
        assert contents.evaluate("d => d.open"), "tapping the contents button opens this page's contents"
        section = contents.locator("a", has_text="Where Putin has travelled")
        assert section.is_visible()
        section.tap()
        page.wait_for_url("**#where-putin-has-travelled-since-the-warrant")
        assert not contents.evaluate("d => d.open"), "following a section closes the contents (_static/menus.js)"
        heading = page.locator("#where-putin-has-travelled-since-the-warrant h2")
        assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"), \
            "and the reader sees the section"
        page.locator(".primary-toggle").tap()
        sidebar_link(chapters, "Fuel, power and export revenue").tap()
        page.wait_for_url("**/chapters/energy.html")
    finally:
        context.close()


def test_on_a_desktop_the_chapters_menu_hides_and_shows_by_mouse_and_keyboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/icc.html", wait_until="load")
        sidebar = page.locator("#pst-primary-sidebar")
        link = sidebar_link(sidebar, "Fuel, power and export revenue")
        assert link.is_visible(), "the chapters are listed beside the page"
        assert page.locator("#pst-secondary-sidebar a", has_text="Where Putin has travelled").is_visible(), \
            "and this page's contents on the other side"
        page.locator(".primary-toggle").click()
        link.wait_for(state="hidden")
        assert "pst-sidebar-hidden" in sidebar.get_attribute("class"), "☰ hides the chapters"
        page.locator(".primary-toggle").focus()
        page.keyboard.press("Enter")
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url("**/chapters/energy.html")
    finally:
        context.close()
