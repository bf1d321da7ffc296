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


def test_every_key_number_is_glued_and_right(icc_glue):
    missing = set(EXPECTED) - set(icc_glue)
    assert not missing, f"not glued: {sorted(missing)}"
    wrong = {k: (icc_glue[k], v) for k, v in EXPECTED.items() if icc_glue[k] != v}
    assert not wrong, f"glued value != expected: {wrong}"


def test_the_site_shows_the_glued_numbers(site, icc_glue):
    html = (site / "chapters" / "icc.html").read_text(encoding="utf-8")
    assert f'<span class="pasted-text">{icc_glue["n_parties"]}</span>' in html
    assert f'<span class="pasted-text">{icc_glue["mng_days_to_finding"]}</span>' in html
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert f'<span class="pasted-text">{icc_glue["n_findings"]}</span>' in overview
