"""Trade in a part year (mongolia_report.trade) and the monthly table it reads."""

from __future__ import annotations

import pandas as pd
import pytest

from mongolia_report import load
from mongolia_report.trade import part_year


def months(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["month", "exports_million_usd", "imports_million_usd"])


def test_a_part_year_is_compared_with_the_same_months_of_the_year_before():
    table = months(("2025-01", 10, 5), ("2025-02", 20, 5), ("2025-03", 99, 99),  # March 2025 is outside the comparison
                   ("2026-02", 40, 6), ("2026-01", 20, 4))  # out of order on purpose
    ytd = part_year(table)
    assert (ytd.year, ytd.last_month, ytd.months) == (2026, 2, "January–February")
    assert (ytd.exports, ytd.exports_before, ytd.imports, ytd.imports_before) == (60, 30, 10, 10)
    assert (ytd.change("exports"), ytd.change("imports")) == (100, 0)


def test_a_missing_month_is_refused_with_its_name():
    with pytest.raises(ValueError, match="month\\(s\\) 2025-02 missing"):
        part_year(months(("2025-01", 10, 5), ("2026-01", 20, 4), ("2026-02", 40, 6)))


def test_the_months_of_each_full_year_add_up_to_the_yearly_totals():
    monthly = load("mongolia_trade_monthly")
    monthly["year"] = monthly["month"].str[:4].astype(int)
    sums = monthly.groupby("year")[["exports_million_usd", "imports_million_usd"]].agg(["sum", "count"])
    for kind in ("exports", "imports"):
        yearly = load(f"mongolia_{kind}").set_index("year")["total_thousand_usd"]
        full = sums[sums[(f"{kind}_million_usd", "count")] == 12].index
        assert len(full) >= 2
        for year in full:
            # 2025 exactly (its yearly total is this sum); 2024 to within rounding (8 thousand of 15.8 billion dollars)
            assert sums.at[year, (f"{kind}_million_usd", "sum")] * 1000 == pytest.approx(yearly[year], rel=1e-5), (kind, year)


def test_the_part_year_of_the_data_is_january_to_july_2026():
    ytd = part_year(load("mongolia_trade_monthly"))
    assert (ytd.year, ytd.months) == (2026, "January–July")
    # Summed by hand from the NSO's monthly table as republished by data.mn (million US dollars).
    assert round(ytd.exports, 2) == 12205.91 and round(ytd.exports_before, 2) == 7752.20
    assert round(ytd.imports, 2) == 7158.06 and round(ytd.imports_before, 2) == 6482.57


def test_each_partner_s_share_of_a_year_s_trade():
    from mongolia_report.trade import shares

    trade = pd.DataFrame({"total_thousand_usd": [200.0], "russia_thousand_usd": [50.0], "china_thousand_usd": [100.0],
                          "japan_thousand_usd": [10.0], "usa_thousand_usd": [30.0]}, index=pd.Index([2025], name="year"))
    assert shares(trade, ["japan", "usa"]).loc[2025].to_dict() == {"russia": 25.0, "china": 50.0, "third_neighbour": 20.0}
    assert shares(trade, ["japan"]).at[2025, "third_neighbour"] == 5.0


def test_a_part_year_says_how_far_it_reaches_and_how_much_it_moved():
    ytd = part_year(months(("2025-01", 10, 8), ("2026-01", 15, 6)))
    assert (ytd.through, ytd.moved("exports"), ytd.moved("imports", "higher", "lower")) == \
        ("January 2026", "50 per cent more", "25 per cent lower")
