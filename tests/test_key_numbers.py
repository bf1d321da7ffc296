"""The numbers the chapters state, checked against values verified by hand in the sources.

The chapter computes these from the data package and glues them into its prose; this
test compares what the build's execution glued (``_build/jupyter_execute/*.glue.json``).
"""

from __future__ import annotations

EXPECTED = {
    # The oldest coverage of the datasets the short answer draws on (icc_states, icc_noncompliance):
    # complete through 19 March 2026, the day the stored news reach.
    "as_of_date": "19 March 2026",
    # Mongolia on the day of the visit: the count is computed for 2 September 2024, before
    # Ukraine joined (1 January 2025), not today's 125.
    "n_parties_at_visit": 124,
    "n_parties": 125,  # 28 November 2026: Hungary's withdrawal revoked, four announced withdrawals not notified
    "n_unsettled": 0,
    "n_withdrawn": 2,  # Burundi (2017), the Philippines (2019)
    "withdrawn_states": "Burundi (2017) and the Philippines (2019)",
    "hun_notified": "2 June 2025",  # HRW; PGA
    "hun_due": "2 June 2026",  # ICC Assembly presidency
    "announced_states": "Burkina Faso, Mali and Niger (22 September 2025) and Venezuela (11 December 2025)",
    "n_announced": 4,
    "n_if_announced_leave": 121,
    "undated_by": "October 2023",  # 123 parties stated on 12 October 2023
    "mng_signed": "29 December 2000",  # CICC country page
    "mng_ratified": "11 April 2002",
    "mng_visit_start": "2 September 2024",
    "mng_finding_date": "24 October 2024",  # ICC press release
    "mng_days_to_finding": 51,  # 3 September to 24 October 2024
    "mng_years_party": 22,  # ratified 11 April 2002
    "putin_mng_visit_ordinal": "fifth",  # 2000, 2009 (as prime minister), 2014, 2019, 2024
    "putin_mng_as_president": "fourth",
    "first_count": 66,  # CICC, 11 April 2002
    "n_same_day": 10,  # ten instruments deposited at the ceremony (CICC, Amnesty)
    "count_before_ceremony": 56,  # CICC: "from 56 to 66"; here computed as 66 minus the states dated that day
    "count_2023": 123,
    "latest_count": 125,
    "latest_count_date": "1 December 2025",  # Opinio Juris, ahead of the 24th Assembly
    "recent_joiners": "Armenia (2024) and Ukraine (2025)",
    # Every finding that a state failed to arrest or surrender a suspect, 2010 to November 2026.
    "n_findings": 16,  # with Chad's second finding (26 March 2013)
    "first_finding_year": 2010,  # Sudan, Harun and Kushayb, 25 May 2010
    "latest_finding_date": "17 October 2025",  # Italy
    "n_unsc_bound": 5,  # Sudan 2010, Libya 2014, Sudan 2015 (three)
    "n_party_findings": 11,  # with Chad's second finding (26 March 2013)
    "n_bashir_party": 8,  # with Chad's second finding (26 March 2013)
    "n_bashir_referred_unsc": 7,  # with Chad's second finding (26 March 2013)
    # Seven states parties were found in breach before Mongolia, in eight findings: Chad twice (2011, 2013).
    "mng_party_rank": "eighth",
    "mng_finding_rank": "ninth",
    "mng_repeat_findings": "Chad twice",
    "n_after_mng": 2,
    "after_mng": "Hungary (July 2025, over Benjamin Netanyahu) and Italy (October 2025, over Osama Elmasry Njeem)",
    "n_measures_recorded": 0,
    # Putin's trips: the year-end round-ups count 6 in 2023, 11 in 2024 and 7 in 2025; one in 2026 so far.
    "n_trips": 25,
    "n_trip_countries": 15,
    "n_china_trips": 4,
    "n_trips_party": 2,
    "party_destinations": "Mongolia (September 2024) and Tajikistan (October 2025)",
    "party_after_mng": "Tajikistan (October 2025)",
    "trips_to": "20 May 2026",
    "first_trip": "Kyrgyzstan (October 2023)",  # the earliest trip in the data (The New Voice of Ukraine, citing Reuters)
}


# Counts checked by hand against data/diplomatic_visits.csv, partner_groups.csv and the sources of each row.
EXPECTED_TN = {
    "as_of_date": "19 March 2026",  # visits, partner groups and the Dialogue: complete through the news reach
    "n_visits": 53,  # 45 + four state visits, three foreign-minister visits and Harbin (2 December 2026)
    "first_visit_year": 2019,
    "last_visit_year": 2026,
    "n_third": 20,  # 13 + the Gulf tour (3), Kazakhstan (2) and the Philippines (2) under the rule written in the data package
    "n_neighbours": 16,  # China 9, Russia 7
    "n_china": 9,  # Harbin, February 2025, added
    "n_russia": 7,
    "n_neighbour_trips_abroad": 12,
    "n_third_to_mongolia": 10,  # 7 + Kazakhstan (2) + the Philippines (2024)
    "busiest_year": 2025,
    "busiest_year_visits": 22,
    "n_partners": 30,  # 24 + Czechia, Indonesia, Kyrgyzstan, Tajikistan, Finland, Laos
    "n_third_partners": 14,
    "third_partners": ("Australia, Bahrain, France, Germany, India, Japan, Kazakhstan, the Philippines, Saudi Arabia, Slovenia, "
                       "Türkiye, the United Arab Emirates, the United Kingdom and the United States"),
    # The article's 2024 list (US, Slovenia, Philippines, Belarus, UK, Germany) plus Bhutan and Switzerland, in date order:
    "n_2024_before_putin": 8,
    "countries_2024_before_putin": "Germany, the United Kingdom, Belarus, Bhutan, the United States, Switzerland, the Philippines and Slovenia",
    "dialogue_first_year": 2014,  # first Ulaanbaatar Dialogue, 17-18 June 2014
    "dialogue_first_participants": 35,
    "dialogue_first_countries": 10,
    "dialogue_max_year": 2024,  # ninth edition: more than 230 from around 30 countries
    "dialogue_max_participants": 230,
    "dialogue_last_edition": 10,  # 5-6 June 2025
    "dialogue_last_year": 2025,
}


# Checked by hand against data/unga_ukraine_*.csv, data/china_russia_trade.csv and their sources.
EXPECTED_ALIGN = {
    "n_resolutions": 10,  # ES-11/1 to ES-11/9 and the resolution of 24 February 2026
    "n_mng_recorded": 10,
    "n_mng_abstain": 9,
    "n_mng_yes_words": "one",
    "mng_yes": "ES-11/8, the path to peace (February 2025)",  # UN Digital Library record 4076673
    "n_mng_chn_both": 10,
    "n_mng_chn_same": 7,  # differ on ES-11/3 and ES-11/5 (China no) and ES-11/8 (China abstained)
    "n_mng_kaz_both": 9,  # Kazakhstan's vote not found on ES-11/2
    "n_mng_kaz_same": 7,
    "n_mng_kgz_same": 7,
    "first_vote_date": "2 March 2022",
    "last_vote_date": "24 February 2026",
    "n_votes_recorded": 97,
    "n_cells": 120,  # 12 countries x 10 resolutions
    "yes_first": 141,  # ES-11/1: 141-5-35
    "abstain_first": 35,
    "yes_2025": 93,  # ES-11/7: 93-18-65
    "abstain_2025": 65,
    "trade_first_year": 2015,
    "trade_2015": "68.0",  # derived: 69.525 bn in 2016 was 2.2% above 2015
    "trade_2021": "146.9",
    "trade_2022": "190.3",  # 190.27
    "trade_2024": "244.8",  # 244.81
    "trade_peak": "244.8",
    "trade_peak_year": 2024,
    "trade_growth_2021_peak": "67",  # 244.81 / 146.9 = 1.667: two-thirds more, not double
    "trade_latest": "228.1",  # 2025, down 6.9% (TASS, The Moscow Times)
    "trade_latest_year": 2025,
    "trade_multiple_2015": "3.6",  # 244.81 / 68.0
    "trade_surplus_2024": "13.8",  # 129.32 - 115.49; bne IntelliNews reports 13.83
    "trade_partial": "85.2",  # January-April 2026
    "trade_partial_year": 2026,
    "trade_partial_months": "four",
    "transit_2021": "3.2",  # UBTZ, January-September 2021
    "ru_cn_share_2021": "74",  # 2.4 / (2.4 + 0.84); the source says 74.3%
    "transit_2023": "5.1",  # Naushki-Sukhbaatar 2023: 3.6 south + 1.5 north
    "ubtz_total_2023": "32.4",
    "transit_share_2023": "16",  # 5.1 / 32.4
    "ubtz_total_2024": "33.4",
    "transit_2024": "5.3",
    "n_events": 16,
    "corridor_date": "23 June 2016",
    "pos2_date": "2 September 2025",
    "treaty_date": "3 September 2019",
    "years_observer": 21,  # observer from 2004 to the SCO's merger of categories in 2025
    "sco_partner_date": "1 September 2025",
}


# Checked by hand against data/fuel_imports.csv, electricity_*.csv, mongolia_export*.csv,
# mongolia_coal_exports.csv, russia_mongolia_ventures.csv and corridor_*.csv.
EXPECTED_ENERGY = {
    "as_of_date": "31 December 2024",  # the electricity balance, the oldest input of the short answer
    "fuel_share_2016": "94",  # all fuel, NSO via Xinhua
    "fuel_share_2018": "97",  # "more than 97"
    "fuel_share_2023_petrol": "90",
    "fuel_share_2023_ai92": "97",  # the ministry's figure for AI-92 disagrees with TASS's for petrol
    "fuel_share_2024": "99",
    "fuel_share_2025": "99",  # petrol, diesel and jet fuel, October 2025
    "fuel_kt_2024": "2,802",  # MRPAM monthly reports, all origins
    "fuel_kt_2025": "2,973",
    "gen_latest": "8,693",  # 8,692.8 GWh
    "imp_latest": "2,753",
    "imp_share_latest": "24",  # 2,753.0 / 11,445.9
    "power_year": 2024,  # no 2025 balance in the copy of the NSO table that could be read
    "gen_share_latest": "76",
    "imp_share_2010": "6",  # 262.9 / 4,575.72 = 5.7
    "imp_share_2013": "19",  # 1,195.49 / 6,215.03, the year Oyu Tolgoi began importing
    "consumption_growth": "171",  # 9,131.9 / 3,375.86 = 2.705
    "generation_growth": "102",  # 8,692.8 / 4,312.82 = 2.016
    "ru_gwh_2021": "490",
    "ru_share_imports_2021": "27",  # 490 / 1,823.1
    "ru_share_supply_2021": "5",  # 490 / 9,648.4
    "ru_gwh_2013": "413.6",
    "ot_gwh": "1,300",
    "ot_share_imports_2021": "71",  # 1,300 / 1,823.1
    "selendum_mw": "345",
    "latest_year": 2025,
    "exports_2010": "2.9",
    "exports_latest": "15.8",  # 15,761,150 thousand USD (sum of the NSO's monthly figures)
    "china_share_2010": "84.8",  # 2,466,447.5 / 2,908,502.2
    "china_share_latest": "89.4",  # 14,095,261.47 / 15,761,150 = 89.43
    "china_share_2023": "91.8",  # the last full year before the visit
    "n_years": 16,  # 2010-2025
    "n_years_90": 5,  # 2011, 2012, 2018, 2023, 2024
    "low_year": 2020,
    "low_share": "72.5",
    "gold_ch_2020": "22",  # Switzerland 1,681,588.9 / 7,576,310.9
    "russia_share_latest": "0.4",  # 60,651.8 / 15,761,150
    "report_2018": "96",
    "nso_2018": "93.3",
    "max_report_gap": "0.5",  # 2020: 72 reported, 72.5 final
    "sections_year": 2024,
    "mineral_share_latest": "87",
    "precious_share_latest": "6",
    "copper_2016": "1.6",  # MMJ, full year 2016
    "coal_value_2016": "0.97",  # 973 million
    "coal_value_2023": "3.6",  # January-May 2023
    "copper_2023": "1.0",
    "copper_2025": "5.80",  # customs: copper out-earned coal in 2025
    "coal_value_2025": "5.77",
    "coal_share_2024": "55.3",  # January-October 2024
    "coal_share_china_4m": "66.7",
    "copper_share_china_4m": "19.3",
    "coal_2021": "15.9",
    "coal_2024": "83.7",
    "coal_max": "90",  # 2025, about 90 (90.02 and 89.7 in the two reports)
    "coal_max_year": 2025,
    "n_ventures": 5,
    "n_ventures_russia_now": 1,  # the railway
    "gashuun_share": "47.4",
    "zamyn_share": "17",
}


# The "What happened next" chapter: the day after the visit to the date the data are current to.
EXPECTED_NEXT = {
    "period_start": "3 September 2024",
    "as_of_date": "31 December 2025",  # Putin's trips and the yearly export figures are complete through 2025
    "n_months": 15,  # September 2024 to December 2025
    "n_findings_after_mng_words": "two",
    "party_trips_after": "Tajikistan, a state party, in October 2025",
    "n_trips_after": 11,
    "announced_states": "Burkina Faso, Mali, Niger and Venezuela",
    "n_parties_now": 125,
    "n_parties_at_visit": 124,
    "china_share_latest": "89.4",
    "trade_fall_year": 2025,
    "mng_yes_after": "ES-11/8, the path to peace",
    "n_visits_after": 30,  # recorded from 4 September 2024, eight added on 2 December 2026
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


# Checked against the derived tables with an independent computation (pandas, each year weighted by the votes
# compared) and, for 2019 and 2020, against the State Department's own coincidence figures.
EXPECTED_UN = {
    "rus_1980s": "1.00",
    "rus_post": "0.79",  # 1992-2021, pooled from the counts, 1993 corrected
    "chn_post": "0.88",
    "kaz_post": "0.93",
    "usa_post": "0.33",
    "rus_pre": "0.76",  # 2019-2021: 277 votes compared
    "rus_war": "0.66",  # 2022-2024: 266 votes compared, from the UN's own files
    "usa_war": "0.36",
    "rus_major_war": "53",  # Russia with the Assembly's majority, 2022-2024
    "mng_major_war": "89",
    # The points each share moved from 2019-2021 to 2022-2024, from the rounded shares: 93 to 89, 65 to 53, 21 to 36.
    "mng_major_shift": 4,
    "rus_major_shift": 12,
    "usa_major_shift": 15,
    "n_split_post": "1,632",  # US and USSR/Russia yes against no, 1990 to June 2026
    "split_russia_post": "82",
    "fix_1993_chn": "0.94",  # 0.50 before Mongolia's and Monaco's 1993 votes were put right
    "n_ip_overlap": 34,  # every year 1992-2025: Mongolia's ideal-point band overlaps a neighbour's
    "state_years_matched": "2019, 2020, 2022 and 2023",  # the State Department's same/partial/opposite counts, exactly
}


def test_every_key_number_of_the_un_chapter_is_glued_and_right(un_glue):
    assert_glued(un_glue, EXPECTED_UN)


def test_every_key_number_of_the_next_chapter_is_glued_and_right(next_glue):
    assert_glued(next_glue, EXPECTED_NEXT)


def test_the_timeline_has_every_event_of_the_period(next_glue):
    """The chapter's count is the timeline's up to its as-of date: every dataset that records events contributes."""
    import pandas as pd

    from mongolia_report.data import as_of
    from mongolia_report.pages import DATASETS
    from mongolia_report.timeline import events_between

    events = events_between(pd.Timestamp("2024-09-04"), pd.Timestamp.max)
    counted = events[events["date"] <= as_of(*DATASETS["chapters/next"])]
    assert next_glue["n_events"] == len(counted)
    assert next_glue["n_events_later"] == len(events) - len(counted)
    # Each source dataset appears, and a few events a reader would look for are there.
    assert set(events["dataset"]) >= {"events", "icc_noncompliance", "icc_states", "putin_trips", "diplomatic_visits",
                                      "unga_ukraine_resolutions", "ub_dialogue"}
    text = " ".join(events["event"])
    for phrase in ("Italy failed to arrest", "Hungary failed to arrest", "Putin visits Tajikistan (a state party",
                   "Hungary notifies the UN", "tenth Ulaanbaatar Dialogue", "Mongolia votes for it"):
        assert phrase in text, phrase
    assert events["source"].str.len().gt(0).all(), "every event names its sources"


def test_numbers_the_chapters_take_from_the_data_package_and_the_ledger(icc_glue, tn_glue, energy_glue):
    """Values that are neither computed nor typed in a notebook: read from where the report records them."""
    from mongolia_report import complete_through, load

    stated = load("claims").set_index("claim_id")
    assert energy_glue["article_china_share"] == stated.at["C39", "stated_number"]
    assert energy_glue["article_russia_stake"] == stated.at["C37", "stated_number"]
    assert icc_glue["trips_checked_year"] == complete_through("putin_trips").year
    assert tn_glue["n_article_2024"] == len(stated.at["C30", "stated_countries"].split(";"))


def test_the_site_shows_the_glued_numbers(site, icc_glue):
    html = (site / "chapters" / "icc.html").read_text(encoding="utf-8")
    assert f'<span class="pasted-text">{icc_glue["n_parties_at_visit"]}</span>' in html
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
