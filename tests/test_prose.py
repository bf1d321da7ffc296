"""What the chapters say: dated, computed where it claims something about the whole data, and fixed where a check found it wrong."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from conftest import ROOT, chapter_notebooks
from mongolia_report import load
from mongolia_report.text import ordinal_word, times_word

NOTEBOOKS = chapter_notebooks()
GLUE = re.compile(r"\{glue:text\}`[^`]+`")
CITE = re.compile(r"\{cite:p\}`[^`]+`")
# A word that claims something about every case in the data ("latest", "only", "never"...).
SWEEPING = re.compile(r"\b(latest|only|first|all|never|every|most|once|twice|a record)\b", re.I)
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
    "Most of the article's factual claims hold": "asserted in the notebook: supported claims are a majority",
    "The errors in the circulating copy are errors of the rewording": "summary of the ledger",
    "Almost all of it comes from Russia": "paraphrase of the shares glued in the same paragraph; asserted in the notebook",
    "Electricity: mostly home-grown": "heading; the share is glued below",
    "says Russia supplies most of Mongolia's electricity": "reports the copy's claim",
    "is reported only in pieces": "describes the data's gaps",
    "dependence on China is most visible in tonnes": "figure of speech",
    "every litre Mongolia imports crosses Russia or China": "geography: Mongolia borders only Russia and China",
    "This chapter counts a country as a third neighbour only where a source does": "describes the method",
    "every source read describes an annual conference": "describes the sources",
    "Volumes by origin were found only for single periods": "describes the data's gaps",
    "Only the opening of the original": "describes the sources",
    "The timeline shows the events the report's datasets record": "describes the chart",
    "The visit tested two things at once": "idiom: at the same time",
    "The rivalry that once gave Mongolia leverage": "once meaning formerly, not a count",
    "Counting only contested votes": "describes the sensitivity check; its result is asserted in the notebook",
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
    "The choice (yes, no or abstain) most of the states voting made": "defines the majority the chapter measures",
    "the First Committee handles disarmament": "names the Assembly's committees",
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


THEME_CHAPTERS = ["chapters/balance", "chapters/next", "chapters/icc", "chapters/energy", "chapters/third-neighbours", "chapters/alignment"]


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


# --- A citation does not make a sentence true if the report's own data say otherwise ----------------

# Cited sentences that say "first", "record", "only", "never", "once" or "twice". Where the report's
# data cover the claim, it is checked against them (a function of the data that must return True);
# where they do not, the reason is written down. A new sentence of this kind fails the test until
# it is added here, so a source's "first" cannot slip past the report's own numbers.
def _never_voted_no():
    votes = load("unga_ukraine_votes")
    return not ((votes["country_iso3"] == "MNG") & (votes["vote"] == "no")).any()


def _trade_fell_first_time_since_2020():
    trade = load("china_russia_trade")
    full = trade[trade["months"] == 12].set_index("year")["total_usd_bn"].sort_index()
    latest = full.index.max()
    falls = [year for year in full.index[1:] if full[year] < full[year - 1]]
    return latest in falls and not [year for year in falls if 2020 < year < latest]


def _rail_record_2024():
    """The railway's 2024 total is the largest full-year total the data hold."""
    freight = load("mongolia_rail_freight")
    years = freight[(freight["scope"] == "ubtz") & (freight["flow"] == "total")
                    & (freight["start_date"].dt.day_of_year == 1) & (freight["end_date"].dt.month == 12)
                    & (freight["end_date"].dt.day == 31)]
    return int(years.loc[years["million_tonnes"].idxmax(), "start_date"].year) == 2024


def _coal_record_latest():
    coal = load("mongolia_coal_exports").set_index("year")["million_tonnes"]
    return coal.idxmax() == coal.index.max()


def _one_visit(iso3, office="head_of_state"):
    visits = load("diplomatic_visits")
    return int(((visits["country_iso3"] == iso3) & (visits["office"] == office) & (visits["direction"] == "to_mongolia")).sum()) == 1


def _first_trip_months_after_warrant():
    trips = load("putin_trips")
    return trips["start_date"].min() >= pd.Timestamp("2023-03-17") + pd.DateOffset(months=2)


def _mongolia_first_party_since_warrant():
    trips = load("putin_trips").sort_values("start_date")
    from mongolia_report.icc import is_party_on

    states = load("icc_states")
    party = [is_party_on(states, t.destination_iso3, t.start_date) for t in trips.itertuples()]
    first_party = next(t for t, p in zip(trips.itertuples(), party) if p)
    return first_party.destination_iso3 == "MNG"


CITED_CLAIMS = {
    "it never joined Russia's \"no\"": _never_voted_no,
    "fell for the first time since 2020": _trade_fell_first_time_since_2020,
    "the railway carried a record": _rail_record_2024,
    "a record of about {glue:text}`coal_max`": _coal_record_latest,
    "coal exports reached a record of about": _coal_record_latest,
    "Emperor Naruhito became the first reigning Japanese emperor to visit": lambda: _one_visit("JPN"),
    "Macron's stop in 2023 was the first by a French president": lambda: _one_visit("FRA"),
    "Putin travelled only to the parts of Ukraine that Russia occupies": _first_trip_months_after_warrant,
    "and his first to a state party since the warrant": _mongolia_first_party_since_warrant,
    # Not covered by the data: the reason instead of a check.
    "Baker first used the term then": "an attribution the cited sources make, reported as theirs; no dataset records who said what",
    "and that Mongolia has always kept a policy of neutrality": "the government's own claim, reported as its statement, not the report's",
    "the chapter relies on the ideal points and the Ukraine resolutions": "describes the method",
    "The first resolution drew": "the earliest resolution in the data, glued",
    "In the first nine months of 2021": "names a period",
    "the first quarter of 2022": "names a period",
    "in the first half of 2025": "names a period",
    "in the first four months": "names a period",
    "set a record for goods handled in 2023": "the Chinese port's throughput is not in the data",
    "Mongolia's only other": "geography: Mongolia borders only Russia and China",
    "article 87(7) lets the Court record a finding": "a verb, not a claim",
    "unless that third state first waives": "a verb, not a claim",
    "after the Chamber first deferred the question": "a verb, not a claim",
    "held its first plenary debate on non-cooperation only in December 2025": "the Assembly's debates are not in the data",
    "debated non-cooperation in plenary for the first time in December 2025": "the Assembly's debates are not in the data",
    "His first trip abroad went to": "glued from the data (the earliest trip)",
    "Only the first part of the original could be read": "describes the sources",
    "the term's first appearance in an official concept": "the concepts' wording is not in the data",
    "Its first meeting drew": "the earliest edition in the data, glued",
    "and Australia's governor-general the first in three decades": "before 2019 the register has no rows",
}
CLAIM_WORDS = re.compile(r"\b(first|a record|record for|only|never|once|twice)\b", re.I)


def cited_claims():
    for notebook in NOTEBOOKS:
        for sentence in markdown_sentences(notebook):
            if CITE.search(sentence) and CLAIM_WORDS.search(sentence):
                yield notebook, sentence


def test_every_cited_first_record_or_only_is_checked_against_the_data_or_explained():
    unlisted = [f"{notebook}: {sentence[:160]}" for notebook, sentence in cited_claims()
                if not any(fragment in sentence for fragment in CITED_CLAIMS)]
    assert unlisted == [], ("a cited sentence says first, record, only, never, once or twice: add it to CITED_CLAIMS "
                            "with a check against the data, or the reason the data cannot check it:\n" + "\n".join(unlisted))


@pytest.mark.parametrize("fragment", [f for f, check in CITED_CLAIMS.items() if callable(check)])
def test_a_cited_claim_the_data_cover_agrees_with_the_data(fragment):
    assert any(fragment in sentence for _, sentence in cited_claims()), f"no sentence says {fragment!r} any more"
    assert CITED_CLAIMS[fragment](), f"the report's own data contradict the cited sentence: {fragment!r}"


def test_the_data_check_catches_a_cited_first_the_data_contradict():
    """The copper sentence the review found: cited, and wrong by the chapter's own 2016 figures."""
    products = load("mongolia_export_products").set_index(["period_id", "basis", "product"])["value_million_usd"]
    copper_led_before_2025 = products[("2016", "all_exports", "copper_concentrate")] > products[("2016", "all_exports", "coal")]
    sentences = [s for _, s in cited_claims() if re.search(r"first (year|time) copper", s)]
    assert not (copper_led_before_2025 and sentences), sentences


# --- Every "as of" is the oldest coverage date of the data behind it ----------------------------------------

AS_OF_PROSE = re.compile(r"\bas of \{glue:text\}`([\w:./-]+?)(?::\w)?`", re.I)


# The overview and the Mongolian summary date their findings with the chapters' own dates (cross-document glue).
@pytest.mark.parametrize("notebook", [n for n in NOTEBOOKS if n not in ("index", "chapters/data", "mn")])
def test_no_as_of_date_is_later_than_the_coverage_of_a_dataset_the_finding_uses(site, notebook):
    """Each date the prose gives as "as of" was glued by glue_as_of, which records the datasets it drew on;
    it must equal the oldest x-complete-through among them, and they must be datasets the page declares."""

    from conftest import glue_values
    from mongolia_report.data import complete_through
    from mongolia_report.pages import DATASETS
    from mongolia_report.text import as_of_sources, long_date

    glued = glue_values(notebook)
    sources = as_of_sources(glued)
    text = "\n".join(markdown_sentences(notebook))
    named = {name.rsplit("::", 1)[-1] for name in AS_OF_PROSE.findall(text) if "::" not in name}
    assert named, f"{notebook} states no date its findings hold as of"
    assert named <= set(sources), f"{notebook}: an 'as of' date not glued by glue_as_of: {sorted(named - set(sources))}"
    for name, datasets in sources.items():
        assert set(datasets) <= set(DATASETS[notebook]), f"{notebook}: {name} draws on datasets the page does not declare"
        days = [day for day in (complete_through(d) for d in datasets) if day is not None]
        assert glued[name] == long_date(min(days)), f"{notebook}: {name} is {glued[name]}, but {datasets} are complete only through {long_date(min(days))}"


def test_the_overview_s_as_of_dates_are_the_chapters(site):
    """The overview quotes each chapter's dates (glued across notebooks), each one glued by glue_as_of there,
    except a finding about a past day, dated by that day."""

    from conftest import glue_values
    from mongolia_report.text import as_of_sources

    about_a_past_day = {"chapters/icc.ipynb::mng_visit_start": "the obligation on the day of the visit"}
    text = "\n".join(markdown_sentences("index"))
    for name in AS_OF_PROSE.findall(text):
        assert "::" in name, f"the overview dates a finding by its own {name!r}"
        if name in about_a_past_day:
            continue
        notebook, glue_name = name.split("::")
        recorded = as_of_sources(glue_values(notebook.removesuffix(".ipynb")))
        assert glue_name in recorded, f"the overview dates a finding by {name!r}, which glue_as_of did not glue"


def test_the_approximate_coal_record_is_called_approximate_wherever_it_is_stated():
    """The 2025 coal tonnage is approximate in the data (qualifier 'about'); no chapter states it bare."""
    coal = load("mongolia_coal_exports").set_index("year")
    assert coal.at[coal["million_tonnes"].idxmax(), "qualifier"] == "about"
    stated = [(n, s) for n in NOTEBOOKS for s in markdown_sentences(n) if "`coal_max`" in s or "::coal_max" in s]
    assert stated, "no chapter states the coal record"
    for notebook, sentence in stated:
        assert re.search(r"about \{glue:text\}`[\w:./-]*coal_max", sentence), f"{notebook}: {sentence[:160]}"


def test_no_partner_of_long_standing_is_called_a_new_partner():
    """What happened next may call partnerships agreed since the visit new, not one the data date earlier
    (India has been a strategic partner since 2015, per partner_groups)."""
    groups = load("partner_groups")
    since = {row.country: int(m.group(1)) for row in groups.itertuples()
             if (m := re.search(r"[Ss]trategic partners? since (?:\w+ )?(\d{4})", row.note or ""))}
    assert since.get("India") == 2015
    for sentence in markdown_sentences("chapters/next"):
        if re.search(r"\bnew\b.*partnership", sentence):
            named = [country for country, year in since.items() if year < 2024 and country in sentence.split("new", 1)[1]]
            assert named == [], f"called new partners, but partners since before the visit: {named}: {sentence[:160]}"


def test_how_often_reads_as_prose():
    assert [times_word(n) for n in (1, 2, 3, 13)] == ["once", "twice", "three times", "13 times"]
