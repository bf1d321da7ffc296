"""Every map, in a real browser: reached past from the keyboard, its countries and places named without hovering,
roomy on a phone, and its PNG image with its title and credits."""

from __future__ import annotations

import pytest
from browsing import (
    PHONE,
    WITH_MAPS,
    check_map_labels,
    map_frame,
)

from conftest import page_soup


@pytest.mark.parametrize("path", ["index", "chapters/icc", "chapters/energy", "chapters/third-neighbours"])
def test_a_keyboard_user_gets_past_a_map_in_a_few_presses(visit, path):
    page = visit(path).page
    skip = page.locator(".mnr-skip-map").first
    skip.focus()
    assert skip.is_visible(), "the skip link is visible, not only to screen readers"
    page.keyboard.press("Enter")
    after_map = "el => el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING"
    iframe = page.locator(".mnr-map iframe").first
    for _ in range(5):
        page.keyboard.press("Tab")
        if iframe.evaluate(after_map) and page.evaluate("document.activeElement.tagName") != "IFRAME":
            break
    else:
        pytest.fail("five Tab presses did not get past the map")
    # Inside the map, the layer control and the legend are stops of their own; the shapes, which only
    # show a tooltip, are not (crossing the overview map took about sixty presses when they were).
    frame = visit(path).map_frames[0]
    assert frame.locator(".leaflet-control-layers-toggle").get_attribute("href") is not None
    assert frame.locator(".mnr-legend").get_attribute("tabindex") == "0"
    shapes = frame.locator("path.leaflet-interactive")
    assert shapes.count() > 0
    assert shapes.evaluate_all("paths => paths.filter(p => p.tabIndex >= 0 && p.getAttribute('tabindex') !== '-1').length") == 0
    frame.locator(".mnr-legend").focus()
    stops = [frame.evaluate("() => document.activeElement.className.baseVal ?? document.activeElement.className")
             for _ in range(3) if page.keyboard.press("Shift+Tab") is None]
    assert not any("leaflet-interactive" in str(stop) for stop in stops), stops


@pytest.mark.parametrize("path", WITH_MAPS)
def test_every_map_names_its_countries_and_places_without_hovering(visit, path):
    for i, frame in enumerate(visit(path).map_frames):
        shown = check_map_labels(frame, f"{path} map {i}")
        assert len(shown) >= 3, shown


def test_on_a_phone_map_names_make_room_and_tooltips_stay_inside_the_map(browser, server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/chapters/energy.html", wait_until="load")
        frame = map_frame(page.locator(".mnr-map iframe").first)
        shown = check_map_labels(frame, f"energy map at {PHONE['width']} px")
        assert {"Mongolia", "Russia", "China", "Ulaanbaatar", "Zamyn-Uud"} <= set(shown), shown
        width = frame.evaluate("innerWidth")
        # The crossing at Zamyn-Uud lies near the map's right edge: its text opens inwards and wraps.
        frame.evaluate("""() => { const map = window[document.querySelector('.folium-map').id];
          map.eachLayer(l => { if (l.getTooltip && l.getTooltip() && /Zamyn-Uud<\\/b>/.test(l.getTooltip().getContent())) l.openTooltip(); }); }""")
        tip = frame.locator(".leaflet-tooltip").first
        tip.wait_for()
        box = tip.evaluate("t => { const r = t.getBoundingClientRect(), text = t.firstElementChild.getBoundingClientRect();"
                           " return [r.left, r.right, text.right]; }")
        assert box[0] >= 0 and box[1] <= width, f"the tooltip runs off the map: {box} in {width} px"
        assert box[2] <= box[1], "the tooltip's text runs out of its box"
    finally:
        context.close()


def test_a_map_image_carries_its_title_and_credits_and_no_controls(browser, site):
    """What site/snapshot.py does to a map before taking its picture (the PNG download and the PDFs)."""
    import struct

    from mongolia_report.site import snapshot

    frame = page_soup(site / "chapters" / "energy.html").select_one("div.mnr-map iframe")
    document = (site / "chapters" / frame["src"]).resolve()
    credits = snapshot.credits(document)
    page = browser.new_page(viewport={"width": snapshot.WIDTH, "height": snapshot.HEIGHT})
    try:
        page.goto(document.as_uri(), wait_until="load")
        page.wait_for_selector("path.leaflet-interactive")
        height = page.evaluate(snapshot.FRAME, credits)
        assert page.locator(".leaflet-control-zoom, .leaflet-control-layers").count() == 0, "no buttons on paper"
        body = page.inner_text("body")
        assert body.startswith("Mongolia's energy and export corridors")
        assert "Licence: CC BY 4.0" in body and "Mongolia's balancing act, in data, version" in body
        assert "Baikal Daily" in body, "the sources are named, not 'see the tooltips'"
        inside = page.evaluate("""() => { const m = document.querySelector('.folium-map').getBoundingClientRect();
          return Array.from(document.querySelectorAll('.mnr-legend')).every(l => { const r = l.getBoundingClientRect();
            return r.top >= m.top && r.bottom <= m.bottom; }); }""")
        assert inside, "the legend sits on the map, not on the credits"
    finally:
        page.close()
    png = document.with_suffix(".png").read_bytes()
    width, png_height = struct.unpack(">II", png[16:24])
    assert (width, png_height) == (snapshot.WIDTH, height), "the image is the framed map, title and credits included"
