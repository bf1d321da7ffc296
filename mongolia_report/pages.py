"""The datasets each page draws on, declared once.

Everything that needs to know what a page is made from reads this one table:

- the notebook, through :func:`mongolia_report.data.use_data` in its first cell: loading a
  dataset it does not declare is an error (helpers that load data for it included), and
  its "as of" dates come from the coverage of the datasets declared here;
- the page dates (``mongolia_report.site.changes``): a change to one of these files
  re-dates the page and makes Sphinx read it again;
- the cache guard (``scripts/cache_guard.py``): a change to one of these files re-executes
  the notebooks that declare it, and only those;
- the data status page, which says which pages each dataset feeds.

The keys are the pages' names in ``_toc.yml``. ``EVERY_DATASET`` stands for the whole
package (the data catalogue lists every dataset).
"""

from __future__ import annotations

EVERY_DATASET = "*"

# The chapter's datasets; the datasets of the maps it draws come last.
DATASETS: dict[str, tuple[str, ...]] = {
    # The landing page's first lines (the report-edition directive) name the events announced for after the news reach.
    "index": ("announced_events", "corridor_lines", "corridor_points", "places", "capitals", "country_points", "countries_110m"),
    "chapters/icc": ("icc_states", "icc_party_counts", "icc_noncompliance", "putin_trips", "putin_mongolia_visits",
                     "country_points", "countries_110m"),
    "chapters/energy": ("mongolia_exports", "mongolia_trade_monthly", "china_export_share_reports", "mongolia_exports_by_section",
                        "mongolia_export_products", "mongolia_coal_exports", "fuel_imports", "electricity_balance",
                        "electricity_imports_by_origin", "russia_mongolia_ventures", "claims",
                        "corridor_lines", "corridor_points", "places", "country_points", "countries_110m"),
    "chapters/third-neighbours": ("diplomatic_visits", "partner_groups", "ub_dialogue", "claims",
                                  "capitals", "country_points", "countries_110m"),
    "chapters/alignment": ("unga_ukraine_resolutions", "unga_ukraine_votes", "unga_agreement", "china_russia_trade", "mongolia_rail_freight",
                           "events", "capitals", "countries_110m"),
    "chapters/un-votes": ("unga_agreement", "unga_mongolia_votes", "unga_split_votes", "unga_majority", "unga_ideal_points",
                          "unga_us_coincidence", "unga_source_check", "unga_source_overlap", "unga_vote_coverage", "unga_ukraine_votes"),
    "chapters/un-vote-list": ("unga_recorded_votes", "unga_vote_coverage"),
    "chapters/balance": ("mongolia_exports", "mongolia_imports", "mongolia_trade_monthly", "fuel_imports", "unga_agreement", "diplomatic_visits",
                         "partner_groups"),
    "chapters/claims": ("claims",),
    "chapters/next": ("events", "icc_noncompliance", "icc_states", "putin_trips", "putin_mongolia_visits",
                      "diplomatic_visits", "partner_groups", "unga_ukraine_resolutions", "unga_ukraine_votes",
                      "ub_dialogue", "china_russia_trade", "mongolia_exports", "mongolia_coal_exports",
                      "mongolia_export_products", "fuel_imports", "unga_agreement", "unga_mongolia_votes"),
    "chapters/data": (EVERY_DATASET,),
    # The Mongolian summary: its numbers and dates are the chapters' own glue; it loads its glossary, and the balance
    # chapter's datasets for the balance figure drawn again in Mongolian.
    "mn": ("glossary", "mongolia_exports", "mongolia_imports", "fuel_imports", "unga_agreement", "diplomatic_visits", "partner_groups"),
}


# Pages written in another language than the book's English, by their language's BCP 47 tag: the site marks
# their content with it (site.language), gives them a citation in that language (site.citebox), and
# prints them with a font that has its letters (assets' print styles).
LANGUAGES: dict[str, str] = {"mn": "mn"}


# What each page draws: the tests that check every chart and every map in a browser (drawn, labelled,
# printable, downloadable) take their pages from here, and a test of the built site checks it against
# the pages as built, so a page that draws with another helper (make_subplots) is not missed.
CHARTS = ("chapters/icc", "chapters/energy", "chapters/third-neighbours", "chapters/alignment", "chapters/un-votes",
          "chapters/balance", "chapters/next", "chapters/claims", "mn")
MAPS = ("index", "chapters/icc", "chapters/energy", "chapters/third-neighbours")


def datasets_of(page: str, every: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The datasets a page declares; ``every`` is what ``EVERY_DATASET`` stands for."""
    try:
        declared = DATASETS[page]
    except KeyError:
        raise KeyError(f"mongolia_report/pages.py declares no datasets for page {page!r} "
                       f"(it knows {', '.join(DATASETS)})") from None
    return tuple(every) if EVERY_DATASET in declared else declared


def pages_using(dataset: str) -> list[str]:
    """The pages that declare a dataset, in the order of the table above."""
    return [page for page, names in DATASETS.items() if dataset in names or EVERY_DATASET in names]
