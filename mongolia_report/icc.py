"""Who was a state party to the Rome Statute on a given day, from ``icc_states``.

A count of states parties is true only of a date. The report states such counts for
the day of Putin's visit, for the day the data are current to, and for every trip in the
trips table; all of them come from :func:`parties_on`, never from the number of rows
whose status is "party" today.

The rules, from articles 126 and 127 of the Statute:

- a state becomes a party when the Statute enters into force for it (``in_force``). Where
  only the deposit of its instrument is transcribed (``joined``), entry into force is
  computed from article 126: 1 July 2002 for instruments deposited by 11 April 2002, and
  otherwise the first day of the month after the sixtieth day following the deposit;
- a withdrawal takes effect one year after the UN receives the notice; until then the
  state is still a party, and a notice revoked before that day never takes effect;
- an announcement is not a notice: a state that has only announced it will leave stays a
  party at least until a year after the last day a source confirms that no notice had
  arrived. After that the data cannot say whether a notice followed, so the state is
  *unsettled* on such days, and a chapter must say what each outcome would mean.

Some parties have no transcribed dates at all. The data package states, in
``x-undated-in-force-by``, a day by which all of them were parties (a stated count of
parties on that day proves it; the data tests check the arithmetic). Counts for earlier
days would need their dates, so :func:`parties_on` refuses them rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .package import resource_descriptor

FORMER_OR_PRESENT = ("party", "withdrawn")
ONE_YEAR = pd.DateOffset(years=1)
# Article 126(1): the Statute entered into force on 1 July 2002 for the states whose
# instruments were deposited by the sixtieth, on 11 April 2002.
ENTRY_INTO_FORCE = pd.Timestamp("2002-07-01")
SIXTIETH_DEPOSIT = pd.Timestamp("2002-04-11")


class MembershipDatesMissing(ValueError):
    """A count was asked for a day the transcribed dates cannot settle."""


@dataclass(frozen=True)
class PartyCount:
    """The states parties on a day: ``settled`` were certainly parties; ``unsettled`` may or may not have been."""

    day: pd.Timestamp
    settled: int
    unsettled: tuple[str, ...]

    @property
    def at_most(self) -> int:
        return self.settled + len(self.unsettled)


def in_force_from_deposit(deposited: pd.Timestamp) -> pd.Timestamp:
    """Entry into force for a state that deposited its instrument on ``deposited`` (article 126)."""
    if deposited <= SIXTIETH_DEPOSIT:
        return ENTRY_INTO_FORCE
    sixtieth_day = deposited + pd.Timedelta(days=60)
    return (sixtieth_day + pd.offsets.MonthBegin(1)).normalize()


def undated_in_force_by() -> pd.Timestamp:
    """The day by which every party without transcribed dates was a party (from the data package)."""
    return pd.Timestamp(resource_descriptor("icc_states")["x-undated-in-force-by"])


def entry_into_force(row) -> pd.Timestamp | None:
    """The row's entry into force: transcribed, computed from its deposit, or None if neither is known."""
    if pd.notna(row.in_force):
        return row.in_force
    if pd.notna(row.joined):
        return in_force_from_deposit(row.joined)
    return None


def status_on(row, day: pd.Timestamp, undated_by: pd.Timestamp) -> str:
    """'party', 'not_party' or 'unsettled' for one row of ``icc_states`` on ``day``."""
    if row.status not in FORMER_OR_PRESENT:
        return "not_party"
    stage = row.withdrawal_stage if pd.notna(row.withdrawal_stage) else None
    if stage == "took_effect" and day >= row.withdrawal_effective:
        return "not_party"
    start = entry_into_force(row)
    if start is None:
        if day < undated_by:
            raise MembershipDatesMissing(
                f"data/icc_states.csv: {row.iso3} ({row.name}) has no entry-into-force or deposit date, so whether it "
                f"was a party on {day.date()} is unknown; the undated parties are known to be parties only from "
                f"{undated_by.date()} (x-undated-in-force-by)"
            )
    elif day < start:
        return "not_party"
    if stage == "revoked":
        return "party"
    if pd.notna(row.withdrawal_effective):
        if day < row.withdrawal_effective:
            return "party"
        return "not_party" if stage == "took_effect" else "unsettled"
    if pd.notna(row.withdrawal_announced):
        quiet_until = row.not_notified_by if pd.notna(row.not_notified_by) else row.withdrawal_announced
        return "party" if day < quiet_until + ONE_YEAR else "unsettled"
    return "party"


def statuses_on(states: pd.DataFrame, day) -> pd.Series:
    """Each state's status on ``day``, indexed by ISO code."""
    day, undated_by = pd.Timestamp(day), undated_in_force_by()
    return pd.Series({row.iso3: status_on(row, day, undated_by) for row in states.itertuples()}, name="status")


def is_party_on(states: pd.DataFrame, iso3: str, day) -> bool:
    """True only if ``iso3`` was certainly a party on ``day`` (states not in the table are not parties)."""
    rows = states[states["iso3"] == iso3]
    return bool(len(rows)) and status_on(next(rows.itertuples()), pd.Timestamp(day), undated_in_force_by()) == "party"


def parties_on(states: pd.DataFrame, day) -> PartyCount:
    """How many states were parties on ``day``, and which states' status the data cannot settle."""
    statuses = statuses_on(states, day)
    return PartyCount(
        day=pd.Timestamp(day),
        settled=int((statuses == "party").sum()),
        unsettled=tuple(sorted(statuses.index[statuses == "unsettled"])),
    )


@dataclass(frozen=True)
class BreachRank:
    """Where one finding stands among the Court's findings against states parties, in date order."""

    state_rank: int  # counted in distinct states: a state found in breach twice counts once
    finding_rank: int  # counted in findings
    repeats: dict[str, int]  # the earlier states found in breach more than once, and how often


def breach_rank(findings: pd.DataFrame, finding_id: str) -> BreachRank:
    """Rank a finding among the findings on states parties (``bound_by`` 'rome_statute'), by decision date.

    The ordinal a sentence such as "the eighth state party found in breach" uses is the count of distinct
    states up to and including this one; the count of findings is larger wherever a state was found twice.
    """
    parties = findings[findings["bound_by"] == "rome_statute"].sort_values("decision_date", kind="stable")
    ids = parties["finding_id"].tolist()
    if finding_id not in ids:
        raise KeyError(f"{finding_id} is not a finding against a state party")
    position = ids.index(finding_id)
    earlier, state = parties.iloc[:position], parties.iloc[position]["state_iso3"]
    counts = earlier["state"].value_counts()
    return BreachRank(state_rank=earlier["state_iso3"].nunique() + (state not in set(earlier["state_iso3"])),
                      finding_rank=position + 1,
                      repeats={name: int(n) for name, n in counts.items() if n > 1})
