"""The UN General Assembly tables: derived reproducibly from the raw files, and checked against figures
computed or published elsewhere (the State Department's counts, the report's own Ukraine votes, the
totals each record states)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from conftest import ROOT, load_script
from mongolia_report import load

derive_unga = load_script("derive_unga")
RAW = derive_unga.RAW
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"the raw UN voting files are not in {RAW} (CI has them)")


@needs_raw
def test_the_derived_tables_are_reproduced_byte_for_byte_from_the_raw_files(tmp_path):
    stats = derive_unga.derive(tmp_path)
    for name in derive_unga.TABLES:
        fresh = (tmp_path / f"{name}.csv").read_bytes()
        assert fresh == (ROOT / "data" / f"{name}.csv").read_bytes(), f"data/{name}.csv differs from what make unga derives"
    assert stats["seconds"] < 60, f"the derivation took {stats['seconds']:.0f} s, over a minute"
    assert sum((ROOT / "data" / f"{name}.csv").stat().st_size for name in derive_unga.TABLES) < 200 * 1024


def test_a_raw_file_with_another_checksum_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "unga" / "voeten-idealpoints"
    fake.mkdir(parents=True)
    (fake / "Idealpointestimates1946-2025.tab").write_text("not the authors' table\n")
    monkeypatch.setattr(derive_unga, "RAW", tmp_path / "unga")
    with pytest.raises(SystemExit, match="Idealpointestimates1946-2025.tab: SHA-256 .* is not the recorded"):
        derive_unga.raw_bytes("ideal_points", download=False)


def test_the_state_department_s_2019_and_2020_counts_for_mongolia_are_reproduced():
    """Same, partial and opposite votes with the United States, recovered from the derived agreement table."""
    ours = load("unga_agreement").query("country_iso3 == 'MNG' and partner_iso3 == 'USA'").set_index("year")
    state = load("unga_us_coincidence").query("iso3 == 'MNG'").set_index("year")
    for year in (2019, 2020):
        n = int(ours.at[year, "n_compared"])
        same = round(float(ours.at[year, "identical_share"]) * n)
        partial = round(2 * (float(ours.at[year, "agreement"]) * n - same))
        assert (same, partial, n - same - partial) == tuple(int(state.at[year, k]) for k in ("same", "partial", "opposite")), year
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


def test_the_gap_years_are_absent_never_interpolated():
    years = set(load("unga_agreement")["year"])
    assert not years & {2022, 2023, 2024}, "no open vote-by-vote source covers 2022-2024"
    assert {2021, 2025} <= years
    assert {2022, 2023, 2024} <= set(load("unga_ideal_points")["year"]), "the ideal points cover the gap"
