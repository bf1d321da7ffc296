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


def assert_glued(glued: dict, expected: dict) -> None:
    missing = set(expected) - set(glued)
    assert not missing, f"not glued: {sorted(missing)}"
    wrong = {k: (glued[k], v) for k, v in expected.items() if glued[k] != v}
    assert not wrong, f"glued value != expected: {wrong}"


def test_every_key_number_of_the_icc_chapter_is_glued_and_right(icc_glue):
    assert_glued(icc_glue, EXPECTED)


def test_every_key_number_of_the_third_neighbour_chapter_is_glued_and_right(tn_glue):
    assert_glued(tn_glue, EXPECTED_TN)


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
