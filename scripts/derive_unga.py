"""Derive the report's UN General Assembly tables from the raw voting data in ../shared/data/unga/.

Run it with ``make unga`` (never by ``make book``). It reads the raw files (or, with
``--download`` and a network, fetches each from its original address), checks every file's
SHA-256 against the list below, and writes these small CSV tables into ``data/``:

- ``unga_agreement.csv``: per year and pair of states, the votes compared and how many were the
  same, had one state abstain, or were yes against no; the agreement index (1, 0.5, 0) with its
  95% interval from resampling the year's votes, whether it differs from the year before by more
  than chance; and the same counts on contested votes only;
- ``unga_mongolia_votes.csv``: Mongolia's yes, no and abstain votes per year, the recorded votes in
  the sources and the date of the year's last one (2026 is a part year);
- ``unga_split_votes.csv``: on the votes where the United States and the USSR/Russia voted yes
  against no, how Mongolia voted, by period and issue;
- ``unga_majority.csv``: per year, how often Mongolia, Russia, China and the United States voted as
  most of the states voting did, with an interval;
- ``unga_ideal_points.csv``: Bailey, Strezhnev and Voeten's ideal points with their bands;
- ``unga_us_coincidence.csv``: the US State Department's voting coincidence;
- ``unga_source_check.csv``: 2010-2018, Voeten's data against the Digital Library's, and Voeten's
  with and without its amendment and paragraph votes;
- ``unga_source_overlap.csv``: 2019-2021 and 2025, the UN's own files against the Digital Library's,
  vote by vote for the ten states;
- ``unga_vote_coverage.csv``: every recorded vote from 2019 that one source has and the other lacks,
  or that neither has, and which source the series takes it from;
- ``unga_recorded_votes.csv``: every recorded vote in the UN's own files (sessions 74-80 and the
  emergency special sessions): symbol, date, title, committee, the stated tally and the ten
  states' votes (the vote list page).

Sources, by year (one rule): Erik Voeten's roll-call data (CC0) to 2018. From 2019, the UN's own
machine-readable resolutions (the Department for General Assembly and Conference Management's
files; acknowledge the United Nations as the source); a recorded vote those files lack, or hold
without the states' names, is taken from the UN Digital Library's records where those have it
(2019-2021 and 2025; published here only as derived statistics, as the Library's terms require),
and is otherwise listed as missing in ``unga_vote_coverage.csv`` with its stated tally.

Corrections to the sources:

- Voeten's 1993 votes of Mongolia and Monaco are swapped (his "Mongolia" matches the Library's
  Monaco, and his "Monaco" the Library's Mongolia); the derivation swaps them back (tested).
- The UN's files spell some members several ways (TURKEY, TÜRKIYE, TÜRKİYE, TÜRKÝYE); every name
  maps to one ISO 3166 code, and a name that maps to none stops the derivation.
- 79.json repeats 36 resolutions: each symbol is read once. A/RES/75/290 A lists every state
  twice: each state is counted once.

Methods (stated again in the chapter):

- only recorded votes, as the sources hold them; a state absent or not voting on a vote is left
  out of that vote's comparison;
- a vote is "contested" when fewer than 90% of the states voting voted the same way
  (``mongolia_report.unvotes.CONTESTED_SHARE``, which the chapter reads too);
- the "majority" of a vote is the choice (yes, no or abstain) most of the states voting made;
- intervals resample each year's votes (``mongolia_report.unvotes.interval``, fixed seed);
- the USSR and the Russian Federation are one series (the Russian Federation took the USSR's
  seat in December 1991); "Germany" is united Germany, from 1991: the packaged Voeten data give
  the Federal Republic's votes before 1991 no country code, so West Germany is not in the tables.

The output is deterministic: the same inputs give byte-identical files (tested).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from mongolia_report.unvotes import CONTESTED_SHARE, LEVEL, SEED, interval, resampled  # noqa: E402 (the project's package)

RAW = ROOT.parent / "shared" / "data" / "unga"
OUT = ROOT / "data"

UNXML_COMMIT = "42a69b67bb92d23969fc45bba151320b82eb8e52"
UNXML_FILES = {  # the UN's machine-readable resolutions, one file per session (see the folder's README)
    "74": "70f4e80922ec7542792493a10aa8463c64830cf736ed02144bdf780d4f623b6f",
    "75": "b48efdb74739d86249a04999d75e2e67d267fcf6886e60f2987032d7c11f6427",
    "76": "1138b54c4b6b10c5c0be134d08c0dea464f9af9247c41c5d922c09f32fcdd4d0",
    "77": "fa9ba30c6f2a065417ecb7e26e518865ee31a36001c9c110b0303a84116183cf",
    "78": "ab8b9ad03f5e22dcfb40ede88d9fc6edbc8653213e4e044e466f8a6685897848",
    "79": "610f8aa502662bcac1e47004d3f155c0f86f3675c7f296afacddf3d10b0dabd8",
    "80": "f024775cf6ee4f6db354a1f7cd31c9b74f3e3f0b3381e81e465f17ccbcf09108",
    "ES-10": "ca470b45a979de773920b2c91a160940703bc74d303fdff8f20312074633534f",
    "ES-11": "14c3982981dcbfb7716f4ab086ca2753383a89827ed448e9cffc8f499ecc1fb8",
}

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
    **{f"unxml_{name}": (f"unxml-ga-resolutions/{name}.json", digest,
                         f"https://raw.githubusercontent.com/UNxml/GAresolutions/{UNXML_COMMIT}/data_extract/{name}.json")
       for name, digest in UNXML_FILES.items()},
}
COINCIDENCE_YEARS = range(2018, 2024)  # the transcriptions of 2013-2017 garble Mongolia's row (the folder's README)
COINCIDENCE_2024 = "state-dept-coincidence/un-coincidence-2024-subset.csv"

MONGOLIA = "MNG"
PARTNERS = ["RUS", "CHN", "USA", "JPN", "KOR", "DEU", "IND", "KAZ", "KGZ"]
TEN = [MONGOLIA, *PARTNERS]  # the states whose votes the tables and the vote list give
NEIGHBOURS_OF_THE_POLES = ["KAZ", "KGZ", "IND"]  # compared with the poles too, beside Mongolia
POLES = ["RUS", "CHN", "USA"]
MAJORITY_STATES = ["MNG", "RUS", "CHN", "USA"]
TAIL = (1 - LEVEL) / 2 * 100  # per cent in each tail of a resampled interval
FIRST_YEAR = 1961  # Mongolia joined the UN on 27 October 1961
SWITCH = pd.Timestamp("2019-01-01")  # Voeten's data before this day, the UN's files (then the Library's) from it
CHECK_FROM = pd.Timestamp("2010-01-01")  # where Voeten's data and the Library's are compared (unga_source_check.csv)
LIBRARY_YEARS = (2019, 2020, 2021, 2025)  # the years the Library's records, as scraped, cover from the switch on
VOETEN_CODES = {"MN": "MNG", "RU": "RUS", "CN": "CHN", "US": "USA", "JP": "JPN", "KR": "KOR", "DE": "DEU", "IN": "IND",
                "KZ": "KAZ", "KG": "KGZ"}
SWAPPED_1993 = ("MN", "MC")  # Voeten's 1993 votes of Mongolia and Monaco are each other's (see the module's docstring)
ISSUES = {"me": "Middle East", "nu": "Nuclear weapons", "di": "Arms control", "hr": "Human rights", "co": "Colonialism",
          "ec": "Economic development"}
SOURCE_KEYS = {"voeten": "Voeten2021unvotes", "undl": "UNDL2026votingdata", "unxml": "UNDGACM2026resolutions",
               "ideal": "Bailey2017idealpoints;Voeten2021unvotes", "state": "StateDept2024voting"}
WORDS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}
COMMITTEES = {  # the UN files' "committee" field, as the vote list's subject
    "Without reference to a Main Committee": "Plenary",
    "First Committee": "Disarmament and security (First Committee)",
    "Second Committee": "Economic and financial (Second Committee)",
    "Third Committee": "Social, humanitarian and cultural (Third Committee)",
    "Fourth Committee": "Special political and decolonization (Fourth Committee)",
    "Fifth Committee": "Administrative and budgetary (Fifth Committee)",
    "Sixth Committee": "Legal (Sixth Committee)",
}

# The recorded votes of 2019-2026 that neither the UN's files nor the Library's records (as scraped) hold:
# symbol, date, title, the published tally (yes, no, abstain) and the bibliography keys of the pages that give it.
MISSING = [
    ("A/RES/ES-10/23", "2024-05-10", "Admission of new Members to the United Nations", (143, 9, 25), "UNPress2024GA12600"),
    ("A/RES/ES-10/25", "2024-12-11", "Support for the mandate of the United Nations Relief and Works Agency for Palestine "
     "Refugees in the Near East", (159, 9, 11), "AlJazeera2024gazaunrwa;UNISPAL2025unrwa"),
    ("A/RES/ES-10/26", "2024-12-11", "Demand for ceasefire in Gaza", (158, 9, 13), "AlJazeera2024gazaunrwa;UNISPAL2025unrwa"),
    # Symbol not given by the sources read (data/unga_ukraine_resolutions.csv, resolution_id 2026-02-24).
    ("", "2026-02-24", "Support for lasting peace in Ukraine", (107, 12, 51), "UNN2026vote;CentralAsia2026vote;TRT2026vote"),
]

# The member states' names as the UN's files spell them (several ways for some), to ISO 3166-1 alpha-3.
MEMBERS = {
    "AFGHANISTAN": "AFG", "ALBANIA": "ALB", "ALGERIA": "DZA", "ANDORRA": "AND", "ANGOLA": "AGO", "ANTIGUA AND BARBUDA": "ATG",
    "ARGENTINA": "ARG", "ARMENIA": "ARM", "AUSTRALIA": "AUS", "AUSTRIA": "AUT", "AZERBAIJAN": "AZE", "BAHAMAS": "BHS",
    "BAHRAIN": "BHR", "BANGLADESH": "BGD", "BARBADOS": "BRB", "BELARUS": "BLR", "BELGIUM": "BEL", "BELIZE": "BLZ", "BENIN": "BEN",
    "BHUTAN": "BTN", "BOLIVIA (PLURINATIONAL STATE OF)": "BOL", "BOSNIA AND HERZEGOVINA": "BIH", "BOTSWANA": "BWA", "BRAZIL": "BRA",
    "BRUNEI DARUSSALAM": "BRN", "BULGARIA": "BGR", "BURKINA FASO": "BFA", "BURUNDI": "BDI", "CABO VERDE": "CPV", "CAMBODIA": "KHM",
    "CAMEROON": "CMR", "CANADA": "CAN", "CENTRAL AFRICAN REPUBLIC": "CAF", "CHAD": "TCD", "CHILE": "CHL", "CHINA": "CHN",
    "COLOMBIA": "COL", "COMOROS": "COM", "CONGO": "COG", "COSTA RICA": "CRI", "COTE D'IVOIRE": "CIV", "CÔTE D'IVOIRE": "CIV",
    "CROATIA": "HRV", "CUBA": "CUB", "CYPRUS": "CYP", "CZECHIA": "CZE", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA": "PRK",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "COD", "DENMARK": "DNK", "DJIBOUTI": "DJI", "DOMINICA": "DMA", "DOMINICAN REPUBLIC": "DOM",
    "ECUADOR": "ECU", "EGYPT": "EGY", "EL SALVADOR": "SLV", "EQUATORIAL GUINEA": "GNQ", "ERITREA": "ERI", "ESTONIA": "EST",
    "ESWATINI": "SWZ", "ETHIOPIA": "ETH", "FIJI": "FJI", "FINLAND": "FIN", "FRANCE": "FRA", "GABON": "GAB", "GAMBIA": "GMB",
    "GEORGIA": "GEO", "GERMANY": "DEU", "GHANA": "GHA", "GREECE": "GRC", "GRENADA": "GRD", "GUATEMALA": "GTM", "GUINEA": "GIN",
    "GUINEA-BISSAU": "GNB", "GUYANA": "GUY", "HAITI": "HTI", "HONDURAS": "HND", "HUNGARY": "HUN", "ICELAND": "ISL", "INDIA": "IND",
    "INDONESIA": "IDN", "IRAN (ISLAMIC REPUBLIC OF)": "IRN", "IRAQ": "IRQ", "IRELAND": "IRL", "ISRAEL": "ISR", "ITALY": "ITA",
    "JAMAICA": "JAM", "JAPAN": "JPN", "JORDAN": "JOR", "KAZAKHSTAN": "KAZ", "KENYA": "KEN", "KIRIBATI": "KIR", "KUWAIT": "KWT",
    "KYRGYZSTAN": "KGZ", "LAO PEOPLE'S DEMOCRATIC REPUBLIC": "LAO", "LATVIA": "LVA", "LEBANON": "LBN", "LESOTHO": "LSO",
    "LIBERIA": "LBR", "LIBYA": "LBY", "LIECHTENSTEIN": "LIE", "LITHUANIA": "LTU", "LUXEMBOURG": "LUX", "MADAGASCAR": "MDG",
    "MALAWI": "MWI", "MALAYSIA": "MYS", "MALDIVES": "MDV", "MALI": "MLI", "MALTA": "MLT", "MARSHALL ISLANDS": "MHL",
    "MAURITANIA": "MRT", "MAURITIUS": "MUS", "MEXICO": "MEX", "MICRONESIA (FEDERATED STATES OF)": "FSM", "MONACO": "MCO",
    "MONGOLIA": "MNG", "MONTENEGRO": "MNE", "MOROCCO": "MAR", "MOZAMBIQUE": "MOZ", "MYANMAR": "MMR", "NAMIBIA": "NAM",
    "NAURU": "NRU", "NEPAL": "NPL", "NETHERLANDS": "NLD", "NETHERLANDS (KINGDOM OF THE)": "NLD", "NEW ZEALAND": "NZL",
    "NICARAGUA": "NIC", "NIGER": "NER", "NIGERIA": "NGA", "NORTH MACEDONIA": "MKD", "NORWAY": "NOR", "OMAN": "OMN",
    "PAKISTAN": "PAK", "PALAU": "PLW", "PANAMA": "PAN", "PAPUA NEW GUINEA": "PNG", "PARAGUAY": "PRY", "PERU": "PER",
    "PHILIPPINES": "PHL", "POLAND": "POL", "PORTUGAL": "PRT", "QATAR": "QAT", "REPUBLIC OF KOREA": "KOR",
    "REPUBLIC OF MOLDOVA": "MDA", "ROMANIA": "ROU", "RUSSIAN FEDERATION": "RUS", "RWANDA": "RWA", "SAINT KITTS AND NEVIS": "KNA",
    "SAINT LUCIA": "LCA", "SAINT VINCENT AND THE GRENADINES": "VCT", "SAMOA": "WSM", "SAN MARINO": "SMR",
    "SAO TOME AND PRINCIPE": "STP", "SAUDI ARABIA": "SAU", "SENEGAL": "SEN", "SERBIA": "SRB", "SEYCHELLES": "SYC",
    "SIERRA LEONE": "SLE", "SINGAPORE": "SGP", "SLOVAKIA": "SVK", "SLOVENIA": "SVN", "SOLOMON ISLANDS": "SLB", "SOMALIA": "SOM",
    "SOUTH AFRICA": "ZAF", "SOUTH SUDAN": "SSD", "SPAIN": "ESP", "SRI LANKA": "LKA", "SUDAN": "SDN", "SURINAME": "SUR",
    "SWEDEN": "SWE", "SWITZERLAND": "CHE", "SYRIAN ARAB REPUBLIC": "SYR", "TAJIKISTAN": "TJK", "THAILAND": "THA",
    "TIMOR-LESTE": "TLS", "TOGO": "TGO", "TONGA": "TON", "TRINIDAD AND TOBAGO": "TTO", "TUNISIA": "TUN", "TURKEY": "TUR",
    "TURKIYE": "TUR", "TÜRKIYE": "TUR", "TÜRKİYE": "TUR", "TÜRKÝYE": "TUR", "TURKMENISTAN": "TKM", "TUVALU": "TUV",
    "UGANDA": "UGA", "UKRAINE": "UKR", "UNITED ARAB EMIRATES": "ARE", "UNITED KINGDOM": "GBR", "UNITED REPUBLIC OF TANZANIA": "TZA",
    "UNITED STATES": "USA", "URUGUAY": "URY", "UZBEKISTAN": "UZB", "VANUATU": "VUT", "VENEZUELA (BOLIVARIAN REPUBLIC OF)": "VEN",
    "VIET NAM": "VNM", "YEMEN": "YEM", "ZAMBIA": "ZMB", "ZIMBABWE": "ZWE",
}


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


def read_rda(blob: bytes, name: str, columns: list[str]) -> pd.DataFrame:
    """The named data frame of an .rda file, with only the ``columns`` asked for, read by pyreadr (librdata, in C: a
    second for the votes file, which the pure-Python rdata package took half a minute to parse); R's dates come as dates."""
    import tempfile

    import pyreadr

    with tempfile.TemporaryDirectory() as folder:  # librdata reads files, not bytes
        path = Path(folder) / f"{name}.rda"
        path.write_bytes(blob)
        found = pyreadr.read_r(str(path), use_objects=[name])
    if name not in found:
        raise KeyError(f"derive_unga: no {name} in the .rda file")
    return found[name][columns]


def symbol_key(symbol: str) -> str:
    """A resolution symbol as both sources can be matched on: no spaces or brackets ("A/RES/75/254[A]" is "A/RES/75/254A")."""
    return re.sub(r"[\s\[\]]", "", str(symbol)).upper()


def adoption_date(text: str, where: str) -> pd.Timestamp:
    """The UN files write dates two ways ("29 September 2023", "2019-11-07 00:00:00"), some with a non-breaking space."""
    clean = " ".join(str(text).replace("\xa0", " ").split())
    for pattern in ("%d %B %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return pd.to_datetime(clean, format=pattern)
        except ValueError:
            continue
    sys.exit(f"derive_unga: {where}: adoption_date {text!r} is not a date")


def member_code(name: str, where: str) -> str:
    try:
        return MEMBERS[name.strip()]
    except KeyError:
        sys.exit(f"derive_unga: {where}: {name!r} is not a member state's name the derivation knows; add it to MEMBERS")


def un_records(download: bool) -> pd.DataFrame:
    """One row per resolution in the UN's files, each symbol once: its metadata, stated tally and, for a
    recorded vote, each member's vote as a dict (empty when the file names no states)."""
    rows, seen = [], set()
    for name in UNXML_FILES:
        text = raw_bytes(f"unxml_{name}", download).decode("utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            where = f"unxml-ga-resolutions/{name}.json line {number} ({record.get('symbol')})"
            key = symbol_key(record["symbol"])
            if key in seen:
                continue  # 79.json repeats resolutions, identical but for the spelling of Türkiye
            seen.add(key)
            votes: dict[str, str] = {}
            for field, word in WORDS.items():
                for state in dict.fromkeys(record[field]):  # A/RES/75/290 A names every state twice
                    code = member_code(state, where)
                    if votes.setdefault(code, word) != word:
                        sys.exit(f"derive_unga: {where}: {state} is listed as voting both {votes[code]} and {word}")
            stated = [int(record[f"{f}_count"]) if record[f"{f}_count"].isdigit() else 0 for f in WORDS]
            rows.append({"key": key, "symbol": " ".join(record["symbol"].split()), "date": adoption_date(record["adoption_date"], where),
                         "title": " ".join(record["title"].split()), "committee": COMMITTEES.get(record["committee"], "Plenary"),
                         "recorded": record["adoption_type"] == "By a recorded vote", "yes": stated[0], "no": stated[1],
                         "abstain": stated[2], "votes": votes, "file": f"{name}.json"})
    return pd.DataFrame(rows)


def voeten_votes(download: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Voeten's votes (1993's Mongolia and Monaco put right) and his roll calls (symbol, amendment and paragraph flags)."""
    votes = read_rda(raw_bytes("votes", download), "un_votes", ["rcid", "country_code", "vote"])
    calls = read_rda(raw_bytes("roll_calls", download), "un_roll_calls", ["rcid", "date", "unres", "amend", "para"])
    issues = read_rda(raw_bytes("issues", download), "un_roll_call_issues", ["rcid", "short_name"])
    calls = pd.DataFrame({"rcid": calls["rcid"].astype(int).to_numpy(),
                          "date": pd.to_datetime(calls["date"]).to_numpy(),
                          "symbol": calls["unres"].astype(str).str.replace(r"^R/", "A/RES/", regex=True).to_numpy(),
                          "part": (pd.to_numeric(calls["amend"]).fillna(0).astype(int)
                                   + pd.to_numeric(calls["para"]).fillna(0).astype(int) > 0).to_numpy()})
    frame = pd.DataFrame({"rcid": votes["rcid"].astype(int).to_numpy(), "code": votes["country_code"].astype(str).to_numpy(),
                          "vote": votes["vote"].astype(str).to_numpy()}).merge(calls[["rcid", "date"]], on="rcid")
    frame["code"] = swap_1993(frame)
    frame["iso3"] = frame["code"].map(VOETEN_CODES)
    frame["source"] = "voeten"
    frame["roll_call"] = "v" + frame["rcid"].astype(str)
    issue = issues.assign(rcid=issues["rcid"].astype(int), short_name=issues["short_name"].astype(str))
    frame["issues"] = frame["rcid"].map(issue.groupby("rcid")["short_name"].apply(lambda s: ";".join(sorted(set(s))))).fillna("")
    calls["roll_call"] = "v" + calls["rcid"].astype(str)
    return frame, calls


def swap_1993(frame: pd.DataFrame) -> pd.Series:
    """Voeten's country codes with Mongolia's and Monaco's 1993 votes given back to each other."""
    mongolia, monaco = SWAPPED_1993
    in_1993 = frame["date"].dt.year == 1993
    codes = frame["code"].copy()
    codes[in_1993 & (frame["code"] == mongolia)] = monaco
    codes[in_1993 & (frame["code"] == monaco)] = mongolia
    return codes


def library_records(download: bool) -> pd.DataFrame:
    """The Library's General Assembly records, as scraped, from 2010 (and for 2025): one row per distinct symbol,
    with each state's vote as a dict keyed by ISO3 where the name is a member's, else by the scrape's column."""
    scrape = pd.read_csv(io.BytesIO(zipfile.ZipFile(io.BytesIO(raw_bytes("undl_2021", download))).read("UN DATA.csv")),
                         encoding="utf-8-sig", low_memory=False)
    scrape["date"] = pd.to_datetime(scrape["Date"], errors="coerce")
    scrape = scrape[(scrape["Council"] == "General Assembly") & (scrape["date"] >= CHECK_FROM)
                    & (scrape["date"] < pd.Timestamp("2022-01-01"))]
    names = [c for c in scrape.columns if c.isupper() and c not in {"YES COUNT", "NO COUNT", "TOTAL VOTES", "ABSENT COUNT",
                                                                    "NO-VOTE COUNT"}]
    rows = _library_rows(scrape, {n: MEMBERS.get(n, n) for n in names}, {"Y": "yes", "N": "no", "A": "abstain"})
    recent = pd.read_csv(io.BytesIO(raw_bytes("undl_2025", download)), low_memory=False)
    recent = recent[recent["Council"] == "General Assembly"].assign(date=lambda t: pd.to_datetime(t["Date"]))
    codes = [c for c in recent.columns if len(c) == 3 and c.isupper()]  # the 2025 file's columns are ISO3 codes
    rows += _library_rows(recent, {c: c for c in codes}, {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"})
    frame = pd.DataFrame(rows).sort_values(["date", "key"], kind="stable")
    return frame.drop_duplicates("key")  # the scrape holds some records twice (A/76/L.14)


def _library_rows(table: pd.DataFrame, columns: dict[str, str], words: dict[str, str]) -> list[dict]:
    """A scrape's wide table (one column per state) as one dict per record: key, symbol, date, votes by state."""
    coded = table[list(columns)].rename(columns=columns).apply(lambda column: column.map(words))
    return [{"key": symbol_key(symbol), "symbol": " ".join(str(symbol).split()), "date": date,
             "votes": {state: vote for state, vote in votes.items() if isinstance(vote, str)}}
            for symbol, date, votes in zip(table["Resolution"], table["date"], coded.to_dict("records"))]


def long_rows(records: pd.DataFrame, source: str, prefix: str) -> pd.DataFrame:
    """Records with a dict of votes as one row per state and vote (iso3 set for member states)."""
    rows = [(prefix + r.key, r.date, code, vote) for r in records.itertuples() for code, vote in r.votes.items()]
    frame = pd.DataFrame(rows, columns=["roll_call", "date", "code", "vote"])
    frame["iso3"] = frame["code"].where(frame["code"].isin(set(MEMBERS.values())))
    frame["source"] = source
    frame["issues"] = ""
    return frame


def matched(keys: pd.Series, others: set[str]) -> pd.Series:
    """Which symbols the other source holds: the same symbol, or the same with part A named ("75/250" is "75/250A")."""
    return keys.isin(others) | keys.str.replace(r"A$", "", regex=True).isin(others) | (keys + "A").isin(others)


def series_records(un: pd.DataFrame, library: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The votes from 2019 by the rule: the UN's files, then the Library's records for a vote they lack or hold
    without names. Returns (votes from the UN's files, votes filled from the Library, the coverage table)."""
    recorded = un[un["recorded"]]
    named = recorded[recorded["votes"].map(len) > 0]
    nameless = recorded[recorded["votes"].map(len) == 0]
    later = library[library["date"] >= SWITCH]
    filled = later[~matched(later["key"], set(named["key"]))]
    coverage = []
    for r in filled.itertuples():
        in_un = un[matched(un["key"], {r.key})]
        if in_un.empty:
            note = "not in the UN's files"
        elif in_un["recorded"].any():
            note = f"in the UN's files ({in_un['symbol'].iloc[0]}) with its tally but without the states' names"
        else:
            note = "in the UN's files as adopted without a vote"
        coverage.append({"symbol": r.symbol, "date": r.date.date().isoformat(), "in_un_files": "no" if in_un.empty or
                         not in_un["recorded"].any() else "tally only", "in_library": "yes", "used_from": "library",
                         "yes": None, "no": None, "abstain": None, "note": note, "source": SOURCE_KEYS["undl"]})
    covered = library["key"]
    for r in named[named["date"].dt.year.isin(LIBRARY_YEARS)].itertuples():
        if not matched(pd.Series([r.key]), set(covered)).iloc[0]:
            coverage.append({"symbol": r.symbol, "date": r.date.date().isoformat(), "in_un_files": "yes", "in_library": "no",
                             "used_from": "un_files", "yes": r.yes, "no": r.no, "abstain": r.abstain,
                             "note": "not in the Library's records as scraped", "source": SOURCE_KEYS["unxml"]})
    for r in nameless.itertuples():
        if not matched(pd.Series([r.key]), set(later["key"])).iloc[0]:
            coverage.append({"symbol": r.symbol, "date": r.date.date().isoformat(), "in_un_files": "tally only",
                             "in_library": "no" if r.date.year in LIBRARY_YEARS else "not covered", "used_from": "missing",
                             "yes": r.yes, "no": r.no, "abstain": r.abstain,
                             "note": "the UN's file gives the tally but not the states' names", "source": SOURCE_KEYS["unxml"]})
    for r in named.itertuples():
        listed = pd.Series(r.votes).value_counts()
        counted = tuple(int(listed.get(w, 0)) for w in ("yes", "no", "abstain"))
        if counted != (r.yes, r.no, r.abstain):
            coverage.append({"symbol": r.symbol, "date": r.date.date().isoformat(), "in_un_files": "yes",
                             "in_library": "yes" if matched(pd.Series([r.key]), set(covered)).iloc[0] else "not covered",
                             "used_from": "un_files", "yes": r.yes, "no": r.no, "abstain": r.abstain,
                             "note": "the names listed ({}, {}, {}) differ from the tally stated".format(*counted),
                             "source": SOURCE_KEYS["unxml"]})
    for symbol, date, title, (yes, no, abstain), key in MISSING:
        coverage.append({"symbol": symbol, "date": date, "in_un_files": "no", "in_library": "not covered", "used_from": "missing",
                         "yes": yes, "no": no, "abstain": abstain,
                         "note": f"{title}: in neither source; tally as published" + ("" if symbol else " (symbol not given by the sources read)"),
                         "source": key})
    table = pd.DataFrame(coverage).sort_values(["date", "symbol"], kind="stable")
    table.insert(0, "vote_id", [symbol or date for symbol, date in zip(table["symbol"], table["date"])])  # unnumbered: its date
    for column in ("yes", "no", "abstain"):
        table[column] = table[column].astype("Int64")
    return named, filled, table


def contested_roll_calls(votes: pd.DataFrame) -> set[str]:
    """Roll calls on which fewer than 90% of the states voting voted the same way."""
    counts = votes.groupby(["roll_call", "vote"]).size().unstack(fill_value=0)
    return set(counts.index[counts.max(axis=1) / counts.sum(axis=1) < CONTESTED_SHARE])


def majority_votes(votes: pd.DataFrame) -> pd.Series:
    """Each roll call's majority: the choice most of the states voting made (none on a tie)."""
    counts = votes.groupby(["roll_call", "vote"]).size().unstack(fill_value=0)
    top = counts.max(axis=1)
    unique = (counts.eq(top, axis=0)).sum(axis=1) == 1
    return counts[unique].idxmax(axis=1)


def counted(frame: pd.DataFrame) -> dict:
    same = int(frame["same"].sum())
    partial = int(frame["partial"].sum())
    return {"n_same": same, "n_partial": partial, "n_opposite": len(frame) - same - partial}


def agreement_rows(votes: pd.DataFrame, contested: set[str], pairs=None, uncertainty: bool = True) -> pd.DataFrame:
    """Per year and pair, the vote counts, the index, and (with ``uncertainty``) its resampled interval and whether
    it differs from the year before by more than chance."""
    mine = votes.dropna(subset=["iso3"])
    pairs = pairs or [(MONGOLIA, p) for p in PARTNERS] + [(c, p) for c in NEIGHBOURS_OF_THE_POLES for p in POLES]
    rows = []
    for country, partner in pairs:
        a = mine[mine["iso3"] == country][["roll_call", "date", "vote", "source"]]
        b = mine[mine["iso3"] == partner][["roll_call", "vote"]]
        both = a.merge(b, on="roll_call", suffixes=("", "_partner"))
        both = both[both["date"].dt.year >= FIRST_YEAR]
        both["same"] = both["vote"] == both["vote_partner"]
        both["partial"] = (both["vote"] == "abstain") != (both["vote_partner"] == "abstain")
        both["contested"] = both["roll_call"].isin(contested)
        previous, previous_year = None, None
        for year, group in both.groupby(both["date"].dt.year):
            counts = counted(group)
            hard = {f"n_contested_{k[2:]}": v for k, v in counted(group[group["contested"]]).items()}
            # One set of resampled values per year (its own seed, so years are independent): the interval, and the
            # change from the year before, which exceeds chance when its interval excludes zero.
            draws = resampled(np.array([list(counts.values())]), seed=SEED + int(year)) if uncertainty else None
            low, high = np.percentile(draws, [TAIL, 100 - TAIL]) if uncertainty else (np.nan, np.nan)
            change = None
            if uncertainty and previous_year == year - 1:
                low_change, high_change = np.percentile(draws - previous, [TAIL, 100 - TAIL])
                change = bool(low_change > 0 or high_change < 0)
            n_hard = sum(hard.values())
            sources = sorted(group["source"].unique(), key=["voeten", "unxml", "undl"].index)
            rows.append({"year": int(year), "country_iso3": country, "partner_iso3": partner, "n_compared": len(group), **counts,
                         "agreement": round((counts["n_same"] + counts["n_partial"] / 2) / len(group), 3),
                         "ci_low": round(float(low), 3), "ci_high": round(float(high), 3), "change_exceeds_chance": change,
                         "n_contested": n_hard, **hard,
                         "agreement_contested": round((hard["n_contested_same"] + hard["n_contested_partial"] / 2) / n_hard, 3)
                         if n_hard else None,
                         "source": ";".join(SOURCE_KEYS[s] for s in sources)})
            previous, previous_year = draws, year
    frame = pd.DataFrame(rows).sort_values(["country_iso3", "partner_iso3", "year"], kind="stable")
    frame["change_exceeds_chance"] = frame["change_exceeds_chance"].astype("boolean")
    return frame


def mongolia_rows(votes: pd.DataFrame) -> pd.DataFrame:
    votes = votes[votes["date"].dt.year >= FIRST_YEAR]
    mine = votes[votes["iso3"] == MONGOLIA]
    counts = mine.groupby([mine["date"].dt.year, "vote"]).size().unstack(fill_value=0)
    years = votes["date"].dt.year
    recorded = votes.groupby(years)["roll_call"].nunique()
    last = votes.groupby(years)["date"].max().dt.strftime("%Y-%m-%d")
    source = votes.groupby(years)["source"].apply(lambda s: ";".join(SOURCE_KEYS[k] for k in
                                                                     sorted(s.unique(), key=["voeten", "unxml", "undl"].index)))
    return pd.DataFrame({"year": counts.index.astype(int), "yes": counts.get("yes", 0).to_numpy(),
                         "no": counts.get("no", 0).to_numpy(), "abstain": counts.get("abstain", 0).to_numpy(),
                         "roll_calls": recorded.reindex(counts.index).to_numpy(), "last_vote": last.reindex(counts.index).to_numpy(),
                         "source": source.reindex(counts.index).to_numpy()})


def period_of(year: int) -> str:
    return f"{year // 10 * 10}s" if year < 2020 else ("2020-2021" if year < 2022 else str(year))


def split_rows(votes: pd.DataFrame) -> pd.DataFrame:
    """Roll calls where the US and the USSR/Russia voted yes against no, how Mongolia voted on them, and on how many
    the Assembly's majority voted as Russia did and Mongolia as the majority did."""
    keyed = votes[votes["iso3"].isin(TEN)].pivot_table(index=["roll_call", "date", "issues", "source"], columns="iso3",
                                                        values="vote", aggfunc="first").reset_index()
    keyed["majority"] = keyed["roll_call"].map(majority_votes(votes))
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
                         "majority_as_russia": int((part["majority"] == part["RUS"]).sum()),
                         "mongolia_with_majority": int((mongolia == part["majority"]).sum()),
                         "source": ";".join(SOURCE_KEYS[k] for k in sorted(part["source"].unique(),
                                                                          key=["voeten", "unxml", "undl"].index))})
    order = {p: i for i, p in enumerate(sorted(split["period"].unique(), key=lambda p: p[:4]))}
    return pd.DataFrame(rows).sort_values(["period", "issue"], key=lambda s: s.map(order) if s.name == "period" else s, kind="stable")


def majority_rows(votes: pd.DataFrame) -> pd.DataFrame:
    """Per year, how often each of four states voted as most of the states voting did."""
    votes = votes[votes["date"].dt.year >= FIRST_YEAR]
    majority = majority_votes(votes)
    rows = []
    for state in MAJORITY_STATES:
        mine = votes[(votes["iso3"] == state) & votes["roll_call"].isin(majority.index)]
        mine = mine.assign(with_majority=mine["vote"].to_numpy() == majority.reindex(mine["roll_call"]).to_numpy())
        for year, group in mine.groupby(mine["date"].dt.year):
            n, hits = len(group), int(group["with_majority"].sum())
            low, high = interval(np.array([[hits, 0, n - hits]]))
            rows.append({"year": int(year), "iso3": state, "n_voted": n, "with_majority": hits, "share": round(hits / n, 3),
                         "ci_low": round(low, 3), "ci_high": round(high, 3),
                         "source": ";".join(SOURCE_KEYS[k] for k in sorted(group["source"].unique(),
                                                                          key=["voeten", "unxml", "undl"].index))})
    return pd.DataFrame(rows).sort_values(["iso3", "year"], kind="stable")


def ideal_point_rows(download: bool) -> pd.DataFrame:
    table = pd.read_csv(io.BytesIO(raw_bytes("ideal_points", download)), sep="\t")
    table = table[table["iso3c"].isin(TEN) & (table["year"] >= 1946)]
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


def source_check_rows(voeten: pd.DataFrame, calls: pd.DataFrame, library: pd.DataFrame, contested: set[str]) -> pd.DataFrame:
    """Mongolia's agreement with each partner in 2010-2018 on Voeten's data (all of it, and its final votes only:
    no amendment or paragraph votes) and on the Library's records, where both hold the year."""
    overlap = voeten[(voeten["date"] >= CHECK_FROM) & (voeten["date"] < SWITCH)]
    final = overlap[overlap["roll_call"].isin(calls.loc[~calls["part"], "roll_call"])]
    lib = long_rows(library[library["date"] < SWITCH], "undl", "l")
    frames = []
    for name, votes in (("voeten", overlap), ("voeten_final", final), ("undl", lib)):
        part = agreement_rows(votes, contested, [(MONGOLIA, p) for p in PARTNERS], uncertainty=False)
        part = part[["year", "partner_iso3", "agreement", "n_compared"]]
        frames.append(part.rename(columns={"agreement": f"agreement_{name}", "n_compared": f"n_{name}"}).set_index(["year", "partner_iso3"]))
    both = frames[0].join(frames[1], how="inner").join(frames[2], how="inner").reset_index()
    both["source"] = SOURCE_KEYS["voeten"] + ";" + SOURCE_KEYS["undl"]
    return both.sort_values(["partner_iso3", "year"], kind="stable")


def overlap_rows(named: pd.DataFrame, library: pd.DataFrame) -> pd.DataFrame:
    """Vote by vote, for the ten states: on the votes both the UN's files and the Library's records hold, how often
    they give a state the same vote (yes, no, abstain or absent)."""
    lib = library[library["date"] >= SWITCH].set_index("key")
    rows = []
    for label, years in (("2019-2021", (2019, 2020, 2021)), ("2025", (2025,))):
        pairs = []
        for r in named[named["date"].dt.year.isin(years)].itertuples():
            keys = [k for k in (r.key, r.key + "A", re.sub("A$", "", r.key)) if k in lib.index]
            if keys:
                pairs.append((r.votes, lib.at[keys[0], "votes"]))
        for state in TEN:
            mine = [(un.get(state, "absent"), dl.get(state, "absent")) for un, dl in pairs]
            same = sum(a == b for a, b in mine)
            rows.append({"period": label, "iso3": state, "n_both": len(mine), "n_same": same, "n_differ": len(mine) - same,
                         "same_share": round(same / len(mine), 3),
                         "source": SOURCE_KEYS["unxml"] + ";" + SOURCE_KEYS["undl"]})
    return pd.DataFrame(rows)


def vote_list_rows(named: pd.DataFrame) -> pd.DataFrame:
    """Every recorded vote in the UN's files, with the ten states' votes ("absent" when a state is in no list)."""
    frame = named.sort_values(["date", "key"], kind="stable")
    table = pd.DataFrame({"symbol": frame["symbol"].to_numpy(), "date": frame["date"].dt.strftime("%Y-%m-%d").to_numpy(),
                          "title": frame["title"].to_numpy(), "committee": frame["committee"].to_numpy(),
                          "yes": frame["yes"].to_numpy(), "no": frame["no"].to_numpy(), "abstain": frame["abstain"].to_numpy()})
    letters = {"yes": "Y", "no": "N", "abstain": "A"}
    for state in TEN:  # Y, N or A; empty when the state is in none of the lists (absent or not voting)
        table[state.lower()] = [letters.get(votes.get(state), "") for votes in frame["votes"]]
    table["source"] = SOURCE_KEYS["unxml"]
    return table


def write(frame: pd.DataFrame, name: str, out: Path) -> None:
    frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", float_format="%.3f")


def derive(out: Path = OUT, download: bool = False) -> dict[str, float]:
    started, working = time.perf_counter(), time.process_time()
    out.mkdir(parents=True, exist_ok=True)
    voeten, calls = voeten_votes(download)
    un = un_records(download)
    library = library_records(download)
    named, filled, coverage = series_records(un, library)
    recent = pd.concat([long_rows(named, "unxml", "u"), long_rows(filled, "undl", "l")], ignore_index=True)
    early_library = long_rows(library[library["date"] < SWITCH], "undl", "l")
    write(overlap_rows(named, library), "unga_source_overlap", out)
    write(coverage, "unga_vote_coverage", out)
    write(vote_list_rows(named), "unga_recorded_votes", out)
    write(ideal_point_rows(download), "unga_ideal_points", out)
    write(coincidence_rows(), "unga_us_coincidence", out)
    contested = contested_roll_calls(pd.concat([voeten, recent, early_library], ignore_index=True))
    # The series: Voeten's data before the switch; from it the UN's files, and the Library's for what they lack.
    votes = pd.concat([voeten[voeten["date"] < SWITCH], recent], ignore_index=True)
    write(agreement_rows(votes, contested), "unga_agreement", out)
    write(mongolia_rows(votes), "unga_mongolia_votes", out)
    write(split_rows(votes), "unga_split_votes", out)
    write(majority_rows(votes), "unga_majority", out)
    write(source_check_rows(voeten, calls, library, contested), "unga_source_check", out)
    # Wall time, and the processor time spent (what a busy machine does not inflate).
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - working}


TABLES = ("unga_agreement", "unga_mongolia_votes", "unga_split_votes", "unga_majority", "unga_ideal_points", "unga_us_coincidence",
          "unga_source_check", "unga_source_overlap", "unga_vote_coverage", "unga_recorded_votes")


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
