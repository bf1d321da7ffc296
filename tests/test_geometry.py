"""The country geometry is derived reproducibly from Natural Earth."""

from __future__ import annotations

import importlib.util
import json

import pytest

from mongolia_report.project import DATA

spec = importlib.util.spec_from_file_location("build_geometry", DATA.parent / "scripts" / "build_geometry.py")
build_geometry = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_geometry)


def test_rebuilding_the_geometry_gives_byte_identical_files():
    """Runs from the pinned tarball once it is cached (``make geometry-check`` fetches it from the npm registry
    and then runs this test, failing if it cannot); ``make test`` itself never touches the network."""
    import os

    if not (build_geometry.CACHE / build_geometry.TARBALL).exists():
        if os.environ.get("MNR_GEOMETRY_CHECK"):
            pytest.fail(f"{build_geometry.TARBALL} is not in {build_geometry.CACHE}: make geometry-check fetches it first")
        pytest.skip("the world-atlas tarball is not cached: make geometry-check fetches it and runs this test")
    geojson_text, points_text, capitals_text, places_text = build_geometry.render()
    assert geojson_text == build_geometry.OUT_GEOJSON.read_text(encoding="utf-8")
    assert points_text == build_geometry.OUT_POINTS.read_text(encoding="utf-8")
    assert capitals_text == build_geometry.OUT_CAPITALS.read_text(encoding="utf-8")
    assert places_text == build_geometry.OUT_PLACES.read_text(encoding="utf-8")
    assert build_geometry.render() == (geojson_text, points_text, capitals_text, places_text)


def test_outlines_are_keyed_and_inside_the_world():
    world = json.loads(build_geometry.OUT_GEOJSON.read_text(encoding="utf-8"))
    features = world["features"]
    assert 170 <= len(features) <= 180
    codes = [f["properties"]["iso_a3"] for f in features if f["properties"]["iso_a3"]]
    assert len(codes) == len(set(codes)), "an ISO code is used twice"
    assert {"MNG", "RUS", "CHN"} <= set(codes)
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1], f"{feature['properties']['name']}: ring not closed"
                for lon, lat in ring:
                    assert -190 <= lon <= 195 and -90 <= lat <= 90
