"""Trade: each partner's share of a year's trade, and the months of a year the statistics reach,
against the same months a year earlier.

The statistical office publishes each month's exports and imports (``mongolia_trade_monthly``)
long before its yearly table by partner; a part year is only comparable with the same months
of the year before, never with a full year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PartYear:
    year: int
    last_month: int  # 1-12: the months compared are January to this one
    exports: float  # million US dollars, the months of ``year``
    imports: float
    exports_before: float  # the same months of the year before
    imports_before: float

    @property
    def months(self) -> str:
        """'January–July' (or 'January' for one month)."""
        last = calendar.month_name[self.last_month]
        return "January" if self.last_month == 1 else f"January–{last}"

    @property
    def through(self) -> str:
        """'July 2026': the last month the figures reach."""
        return f"{calendar.month_name[self.last_month]} {self.year}"

    def change(self, kind: str) -> float:
        """Per cent change of 'exports' or 'imports' on the same months of the year before."""
        now, before = getattr(self, kind), getattr(self, f"{kind}_before")
        return (now / before - 1) * 100

    def moved(self, kind: str, up: str = "more", down: str = "less") -> str:
        """The change as prose says it: '57 per cent more' (or ``up``/``down``: 'higher', 'lower')."""
        change = self.change(kind)
        return f"{abs(change):.0f} per cent {up if change > 0 else down}"


def part_year(monthly: pd.DataFrame) -> PartYear:
    """The newest year's months in ``monthly`` (columns month 'YYYY-MM', exports_million_usd,
    imports_million_usd) against the same months of the year before; every month of both must be there."""
    months = pd.PeriodIndex(monthly["month"], freq="M")
    newest = months.max()
    table = monthly.set_index(months)
    wanted = {year: pd.period_range(f"{year}-01", f"{year}-{newest.month:02d}", freq="M") for year in (newest.year, newest.year - 1)}
    missing = [str(m) for span in wanted.values() for m in span if m not in table.index]
    if missing:
        raise ValueError(f"mongolia_trade_monthly: month(s) {', '.join(missing)} missing, so January–{newest.strftime('%B')} "
                         f"{newest.year} cannot be compared with the same months of {newest.year - 1}")

    def total(year: int, column: str) -> float:
        return float(table.loc[wanted[year], column].sum())

    return PartYear(year=newest.year, last_month=newest.month,
                    exports=total(newest.year, "exports_million_usd"), imports=total(newest.year, "imports_million_usd"),
                    exports_before=total(newest.year - 1, "exports_million_usd"),
                    imports_before=total(newest.year - 1, "imports_million_usd"))


def shares(trade: pd.DataFrame, third: list[str]) -> pd.DataFrame:
    """Russia's, China's and the named third neighbours' (together) share of each year's total, in per cent.

    ``trade`` is mongolia_exports or mongolia_imports indexed by year; ``third`` names the partners'
    columns without their unit ("japan", "korea", ...)."""
    total = trade["total_thousand_usd"]
    return pd.DataFrame({"russia": trade["russia_thousand_usd"] / total * 100, "china": trade["china_thousand_usd"] / total * 100,
                         "third_neighbour": trade[[f"{name}_thousand_usd" for name in third]].sum(axis=1) / total * 100})
