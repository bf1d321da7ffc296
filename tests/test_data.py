"""The data package: valid, typed, sourced, and internally consistent."""

from __future__ import annotations

import json
import re

import pandas as pd
import pycountry
import pytest

from mongolia_report.bib import entries
from mongolia_report.data import PACKAGE_FILE, load, read_package, validate_resource
from mongolia_report.keys import split_keys

PACKAGE = read_package()
TABLES = [r["name"] for r in PACKAGE["resources"] if r.get("format") == "csv"]
WARRANT = pd.Timestamp("2023-03-17")


def test_frictionless_validates_the_whole_package():
    from frictionless import Package

    report = Package(read_package(), basepath=str(PACKAGE_FILE.parent)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


@pytest.mark.parametrize("name", TABLES)
def test_every_table_passes_the_report_checks(name):
    assert validate_resource(name) == []


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_every_resource_is_described(resource):
    for key in ("title", "description", "sources", "x-current-to"):
        assert resource.get(key), f"{resource['name']} lacks {key}"
    # A licence of its own, or the package's (which applies to every resource that names none).
    assert resource.get("licenses") or PACKAGE.get("licenses"), f"{resource['name']} has no licence"
    if resource.get("format") == "csv":
        assert resource["schema"].get("primaryKey"), f"{resource['name']} has no primary key"
        for field in resource["schema"]["fields"]:
            assert field.get("type"), f"{resource['name']}.{field['name']} has no type"


def test_every_bibliography_entry_has_an_address_and_access_date():
    for key, fields in entries().items():
        assert fields.get("url", "").startswith("http"), f"{key} has no url"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields.get("urldate", "")), f"{key} has no urldate"
        assert fields.get("title"), f"{key} has no title"


def test_every_source_key_resolves_and_every_cited_key_exists():
    keys = set(entries())
    used = set()
    for name in TABLES:
        resource = next(r for r in PACKAGE["resources"] if r["name"] == name)
        frame = load(name)
        for field in resource.get("x-source-fields", []):
            for cell in frame[field]:
                used.update(split_keys(cell))
    assert used <= keys
    assert used, "no row cites a source"


def test_loaded_types_follow_the_schema():
    states = load("icc_states")
    assert pd.api.types.is_datetime64_any_dtype(states["joined"])
    counts = load("icc_party_counts")
    assert str(counts["parties"].dtype) == "Int64"


def test_states_have_valid_iso_codes_and_the_sources_dates():
    states = load("icc_states")
    assert states["iso3"].is_unique
    for code in states["iso3"]:
        assert pycountry.countries.get(alpha_3=code) is not None, code
    # Spot checks against the sources: Mongolia ratified on 11 April 2002; Burundi and the
    # Philippines left; Russia and the United States withdrew their signatures.
    by_code = states.set_index("iso3")
    assert by_code.at["MNG", "status"] == "party"
    assert by_code.at["MNG", "signed"] == pd.Timestamp("2000-12-29")  # CICC country page
    assert by_code.at["MNG", "joined"] == pd.Timestamp("2002-04-11")
    assert by_code.at["BDI", "withdrawal_effective"] == pd.Timestamp("2017-10-27")
    assert by_code.at["PHL", "withdrawal_effective"] == pd.Timestamp("2019-03-17")
    assert {by_code.at["RUS", "status"], by_code.at["USA", "status"]} == {"signature_withdrawn"}


def test_state_dates_are_ordered_and_plausible():
    states = load("icc_states")
    for column in ("signed", "joined", "in_force", "withdrawal_notified", "withdrawal_effective"):
        dates = states[column].dropna()
        assert (dates >= pd.Timestamp("1998-07-17")).all(), column  # the Statute was adopted that day
    # (No date after the dataset's x-current-to: the loader refuses one, tested in test_check.py.)
    # The Statute was open for signature from 17 July 1998 to 31 December 2000.
    assert (states["signed"].dropna() <= pd.Timestamp("2000-12-31")).all()



def test_every_withdrawal_takes_effect_one_year_after_the_notice():
    """Article 127: a withdrawal takes effect one year after the UN receives the notice, to the day."""
    states = load("icc_states")
    dated = states.dropna(subset=["withdrawal_effective"])
    assert len(dated) >= 2
    for row in dated.itertuples():
        assert pd.notna(row.withdrawal_notified), f"{row.iso3}: an effective date without the notice it follows"
        assert row.withdrawal_effective == row.withdrawal_notified + pd.DateOffset(years=1), row.iso3
    # The Philippines' notice reached the UN on 17 March 2018 (the ICC and the UN spokesman), not 16 March.
    assert states.set_index("iso3").at["PHL", "withdrawal_notified"] == pd.Timestamp("2018-03-17")


def test_withdrawal_stages_agree_with_their_dates():
    states = load("icc_states").set_index("iso3")
    stage = states["withdrawal_stage"]
    assert (states.loc[stage == "took_effect", "status"] == "withdrawn").all()
    assert (states.loc[stage.isin(["announced", "notified", "revoked"]), "status"] == "party").all()
    assert states.loc[stage == "announced", "withdrawal_announced"].notna().all()
    assert states.loc[stage == "revoked", "withdrawal_notified"].notna().all()
    assert states.loc[stage == "revoked", "withdrawal_effective"].isna().all(), "a revoked notice never takes effect"
    # Hungary gave notice on 2 June 2025 and revoked it before it took effect (2026).
    assert stage["HUN"] == "revoked" and states.at["HUN", "status"] == "party"


def test_stated_counts_match_the_count_computed_from_the_states_table():
    """Every count a source states from the day undated parties are known to be in force agrees with the table.

    This is what justifies x-undated-in-force-by: were any undated party to have joined later,
    the count computed for 12 October 2023 would not be the 123 a source gives for that day.
    """
    from mongolia_report.icc import parties_on, undated_in_force_by

    states = load("icc_states")
    counts = load("icc_party_counts")
    checked = counts[counts["date"] >= undated_in_force_by()]
    assert len(checked) >= 5
    for row in checked.itertuples():
        computed = parties_on(states, row.date)
        assert computed.settled <= row.parties <= computed.at_most, (row.date.date(), row.parties, computed)
    assert parties_on(states, "2024-09-02").settled == 124, "Ukraine joined on 1 January 2025"


def test_party_counts_are_plausible_and_consistent():
    counts = load("icc_party_counts").sort_values("date")
    assert counts["date"].is_unique
    assert counts["parties"].between(60, 193).all()
    # The Statute needed 60 ratifications; the count first passed that on 11 April 2002.
    assert counts.iloc[0]["date"] == pd.Timestamp("2002-04-11") and counts.iloc[0]["parties"] > 60
    # The latest count equals the number of parties in the states table.
    parties = (load("icc_states")["status"] == "party").sum()
    assert counts.iloc[-1]["parties"] == parties


def test_findings_follow_the_visits_and_are_unique():
    findings = load("icc_noncompliance")
    assert findings["finding_id"].is_unique
    visited = findings.dropna(subset=["visit_start"])
    assert (visited["decision_date"] >= visited["visit_start"]).all()
    assert visited["visit_precision"].notna().all(), "a visit date says how precise it is"
    referred = findings[findings["referred_to"].isin(["asp", "unsc", "unsc_and_asp"])]
    assert referred["referral_date"].notna().all() and (referred["referral_date"] >= referred["decision_date"]).all()
    # Only states bound by a Security Council referral (Sudan, Libya) are referred to the Council alone.
    assert set(findings.loc[findings["referred_to"] == "unsc", "bound_by"]) == {"unsc_resolution"}
    by_id = findings.set_index("finding_id")
    assert by_id.at["MNG-2024", "decision_date"] == pd.Timestamp("2024-10-24")
    assert by_id.at["MNG-2024", "referred_to"] == "asp"
    # The findings since Mongolia's: Hungary (Netanyahu) and Italy (Elmasry Njeem, referred in January 2026).
    assert by_id.at["HUN-2025", "suspect"] == "Benjamin Netanyahu" and by_id.at["HUN-2025", "referred_to"] == "asp"
    assert by_id.at["ITA-2025", "decision_date"] == pd.Timestamp("2025-10-17")
    assert by_id.at["ITA-2025", "referral_date"] == pd.Timestamp("2026-01-26")


def test_trips_are_after_the_warrant_and_ordered():
    trips = load("putin_trips")
    assert (trips["start_date"] >= WARRANT).all()
    both = trips.dropna(subset=["end_date"])
    assert (both["end_date"] >= both["start_date"]).all()
    assert trips["trip_id"].is_unique


def test_trips_match_the_year_end_round_ups():
    """TASS counted six trips in 2023 and eleven in 2024; Life.ru seven countries in 2025."""
    trips = load("putin_trips")
    per_year = trips["start_date"].dt.year.value_counts().to_dict()
    assert {year: per_year.get(year) for year in (2023, 2024, 2025)} == {2023: 6, 2024: 11, 2025: 7}
    countries_2025 = set(trips.loc[trips["start_date"].dt.year == 2025, "destination_iso3"])
    assert countries_2025 == {"BLR", "USA", "CHN", "TJK", "KGZ", "IND", "TKM"}
    # The trips to non-party states the earlier table missed.
    assert {"2024-05-BLR", "2024-05-UZB", "2024-10-TKM", "2024-11-KAZ", "2025-12-TKM"} <= set(trips["trip_id"])


def test_putin_s_visits_to_mongolia_include_the_one_as_prime_minister():
    visits = load("putin_mongolia_visits")
    assert list(visits["start_date"].dt.year) == [2000, 2009, 2014, 2019, 2024]
    assert visits.set_index("visit_id").at["2009-05", "office"] == "prime_minister"


def test_every_state_party_can_be_drawn():
    outlines = json.loads((PACKAGE_FILE.parent / "geo" / "countries_110m.geojson").read_text())
    drawable = {f["properties"]["iso_a3"] for f in outlines["features"]} | set(load("country_points")["iso_a3"])
    parties = set(load("icc_states").query("status == 'party'")["iso3"])
    assert parties - drawable == set()


def test_every_visit_has_a_partner_group_and_the_group_rule_is_applied_to_every_row():
    """The rule in the data package: third neighbour where a source calls the country one or describes the ties
    so; every 'other' row says no such source was found, and every third-neighbour row names its source."""
    visits = load("diplomatic_visits")
    groups = load("partner_groups").set_index("iso3")
    assert visits["country_iso3"].map(groups["partner_group"]).notna().all(), "a visit's country has no partner group"
    for iso3, row in groups.iterrows():
        if row["partner_group"] == "other":
            assert "No source read calls" in row["note"] or "no source read" in row["note"].lower(), iso3
        elif row["partner_group"] == "third_neighbour":
            assert "third" in row["note"].lower() and row["source"], iso3
    # The Gulf tour of December 2024 was framed as third-neighbour ties, as the UK's 2024 visit was.
    assert {groups.at[iso3, "partner_group"] for iso3 in ("ARE", "SAU", "BHR", "GBR")} == {"third_neighbour"}


def test_visits_are_in_the_period_and_the_article_s_2024_visitors_are_all_there():
    visits = load("diplomatic_visits")
    assert visits["start_date"].min() >= pd.Timestamp("2019-01-01")
    arrived_2024 = set(visits[(visits["direction"] == "to_mongolia") & (visits["start_date"].dt.year == 2024)]["country_iso3"])
    stated = load("claims").set_index("claim_id").at["C30", "stated_countries"]
    assert set(stated.split(";")) <= arrived_2024
    assert {"FRA", "VAT"} <= set(visits[visits["direction"] == "to_mongolia"]["country_iso3"])


def test_france_is_a_third_neighbour_because_its_joint_declaration_says_so():
    groups = load("partner_groups").set_index("iso3")
    assert groups.at["FRA", "partner_group"] == "third_neighbour"
    assert "MFA2023france" in groups.at["FRA", "source"]
    # A country is "other" only with a note saying no source read calls it a third neighbour.
    others = groups[groups["partner_group"] == "other"]
    assert others["note"].notna().all()


def test_the_claims_ledger_covers_the_article_and_the_known_copy_errors():
    claims = load("claims")
    assert len(claims) >= 40
    assert claims["claim_id"].is_unique
    text = " ".join(claims["claim"])
    # The departures of the circulating copy named in the brief, each with its own row.
    for phrase in ['"monthly"', '"Chinese"', '"second"', '"scientists']:
        assert phrase in text, phrase
    errors = claims[claims["verdict"] == "copy_error"]
    assert errors["original"].notna().all(), "a copy error must say what the original says"
    assert set(claims["verdict"]) <= {"supported", "supported_with_caveats", "outdated", "copy_error", "wrong", "unverified"}


def test_mongolia_s_vote_is_recorded_for_every_ukraine_resolution_and_tallies_are_plausible():
    resolutions = load("unga_ukraine_resolutions")
    votes = load("unga_ukraine_votes")
    mongolia = votes[votes["country_iso3"] == "MNG"].set_index("resolution_id")["vote"]
    assert set(mongolia.index) == set(resolutions["resolution_id"])
    assert set(votes["country_iso3"]) <= {c.alpha_3 for c in pycountry.countries}
    counted = resolutions[["yes", "no", "abstain"]].sum(axis=1)
    assert (counted <= 193).all() and (counted >= 150).all()
    assert (resolutions["yes"] > resolutions["no"]).all(), "every resolution recorded was adopted"
    assert resolutions["date"].is_monotonic_increasing
    # Russia voted against every text; a recorded "yes" or abstention by Russia would be a transcription slip.
    assert set(votes[votes["country_iso3"] == "RUS"]["vote"]) == {"no"}


def test_china_russia_trade_years_are_unique_and_parts_match_totals():
    trade = load("china_russia_trade")
    assert trade["year"].is_unique
    assert list(trade["year"]) == list(range(2015, 2027)), "one row per year, 2015 to 2026"
    assert (trade.loc[trade["year"] < 2026, "months"] == 12).all() and trade.iloc[-1]["months"] < 12, "only the last year is partial"
    split = trade.dropna(subset=["china_exports_to_russia_usd_bn", "china_imports_from_russia_usd_bn"])
    parts = split["china_exports_to_russia_usd_bn"] + split["china_imports_from_russia_usd_bn"]
    assert ((parts - split["total_usd_bn"]).abs() <= 0.15).all()
    by_year = trade.set_index("year")
    assert by_year.loc[2024, "total_usd_bn"] == 244.81
    assert by_year.loc[2025, "total_usd_bn"] == 228.105  # China's customs via TASS, January 2026
    # The 2015 base agrees with the 2.2% growth China reported for 2016 (the 64.2 once reported did not).
    assert by_year.loc[2015, "basis"] == "derived"
    assert abs(by_year.loc[2016, "total_usd_bn"] / by_year.loc[2015, "total_usd_bn"] - 1.022) < 0.005


def test_rail_freight_parts_match_the_totals_the_sources_give():
    freight = load("mongolia_rail_freight").set_index(["period_id", "flow"])["million_tonnes"]
    q = "ubtz-2021-q1-q3"
    transit = freight[(q, "transit_russia_to_china")] + freight[(q, "transit_china_to_russia")]
    assert abs(transit - freight[(q, "transit_total")]) <= 0.05
    by_type = sum(freight[(q, f)] for f in ("domestic", "export", "import", "transit_total"))
    assert abs(by_type - freight[(q, "total")]) <= 0.15
    crossing = sum(freight[("naushki-2023", f)] for f in ("russia_to_mongolia", "mongolia_to_russia", "transit_russia_to_china", "transit_china_to_russia"))
    # All four parts and the total are "more than" figures, so they agree only to rounding.
    assert abs(crossing - freight[("naushki-2023", "total")]) <= 0.1


# The energy chapter's tables.


def test_exports_cover_every_year_from_2005_and_parts_stay_within_the_total():
    exports = load("mongolia_exports")
    assert list(exports["year"]) == list(range(2005, 2026)), "one row per year, no gaps"
    partners = exports[[f"{p}_thousand_usd" for p in ("china", "russia", "switzerland", "uk", "japan", "korea", "usa", "germany")]]
    assert (partners.sum(axis=1) <= exports["total_thousand_usd"]).all()
    share = exports["china_thousand_usd"] / exports["total_thousand_usd"] * 100
    assert share.between(0, 100).all()
    # The statistical office's totals match what Reuters and the Mongolian Mining Journal reported.
    total = exports.set_index("year")["total_thousand_usd"] / 1e6
    assert round(total[2012], 2) == 4.38 and round(total[2013], 2) == 4.27 and round(total[2016], 3) == 4.916


def test_imports_cover_every_year_from_2005_and_agree_with_customs_and_the_reported_share():
    imports = load("mongolia_imports").set_index("year")
    assert list(imports.index) == list(range(2005, 2026)), "one row per year, no gaps"
    partners = imports[[f"{p}_thousand_usd" for p in ("china", "russia", "japan", "korea", "usa", "germany")]]
    assert (partners.sum(axis=1) <= imports["total_thousand_usd"]).all()
    # The republished file labels its values millions; read as thousands, China sells Mongolia
    # a third to a half of its imports, as every report says (read as millions it would be 1000 times the total).
    share = imports["china_thousand_usd"] / imports["total_thousand_usd"] * 100
    assert share.loc[2015:].between(30, 50).all()
    # Independent figures: Customs' preliminary 2025 total (11.3 billion dollars) and the NSO's
    # January-July 2020 share of China in imports (35.2%).
    assert abs(imports.at[2025, "total_thousand_usd"] / 1e6 - 11.3) / 11.3 < 0.01
    assert abs(share[2020] - 35.2) < 1.5


def test_china_s_share_agrees_with_what_was_reported_for_full_years():
    exports = load("mongolia_exports").set_index("year")
    share = exports["china_thousand_usd"] / exports["total_thousand_usd"] * 100
    reports = load("china_export_share_reports")
    assert reports["china_share_pct"].between(0, 100).all()
    full_year = reports[(reports["start_date"].dt.day_of_year == 1) & (reports["end_date"].dt.month == 12)]
    assert len(full_year) == 3
    for report in full_year.itertuples():
        gap = abs(report.china_share_pct - share[report.end_date.year])
        if report.report_id == "2018":
            assert 2 < gap < 3 and "final table" in report.note, "the one disagreement is recorded, not smoothed over"
        else:
            assert gap < 1, report.report_id


def test_product_groups_and_products_stay_within_the_whole():
    exports = load("mongolia_exports").set_index("year")["total_thousand_usd"]
    sections = load("mongolia_exports_by_section")
    assert not sections.duplicated(["year", "section"]).any()
    per_year = sections.groupby("year")["exports_thousand_usd"].sum()
    assert list(per_year.index) == list(range(2010, 2025)) and (sections.groupby("year").size() == 6).all()
    assert (per_year <= exports[per_year.index]).all()
    products = load("mongolia_export_products")
    assert products["share_pct"].dropna().between(0, 100).all()
    assert (products.groupby(["period_id", "basis"])["share_pct"].sum() <= 100).all()
    values_2016 = products[(products["period_id"] == "2016")]["value_million_usd"].sum()
    assert values_2016 <= exports[2016] / 1000


def test_coal_exports_have_one_row_per_year_and_the_2025_record():
    coal = load("mongolia_coal_exports").set_index("year")["million_tonnes"]
    assert coal.index.is_unique and coal.index.is_monotonic_increasing
    assert coal.idxmax() == 2025 and coal.idxmin() == 2021


def test_russia_supplies_at_least_nine_tenths_of_fuel_in_every_report():
    fuel = load("fuel_imports")
    shares = fuel.dropna(subset=["russia_share_pct"])
    assert shares["russia_share_pct"].between(90, 100).all()
    assert shares[["scope", "qualifier"]].notna().all().all(), "a share always says what it covers and how it is stated"
    volumes = fuel.dropna(subset=["volume_kt"])
    assert volumes["volume_origin"].notna().all()
    assert set(shares["start_date"].dt.year) >= {2016, 2017, 2018, 2022, 2023, 2024, 2025}
    assert set(volumes["start_date"].dt.year) >= {2019, 2022, 2023, 2024}


def test_electricity_supply_is_generation_plus_imports_and_the_origins_fit_inside_it():
    power = load("electricity_balance").set_index("year")
    assert list(power.index) == list(range(2010, 2025))
    assert ((power["generation_gwh"] + power["imports_gwh"] - power["supply_gwh"]).abs() <= 0.2).all()
    share = power["imports_gwh"] / power["supply_gwh"] * 100
    assert share.between(0, 50).all() and share[2024] > share[2010]
    origin = load("electricity_imports_by_origin").set_index("period_id")["gwh"]
    both = origin["russia-2021"] + origin["china-oyu-tolgoi"]
    # Russia's 2021 sales and Oyu Tolgoi's average import from China roughly make up the 2021 imports.
    assert abs(both / power.loc[2021, "imports_gwh"] - 1) < 0.05


def test_joint_ventures_record_the_railway_kept_and_the_mines_sold():
    ventures = load("russia_mongolia_ventures").set_index("venture_id")
    assert ventures.loc["ubtz", "russia_stake_now_pct"] == 50
    assert ventures.loc["erdenet", "russia_stake_now_pct"] == 0
    assert ventures.loc["mongolrostsvetmet", "russia_stake_now_pct"] == 0
    stakes = ventures[["russia_stake_then_pct", "russia_stake_now_pct"]].stack()
    assert stakes.between(0, 100).all()


def test_every_corridor_point_is_located_in_the_region_and_every_layer_is_drawn():
    points = load("corridor_points")
    places = load("places").set_index("geonameid")
    for row in points.itertuples():
        lon, lat = (places.loc[row.geonameid, ["lon", "lat"]] if isinstance(row.geonameid, str) else (row.lon, row.lat))
        assert 95 <= float(lon) <= 120 and 40 <= float(lat) <= 53, row.point_id
    lines = load("corridor_lines")
    assert set(points["layer"]) | set(lines["layer"]) == {"railway", "crossings", "mines", "power", "pipeline"}
    assert (lines.loc[lines["layer"] == "pipeline", "status"] == "proposed").all()
    assert points["export_share_pct"].dropna().sum() <= 100


def test_alignment_events_have_a_track_and_other_events_none():
    events = load("events")
    alignment = events[events["theme"] == "alignment"]
    assert alignment["track"].notna().all(), "the alignment chapter draws each of its events on a track"
    assert events.loc[events["theme"] != "alignment", "track"].isna().all()


def test_every_dataset_states_its_coverage_and_when_it_was_searched():
    """Each dataset says the day it is complete through, never after it was last searched, and a news-based one
    never past the day the stored news reach; the package check refuses a descriptor that breaks this."""
    from mongolia_report.data import period_end

    reach = period_end(PACKAGE["x-news-reach"]["date"])
    for resource in PACKAGE["resources"]:
        complete = period_end(resource["x-complete-through"])
        checked = period_end(resource["x-update-checked"])
        assert checked is not None, f"{resource['name']} does not say when newer sources were last searched"
        if complete is None:
            assert period_end(resource["x-current-to"]) is None, f"{resource['name']}: a dated dataset needs a dated coverage"
            continue
        assert complete <= checked, resource["name"]
        if resource.get("x-news-based"):
            assert complete <= reach, resource["name"]


def test_the_visits_the_second_check_corrected_are_as_the_sources_give_them():
    visits = load("diplomatic_visits").set_index("visit_id")
    blinken = visits.loc["2024-08-USA-IN"]
    assert blinken["date_precision"] == "day" and blinken["start_date"] == blinken["end_date"] == pd.Timestamp("2024-08-01")
    assert visits.at["2024-10-TKM-OUT", "purpose"].startswith("State visit")
    state_visits = visits[visits["purpose"].str.startswith("State visit") & (visits["start_date"] >= pd.Timestamp("2024-09-04"))]
    assert {"CZE", "KGZ", "TJK", "TKM"} <= set(state_visits["country_iso3"]), "the state visits the check found missing"


def test_the_second_finding_against_chad_is_recorded():
    findings = load("icc_noncompliance").set_index("finding_id")
    chad = findings.loc["TCD-2013"]
    assert chad["decision_date"] == pd.Timestamp("2013-03-26") and chad["chamber"] == "Pre-Trial Chamber II"
    assert chad["referred_to"] == "unsc_and_asp"


def test_every_code_the_data_allow_has_its_words_in_labels_py():
    """mongolia_report/labels.py holds the words for the codes in the data; each set labels exactly the codes its
    field allows, apart from the codes a chapter derives and the ones it leaves out on purpose."""
    from mongolia_report import labels

    package = read_package()
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])}
    for name, (resource, field, derived, left_out) in labels.LABELLED.items():
        allowed = set(fields[(resource, field)]["constraints"]["enum"])
        words = getattr(labels, name)
        assert set(words) - derived <= allowed, f"labels.{name} labels codes {resource}.{field} does not allow"
        assert allowed - set(left_out) <= set(words), f"labels.{name} has no words for {sorted(allowed - set(words) - set(left_out))}"
        assert all(isinstance(word, str) and word.strip() for word in words.values())
    # The vote list's states are its columns; the UN chapter's partners are the agreement table's, with Mongolia.
    columns = {field for resource, field in fields if resource == "unga_recorded_votes"}
    assert set(labels.VOTE_LIST_STATES) <= columns
    partners = set(load("unga_agreement")["partner_iso3"].dropna())
    assert partners | {"MNG"} <= set(labels.UN_PARTNERS), f"no name for {sorted(partners | {'MNG'} - set(labels.UN_PARTNERS))}"
