"""Broken copies of the data are refused, with a message naming the file, the row and the field.

Each test copies the data package to a temporary folder, breaks one thing, and checks
that both the validator and the loader refuse it. Row numbers count the header as
row 1, as a spreadsheet does.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mongolia_report.data import DataValidationError, PackageError, load, validate_resource
from mongolia_report.project import DATA


@pytest.fixture()
def package(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data" / "datapackage.yaml"


def edit_cell(package_file: Path, csv_name: str, key: str | tuple[str, ...], field: str, value: str) -> int:
    """Set one cell and return its spreadsheet row number.

    The row is the one whose first column equals ``key``, or whose first columns equal
    the tuple ``key`` (for tables with a compound primary key).
    """
    path = package_file.parent / csv_name
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    key = (key,) if isinstance(key, str) else key
    columns = list(rows[0])[: len(key)]
    index = next(i for i, row in enumerate(rows) if tuple(row[c] for c in columns) == key)
    rows[index][field] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return index + 2


def assert_refused(package_file: Path, resource: str, *fragments: str) -> None:
    problems = validate_resource(resource, package_file)
    assert problems, "the broken file was accepted"
    text = "\n".join(str(p) for p in problems)
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    with pytest.raises(DataValidationError) as caught:
        load(resource, package_file)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_a_loaded_table_is_checked_again_when_its_descriptor_changes_though_its_file_did_not(package):
    # The loader caches validated frames; the cache must follow the descriptor (and the bibliography and
    # the other tables), not only the CSV's modification time, or a kernel keeps serving refused data.
    assert len(load("icc_states", package)) > 100
    text = package.read_text(encoding="utf-8")
    name = "- name: icc_states\n"
    start = text.index(name)
    rule = "  x-min-rows: 125\n"
    at = text.index(rule, start)
    package.write_text(text[:at] + "  x-min-rows: 100000\n" + text[at + len(rule):], encoding="utf-8")
    with pytest.raises(DataValidationError, match="x-min-rows"):
        load("icc_states", package)


def test_wrong_type(package):
    row = edit_cell(package, "icc_states.csv", "MNG", "joined", "11 April 2002")
    assert_refused(package, "icc_states", "icc_states.csv", f"row {row}", 'field "joined"', "not a valid date")


def test_missing_required_field(package):
    row = edit_cell(package, "icc_noncompliance.csv", "MNG-2024", "state", "")
    assert_refused(package, "icc_noncompliance", "icc_noncompliance.csv", f"row {row}", 'field "state"', "required")


def test_duplicate_primary_key(package):
    # MLT sorts before MNG, so the second occurrence is the edited row.
    row = edit_cell(package, "icc_states.csv", "MNG", "iso3", "MLT")
    assert_refused(package, "icc_states", "icc_states.csv", f"row {row}", 'field "iso3"', "appears more than once")


def test_unknown_source_key(package):
    row = edit_cell(package, "putin_trips.csv", "2024-09-MNG", "source", "Independent2024mongolia;Nobody2099invented")
    assert_refused(package, "putin_trips", "putin_trips.csv", f"row {row}", 'field "source"', "Nobody2099invented")


def test_out_of_range_value(package):
    row = edit_cell(package, "icc_party_counts.csv", "2015-01-06", "parties", "530")
    assert_refused(package, "icc_party_counts", "icc_party_counts.csv", f"row {row}", 'field "parties"', "maximum")


def test_value_outside_the_controlled_vocabulary(package):
    row = edit_cell(package, "icc_states.csv", "MNG", "status", "member")
    assert_refused(package, "icc_states", f"row {row}", 'field "status"', "enum")


def test_dates_out_of_order(package):
    row = edit_cell(package, "icc_states.csv", "ARM", "in_force", "2020-01-01")
    assert_refused(package, "icc_states", "icc_states.csv", f"row {row}", 'field "in_force"', "before joined")


def test_trip_before_the_warrant(package):
    row = edit_cell(package, "putin_trips.csv", "2023-10-KGZ", "start_date", "2022-10-12")
    assert_refused(package, "putin_trips", f"row {row}", 'field "start_date"', "minimum")


def test_visit_to_a_partner_without_a_group(package):
    row = edit_cell(package, "diplomatic_visits.csv", "2023-05-FRA-IN", "country_iso3", "ESP")
    assert_refused(package, "diplomatic_visits", "diplomatic_visits.csv", f"row {row}", "country_iso3")


def test_missing_file(package):
    (package.parent / "icc_noncompliance.csv").unlink()
    assert_refused(package, "icc_noncompliance", "icc_noncompliance.csv", "file not found")


def test_the_unbroken_copy_is_accepted(package):
    assert validate_resource("icc_states", package) == []


def test_verdict_outside_the_vocabulary(package):
    row = edit_cell(package, "claims.csv", "C10", "verdict", "mostly true")
    assert_refused(package, "claims", "claims.csv", f"row {row}", 'field "verdict"', "enum")


def test_vote_outside_the_vocabulary(package):
    row = edit_cell(package, "unga_ukraine_votes.csv", ("ES-11/4", "MNG"), "vote", "maybe")
    assert_refused(package, "unga_ukraine_votes", "unga_ukraine_votes.csv", f"row {row}", 'field "vote"', "enum")


def test_vote_on_an_unknown_resolution(package):
    path = package.parent / "unga_ukraine_votes.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("ES-11/99,MNG,abstain,NextShark2022asia\n")
    rows = len(path.read_text(encoding="utf-8").splitlines())
    assert_refused(package, "unga_ukraine_votes", "unga_ukraine_votes.csv", f"row {rows}", "foreign key")


def test_tallies_larger_than_the_assembly(package):
    row = edit_cell(package, "unga_ukraine_resolutions.csv", "ES-11/6", "abstain", "60")
    assert_refused(package, "unga_ukraine_resolutions", "unga_ukraine_resolutions.csv", f"row {row}", "more than 193")


def test_trade_parts_that_do_not_add_up(package):
    row = edit_cell(package, "china_russia_trade.csv", "2022", "china_exports_to_russia_usd_bn", "67.12")
    assert_refused(package, "china_russia_trade", "china_russia_trade.csv", f"row {row}", 'field "total_usd_bn"', "does not equal")


def test_fuel_share_above_one_hundred_per_cent(package):
    row = edit_cell(package, "fuel_imports.csv", "2024-petrol", "russia_share_pct", "109")
    assert_refused(package, "fuel_imports", "fuel_imports.csv", f"row {row}", 'field "russia_share_pct"', "maximum")


def test_exports_to_partners_larger_than_all_exports(package):
    row = edit_cell(package, "mongolia_exports.csv", "2024", "china_thousand_usd", "16000000")
    assert_refused(package, "mongolia_exports", "mongolia_exports.csv", f"row {row}", "more than total_thousand_usd")


def test_electricity_supply_that_is_not_generation_plus_imports(package):
    row = edit_cell(package, "electricity_balance.csv", "2024", "imports_gwh", "2953.0")
    assert_refused(package, "electricity_balance", "electricity_balance.csv", f"row {row}", 'field "supply_gwh"', "does not equal")


def test_map_point_without_a_location(package):
    row = edit_cell(package, "corridor_points.csv", "oyu-tolgoi", "lat", "")
    assert_refused(package, "corridor_points", "corridor_points.csv", f"row {row}", "needs geonameid or lon+lat+coord_source")


def test_map_line_through_an_unknown_point(package):
    row = edit_cell(package, "corridor_lines.csv", "erdenet-branch", "path", "darkhan;erdenet-min")
    assert_refused(package, "corridor_lines", "corridor_lines.csv", f"row {row}", 'field "path"', "'erdenet-min' is not a point_id of corridor_points")


def edit_descriptor(package_file: Path, resource: str, change) -> None:
    """Apply ``change`` to one resource of the copied descriptor (written back without aliases)."""
    import yaml

    descriptor = yaml.safe_load(package_file.read_text(encoding="utf-8"))
    change(next(r for r in descriptor["resources"] if r["name"] == resource))
    package_file.write_text(yaml.safe_dump(json.loads(json.dumps(descriptor)), sort_keys=False), encoding="utf-8")


def assert_package_refused(package_file: Path, *fragments: str) -> None:
    with pytest.raises(PackageError) as caught:
        load("icc_states", package_file)
    for fragment in fragments:
        assert fragment in str(caught.value), f"{fragment!r} not in:\n{caught.value}"
    assert "datapackage.yaml" in str(caught.value)


def test_a_misspelt_extension_key_is_an_error_not_a_silently_skipped_check(package):
    def misspell(resource):
        resource["x-date-ordr"] = resource.pop("x-date-order")

    edit_descriptor(package, "icc_states", misspell)
    assert_package_refused(package, "resource 'icc_states'", "unknown key 'x-date-ordr'")


def test_a_rule_that_names_a_field_the_table_lacks(package):
    edit_descriptor(package, "electricity_balance", lambda r: r["x-sums"][0]["parts"].append("imports_gw"))
    assert_package_refused(package, "resource 'electricity_balance'", "x-sums names 'imports_gw'")


def test_an_extension_key_of_the_wrong_shape(package):
    edit_descriptor(package, "putin_trips", lambda r: r.__setitem__("x-date-order", ["start_date", "end_date"]))
    assert_package_refused(package, "resource 'putin_trips'", "x-date-order")


def test_a_finding_against_a_country_code_that_does_not_exist(package):
    row = edit_cell(package, "icc_noncompliance.csv", "MNG-2024", "state_iso3", "MNX")
    assert_refused(package, "icc_noncompliance", "icc_noncompliance.csv", f"row {row}", "foreign key")


# One typing: every spelling the validator accepts loads as the value it means, never as missing.
ACCEPTED_SPELLINGS = [
    # (resource, file, row key, field, as written, as loaded)
    ("icc_noncompliance", "icc_noncompliance.csv", "MWI-2011", "measure_recorded", "1", True),
    ("icc_noncompliance", "icc_noncompliance.csv", "MWI-2011", "measure_recorded", "TRUE", True),
    ("icc_noncompliance", "icc_noncompliance.csv", "MNG-2024", "measure_recorded", "0", False),
    ("icc_party_counts", "icc_party_counts.csv", ("2002-04-11",), "parties", "+66", 66),
    ("mongolia_coal_exports", "mongolia_coal_exports.csv", "2016", "million_tonnes", "2.58e1", 25.8),
    ("mongolia_coal_exports", "mongolia_coal_exports.csv", "2016", "year", "2016", 2016),
    ("icc_states", "icc_states.csv", "MNG", "joined", "2002-04-11", "2002-04-11"),
]


@pytest.mark.parametrize(("resource", "csv_name", "key", "field", "written", "loaded"), ACCEPTED_SPELLINGS,
                         ids=[f"{spec[3]}={spec[4]}" for spec in ACCEPTED_SPELLINGS])
def test_a_value_the_validator_accepts_loads_as_that_value(package, resource, csv_name, key, field, written, loaded):
    row = edit_cell(package, csv_name, key, field, written) - 2
    if validate_resource(resource, package):
        pytest.fail(f"{field}={written!r} is refused, so this spelling is not a case of this test")
    value = load(resource, package).at[row, field]
    assert value is not pd.NA and not pd.isna(value), f"{field}={written!r} passed validation but loaded as missing"
    expected = pd.Timestamp(loaded) if isinstance(loaded, str) else loaded
    assert value == expected


# --- Coverage dates: what a finding's "as of" rests on --------------------------------------------------

def test_a_news_based_dataset_complete_past_the_news_reach_is_refused(package):
    edit_descriptor(package, "diplomatic_visits", lambda r: r.__setitem__("x-complete-through", "2026-11-28"))
    assert_package_refused(package, "resource 'diplomatic_visits'", "x-complete-through 2026-11-28 is after x-news-reach")


def test_a_dataset_complete_past_the_day_it_was_searched_is_refused(package):
    edit_descriptor(package, "electricity_balance", lambda r: r.__setitem__("x-complete-through", "2027-01-31"))
    assert_package_refused(package, "resource 'electricity_balance'", "is after x-update-checked")


def test_a_finding_is_as_of_the_oldest_coverage_of_its_datasets(package):
    from mongolia_report.data import as_of, complete_through

    names = ("diplomatic_visits", "electricity_balance", "icc_states")
    assert as_of(*names, package_file=package) == min(complete_through(n, package) for n in names)
    edit_descriptor(package, "icc_states", lambda r: r.__setitem__("x-complete-through", "2020-01-31"))
    assert as_of(*names, package_file=package) == pd.Timestamp("2020-01-31"), "the oldest input must set the date"


def test_a_page_that_loads_a_dataset_it_does_not_declare_is_stopped(monkeypatch):
    from mongolia_report import data, page_guard

    monkeypatch.setattr(page_guard, "_page", None)  # no page is running, again, once the test ends
    data.use_data("chapters/claims")
    with pytest.raises(data.UndeclaredDataset, match="chapters/claims uses dataset 'icc_states'.*pages.py"):
        data.load("icc_states")
    with pytest.raises(data.UndeclaredDataset):
        data.as_of("icc_states")  # nor date a finding by it
    assert len(data.load("claims")) > 0


def test_a_news_based_dataset_that_claims_sources_newer_than_the_news_reach_is_refused(package):
    edit_descriptor(package, "events", lambda r: r.__setitem__("x-newest-available", "2026-11-28"))
    assert_package_refused(package, "resource 'events'", "x-newest-available 2026-11-28 is not x-news-reach")
