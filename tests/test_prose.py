"""What the chapters say: dated, computed where it claims something about the whole data, and fixed where a check found it wrong."""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT, chapter_notebooks
from mongolia_report import load
from mongolia_report.text import ordinal_word

NOTEBOOKS = chapter_notebooks()
GLUE = re.compile(r"\{glue:text\}`[^`]+`")
CITE = re.compile(r"\{cite:p\}`[^`]+`")
# A word that claims something about every case in the data ("latest", "only", "never"...).
SWEEPING = re.compile(r"\b(latest|only|first|all|never|every|most)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z({*])")

# Sentences with a sweeping word that are neither computed (glued) nor sourced (cited) in the
# same sentence, each checked by hand. The word here is a fact about the report or the method,
# or a paraphrase of a source cited in the neighbouring sentence, not a count over the data.
REVIEWED = {
    "Every chapter is an executable notebook": "describes the report",
    "every table is a CSV in": "describes the report",
    "Every number in the text is computed below": "describes the chapter",
    "Every dataset behind the report": "describes the catalogue",
    "checks the file against its schema first": "describes the loader",
    "shows only counts that a source states on a given date": "describes the chart",
    "The map also marks the signatories that never ratified": "describes the map's categories",
    "Mongolia also asked for consultations, but only days ahead": "the consultation request's timing, cited in the paragraph",
    "transit volumes for a few periods only": "describes the data's gaps",
    "First, the neighbours now agree": "enumeration",
    "each vote comes from a news report of it": "describes the sources",
    "Only the first part of the original could be read": "describes the sources",
    "**Cite the original,** with its date and licence, never the copy": "advice",
    "Most of the article's factual claims hold": "computed in the admonition above (n_supported of n_claims)",
    "The errors in the circulating copy are errors of the rewording": "summary of the ledger",
    "Almost all of it comes from Russia": "paraphrase of the shares glued in the same paragraph",
    "Electricity: mostly home-grown": "heading; the share is glued below",
    "says Russia supplies most of Mongolia's electricity": "reports the copy's claim",
    "is reported only in pieces": "describes the data's gaps",
    "dependence on China is most visible in tonnes": "figure of speech",
    "Nearly all of it goes south by truck": "paraphrase of the export share glued above",
    "every litre Mongolia imports crosses Russia or China": "geography: Mongolia borders only Russia and China",
    "This chapter counts a country as a third neighbour only where a source does": "describes the method",
    "every source read describes an annual conference": "describes the sources",
    "Volumes by origin were found only for single periods": "describes the data's gaps",
    "Only the opening of the original": "describes the sources",
    "The timeline shows the events the report's datasets record": "describes the chart",
    "An event dated only to the month": "describes the chart",
    "the first time since 2020": "cited in the same paragraph",
    "Russia was expected to supply all of its fuel imports in 2026": "paraphrase of a cited statement",
    "mostly coal and copper": "glued shares in the energy chapter",
    "is the legal heart of every case": "legal argument",
    "runs through Mongolia's case": "legal argument",
    "The timeline reads them from the datasets behind the other chapters": "describes the chapter's method",
    "across all the report's themes": "describes the report",
    "**In this chapter:**": "table of contents of the chapter",
    "Mongolia was not the first state to let a wanted suspect go": "computed: the chapter glues Mongolia's rank among the findings",
    "For 2026 the sources read confirm only a visit to China in May": "describes the data's gaps",
    "are known only from news reports and statements": "describes the sources",
    "The claim that Russia supplies most of Mongolia's electricity is wrong": "verdict on the copy's claim; the shares are glued above",
    "reported for a few periods only": "describes the data's gaps",
    "found for a few periods only": "describes the data's gaps",
    "shows that China buys most of Mongolia's exports": "points to the energy chapter, which glues the share",
    "The original could be read only in part": "describes the sources",
}


def markdown_sentences(notebook: str):
    nb = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for paragraph in cell.source.split("\n"):
                yield from (s for s in SENTENCE_END.split(paragraph) if s.strip())


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_sweeping_words_are_computed_sourced_or_reviewed(notebook):
    unreviewed = []
    for sentence in markdown_sentences(notebook):
        if not SWEEPING.search(sentence) or GLUE.search(sentence) or CITE.search(sentence):
            continue
        if not any(fragment in sentence for fragment in REVIEWED):
            unreviewed.append(sentence[:160])
    assert unreviewed == [], (
        "a sentence makes a claim about the whole data without computing it (glue) or citing it; "
        "compute and glue the claim, cite it, rephrase, or add it to REVIEWED with the reason:\n" + "\n".join(unreviewed)
    )


def short_answer(notebook: str) -> str:
    nb = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4)
    # The chapter's opening: its first cell the site shows (the note for JupyterLab readers comes before it).
    text = next(cell.source for cell in nb.cells if "remove-cell" not in cell.metadata.get("tags", []))
    match = re.search(r"\*\*Short answer\*\*.*", text)
    return match.group(0) if match else ""


THEME_CHAPTERS = ["chapters/next", "chapters/icc", "chapters/energy", "chapters/third-neighbours", "chapters/alignment"]


@pytest.mark.parametrize("notebook", THEME_CHAPTERS)
def test_every_short_answer_says_the_date_it_is_true_as_of(notebook):
    answer = short_answer(notebook)
    assert answer, f"{notebook} has no short answer"
    assert re.search(r"\(as of \{glue:text\}`[a-z_]+`\)", answer), f"{notebook}: the short answer has no glued 'as of' date"


def test_every_key_finding_says_the_date_it_is_true_as_of_and_one_leads_to_what_happened_next():
    nb = nbformat.read(ROOT / "index.ipynb", as_version=4)
    findings = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Key findings"))
    bullets = [line for line in findings.splitlines() if line.startswith("- ")]
    for bullet in bullets:
        assert re.search(r"\(as of \{glue:text\}`chapters/[^`]+`\)", bullet), f"finding without a glued 'as of' date: {bullet[:80]}"
    assert any("{ref}`next-chapter`" in bullet for bullet in bullets)


# Regressions: statements an independent check found wrong.


def notebook_text(notebook: str) -> str:
    nb = nbformat.read(ROOT / f"{notebook}.ipynb", as_version=4)
    return "\n".join(cell.source for cell in nb.cells)


def test_no_finding_calls_mongolia_the_latest_state_found_in_breach():
    """The Court found Hungary and Italy in breach after Mongolia; 'the latest of 8' was false."""
    for notebook in ["index", "chapters/icc", "chapters/next"]:
        assert not re.search(r"latest of \{glue", notebook_text(notebook)), notebook
    findings = load("icc_noncompliance").sort_values("decision_date")
    assert findings.iloc[-1]["finding_id"] != "MNG-2024"


def test_the_count_of_parties_at_the_visit_is_the_count_on_that_day():
    """'Mongolia was one of N states parties' speaks of September 2024, so N is the count on that day."""
    overview = notebook_text("index")
    assert "icc.ipynb::n_parties_at_visit" in overview and "icc.ipynb::n_parties:" not in overview
    assert "{glue:text}`n_parties_at_visit`" in short_answer("chapters/icc")


def test_china_russia_trade_is_not_said_to_have_doubled_since_2022():
    text = notebook_text("chapters/alignment")
    assert "more than doubled since" not in text
    trade = load("china_russia_trade").set_index("year")
    full = trade[trade["months"] == 12]["total_usd_bn"]
    assert full[full.index > 2021].max() / full[2021] < 2


def test_kyrgyzstan_is_not_placed_between_russia_and_china():
    """Kyrgyzstan borders China, not Russia."""
    for notebook in NOTEBOOKS:
        for sentence in markdown_sentences(notebook):
            # What the sentence says of Kyrgyzstan: the clause that follows its name.
            for clause in re.findall(r"Kyrgyzstan(?:,| and)[^.;]*", sentence):
                described = re.split(r",\s+(?:are|is|voted|and)\b", clause)[0]
                assert "Russia" not in described, sentence


def test_the_claims_ledger_agrees_with_its_own_chapter_and_counts_every_visit():
    claims = load("claims").set_index("claim_id")
    ledger_text = notebook_text("chapters/claims")
    # The chapter says the copy turned a fifth anniversary into a second: the ledger must call it a copy error.
    assert "a fifth anniversary into a second" in ledger_text
    second = claims[claims["claim"].str.contains('"second"')]
    assert list(second["verdict"]) == ["copy_error"]
    assert "fifth" in second.iloc[0]["original"]
    # Every visit Putin made to Mongolia, including the one as prime minister (2009).
    visits = load("putin_mongolia_visits")
    assert (visits["office"] == "prime_minister").any()
    ordinal = ordinal_word(len(visits))
    assert f"his {ordinal} visit" in claims.at["C04", "evidence"]
    assert "as prime minister" in claims.at["C04", "evidence"]
