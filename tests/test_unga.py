"""The UN General Assembly tables: derived reproducibly from the raw files, and checked against figures
computed or published elsewhere (the State Department's counts, the report's own Ukraine votes, the
totals each record states)."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, Job, early, load_script
from mongolia_report import load

derive_unga = load_script("derive_unga")
RAW = derive_unga.RAW
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"the raw UN voting files are not in {RAW} (CI has them)")


def start_derivation(folder: Path) -> Job:
    """`make unga`'s derivation into ``folder``, in a process of its own; it prints its statistics as JSON last."""
    folder.mkdir(parents=True, exist_ok=True)
    script = ("import json, sys; from pathlib import Path; sys.path.insert(0, 'scripts'); import derive_unga; "
              "print(json.dumps(derive_unga.derive(Path(sys.argv[1]))))")
    job = Job([sys.executable, "-c", script, str(folder)], cwd=ROOT)
    job.folder = folder
    return job


# The derivation (a quarter of a minute) needs nothing from the session: conftest.py starts it when the tests are collected.
EARLY_FIXTURES = {"derived"}


def start_early(workspace: Path) -> dict[str, Job]:
    return {"derived": start_derivation(workspace / "unga")} if RAW.is_dir() else {}


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> tuple[Path, dict]:
    job = early("derived") or start_derivation(tmp_path_factory.mktemp("unga"))
    returncode, output = job.result()
    assert returncode == 0, f"make unga's derivation failed:\n{output[-3000:]}"
    return job.folder, json.loads(output.strip().splitlines()[-1])


@needs_raw
@pytest.mark.slow  # runs the whole derivation
def test_the_derived_tables_are_reproduced_byte_for_byte_from_the_raw_files(derived):
    folder, stats = derived
    for name in derive_unga.TABLES:
        fresh = (folder / f"{name}.csv").read_bytes()
        assert fresh == (ROOT / "data" / f"{name}.csv").read_bytes(), f"data/{name}.csv differs from what make unga derives"
    assert stats["cpu_seconds"] < 60, f"the derivation took {stats['cpu_seconds']:.0f} s of processor time, over a minute"
    assert sum((ROOT / "data" / f"{name}.csv").stat().st_size for name in derive_unga.TABLES) < 300 * 1024


def test_a_raw_file_with_another_checksum_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "unga" / "voeten-idealpoints"
    fake.mkdir(parents=True)
    (fake / "Idealpointestimates1946-2025.tab").write_text("not the authors' table\n")
    monkeypatch.setattr(derive_unga, "RAW", tmp_path / "unga")
    with pytest.raises(SystemExit, match="Idealpointestimates1946-2025.tab: SHA-256 .* is not the recorded"):
        derive_unga.raw_bytes("ideal_points", download=False)


@pytest.mark.parametrize("year", [2019, 2020, 2022, 2023])
def test_the_state_department_s_counts_for_mongolia_are_reproduced(year):
    """Same, partial and opposite votes with the United States: 2019 and 2020 mostly from the UN's own files with the
    Library's for what they lack, 2022 and 2023 from the UN's files alone."""
    ours = load("unga_agreement").query("country_iso3 == 'MNG' and partner_iso3 == 'USA'").set_index("year")
    state = load("unga_us_coincidence").query("iso3 == 'MNG'").set_index("year")
    assert tuple(int(ours.at[year, k]) for k in ("n_same", "n_partial", "n_opposite")) == \
        tuple(int(state.at[year, k]) for k in ("same", "partial", "opposite"))
    assert round(float(ours.at[year, "agreement"]), 2) == float(state.at[year, "coincidence"])


@needs_raw
def test_the_2025_ukraine_votes_agree_with_the_report_s_own_table():
    records = pd.read_csv(RAW / "undl-scrapes" / "un_votes_2025_processed.csv", low_memory=False)
    records["symbol"] = records["Resolution"].str.replace("A/RES/", "", regex=False)
    ours = load("unga_ukraine_votes").pivot(index="resolution_id", columns="country_iso3", values="vote")
    words = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}
    compared = 0
    for symbol in ("ES-11/7", "ES-11/8", "ES-11/9"):
        row = records[records["symbol"] == symbol].iloc[0]
        for state in ("MNG", "CHN", "RUS"):
            assert words[row[state]] == ours.at[symbol, state], (symbol, state)
            compared += 1
    assert compared == 9


@needs_raw
@pytest.mark.parametrize("which", ["2019-2021", "2025"])
def test_each_roll_call_s_counted_votes_match_the_totals_its_record_states(which):
    if which == "2025":
        table = pd.read_csv(RAW / "undl-scrapes" / "un_votes_2025_processed.csv", low_memory=False)
        table = table[table["Council"] == "General Assembly"]
        states = [c for c in table.columns if len(c) == 3 and c.isupper()]
        words = {"YES": "YES COUNT", "NO": "NO COUNT", "ABSTAIN": "ABSTAIN COUNT"}
    else:
        raw = zipfile.ZipFile(RAW / "undl-scrapes" / "undl-scrape-1946-2021.csv.zip").read("UN DATA.csv")
        table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", low_memory=False)
        table = table[(table["Council"] == "General Assembly") & (pd.to_datetime(table["Date"], errors="coerce") >= "2019-01-01")]
        states = [c for c in table.columns if c.isupper() and table[c].isin(["Y", "N", "A", "X"]).any()]
        words = {"Y": "YES COUNT", "N": "NO COUNT", "A": "ABSENT COUNT"}  # the scrape's "ABSENT COUNT" counts abstentions
    assert len(table) > 80
    for code, column in words.items():
        counted = (table[states] == code).sum(axis=1)
        mismatched = table.loc[counted != table[column], "Resolution"].tolist()
        assert mismatched == [], f"{column}: the counted votes differ from the stated total on {mismatched[:5]}"


def test_every_year_from_1961_to_2026_is_in_the_series_with_2026_a_part_year():
    agreement = load("unga_agreement").query("country_iso3 == 'MNG'")
    years = set(agreement["year"])
    assert {2022, 2023, 2024, 2025, 2026} <= years, "the UN's own files cover 2022-2024 and 2026"
    assert set(agreement.query("year >= 2022")["partner_iso3"]) == {"RUS", "CHN", "USA", "JPN", "KOR", "DEU", "IND", "KAZ", "KGZ"}
    votes = load("unga_mongolia_votes").set_index("year")
    assert str(votes.at[2026, "last_vote"])[:10] == "2026-06-04" and votes.at[2026, "roll_calls"] == 11
    split = load("unga_split_votes")
    assert {"2022", "2023", "2024", "2025", "2026"} <= set(split["period"])


def test_the_counts_add_up_and_the_index_and_interval_come_from_them():
    agreement = load("unga_agreement")
    counts = agreement[["n_same", "n_partial", "n_opposite"]].sum(axis=1)
    assert (counts == agreement["n_compared"]).all()
    index = (agreement["n_same"] + agreement["n_partial"] / 2) / agreement["n_compared"]
    assert ((index - agreement["agreement"]).abs() < 0.0006).all()
    assert ((agreement["ci_low"] <= agreement["agreement"] + 0.001) & (agreement["agreement"] <= agreement["ci_high"] + 0.001)).all()
    # A year of few votes has a wider interval than a year of many.
    mng_rus = agreement.query("country_iso3 == 'MNG' and partner_iso3 == 'RUS'").set_index("year")
    width = mng_rus["ci_high"] - mng_rus["ci_low"]
    assert width.at[2026] > width.at[2025], "2026 (11 votes) is less certain than 2025 (over 180)"


def test_mongolia_s_1993_votes_are_its_own_not_monaco_s():
    """Voeten's data swap Mongolia's and Monaco's 1993 votes; corrected, Mongolia agrees with China as in 1992 and 1994."""
    mng_chn = load("unga_agreement").query("country_iso3 == 'MNG' and partner_iso3 == 'CHN'").set_index("year")["agreement"]
    mng_usa = load("unga_agreement").query("country_iso3 == 'MNG' and partner_iso3 == 'USA'").set_index("year")["agreement"]
    assert mng_chn.at[1993] > 0.85 and abs(mng_chn.at[1993] - mng_chn.at[1992]) < 0.1
    assert mng_usa.at[1993] < 0.5
    assert load("unga_mongolia_votes").set_index("year").at[1993, "yes"] > 50


@needs_raw
def test_the_corrected_1993_figures_match_the_library_s_record_of_mongolia_not_monaco():
    """On the Library's 1993 records, Mongolia's agreement with China and the United States is what the corrected
    series gives, and Monaco's is what Voeten's uncorrected "Mongolia" gave (0.50 and 0.74)."""
    library = pd.read_csv(io.BytesIO(zipfile.ZipFile(RAW / "undl-scrapes" / "undl-scrape-1946-2021.csv.zip").read("UN DATA.csv")),
                          encoding="utf-8-sig", low_memory=False)
    library = library[(library["Council"] == "General Assembly") & library["Date"].astype(str).str.startswith("1993")]
    score = {("Y", "Y"): 1, ("N", "N"): 1, ("A", "A"): 1, ("Y", "N"): 0, ("N", "Y"): 0}

    def agreement(state, partner):
        pairs = [(a, b) for a, b in zip(library[state], library[partner]) if a in ("Y", "N", "A") and b in ("Y", "N", "A")]
        return sum(score.get(p, 0.5) for p in pairs) / len(pairs)

    ours = load("unga_agreement").query("country_iso3 == 'MNG' and year == 1993").set_index("partner_iso3")["agreement"]
    assert abs(agreement("MONGOLIA", "CHINA") - ours["CHN"]) < 0.05
    assert abs(agreement("MONGOLIA", "UNITED STATES") - ours["USA"]) < 0.05
    assert agreement("MONACO", "CHINA") < 0.6 and agreement("MONACO", "UNITED STATES") > 0.65, "Monaco's votes, not Mongolia's"


@needs_raw
def test_every_name_in_every_un_file_maps_to_one_member_state():
    names = set()
    for name in derive_unga.UNXML_FILES:
        for line in (RAW / "unxml-ga-resolutions" / f"{name}.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                names.update(record["MS_in_favour"] + record["MS_against"] + record["MS_abstaining"])
    unknown = sorted(n for n in names if n.strip() not in derive_unga.MEMBERS)
    assert unknown == [], f"names the derivation cannot map: {unknown}"
    assert len({derive_unga.MEMBERS[n.strip()] for n in names}) == 193, "the 193 member states, each once"
    assert {"TÜRKIYE", "TÜRKİYE", "TÜRKÝYE", "TURKEY"} <= names, "the spellings of Türkiye are in the files"


def test_the_un_files_and_the_library_give_the_same_votes_where_both_hold_them():
    overlap = load("unga_source_overlap")
    assert set(overlap["iso3"]) == {"MNG", "RUS", "CHN", "USA", "JPN", "KOR", "DEU", "IND", "KAZ", "KGZ"}
    assert (overlap["n_both"] >= 150).all()
    assert (overlap["same_share"] >= 0.99).all(), overlap[overlap["same_share"] < 0.99]


def test_a_name_no_member_has_stops_the_derivation_naming_file_line_and_name(tmp_path, monkeypatch):
    fake = tmp_path / "unga" / "unxml-ga-resolutions"
    fake.mkdir(parents=True)
    record = {"symbol": "A/RES/99/1", "adoption_date": "1 January 2026", "adoption_type": "By a recorded vote", "title": "Test",
              "committee": "First Committee", "MS_in_favour_count": "1", "MS_against_count": "0", "MS_abstaining_count": "0",
              "MS_in_favour": ["ATLANTIS"], "MS_against": [], "MS_abstaining": []}
    blob = (json.dumps(record) + "\n").encode()
    (fake / "74.json").write_bytes(blob)
    monkeypatch.setattr(derive_unga, "RAW", tmp_path / "unga")
    monkeypatch.setattr(derive_unga, "UNXML_FILES", {"74": hashlib.sha256(blob).hexdigest()})
    monkeypatch.setitem(derive_unga.INPUTS, "unxml_74", ("unxml-ga-resolutions/74.json", hashlib.sha256(blob).hexdigest(), ""))
    with pytest.raises(SystemExit, match=r"74\.json line 1 \(A/RES/99/1\): 'ATLANTIS' is not a member state"):
        derive_unga.un_records(download=False)


@pytest.mark.parametrize("symbol, tally", [("A/RES/ES-11/3", (93, 24, 58)), ("A/RES/ES-11/4", (143, 5, 35)),
                                           ("A/RES/ES-11/6", (141, 7, 32)), ("A/RES/ES-10/21", (120, 14, 45)),
                                           ("A/RES/ES-10/22", (153, 10, 23))])
def test_the_vote_list_gives_the_published_tallies(symbol, tally):
    votes = load("unga_recorded_votes").set_index("symbol")
    assert tuple(int(votes.at[symbol, k]) for k in ("yes", "no", "abstain")) == tally


@needs_raw
@pytest.mark.parametrize("symbol", ["A/RES/ES-11/3", "A/RES/ES-11/4", "A/RES/ES-11/6", "A/RES/ES-10/21", "A/RES/ES-10/22"])
def test_the_names_listed_add_up_to_the_published_tallies(symbol):
    records = derive_unga.un_records(download=False).set_index("symbol")
    listed = pd.Series(records.at[symbol, "votes"]).value_counts()
    assert tuple(int(listed.get(w, 0)) for w in ("yes", "no", "abstain")) == \
        tuple(int(records.at[symbol, k]) for k in ("yes", "no", "abstain"))


def test_the_ukraine_votes_in_the_vote_list_agree_with_the_report_s_own_table():
    listed = load("unga_recorded_votes").set_index("symbol")
    ours = load("unga_ukraine_votes").pivot(index="resolution_id", columns="country_iso3", values="vote")
    letters = {"yes": "Y", "no": "N", "abstain": "A"}
    compared = 0
    for resolution in ours.index:
        symbol = f"A/RES/{resolution}"
        if symbol not in listed.index:
            continue  # ES-11/7 to ES-11/9 are not in the UN's files (test_the_2025_ukraine_votes_agree_with_the_report_s_own_table)
        for state in ("MNG", "RUS", "CHN"):
            if pd.notna(ours.at[resolution, state]):
                assert listed.at[symbol, state.lower()] == letters[ours.at[resolution, state]], (symbol, state)
                compared += 1
    assert compared >= 18, "ES-11/1 to ES-11/6, three states each"


def test_the_votes_missing_from_both_sources_are_listed_with_their_tallies():
    coverage = load("unga_vote_coverage")
    missing = coverage[coverage["used_from"] == "missing"]
    assert {"A/RES/ES-10/23", "A/RES/ES-10/25", "A/RES/ES-10/26"} <= set(missing["symbol"].dropna())
    assert missing[["yes", "no", "abstain"]].notna().all().all()
    filled = set(coverage.query("used_from == 'library'")["symbol"])
    assert {"A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-10/27", "A/RES/ES-11/9"} <= filled


def test_the_majority_benchmark_has_every_year_for_the_four_states():
    majority = load("unga_majority")
    assert set(majority["iso3"]) == {"MNG", "RUS", "CHN", "USA"}
    assert (majority["with_majority"] <= majority["n_voted"]).all()
    usa = majority.query("iso3 == 'USA'").set_index("year")["share"]
    mng = majority.query("iso3 == 'MNG'").set_index("year")["share"]
    assert usa.at[2025] < 0.2 < mng.at[2025], "in 2025 the United States voted against most texts; Mongolia with most"


def test_a_period_is_pooled_from_counts_and_its_interval_narrows_with_more_votes():
    from mongolia_report.unvotes import difference, exceeds_chance, interval, pooled

    rows = pd.DataFrame({"n_same": [8, 90], "n_partial": [2, 0], "n_opposite": [0, 10]})
    assert pooled(rows) == pytest.approx((8 + 1 + 90) / 110)  # not the mean of 0.9 and 0.9 rounded
    few = pd.DataFrame({"n_same": [8], "n_partial": [0], "n_opposite": [2]})
    many = pd.DataFrame({"n_same": [80], "n_partial": [0], "n_opposite": [20]})
    low, high = interval(few)
    assert low < 0.8 < high and interval(few) == interval(few), "reproducible"
    assert (interval(many)[1] - interval(many)[0]) < (high - low)
    assert not exceeds_chance(few, many), "0.8 against 0.8 is no change"
    change, low, high = difference(pd.DataFrame({"n_same": [40], "n_partial": [0], "n_opposite": [60]}), many)
    assert change == pytest.approx(-0.4) and high < 0
