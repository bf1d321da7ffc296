"""The numbers the ICC chapter states, checked against values verified by hand in the sources.

The chapter computes these from the data package and glues them into its prose; this
test executes the notebook afresh and compares what it glued.
"""

from __future__ import annotations

EXPECTED = {
    "as_of_date": "30 September 2025",
    "n_parties": 125,  # Assembly of States Parties list
    "n_leaving": 4,  # Hungary notified; Burkina Faso, Mali and Niger announced
    "n_withdrawn": 2,  # Burundi (2017), the Philippines (2019)
    "mng_visit_start": "2 September 2024",
    "mng_finding_date": "24 October 2024",  # ICC press release
    "mng_days_to_finding": 51,  # 3 September to 24 October 2024
    "mng_years_party": 22,  # ratified 11 April 2002
    "first_count": 66,  # CICC, 11 April 2002
    "n_same_day": 10,  # ten instruments deposited at the ceremony (CICC, Amnesty)
    "count_before_ceremony": 56,  # CICC: "from 56 to 66"; here computed as 66 minus the states dated that day
    "latest_count": 125,
    "n_findings": 8,
    "n_bashir_findings": 7,
    "n_referred_unsc": 5,  # Malawi, Chad, Djibouti, Uganda, Jordan (reversed on appeal)
    "n_trips": 14,
    "n_trip_countries": 12,
    "n_china_trips": 3,
    "n_trips_party": 2,
    "party_destinations": "Mongolia (September 2024) and Tajikistan (October 2025)",
}


# Counts checked by hand against data/diplomatic_visits.csv and the sources of each row.
EXPECTED_TN = {
    "n_visits": 25,
    "first_visit_year": 2019,
    "last_visit_year": 2025,
    "n_third": 7,  # USA 2, Japan 2, Germany, United Kingdom, Slovenia
    "n_neighbours": 13,  # China 8, Russia 5
    "n_china": 8,
    "n_russia": 5,
    "n_neighbour_trips_abroad": 9,  # Mongolian leaders to China (7) and Russia (2)
    "n_third_to_mongolia": 5,
    "busiest_year": 2024,
    "busiest_year_visits": 8,
    "n_partners": 11,
    # The article's 2024 list (US, Slovenia, Philippines, Belarus, UK, Germany), in date order:
    "n_2024_before_putin": 6,
    "countries_2024_before_putin": "Germany, the United Kingdom, Belarus, the United States, the Philippines and Slovenia",
    "dialogue_first_year": 2014,  # first Ulaanbaatar Dialogue, 17-18 June 2014
    "dialogue_first_participants": 35,
    "dialogue_first_countries": 10,
    "dialogue_last_participants": 230,  # ninth edition, June 2024
    "dialogue_last_countries": 30,
    "dialogue_last_edition": 9,
}


# Checked by hand against data/unga_ukraine_*.csv, data/china_russia_trade.csv and their sources.
EXPECTED_ALIGN = {
    "n_resolutions": 8,  # ES-11/1 to ES-11/7 and the resolution of 24 February 2026
    "n_mng_recorded": 8,
    "n_mng_abstain": 8,  # Mongolia abstained every time
    "n_mng_chn_both": 8,
    "n_mng_chn_same": 6,
    "mng_chn_differ": (
        "ES-11/3 (suspension of Russia's rights of membership in the Human Rights Council) and "
        "ES-11/5 (furtherance of remedy and reparation for aggression against Ukraine)"
    ),
    "n_mng_kaz_both": 6,  # Kazakhstan's vote not found on ES-11/2 and ES-11/7
    "n_mng_kaz_same": 5,  # differs on ES-11/3, where Kazakhstan voted no
    "n_mng_kgz_both": 6,
    "n_mng_kgz_same": 5,
    "first_vote_date": "2 March 2022",
    "last_vote_date": "24 February 2026",
    "n_votes_recorded": 67,
    "n_cells": 96,  # 12 countries x 8 resolutions
    "yes_first": 141,  # ES-11/1: 141-5-35
    "abstain_first": 35,
    "yes_2025": 93,  # ES-11/7: 93-18-65
    "abstain_2025": 65,
    "trade_first_year": 2015,
    "trade_2015": "64.2",  # China customs via TASS
    "trade_2021": "146.9",
    "trade_2022": "190.3",  # 190.27
    "trade_2024": "244.8",  # 244.81
    "trade_growth_2021_2024": "67",  # 244.81 / 146.9 = 1.667
    "trade_multiple_2015": "3.8",  # 244.81 / 64.2 = 3.81
    "trade_surplus_2024": "13.8",  # 129.32 - 115.49; bne IntelliNews reports 13.83
    "transit_2021": "3.2",  # UBTZ, January-September 2021
    "ru_cn_share_2021": "74",  # 2.4 / (2.4 + 0.84); the source says 74.3%
    "transit_2023": "5.1",  # Naushki-Sukhbaatar 2023: 3.6 south + 1.5 north
    "transit_ru_cn_2023": "3.6",
    "ubtz_total_2023": "32.4",
    "transit_share_2023": "16",  # 5.1 / 32.4
    "n_events": 8,
    "corridor_date": "23 June 2016",
    "pos2_date": "2 September 2025",
    "treaty_date": "3 September 2019",
    "years_observer": 21,  # observer since 2004
}


# Checked by hand against data/fuel_imports.csv, electricity_*.csv, mongolia_export*.csv,
# mongolia_coal_exports.csv, russia_mongolia_ventures.csv and corridor_*.csv.
EXPECTED_ENERGY = {
    "article_china_share": 90,  # the article's figures, claims C39 and C37
    "article_russia_stake": 50,
    "fuel_share_2016": "94",  # all fuel, NSO via Xinhua
    "fuel_share_2018": "97",  # "more than 97"
    "fuel_share_2023_petrol": "90",
    "fuel_share_2023_ai92": "97",  # the ministry's figure for AI-92 disagrees with TASS's for petrol
    "fuel_share_2024": "99",
    "fuel_year": 2024,
    "fuel_share_2025": "99",  # petrol, diesel and jet fuel, October 2025
    "ai92_kt_2023": "604",
    "fuel_kt_2019": "1,844.5",  # all origins
    "fuel_kt_2022q1": "443.7",
    "fuel_kt_2024_01": "71.58",
    "gen_2024": "8,693",  # 8,692.8 GWh
    "imp_2024": "2,753",
    "imp_share_2024": "24",  # 2,753.0 / 11,445.9
    "gen_share_2024": "76",
    "imp_share_2010": "6",  # 262.9 / 4,575.72 = 5.7
    "imp_share_2013": "19",  # 1,195.49 / 6,215.03, the year Oyu Tolgoi began importing
    "consumption_growth": "171",  # 9,131.9 / 3,375.86 = 2.705
    "generation_growth": "102",  # 8,692.8 / 4,312.82 = 2.016
    "ru_gwh_2021": "490",
    "ru_share_imports_2021": "27",  # 490 / 1,823.1
    "ru_share_supply_2021": "5",  # 490 / 9,648.4
    "ot_gwh": "1,300",
    "ot_share_imports_2021": "71",  # 1,300 / 1,823.1
    "selendum_mw": "345",
    "latest_year": 2024,
    "exports_2010": "2.9",
    "exports_latest": "15.8",  # 15,783,377.91 thousand USD
    "china_share_2010": "84.8",  # 2,466,447.5 / 2,908,502.2
    "china_share_latest": "91.4",  # 14,420,678.66 / 15,783,377.91 = 91.37
    "n_years": 15,
    "n_years_90": 5,  # 2011, 2012, 2018, 2023, 2024
    "low_year": 2020,
    "low_share": "72.5",
    "gold_ch_2020": "22",  # Switzerland 1,681,588.9 / 7,576,310.9
    "russia_share_latest": "0.6",
    "report_2018": "96",
    "nso_2018": "93.3",
    "max_report_gap": "0.5",  # 2020: 72 reported, 72.5 final
    "mineral_share_latest": "87",
    "precious_share_latest": "6",
    "copper_2016": "1.6",  # MMJ, full year 2016
    "coal_value_2016": "0.97",  # 973 million
    "coal_value_2023": "3.6",  # January-May 2023
    "copper_2023": "1.0",
    "coal_share_2024": "55.3",  # January-October 2024
    "coal_share_china_4m": "66.7",
    "copper_share_china_4m": "19.3",
    "coal_2021": "15.9",
    "coal_2024": "83.7",
    "n_ventures": 5,
    "n_ventures_russia_now": 1,  # the railway
    "gashuun_share": "47.4",
    "zamyn_share": "17",
}


def assert_glued(glued: dict, expected: dict) -> None:
    missing = set(expected) - set(glued)
    assert not missing, f"not glued: {sorted(missing)}"
    wrong = {k: (glued[k], v) for k, v in expected.items() if glued[k] != v}
    assert not wrong, f"glued value != expected: {wrong}"


def test_every_key_number_of_the_icc_chapter_is_glued_and_right(icc_glue):
    assert_glued(icc_glue, EXPECTED)


def test_every_key_number_of_the_third_neighbour_chapter_is_glued_and_right(tn_glue):
    assert_glued(tn_glue, EXPECTED_TN)


def test_every_key_number_of_the_alignment_chapter_is_glued_and_right(align_glue):
    assert_glued(align_glue, EXPECTED_ALIGN)


def test_every_key_number_of_the_energy_chapter_is_glued_and_right(energy_glue):
    assert_glued(energy_glue, EXPECTED_ENERGY)


def test_the_site_shows_the_glued_numbers(site, icc_glue):
    html = (site / "chapters" / "icc.html").read_text(encoding="utf-8")
    assert f'<span class="pasted-text">{icc_glue["n_parties"]}</span>' in html
    assert f'<span class="pasted-text">{icc_glue["mng_days_to_finding"]}</span>' in html
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert f'<span class="pasted-text">{icc_glue["n_findings"]}</span>' in overview


def test_every_key_finding_on_the_overview_is_glued():
    """No statistic is typed into the overview's findings: each bullet gets its numbers by glue."""
    import re

    import nbformat

    from conftest import ROOT

    nb = nbformat.read(ROOT / "index.ipynb", as_version=4)
    findings = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Key findings"))
    bullets = [line for line in findings.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 5
    for bullet in bullets:
        assert "{glue:text}`chapters/" in bullet, f"finding without a glued number: {bullet[:80]}"
        assert "{ref}`" in bullet, f"finding without a link to its chapter: {bullet[:80]}"
        rest = re.sub(r"\{glue:text\}`[^`]*`", "", bullet)
        rest = re.sub(r"\{(ref|cite:p|doc)\}`[^`]*`", "", rest)
        assert not re.search(r"\d", rest), f"a number typed into a finding: {bullet[:80]}"
