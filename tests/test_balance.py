"""The balance in one figure: its numbers are the data package's, computed here independently of the
chapter's code (plain CSV reading, no loader), and its figure really draws the five measures."""

from __future__ import annotations

import csv
from collections import Counter

from conftest import ROOT

POLES = ("russia", "china", "third_neighbour")
FOUR = ("japan", "korea", "usa", "germany")  # the third neighbours whose trade the data package records


def rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def shares(name: str, year: int) -> dict[str, float]:
    row = next(r for r in rows(name) if int(r["year"]) == year)
    total = float(row["total_thousand_usd"])
    return {"russia": float(row["russia_thousand_usd"]) / total * 100, "china": float(row["china_thousand_usd"]) / total * 100,
            "third_neighbour": sum(float(row[f"{c}_thousand_usd"]) for c in FOUR) / total * 100}


def test_the_year_and_date_are_the_last_full_year_every_measure_covers(balance_glue):
    assert balance_glue["as_of_date"] == "31 December 2025"  # trade and votes are complete through 2025
    assert balance_glue["year"] == 2025


def test_the_trade_shares_are_the_statistics_office_s(balance_glue):
    year = balance_glue["year"]
    for kind, table in (("exp", "mongolia_exports"), ("imp", "mongolia_imports")):
        computed = shares(table, year)
        for pole in POLES:
            assert balance_glue[f"{kind}_{pole}"] == f"{computed[pole]:.1f}", (kind, pole)
    # Checked by hand against the NSO's tables as read: China sold 4,655.6 of 11,393.8 million dollars
    # of Mongolia's imports in 2025, Russia 2,785.5.
    assert (balance_glue["imp_china"], balance_glue["imp_russia"]) == ("40.9", "24.4")
    # Russia out-sold China until 2010; China has led since 2011 (the NSO's by-country table).
    assert (balance_glue["imp_last_russia_year"], balance_glue["imp_china_lead_from"]) == (2010, 2011)


def test_the_short_answer_gives_the_third_neighbours_import_share_as_the_range_the_data_show(balance_glue):
    # Not "a steady fifth": the yearly share of the four ran from 17.5% (2021) to 27.0% (2013) when this was written.
    years = [int(r["year"]) for r in rows("mongolia_imports") if int(r["year"]) >= balance_glue["first_year"]]
    by_year = {year: shares("mongolia_imports", year)["third_neighbour"] for year in years}
    low, high = min(by_year, key=by_year.get), max(by_year, key=by_year.get)
    assert (balance_glue["imp_third_min"], balance_glue["imp_third_min_year"]) == (f"{by_year[low]:.1f}", low)
    assert (balance_glue["imp_third_max"], balance_glue["imp_third_max_year"]) == (f"{by_year[high]:.1f}", high)
    assert (balance_glue["imp_third_min"], balance_glue["imp_third_max"]) == ("17.5", "27.0")


def test_the_vote_agreement_is_the_pooled_agreement_of_the_agreement_table(balance_glue):
    year = str(balance_glue["year"])
    mine = [r for r in rows("unga_agreement") if r["country_iso3"] == "MNG" and r["year"] == year]

    def pooled(partners):
        """From the counts: identical votes score 1, one abstention 0.5."""
        chosen = [r for r in mine if r["partner_iso3"] in partners]
        return sum(int(r["n_same"]) + int(r["n_partial"]) / 2 for r in chosen) / sum(int(r["n_compared"]) for r in chosen)

    assert balance_glue["un_russia"] == f"{pooled({'RUS'}):.2f}"
    assert balance_glue["un_china"] == f"{pooled({'CHN'}):.2f}"
    assert balance_glue["un_third_neighbour"] == f"{pooled({'USA', 'JPN', 'KOR', 'DEU'}):.2f}"
    assert balance_glue["un_three_latest"] == f"{pooled({'JPN', 'KOR', 'DEU'}):.2f}"


def test_the_visits_are_the_register_s_for_the_year_by_partner_group(balance_glue):
    group = {r["iso3"]: r["partner_group"] for r in rows("partner_groups")}
    year = str(balance_glue["year"])
    counts = Counter(group[r["country_iso3"]] for r in rows("diplomatic_visits") if r["start_date"].startswith(year))
    assert balance_glue["n_visits"] == sum(counts.values())
    for pole in (*POLES, "other"):
        assert balance_glue[f"visits_{pole}"] == counts[pole], pole
    four = {"JPN", "KOR", "USA", "DEU"}
    assert balance_glue["visits_four"] == sum(r["start_date"].startswith(year) and r["country_iso3"] in four for r in rows("diplomatic_visits"))


def test_the_figure_draws_five_panels_with_each_pole_in_each_yearly_panel(site, balance_glue):
    # The CSV a reader downloads beside the chart: one row per plotted point, its panel first.
    with open(site / "_static" / "figures" / "chapters-balance-fig-balance.csv", encoding="utf-8", newline="") as file:
        points = list(csv.DictReader(file))
    panels = {p["Panel"].split(":")[0].split(" ")[0]: p["Panel"] for p in points}  # Exports, Imports, Fuel, UN, Visits
    assert sorted(panels) == ["Exports", "Fuel", "Imports", "UN", "Visits"], panels

    def series(panel):
        return {p["Series"] for p in points if p["Panel"] == panels[panel]}

    # One meaning per label: "Four third neighbours" in every row, and the visits row adds all of them under their own name.
    groups = [r for r in rows("partner_groups") if r["partner_group"] == "third_neighbour"]
    for panel in ("Exports", "Imports", "UN"):
        assert series(panel) == {"Russia", "China", "Four third neighbours"}, panel
    assert series("Visits") == {"Russia", "China", "Four third neighbours", f"All {len(groups)} third neighbours"}
    visits = {p["Series"]: p["Value"] for p in points if p["Panel"] == panels["Visits"]}
    assert visits["Four third neighbours"] == str(balance_glue["visits_four"])
    assert visits[f"All {len(groups)} third neighbours"] == str(balance_glue["visits_third_neighbour"])
    assert series("Fuel") == {"Russia"}  # only Russia's share is stated
    # The vote panel has every year, the war years included (the UN's own files cover them).
    un_years = {p["Year"] for p in points if p["Panel"] == panels["UN"]}
    assert {"2021", "2022", "2023", "2024", "2025"} <= un_years
    imports_2025 = {p["Series"]: p["Value"] for p in points if p["Panel"] == panels["Imports"] and p["Year"] == "2025"}
    assert imports_2025 == {"Russia": "24.4", "China": "40.9", "Four third neighbours": "19.8"}
