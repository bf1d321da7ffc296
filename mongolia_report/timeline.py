"""One dated list of events drawn from every dataset that records events.

The "What happened next" chapter needs a single timeline across the report's themes.
Rather than copy events into a second table, :func:`events_between` reads each dataset
that records dated events (the ICC's findings, withdrawals and accessions, Putin's trips,
high-level visits, the General Assembly's Ukraine votes, the Ulaanbaatar Dialogue and
the ``events`` table of milestones that fit in no other dataset) and phrases each row as one event, keeping its
sources. A change to any of those datasets therefore shows on the timeline at the next
build, and every event on it carries the bibliography keys of the row it came from.
"""

from __future__ import annotations

import pandas as pd

from .data import load
from .icc import is_party_on
from .text import date_at_precision, in_prose, ordinal_word

THEMES = {
    "icc": "The ICC",
    "energy_trade": "Energy and trade",
    "alignment": "China and Russia",
    "diplomacy": "Diplomacy",
    "politics": "Mongolian politics",
}
COLUMNS = ["date", "date_precision", "theme", "event", "source", "dataset"]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _milestones() -> pd.DataFrame:
    events = load("events")
    return events.assign(dataset="events")[COLUMNS]


def _findings() -> pd.DataFrame:
    rows = []
    for f in load("icc_noncompliance").itertuples():
        rows.append(dict(date=f.decision_date, date_precision="day", theme="icc", source=f.source, dataset="icc_noncompliance",
                         event=f"The ICC finds that {f.state} failed to arrest and surrender {f.suspect}" + _referral(f)))
        if pd.notna(f.referral_date) and f.referral_date != f.decision_date:
            rows.append(dict(date=f.referral_date, date_precision="day", theme="icc", source=f.source, dataset="icc_noncompliance",
                             event=f"The ICC refers {f.state}'s failure to arrest and surrender {f.suspect} to {REFERRED_TO[f.referred_to]}"))
    return _frame(rows)


REFERRED_TO = {
    "unsc_and_asp": "the UN Security Council and the Assembly of States Parties",
    "asp": "the Assembly of States Parties",
    "unsc": "the UN Security Council",
}


def _referral(finding) -> str:
    """How the finding's own event ends: a referral made the same day, or none (a later referral is its own event)."""
    if finding.referred_to in REFERRED_TO and finding.referral_date == finding.decision_date:
        return f" and refers the matter to {REFERRED_TO[finding.referred_to]}"
    if finding.referred_to == "none":
        return ", without referring the matter"
    return ""


def _membership() -> pd.DataFrame:
    rows = []
    for s in load("icc_states").itertuples():
        base = dict(date_precision="day", theme="icc", source=s.source, dataset="icc_states")
        if pd.notna(s.in_force):
            rows.append(base | dict(date=s.in_force, event=f"The Rome Statute enters into force for {s.name}"))
        if pd.notna(s.withdrawal_announced):
            rows.append(base | dict(date=s.withdrawal_announced, event=f"{s.name} announces that it will leave the ICC"))
        if pd.notna(s.withdrawal_notified):
            rows.append(base | dict(date=s.withdrawal_notified, event=f"{s.name} notifies the UN of its withdrawal from the Rome Statute"))
        if pd.notna(s.withdrawal_stage) and s.withdrawal_stage == "took_effect":
            rows.append(base | dict(date=s.withdrawal_effective, event=f"{s.name}'s withdrawal from the Rome Statute takes effect"))
    return _frame(rows)


def _trips() -> pd.DataFrame:
    states = load("icc_states")
    rows = []
    for t in load("putin_trips").itertuples():
        host = "a state party to the Rome Statute" if is_party_on(states, t.destination_iso3, t.start_date) else "not a state party"
        rows.append(dict(date=t.start_date, date_precision=t.date_precision, theme="icc", source=t.source, dataset="putin_trips",
                         event=f"Putin visits {in_prose(t.destination)} ({host}): {t.purpose}"))
    return _frame(rows)


def _visits() -> pd.DataFrame:
    rows = []
    for v in load("diplomatic_visits").itertuples():
        who = f"{v.visitor} ({v.country})" if v.direction == "to_mongolia" else v.visitor
        where = "visits Mongolia" if v.direction == "to_mongolia" else f"visits {in_prose(v.country)}"
        rows.append(dict(date=v.start_date, date_precision=v.date_precision, theme="diplomacy", source=v.source,
                         dataset="diplomatic_visits", event=f"{who} {where}: {v.purpose}"))
    return _frame(rows)


def _dialogues() -> pd.DataFrame:
    rows = [dict(date=d.start_date, date_precision="day", theme="diplomacy", source=d.source, dataset="ub_dialogue",
                 event=f"The {ordinal_word(d.edition)} Ulaanbaatar Dialogue on Northeast Asian Security meets"
                       + (f", with more than {d.participants_min} participants" if pd.notna(d.participants_min) else ""))
            for d in load("ub_dialogue").itertuples()]
    return _frame(rows)


def _votes() -> pd.DataFrame:
    votes = load("unga_ukraine_votes")
    mongolia = votes[votes["country_iso3"] == "MNG"].set_index("resolution_id")["vote"]
    rows = []
    for r in load("unga_ukraine_resolutions").itertuples():
        vote = {"yes": "votes for it", "no": "votes against", "abstain": "abstains", "absent": "does not vote"}.get(
            mongolia.get(r.resolution_id), "vote not found")
        rows.append(dict(date=r.date, date_precision="day", theme="alignment", source=r.source, dataset="unga_ukraine_resolutions",
                         event=f"The UN General Assembly adopts \u201c{r.title}\u201d ({r.yes} for, {r.no} against, {r.abstain} "
                               f"abstaining); Mongolia {vote}"))
    return _frame(rows)


SOURCES = {
    "events": _milestones,
    "icc_noncompliance": _findings,
    "icc_states": _membership,
    "putin_trips": _trips,
    "diplomatic_visits": _visits,
    "unga_ukraine_resolutions": _votes,
    "ub_dialogue": _dialogues,
}


def events_between(start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Every dated event from ``start`` to ``end`` (inclusive), oldest first, with a readable date."""
    frame = pd.concat([gather() for gather in SOURCES.values()], ignore_index=True)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    frame = frame.sort_values(["date", "theme", "event"], kind="stable").reset_index(drop=True)
    frame["when"] = [date_at_precision(d, p) for d, p in zip(frame["date"], frame["date_precision"])]
    return frame
