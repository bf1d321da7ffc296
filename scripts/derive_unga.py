"""Derive the report's UN General Assembly tables from the raw voting data in ../shared/data/unga/.

Run it with ``make unga`` (never by ``make book``). It reads the raw files (or, with
``--download`` and a network, fetches each from its original address), checks every file's
SHA-256 against the list below, and writes five small CSV tables into ``data/``:

- ``unga_agreement.csv``: per year and pair of states, the agreement index (1 for the same
  vote, 0.5 when one abstains, 0 for yes against no), the share of identical votes and the
  number of roll calls compared, on all recorded votes and on contested ones only;
- ``unga_mongolia_votes.csv``: Mongolia's yes, no and abstain votes per year;
- ``unga_split_votes.csv``: on the roll calls where the United States and the USSR/Russia
  voted yes against no, how Mongolia voted, by period and issue;
- ``unga_ideal_points.csv``: Bailey, Strezhnev and Voeten's ideal points with their bands;
- ``unga_us_coincidence.csv``: the US State Department's voting coincidence.

Sources, by period: Erik Voeten's roll-call data (CC0) to 2018; the UN Digital Library's
records, as scraped (see the folder's README), for 2019-2021 and for 2025, published here only
as derived statistics, as the Library's terms require. The switch is at 2019 because Voeten's
copy holds 90 of the 100 plenary votes of 2019 that the Library records, and the Library's
records reproduce the State Department's 2019 and 2020 counts for Mongolia exactly (tested);
for 2010-2018, where both exist, ``unga_source_check.csv`` gives the agreement on each, so a
reader can see what the switch does to the series. No open
vote-by-vote source covers 2022-2024: those years are absent, never interpolated.

Methods (stated again in the chapter):

- only recorded votes of the General Assembly's plenary and committees as the sources hold them;
  a state absent or not voting on a roll call is left out of that roll call's comparison;
- a roll call is "contested" when fewer than 90% of the states voting voted the same way
  (``mongolia_report.unvotes.CONTESTED_SHARE``, which the chapter reads too)
  (the sensitivity check: near-unanimous votes inflate agreement between any two states);
- the USSR and the Russian Federation are one series (the Russian Federation took the USSR's
  seat in December 1991); "Germany" is the Federal Republic (West Germany until 1990).

The output is deterministic: the same inputs give byte-identical files (tested).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import time
import urllib.request
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from mongolia_report.unvotes import CONTESTED_SHARE  # noqa: E402 (the project's package, beside this script)

RAW = ROOT.parent / "shared" / "data" / "unga"
OUT = ROOT / "data"

# Each input: its path under RAW, its SHA-256, and where it can be fetched.
INPUTS = {
    "votes": ("voeten-unvotes/un_votes.rda", "cf814a48bc536e8f87f8e027942ac515fe6aae9d63cd71dd88ed718b14887e87",
              "https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_votes.rda"),
    "roll_calls": ("voeten-unvotes/un_roll_calls.rda", "ff2070ae600cfd32176c6d149637306b9b677d6b910f48bec59a15357d673b4b",
                   "https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_calls.rda"),
    "issues": ("voeten-unvotes/un_roll_call_issues.rda", "eec1b509ebce692c242b842837d5d861b52b65b2868a7c66f573d4a87d2eb0be",
               "https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_call_issues.rda"),
    "ideal_points": ("voeten-idealpoints/Idealpointestimates1946-2025.tab",
                     "156bb24075dd7124ced3659c9c9c72b0999f9ebd7e822fb30904271ca6ad5478",
                     "https://raw.githubusercontent.com/s-geffroy/cvs/10db2f99a9dbfa105a4c9be35625d96bc29d83b4/data_sources/un_voting/"
                     "Idealpointestimates1946-2025.tab"),
    "undl_2021": ("undl-scrapes/undl-scrape-1946-2021.csv.zip", "2f4db50f94c82f497e57a1643e55e007d62fb73db897c4c47b016894389860ba",
                  "https://raw.githubusercontent.com/navyanawal0310/un-votes-intelligence-platform/b1a33e9f13e44a213373dc4baf927cda041488ff/"
                  "data/raw/downloads/UN%20DATA.csv.zip"),
    "undl_2025": ("undl-scrapes/un_votes_2025_processed.csv", "050ad8f72b8cfac2e9d0e1f763be7c7eff1f328e84e323e8557fb170d5845c94",
                  "https://raw.githubusercontent.com/HZloto/unga-2025/46fa27efae8b05d522b89bbdcdcd564a96e49cef/data/un_votes_2025_processed.csv"),
}
COINCIDENCE_YEARS = range(2018, 2024)  # the transcriptions of 2013-2017 garble Mongolia's row (the folder's README)
COINCIDENCE_2024 = "state-dept-coincidence/un-coincidence-2024-subset.csv"

MONGOLIA = "MNG"
PARTNERS = ["RUS", "CHN", "USA", "JPN", "KOR", "DEU", "IND", "KAZ", "KGZ"]
NEIGHBOURS_OF_THE_POLES = ["KAZ", "KGZ", "IND"]  # compared with the poles too, beside Mongolia
POLES = ["RUS", "CHN", "USA"]
FIRST_YEAR = 1961  # Mongolia joined the UN on 27 October 1961
SWITCH = pd.Timestamp("2019-01-01")  # Voeten's data before this day, the UN Digital Library's from it
CHECK_FROM = pd.Timestamp("2010-01-01")  # where both sources are compared (unga_source_check.csv)
VOETEN_CODES = {"MN": "MNG", "RU": "RUS", "CN": "CHN", "US": "USA", "JP": "JPN", "KR": "KOR", "DE": "DEU", "IN": "IND",
                "KZ": "KAZ", "KG": "KGZ"}
UNDL_NAMES = {"MONGOLIA": "MNG", "RUSSIAN FEDERATION": "RUS", "CHINA": "CHN", "UNITED STATES": "USA", "JAPAN": "JPN",
              "REPUBLIC OF KOREA": "KOR", "GERMANY": "DEU", "INDIA": "IND", "KAZAKHSTAN": "KAZ", "KYRGYZSTAN": "KGZ"}
ISSUES = {"me": "Middle East", "nu": "Nuclear weapons", "di": "Arms control", "hr": "Human rights", "co": "Colonialism",
          "ec": "Economic development"}
SOURCE_KEYS = {"voeten": "Voeten2021unvotes", "undl": "UNDL2026votingdata",
               "ideal": "Bailey2017idealpoints;Voeten2021unvotes", "state": "StateDept2024voting"}


def raw_bytes(name: str, download: bool) -> bytes:
    relative, digest, url = INPUTS[name]
    path = RAW / relative
    if path.exists():
        blob = path.read_bytes()
    elif download:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (a fixed https address)
            blob = response.read()
    else:
        sys.exit(f"derive_unga: {path} is missing; put the raw files in {RAW} or run with --download")
    found = hashlib.sha256(blob).hexdigest()
    if found != digest:
        sys.exit(f"derive_unga: {relative}: SHA-256 {found} is not the recorded {digest}")
    return blob


def read_rda(blob: bytes, name: str) -> pd.DataFrame:
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdata names R classes it converts generically (tbl_df, Date)
        parsed = rdata.parser.parse_data(blob)
        return rdata.conversion.convert(parsed)[name]


def long_votes(download: bool) -> pd.DataFrame:
    """One row per state and recorded General Assembly vote: date, roll call id, iso3, vote, source."""
    votes = read_rda(raw_bytes("votes", download), "un_votes")
    calls = read_rda(raw_bytes("roll_calls", download), "un_roll_calls")
    issues = read_rda(raw_bytes("issues", download), "un_roll_call_issues")
    calls = pd.DataFrame({"rcid": calls["rcid"].astype(int).to_numpy(),
                          "date": pd.to_datetime(calls["date"].astype(float).to_numpy(), unit="D", origin="1970-01-01")})
    all_votes = pd.DataFrame({"rcid": votes["rcid"].astype(int).to_numpy(), "code": votes["country_code"].astype(str).to_numpy(),
                              "vote": votes["vote"].astype(str).to_numpy()})
    voeten = all_votes.merge(calls, on="rcid")
    voeten["iso3"] = voeten["code"].map(VOETEN_CODES)
    voeten["source"] = "voeten"
    voeten["roll_call"] = "v" + voeten["rcid"].astype(str)
    issue = issues.assign(rcid=issues["rcid"].astype(int), short_name=issues["short_name"].astype(str))
    issue_of = issue.groupby("rcid")["short_name"].apply(lambda s: ";".join(sorted(set(s))))
    voeten["issues"] = voeten["rcid"].map(issue_of).fillna("")
    voeten = voeten[voeten["date"] < SWITCH]

    scrape = pd.read_csv(io.BytesIO(zipfile.ZipFile(io.BytesIO(raw_bytes("undl_2021", download))).read("UN DATA.csv")),
                         encoding="utf-8-sig", low_memory=False)
    scrape["date"] = pd.to_datetime(scrape["Date"], errors="coerce")
    scrape = scrape[(scrape["Council"] == "General Assembly") & (scrape["date"] >= CHECK_FROM)
                    & (scrape["date"] < pd.Timestamp("2022-01-01"))].reset_index(drop=True)
    undl_2021 = _undl_long(scrape, UNDL_NAMES, {"Y": "yes", "N": "no", "A": "abstain"}, "a")

    recent = pd.read_csv(io.BytesIO(raw_bytes("undl_2025", download)), low_memory=False)
    recent["date"] = pd.to_datetime(recent["Date"])
    recent = recent[recent["Council"] == "General Assembly"].reset_index(drop=True)
    undl_2025 = _undl_long(recent, {c: c for c in recent.columns if len(c) == 3 and c.isupper()},  # columns are ISO3 codes
                           {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}, "b")
    frames = [voeten[["roll_call", "date", "code", "iso3", "vote", "source", "issues"]], undl_2021, undl_2025]
    votes = pd.concat(frames, ignore_index=True)
    # Before the switch the Library's records serve only the source check; after it, Voeten's are not used.
    return votes[(votes["source"] == "voeten") | (votes["date"] >= CHECK_FROM)]


def _undl_long(table: pd.DataFrame, columns: dict[str, str], words: dict[str, str], prefix: str) -> pd.DataFrame:
    """A scrape's wide table (one column per state) as long rows; every state column is kept, for the contested test."""
    states = [c for c in table.columns if c in columns or (c.isupper() and c not in {"YES COUNT", "NO COUNT", "TOTAL VOTES"}
                                                           and table[c].isin(list(words) + [np.nan, "X"]).all())]
    long = table[["date", *states]].assign(roll_call=[f"{prefix}{i}" for i in range(len(table))]).melt(
        id_vars=["roll_call", "date"], var_name="code", value_name="raw")
    long["vote"] = long["raw"].map(words)
    long = long.dropna(subset=["vote"])
    long["iso3"] = long["code"].map(columns)
    long["source"] = "undl"
    long["issues"] = ""
    return long[["roll_call", "date", "code", "iso3", "vote", "source", "issues"]]


def contested_roll_calls(votes: pd.DataFrame) -> set[str]:
    """Roll calls on which fewer than 90% of the states voting voted the same way."""
    counts = votes.groupby(["roll_call", "vote"]).size().unstack(fill_value=0)
    return set(counts.index[counts.max(axis=1) / counts.sum(axis=1) < CONTESTED_SHARE])


def agreement_rows(votes: pd.DataFrame, contested: set[str]) -> pd.DataFrame:
    score = {("yes", "yes"): 1.0, ("no", "no"): 1.0, ("abstain", "abstain"): 1.0, ("yes", "no"): 0.0, ("no", "yes"): 0.0}
    mine = votes.dropna(subset=["iso3"])
    pairs = [(MONGOLIA, p) for p in PARTNERS] + [(c, p) for c in NEIGHBOURS_OF_THE_POLES for p in POLES]
    rows = []
    for country, partner in pairs:
        a = mine[mine["iso3"] == country][["roll_call", "date", "vote", "source"]]
        b = mine[mine["iso3"] == partner][["roll_call", "vote"]]
        both = a.merge(b, on="roll_call", suffixes=("", "_partner"))
        both = both[both["date"].dt.year >= FIRST_YEAR]
        both["score"] = [score.get((x, y), 0.5) for x, y in zip(both["vote"], both["vote_partner"])]
        both["same"] = both["vote"] == both["vote_partner"]
        both["contested"] = both["roll_call"].isin(contested)
        for year, group in both.groupby(both["date"].dt.year):
            hard = group[group["contested"]]
            rows.append({"year": int(year), "country_iso3": country, "partner_iso3": partner,
                         "agreement": round(group["score"].mean(), 3), "identical_share": round(group["same"].mean(), 3),
                         "n_compared": len(group),
                         "agreement_contested": round(hard["score"].mean(), 3) if len(hard) else None,
                         "n_contested": len(hard), "source": SOURCE_KEYS[group["source"].iloc[0]]})
    return pd.DataFrame(rows).sort_values(["country_iso3", "partner_iso3", "year"], kind="stable")


def mongolia_rows(votes: pd.DataFrame) -> pd.DataFrame:
    mine = votes[(votes["iso3"] == MONGOLIA) & (votes["date"].dt.year >= FIRST_YEAR)]
    counts = mine.groupby([mine["date"].dt.year, "vote"]).size().unstack(fill_value=0)
    recorded = votes[votes["date"].dt.year >= FIRST_YEAR].groupby(votes["date"].dt.year)["roll_call"].nunique()
    source = mine.groupby(mine["date"].dt.year)["source"].first().map(SOURCE_KEYS)  # one source per year
    frame = pd.DataFrame({"year": counts.index.astype(int), "yes": counts.get("yes", 0).to_numpy(),
                          "no": counts.get("no", 0).to_numpy(), "abstain": counts.get("abstain", 0).to_numpy(),
                          "roll_calls": recorded.reindex(counts.index).to_numpy(), "source": source.reindex(counts.index).to_numpy()})
    return frame


def period_of(year: int) -> str:
    return f"{year // 10 * 10}s" if year < 2020 else ("2020-2021" if year < 2022 else str(year))


def split_rows(votes: pd.DataFrame) -> pd.DataFrame:
    """Roll calls where the US and the USSR/Russia voted yes against no, and how Mongolia voted on them."""
    keyed = votes.dropna(subset=["iso3"]).pivot_table(index=["roll_call", "date", "issues", "source"], columns="iso3",
                                                       values="vote", aggfunc="first").reset_index()
    split = keyed[keyed["USA"].isin(["yes", "no"]) & keyed["RUS"].isin(["yes", "no"]) & (keyed["USA"] != keyed["RUS"])]
    split = split[split["date"].dt.year >= FIRST_YEAR].copy()
    split["period"] = [period_of(y) for y in split["date"].dt.year]
    rows = []
    for period, group in split.groupby("period", sort=False):
        for issue in ["all", *ISSUES]:
            part = group if issue == "all" else group[group["issues"].str.split(";").apply(lambda codes, i=issue: i in codes)]
            if issue != "all" and (part.empty or (part["source"] != "voeten").all()):
                continue  # issue codes exist only in Voeten's data
            mongolia = part[MONGOLIA].fillna("not_recorded")
            rows.append({"period": period, "issue": issue, "n_split": len(part),
                         "with_usa": int((mongolia == part["USA"]).sum()), "with_russia": int((mongolia == part["RUS"]).sum()),
                         "abstained": int((mongolia == "abstain").sum()), "not_recorded": int((mongolia == "not_recorded").sum()),
                         "source": ";".join(SOURCE_KEYS[k] for k in sorted(part["source"].unique(), reverse=True))})
    order = {p: i for i, p in enumerate(sorted(split["period"].unique(), key=lambda p: p[:4]))}
    return pd.DataFrame(rows).sort_values(["period", "issue"], key=lambda s: s.map(order) if s.name == "period" else s, kind="stable")


def ideal_point_rows(download: bool) -> pd.DataFrame:
    table = pd.read_csv(io.BytesIO(raw_bytes("ideal_points", download)), sep="\t")
    table = table[table["iso3c"].isin([MONGOLIA, *PARTNERS]) & (table["year"] >= 1946)]
    frame = pd.DataFrame({"year": table["year"].astype(int), "iso3": table["iso3c"], "ideal_point": table["IdealPointFP"].round(3),
                          "q5": table["Q5%FP"].round(3), "q95": table["Q95%FP"].round(3), "n_votes": table["NVotesFP"].astype(int),
                          "source": SOURCE_KEYS["ideal"]})
    return frame.dropna(subset=["ideal_point"]).sort_values(["iso3", "year"], kind="stable")


def coincidence_rows() -> pd.DataFrame:
    rows = []
    wanted = [MONGOLIA, *[p for p in PARTNERS if p != "USA"]]
    files = [(year, RAW / f"state-dept-coincidence/un-coincidence-{year}.csv") for year in COINCIDENCE_YEARS]
    files.append((2024, RAW / COINCIDENCE_2024))
    for year, path in files:
        table = pd.read_csv(path, encoding="utf-8-sig").rename(columns={"OPPOSE": "OPPOSITE"})
        for row in table[table["ISO"].isin(wanted)].itertuples():
            rows.append({"year": year, "iso3": row.ISO, "same": int(row.SAME), "partial": int(row.PARTIAL),
                         "opposite": int(row.OPPOSITE), "absent": int(row.ABSENT), "coincidence": round(float(row.COINCIDENCE), 2),
                         "subset": year == 2024, "source": SOURCE_KEYS["state"]})
    return pd.DataFrame(rows).sort_values(["iso3", "year"], kind="stable")


def write(frame: pd.DataFrame, name: str, out: Path) -> None:
    frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", float_format="%.3f")


def source_check_rows(votes: pd.DataFrame, contested: set[str]) -> pd.DataFrame:
    """Mongolia's agreement with each partner in 2010-2018 on each source, where both hold the year."""
    rows = []
    overlap = votes[(votes["date"] >= CHECK_FROM) & (votes["date"] < SWITCH)]
    for source in ("voeten", "undl"):
        part = agreement_rows(overlap[overlap["source"] == source], contested)
        part = part[part["country_iso3"] == MONGOLIA][["year", "partner_iso3", "agreement", "n_compared"]]
        rows.append(part.rename(columns={"agreement": f"agreement_{source}", "n_compared": f"n_{source}"}).set_index(["year", "partner_iso3"]))
    both = rows[0].join(rows[1], how="inner").reset_index()
    both["source"] = SOURCE_KEYS["voeten"] + ";" + SOURCE_KEYS["undl"]
    return both.sort_values(["partner_iso3", "year"], kind="stable")


def derive(out: Path = OUT, download: bool = False) -> dict[str, float]:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    everything = long_votes(download)
    contested = contested_roll_calls(everything)
    write(source_check_rows(everything.dropna(subset=["iso3"]), contested), "unga_source_check", out)
    # The series: Voeten's data before the switch, the Library's from it.
    votes = everything[(everything["source"] == "voeten") == (everything["date"] < SWITCH)]
    mine = votes.dropna(subset=["iso3"])
    write(agreement_rows(mine, contested), "unga_agreement", out)
    write(mongolia_rows(votes), "unga_mongolia_votes", out)
    write(split_rows(mine), "unga_split_votes", out)
    write(ideal_point_rows(download), "unga_ideal_points", out)
    write(coincidence_rows(), "unga_us_coincidence", out)
    return {"seconds": time.perf_counter() - started}


TABLES = ("unga_agreement", "unga_mongolia_votes", "unga_split_votes", "unga_ideal_points", "unga_us_coincidence", "unga_source_check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--download", action="store_true", help="fetch missing raw files from their original addresses")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    stats = derive(args.out, args.download)
    size = sum((args.out / f"{name}.csv").stat().st_size for name in TABLES)
    print(f"derive_unga: {len(TABLES)} tables, {size / 1024:.0f} KB, in {stats['seconds']:.0f} s")


if __name__ == "__main__":
    main()
