"""The balance in one figure: Mongolia between Russia, China and its third neighbours in five measures.

Why here: the balance chapter draws it in English and the Mongolian summary draws it again in Mongolian; both
take the measures from ``measures`` and the figure from ``figure``, so the two cannot drift apart. The words
of each language (titles, legend, hover text, the text description) are in ``labels.BALANCE``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import labels
from .charts import bar, describe, finish, markers, panel, yearly_line
from .text import FUEL_SCOPES
from .theme import PARTNER_COLOURS
from .trade import shares
from .unvotes import yearly_pooled

POLES = ["russia", "china", "third_neighbour"]
# The third neighbours whose trade the data package records, by ISO code and column name.
FOUR = {"JPN": "japan", "KOR": "korea", "USA": "usa", "DEU": "germany"}
GROUPS = {"russia": ["RUS"], "china": ["CHN"], "third_neighbour": list(FOUR)}  # whose votes each pole pools
# The datasets the measures draw on: the figure holds as of the oldest of their coverage dates.
DATASETS = ("mongolia_exports", "mongolia_imports", "fuel_imports", "unga_agreement", "diplomatic_visits", "partner_groups")


@dataclass
class Measures:
    """The five measures, each pole's series and the year's counts."""

    year: int  # the last year all five measures cover in full
    first: int  # the first year both trade series cover
    n_third: int  # the countries the partner rule calls third neighbours
    export_share: pd.DataFrame
    import_share: pd.DataFrame
    un: pd.DataFrame  # yearly pooled vote agreement by pole
    fuel_points: pd.DataFrame  # Russia's stated share of fuel, to the as-of date
    visit_counts: pd.Series  # the year's visits by pole (and "other")
    visits_four: int  # the year's visits involving one of the four
    in_year: pd.DataFrame  # the year's visits
    compared_rus: int  # votes compared with Russia in the year


def measures(exports: pd.DataFrame, imports: pd.DataFrame, fuel: pd.DataFrame, agreement: pd.DataFrame, visits: pd.DataFrame,
             groups: pd.Series, as_of: pd.Timestamp) -> Measures:
    """The measures from the tables (exports and imports indexed by year, groups by ISO code) as of ``as_of``."""
    assert all(groups[iso3] == "third_neighbour" for iso3 in FOUR), "the four are third neighbours by the report's rule"
    year = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    export_share, import_share = shares(exports, list(FOUR.values())), shares(imports, list(FOUR.values()))
    first = int(max(export_share.index.min(), import_share.index.min()))
    un = pd.DataFrame({pole: yearly_pooled(agreement, partners) for pole, partners in GROUPS.items()}).loc[first:year]
    fuel_points = fuel.dropna(subset=["russia_share_pct"])
    fuel_points = fuel_points[fuel_points["end_date"] <= as_of].sort_values("end_date")
    visits = visits.assign(pole=visits["country_iso3"].map(groups))
    assert visits["pole"].notna().all(), "every visited or visiting country has a partner group"
    in_year = visits[visits["start_date"].dt.year == year]
    compared = agreement.query("country_iso3 == 'MNG' and partner_iso3 == 'RUS'").set_index("year").at[year, "n_compared"]
    return Measures(year=year, first=first, n_third=int((groups == "third_neighbour").sum()), export_share=export_share,
                    import_share=import_share, un=un, fuel_points=fuel_points,
                    visit_counts=in_year["pole"].value_counts().reindex([*POLES, "other"], fill_value=0),
                    visits_four=int(in_year["country_iso3"].isin(list(FOUR)).sum()), in_year=in_year, compared_rus=int(compared))


def measures_from_data(as_of: pd.Timestamp | None = None) -> Measures:
    """The measures from the data package's tables, as of the oldest coverage date of ``DATASETS`` unless given."""
    from .coverage import as_of as oldest_coverage
    from .data import load

    return measures(load("mongolia_exports").set_index("year"), load("mongolia_imports").set_index("year"), load("fuel_imports"),
                    load("unga_agreement"), load("diplomatic_visits"), load("partner_groups").set_index("iso3")["partner_group"],
                    as_of if as_of is not None else oldest_coverage(*DATASETS))


def text_description(m: Measures, language: str = "en") -> str:
    """What the figure shows, from the numbers it plots, for readers who cannot see it."""
    words = labels.BALANCE[language]

    def first_and_last(share: pd.DataFrame, key: str) -> str:
        return words["first_and_last"].format(pole=words["partner"][key], first=m.first, year=m.year,
                                              a=share.at[m.first, key], b=share.at[m.year, key])

    fuel = m.fuel_points
    return describe(words["alt_intro"].format(first=m.first, year=m.year, n=m.n_third), [
        *(words["alt_share"][kind] + ", ".join(first_and_last(share, key) for key in POLES)
          for kind, share in [("exports", m.export_share), ("imports", m.import_share)]),
        words["alt_fuel"].format(n=len(fuel), a=fuel["end_date"].dt.year.min(), b=fuel["end_date"].dt.year.max(),
                                 low=fuel["russia_share_pct"].min(), high=fuel["russia_share_pct"].max()),
        words["alt_un"].format(year=m.year, values=", ".join(f"{words['partner'][key]} {m.un.at[m.year, key]:.2f}" for key in POLES),
                               n=m.compared_rus),
        words["alt_visits"].format(year=m.year, russia=m.visit_counts["russia"], china=m.visit_counts["china"], four=m.visits_four,
                                   n=m.n_third, all=m.visit_counts["third_neighbour"])])


def figure(m: Measures, language: str = "en"):
    """The five measures as stacked panels sharing one time axis (the visits row, one year, has its own)."""
    from plotly.subplots import make_subplots

    words = labels.BALANCE[language]
    rows = [*words["rows"][:4], words["rows"][4].format(year=m.year)]
    # The four yearly rows share one time axis; the visits row, one year only, has its own, so its bars are wide enough to read.
    # Each trace is added to its row with charts.panel, which names the row in the chart's table and CSV.
    fig = make_subplots(rows=len(rows), cols=1, vertical_spacing=0.08, subplot_titles=rows)
    names = {**words["poles"], "third_neighbour": words["four"]}  # the pole is the four, except where said
    for pole in POLES:
        name, colour = names[pole], PARTNER_COLOURS[pole]
        for row, frame, hover in [(1, m.export_share, words["hover_share"]), (2, m.import_share, words["hover_share"]),
                                  (4, m.un, words["hover_agreement"])]:
            panel(fig, row, yearly_line(frame.index, frame[pole], name, colour, hover, legendgroup=pole))
        count = m.visits_four if pole == "third_neighbour" else m.visit_counts[pole]
        panel(fig, 5, [bar([m.year], [count], name, colour, words["hover_visits"], offsetgroup=pole, legendgroup=pole,
                      text=[count], textposition="outside")])
    # The visits row also counts every country the partner rule calls a third neighbour: a hatched bar under its own name.
    # Side by side, not stacked on one point, so equal counts stay apart and each is labelled.
    panel(fig, 5, [bar([m.year], [m.visit_counts["third_neighbour"]], words["all"].format(n=m.n_third), PARTNER_COLOURS["third_neighbour"],
                  words["hover_visits"], hatch=True, offsetgroup="all_third", legendgroup="all_third",
                  text=[m.visit_counts["third_neighbour"]], textposition="outside")], legend=True)
    fuel = m.fuel_points
    scopes = words["fuel_scopes"] or {scope: name.lower() for scope, name in FUEL_SCOPES.items()}
    fuel_text = [[words["stated"][q].format(v=f"{v:g}%"), scopes[s]] for q, v, s in zip(fuel["qualifier"], fuel["russia_share_pct"], fuel["scope"])]
    panel(fig, 3, [markers(list(fuel["end_date"].dt.year), list(fuel["russia_share_pct"]), words["poles"]["russia"],
                      PARTNER_COLOURS["russia"], words["hover_fuel"], symbol="diamond", size=10, side_label=True, customdata=fuel_text,
                      legendgroup="russia")])
    for row, top in [(1, 100), (2, 100), (3, 100), (4, 1.0), (5, max(m.visit_counts[POLES]) + 2)]:  # room for the bars' labels
        fig.update_yaxes(range=[0, top * 1.05], row=row, col=1)
    fig.update_yaxes(nticks=4, row=5, col=1)  # the short visits row: few count labels, clear of each other at phone width
    for row in range(1, 5):
        fig.update_xaxes(range=[m.first - 0.5, m.year + 0.5], dtick=5, matches="x", showticklabels=row == 4, row=row, col=1)
    fig.update_xaxes(range=[m.year - 0.5, m.year + 0.5], tickvals=[m.year], row=5, col=1)
    fig.update_annotations(font_size=13)  # the panel titles
    fig.update_layout(title=words["title"].format(first=m.first, year=m.year), legend_y=-0.045, margin=dict(t=105), barmode="group",
                      bargroupgap=0.15)
    return finish(fig, height=940, alt=text_description(m, language))
