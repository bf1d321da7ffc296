"""``{data-freshness}``: the status page's table of how old each dataset is.

Why a directive rather than a notebook: the ages are counted to the day of the build,
and Sphinx re-reads only documents that changed, so the page that holds the directive
is marked outdated on every build (``env-get-outdated``) and its ages are never a
previous build's.
"""

from __future__ import annotations

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

FRESHNESS_COLUMNS = [
    ("Dataset", 24), ("Complete through", 11), ("Last record", 11), ("Age (months)", 7), ("Used by", 17),
    ("Sources could cover", 11), ("Newer sources last searched", 11),
]
FRESHNESS_PAGES = ("status",)  # documents that hold the directive, re-read on every build


class DataFreshness(SphinxDirective):
    """A table of every dataset's current-to date and its age on the day of the build."""

    def run(self) -> list[nodes.Node]:
        from ..data import PACKAGE_FILE, read_package
        from ..freshness import freshness_rows
        from ..text import long_date

        self.env.note_dependency(str(PACKAGE_FILE))
        reach = read_package()["x-news-reach"]
        stated = nodes.paragraph(ids=["news-reach"])
        stated += nodes.strong(text=f"How far the stored news reach: {long_date(pd.Timestamp(reach['date']))}. ")
        stated += nodes.Text(" ".join(str(reach["note"]).split()) + f" (Measured on {long_date(pd.Timestamp(reach['searched_on']))}.) "
                             "No dataset built from news is complete through a later day.")

        table = nodes.table(classes=["mnr-freshness"])
        table += nodes.title(text="How current each dataset is")
        group = nodes.tgroup(cols=len(FRESHNESS_COLUMNS))
        table += group
        group += [nodes.colspec(colwidth=width) for _, width in FRESHNESS_COLUMNS]

        def row(cells: list[str]) -> nodes.row:
            line = nodes.row()
            for text in cells:
                line += nodes.entry("", nodes.paragraph(text=text))
            return line

        group += nodes.thead("", row([name for name, _ in FRESHNESS_COLUMNS]))
        body = nodes.tbody()
        for item in freshness_rows():
            age = "" if item["age_months"] is None else str(item["age_months"])
            due = " (update due)" if item["behind"] else ""
            used = ", ".join(page.removeprefix("chapters/") for page in item["used_by"])
            body += row([f"{item['title']} ({item['name']})", item["complete_through"] + due, item["current_to"], age, used,
                         item["newest_available"], item["update_checked"]])
        group += body
        return [stated, table]


def always_reread(app: Sphinx, env, added, changed, removed) -> list[str]:
    return [doc for doc in FRESHNESS_PAGES if doc in env.found_docs]


def setup(app: Sphinx) -> None:
    app.add_directive("data-freshness", DataFreshness)
    app.connect("env-get-outdated", always_reread)
