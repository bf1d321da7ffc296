"""The glossary (data/glossary.csv) as the Mongolian summary shows it: grouped by kind, each form with its source."""

from __future__ import annotations

import pandas as pd

from . import labels
from .keys import split_keys
from .markup import markdown_text
from .text import cite_role


def table(glossary: pd.DataFrame) -> object:
    """A MyST table to glue (``{glue:md}`` with ``:format: myst``): Mongolian, English and the sources' citation,
    under the heading of each kind (``labels.GLOSSARY_KIND``). The forms are data, shown as typed (markdown_text)."""
    from IPython.display import Markdown

    rows = ["| Монгол | English | Эх сурвалж |", "|---|---|---|"]
    for kind, words in labels.GLOSSARY_KIND.items():
        group = glossary[glossary["kind"] == kind]
        if not group.empty:
            rows.append(f"| **{words}** | | |")
            rows += [f"| {markdown_text(term.mongolian)} | {markdown_text(term.english)} | {cite_role(split_keys(term.source))} |"
                     for term in group.itertuples()]
    return Markdown("\n".join(rows))
