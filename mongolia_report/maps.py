"""Map helpers: the only place folium maps are configured.

Maps are vector-only (no tile layer): country outlines from Natural Earth
(``data/geo``) on a plain sea-coloured background, so they read the same offline,
behind a firewall or years from now. They load Leaflet's JS and CSS and nothing
else. A map displays in a notebook as an iframe holding the whole map document
(Leaflet from folium's default CDN); it also offers that document as its own
output type (``MAP_MIME``), which the site's renderer (``mongolia_report.site.maps``)
writes to a file served with the site, pointing Leaflet at the vendored copy.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import math
import re
from functools import lru_cache

import branca
import folium

from .data import load
from .markup import Markup, escape, render
from .project import DATA
from .theme import FONT, LAYOUT

SEA = "#EAF2F8"
OUTLINE = "#FFFFFF"

# Only Leaflet itself: folium's defaults also pull jQuery, Bootstrap and Font Awesome,
# none of which these maps use. The site serves the same version from assets/vendor.
LEAFLET_VERSION = "1.9.3"
LEAFLET_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/"
LEAFLET_JS = ("leaflet", LEAFLET_CDN + "leaflet.js")
LEAFLET_CSS = ("leaflet_css", LEAFLET_CDN + "leaflet.css")
MAP_MIME = "application/vnd.mongolia-report.map+json"
MAP_CLASS = "mnr-map"


# Names written on the map (``label``): dark text with a white halo, readable on any fill, sized for
# a phone's 390 px. A country's name is centred on its point, a place's name to the right of its dot.
LABEL_STYLE = (
    ".mnr-label-icon{background:none;border:none}"
    ".mnr-label{position:absolute;white-space:nowrap;pointer-events:none;color:#1a1a1a;font:600 12px/1.1 " + FONT + ";"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}"
    ".mnr-label-country{transform:translate(-50%,-50%);font-size:13px;letter-spacing:.02em}"
    ".mnr-label-place{transform:translate(9px,-50%);font-weight:500}"
    ".mnr-label-place.mnr-left{transform:translate(calc(-100% - 9px),-50%)}"
)
# Where two names would overlap at the current zoom (or one would run off the map), a place's name
# tries the other side of its dot, and failing that the less important one (added later) is hidden
# until zooming makes room; the text description lists them all (declutter). The same script takes
# the shapes that only show a tooltip out of the keyboard order, or a reader with a keyboard would press
# Tab once per country to cross a map; what the tooltips say is in the map's text description and its
# GeoJSON download, and the layer control and legend stay stops of their own (untab). Declutter writes the
# size it placed the names for on the map (data-labelled-at): the names exist before the page's load event
# places them, so a check waits for that mark rather than for the names.
MAP_SCRIPT = """window.addEventListener('load', function () {
  var element = document.querySelector('.folium-map'), map = element && window[element.id];
  if (!map) return;
  function declutter() {
    var frame = element.getBoundingClientRect(), shown = [];
    Array.from(element.querySelectorAll('.mnr-label'))
      .sort(function (a, b) { return a.dataset.rank - b.dataset.rank; })
      .forEach(function (label) {
        label.style.visibility = 'visible';
        var sides = label.classList.contains('mnr-label-place') ? [false, true] : [false];
        var fits = sides.some(function (left) {
          label.classList.toggle('mnr-left', left);
          var r = label.getBoundingClientRect();
          var inside = r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom;
          var clash = shown.some(function (s) { return r.left < s.right + 3 && r.right > s.left - 3 && r.top < s.bottom && r.bottom > s.top; });
          if (inside && !clash) shown.push(r);
          return inside && !clash;
        });
        if (!fits) { label.classList.remove('mnr-left'); label.style.visibility = 'hidden'; }
      });
    element.dataset.labelledAt = innerWidth + 'x' + innerHeight;
  }
  function untab() {
    element.querySelectorAll('.leaflet-interactive:not(.leaflet-marker-icon)').forEach(function (shape) {
      shape.setAttribute('tabindex', '-1');
    });
  }
  map.on('zoomend moveend resize overlayadd overlayremove', declutter);
  // After Leaflet's own resize handling (queued first), so that the mark follows the window's size too.
  window.addEventListener('resize', function () { requestAnimationFrame(declutter); });
  map.on('layeradd overlayadd zoomend', untab);
  declutter();
  untab();
});"""
_label_rank = itertools.count()


def figure_html(*, title: str, alt: str, height: int, src: str = "", srcdoc: str = "", key: str = "map", downloads: str = "") -> str:
    """A map as the page shows it (templates/map-figure.html): a "skip the map" link, a titled iframe, its text
    description.

    The iframe shows ``src`` (the map's document on the site) or ``srcdoc`` (the document itself, in a
    notebook); ``key`` makes the skip link's target unique on the page; ``downloads`` is markup for the
    site's download links.
    """
    return render("map-figure.html", map_class=MAP_CLASS, key=key, title=title, src=src, srcdoc=srcdoc,
                  height=int(height), alt=alt, downloads=Markup(downloads))


def tooltip_text(text) -> str:
    """A tooltip or a layer's name as plain text (Leaflet shows both as HTML, so both are escaped)."""
    if isinstance(text, folium.Tooltip):
        text = text.text
    text = re.sub(r"<br\s*/?>", "; ", str(text or ""))
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def children(element) -> list:
    """The elements added to a folium element, in the order added.

    branca keeps them in a private dict (``_children``) and offers no public accessor; this is the
    one place that reads it, and it fails loudly if a branca upgrade moves it (tested).
    """
    found = getattr(element, "_children", None)
    if not isinstance(found, dict):
        raise RuntimeError(f"branca {branca.__version__} no longer keeps an element's children in _children: "
                           "update mongolia_report.maps.children")
    return list(found.values())


def layers_geojson(fmap: folium.Map) -> dict:
    """Every layer of the map as one GeoJSON FeatureCollection, each feature naming its layer and label."""
    features = []

    def visit(element, layer: str) -> None:
        for child in children(element):
            name = tooltip_text(child.layer_name) if isinstance(child, folium.FeatureGroup) else layer
            tooltip = next((c for c in children(child) if isinstance(c, folium.Tooltip)), None)
            if isinstance(child, folium.GeoJson):
                for feature in child.data.get("features", []):
                    properties = {"layer": layer or tooltip_text(child.layer_name),
                                  "label": tooltip_text(feature["properties"].get("tooltip") or feature["properties"].get("name"))}
                    features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
            elif isinstance(child, folium.PolyLine):
                coordinates = [[lon, lat] for lat, lon in child.locations]
                features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coordinates},
                                 "properties": {"layer": layer, "label": tooltip_text(tooltip)}})
            elif isinstance(child, folium.CircleMarker):
                lat, lon = child.location
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                                 "properties": {"layer": layer, "label": tooltip_text(tooltip)}})
            visit(child, name)

    visit(fmap, "")
    for feature in features:  # drawn straight on the map, not in a layer the reader can switch off
        feature["properties"]["layer"] = feature["properties"]["layer"] or "always shown"
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def _world() -> dict:
    return json.loads((DATA / "geo" / "countries_110m.geojson").read_text(encoding="utf-8"))


def world_features() -> list[dict]:
    """A fresh copy of the 1:110m country features (safe to modify)."""
    return copy.deepcopy(_world()["features"])


class MapFigure(folium.Map):
    """A folium map that renders as an accessible, self-describing iframe."""

    default_js = [LEAFLET_JS]
    default_css = [LEAFLET_CSS]

    def __init__(self, *, title: str, alt: str, height: int = 460, **kwargs):
        if not alt.strip():
            raise ValueError("every map needs a text alternative")
        kwargs.setdefault("tiles", None)
        kwargs.setdefault("control_scale", False)
        super().__init__(**kwargs)
        self.map_title = title
        self.regional = False  # region_map sets it: country names are then kept within the view
        self.get_root().title = str(escape(title))  # branca writes it into <title> as it is
        self.map_alt = alt
        self.map_height = height
        self.get_root().header.add_child(
            folium.Element(
                f"<style>html .leaflet-container{{background:{SEA};font-family:{FONT}}}"
                ".mnr-legend{position:absolute;z-index:1000;bottom:24px;right:10px;background:#fff;"
                f"padding:6px 8px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.4 {FONT}}}"
                ".mnr-legend i{display:inline-block;width:12px;height:12px;margin-right:6px;"
                "vertical-align:-1px;border:1px solid #666}"
                # Tooltips wrap and open towards the map's middle, so a phone's narrow map does not cut them off.
                "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}"
                "html .leaflet-tooltip{white-space:normal;width:max-content;max-width:min(260px,70vw);font-size:12px;line-height:1.35}"
                f"{LABEL_STYLE}</style><script>{MAP_SCRIPT}</script>"
            )
        )

    def phone_view(self, width: int = LAYOUT["phone_width"]) -> tuple[float, float, float, float]:
        """(south, west, north, east) of what the map first shows in a phone's ``width`` pixels
        (Web Mercator: 256 px for the world at zoom 0)."""
        lat, lon = self.location
        scale = 256 * 2 ** self.options["zoom"]
        half_lon = width / 2 / scale * 360
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        half_y = self.map_height / 2 / scale * 2 * math.pi

        def to_lat(value: float) -> float:
            return math.degrees(2 * math.atan(math.exp(value)) - math.pi / 2)

        return to_lat(y - half_y), lon - half_lon, to_lat(y + half_y), lon + half_lon

    def map_document(self) -> str:
        """The complete HTML document of the map (Leaflet from the CDN)."""
        # The layer switcher goes in last, so that it lists every layer added before display
        # (a control rendered before a layer refers to a variable not yet defined).
        if not any(isinstance(child, folium.LayerControl) for child in children(self)):
            folium.LayerControl(collapsed=True).add_to(self)
        # branca's page template has no lang attribute; screen readers need one.
        return self.get_root().render().replace("<html>", '<html lang="en">', 1)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        document = self.map_document()
        return {
            "text/html": figure_html(title=self.map_title, alt=self.map_alt, height=self.map_height, srcdoc=document),
            MAP_MIME: {"title": self.map_title, "alt": self.map_alt, "height": self.map_height, "document": document,
                       "layers": layers_geojson(self)},
        }

    def _repr_html_(self, **kwargs) -> str:
        return self._repr_mimebundle_()["text/html"]


def add_legend(fmap: MapFigure, title: str, items: list[tuple[str, str]]) -> None:
    """A fixed legend in the map's lower-left corner; items are (label, colour)."""
    fmap.get_root().html.add_child(folium.Element(render("map-legend.html", title=title, items=items)))


def add_country_categories(
    fmap: MapFigure,
    *,
    category_of: dict[str, str],
    layers: list[tuple[str, str, str]],
    tooltips: dict[str, str],
) -> dict[str, int]:
    """Shade every country by category, one toggleable layer per category.

    ``layers`` lists (category, layer label, colour) in drawing order; the last entry
    is the fallback for countries ``category_of`` does not name. Each outline is drawn
    once. States too small for the 1:110m outlines are drawn as circle markers at
    their Natural Earth 1:50m representative point, so no named state disappears.
    Returns the number of states drawn per category.
    """
    fallback = layers[-1][0]
    by_category: dict[str, list[dict]] = {key: [] for key, _, _ in layers}
    for feature in world_features():
        code = feature["properties"]["iso_a3"]
        # folium's GeoJsonTooltip writes the property into the tooltip as HTML.
        feature["properties"]["tooltip"] = str(escape(tooltips.get(code, feature["properties"]["name"])))
        by_category[category_of.get(code, fallback)].append(feature)

    outlined = {f["properties"]["iso_a3"] for f in world_features()}
    points = load("country_points")
    small = points[points["iso_a3"].isin(set(category_of) - outlined)]

    counts = {}
    for key, label, colour in layers:
        features = by_category[key]
        markers = small[small["iso_a3"].map(category_of) == key] if key != fallback else small.iloc[0:0]
        counts[key] = len([f for f in features if f["properties"]["iso_a3"]]) + len(markers)
        group = folium.FeatureGroup(name=str(escape(f"{label} ({counts[key]})")))  # Leaflet's layer control shows names as HTML
        if features:
            folium.GeoJson(
                {"type": "FeatureCollection", "features": features},
                style_function=lambda _f, c=colour: {"fillColor": c, "color": OUTLINE, "weight": 0.6, "fillOpacity": 1},
                highlight_function=lambda _f: {"weight": 2, "color": "#222222"},
                tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True, direction="auto"),
            ).add_to(group)
        for row in markers.itertuples():
            folium.CircleMarker(
                location=[float(row.lat), float(row.lon)],
                radius=4,
                color="#222222",
                weight=1,
                fill=True,
                fill_color=colour,
                fill_opacity=1,
                tooltip=hover(tooltips.get(row.iso_a3, row.name)),
            ).add_to(group)
        group.add_to(fmap)
    return counts


def outline_country(fmap: MapFigure, iso3: str, label: str) -> None:
    """Draw one country's border in a heavy line on top of everything (``label_countries`` names it)."""
    features = [f for f in world_features() if f["properties"]["iso_a3"] == iso3]
    if not features:
        raise KeyError(f"no outline for {iso3} in countries_110m.geojson")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=str(escape(label)),
        style_function=lambda _f: {"fill": False, "color": "#000000", "weight": 2.5},
        tooltip=hover(label),
        control=False,
    ).add_to(fmap)


def hover(text) -> folium.Tooltip:
    """Text shown on hover (or tap), following the pointer and opening towards the map's middle.

    ``text`` is plain text, shown as typed; a tooltip with formatting is ``Markup``, built with
    ``Markup("<b>{}</b><br>{}").format(name, note)``, which escapes what it fills in.
    """
    shown = str(escape(text))
    # folium writes a tooltip into a JavaScript template literal: a backtick, "${" or a backslash would
    # end it or run code there, so they go in as HTML character references, which show the same.
    shown = shown.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
    return folium.Tooltip(shown, sticky=True, direction="auto")


def label(target, text: str, location: list[float], *, kind: str = "place") -> None:
    """A name written on the map (``kind``: "country", centred, or "place", beside its dot), on ``target``
    (the map, or a layer, so that it goes when the layer is switched off). Names are ranked in the
    order they are added: where two would overlap, the later one waits for the reader to zoom in."""
    text_html = render("map-label.html", kind=kind, rank=next(_label_rank), text=text)
    icon = folium.DivIcon(html=text_html, icon_size=(0, 0), icon_anchor=(0, 0), class_name="mnr-label-icon")
    folium.Marker(location, icon=icon, interactive=False, keyboard=False).add_to(target)


def label_countries(fmap: MapFigure, codes: list[str], names: dict[str, str] | None = None) -> list[str]:
    """Write the names of these countries (ISO 3166 alpha-3, most important first) on the map, at each
    country's representative point (Natural Earth, data/geo/country_points.csv); on a regional map, a
    country whose point lies outside the view a phone shows is named in the middle of the part that
    is in view. Returns the names written."""
    points = load("country_points").set_index("iso_a3")
    missing = sorted(set(codes) - set(points.index))
    if missing:
        raise KeyError(f"no point for {missing} in data/geo/country_points.csv")
    view = fmap.phone_view() if fmap.regional else None
    written = []
    for code in codes:
        name = (names or {}).get(code, points.loc[code, "name"])
        location = [float(points.loc[code, "lat"]), float(points.loc[code, "lon"])]
        if view and not _inside(location, view):
            location = _middle_in_view(code, view) or location
        label(fmap, name, location, kind="country")
        written.append(name)
    return written


def _inside(location: list[float], view: tuple[float, float, float, float]) -> bool:
    south, west, north, east = view
    return south <= location[0] <= north and west <= location[1] <= east


def _in_polygon(lon: float, lat: float, rings: list) -> bool:
    """Even-odd rule over a polygon's rings ([lon, lat] pairs; holes count as rings)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _middle_in_view(code: str, view: tuple[float, float, float, float], steps: int = 24) -> list[float] | None:
    """The mean of a grid of points of the view that fall inside the country (None if none does)."""
    feature = next((f for f in _world()["features"] if f["properties"]["iso_a3"] == code), None)
    if feature is None:
        return None
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    south, west, north, east = view
    hits = [(south + (north - south) * (i + 0.5) / steps, west + (east - west) * (j + 0.5) / steps)
            for i in range(steps) for j in range(steps)]
    hits = [(lat, lon) for lat, lon in hits if any(_in_polygon(lon, lat, polygon) for polygon in polygons)]
    if not hits:
        return None
    return [sum(lat for lat, _ in hits) / len(hits), sum(lon for _, lon in hits) / len(hits)]


def layer(fmap: MapFigure, name: str) -> folium.FeatureGroup:
    """A layer the reader can switch on and off in the map's layer control."""
    group = folium.FeatureGroup(name=str(escape(name)))  # Leaflet's layer control shows names as HTML
    group.add_to(fmap)
    return group


def add_line(target, path: list[list[float]], *, colour: str, tooltip: str, weight: float = 3,
             dashed: str | None = None, opacity: float = 0.9) -> None:
    """A line through ``path`` ([lat, lon] pairs); ``dashed`` is a dash pattern such as "8 6"."""
    folium.PolyLine(path, color=colour, weight=weight, opacity=opacity, dash_array=dashed, tooltip=hover(tooltip)).add_to(target)


def add_point(target, location: list[float], *, colour: str, tooltip: str, radius: float = 5,
              outline: str = "#222222", weight: float = 1, name: str | None = None) -> None:
    """A filled circle with a dark outline; ``name`` is written beside it (no hovering needed)."""
    folium.CircleMarker(location, radius=radius, color=outline, weight=weight, fill=True,
                        fill_color=colour, fill_opacity=1, tooltip=hover(tooltip)).add_to(target)
    if name:
        label(target, name, location)


def shade_countries(fmap: MapFigure, groups: list[tuple[tuple[str, ...], str, str]], rest: str = "#DDDDDD") -> None:
    """Shade a few countries by group, e.g. ``[(("MNG",), "Mongolia", green), (("RUS", "CHN"), "Russia and China", grey)]``.

    Every other country is drawn in ``rest``; each group is a layer of the layer control.
    """
    add_country_categories(
        fmap,
        category_of={code: label for codes, label, _ in groups for code in codes},
        layers=[(label, label, colour) for _, label, colour in groups] + [("rest", "Other countries", rest)],
        tooltips={},
    )


def region_map(*, title: str, alt: str, location: list[float], zoom: int, height: int = 420) -> MapFigure:
    """A map centred on a region (e.g. Mongolia and its neighbours)."""
    fmap = MapFigure(title=title, alt=alt, height=height, location=location, zoom_start=zoom, min_zoom=2, max_zoom=8)
    fmap.regional = True
    return fmap


def world_map(*, title: str, alt: str, height: int = 460) -> MapFigure:
    return MapFigure(
        title=title,
        alt=alt,
        height=height,
        location=[30, 15],
        zoom_start=1,
        min_zoom=1,
        max_zoom=6,
        world_copy_jump=False,
    )
