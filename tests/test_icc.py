"""The one helper that says who was a state party on a given day (mongolia_report.icc)."""

from __future__ import annotations

import pandas as pd
import pytest

from mongolia_report import load
from mongolia_report.icc import MembershipDatesMissing, breach_rank, in_force_from_deposit, is_party_on, parties_on
from mongolia_report.text import ordinal_word

COLUMNS = ["iso3", "name", "status", "joined", "in_force", "withdrawal_announced", "not_notified_by",
           "withdrawal_notified", "withdrawal_effective", "withdrawal_stage"]


def states(*rows) -> pd.DataFrame:
    frame = pd.DataFrame([dict(zip(COLUMNS, row)) for row in rows], columns=COLUMNS)
    for column in COLUMNS[3:-1]:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def test_entry_into_force_follows_article_126():
    assert in_force_from_deposit(pd.Timestamp("2002-04-11")) == pd.Timestamp("2002-07-01")  # the sixtieth deposit
    assert in_force_from_deposit(pd.Timestamp("2023-11-14")) == pd.Timestamp("2024-02-01")  # Armenia
    assert in_force_from_deposit(pd.Timestamp("2024-10-25")) == pd.Timestamp("2025-01-01")  # Ukraine
    assert in_force_from_deposit(pd.Timestamp("2003-01-31")) == pd.Timestamp("2003-05-01")  # Albania: day 60 is 1 April


def test_entry_into_force_in_the_data_follows_article_126_wherever_both_dates_are_given():
    table = load("icc_states").dropna(subset=["joined", "in_force"])
    assert len(table) >= 10
    for row in table.itertuples():
        assert in_force_from_deposit(row.joined) == row.in_force, row.iso3


def test_a_party_counts_from_entry_into_force_until_its_withdrawal_takes_effect():
    table = states(
        ("AAA", "A", "party", "2010-01-05", "2010-04-01", None, None, None, None, None),
        ("BBB", "B", "withdrawn", "2005-01-01", "2005-04-01", None, None, "2018-03-17", "2019-03-17", "took_effect"),
    )
    assert parties_on(table, "2010-03-31").settled == 1  # B only
    assert parties_on(table, "2010-04-01").settled == 2
    assert parties_on(table, "2019-03-16").settled == 2  # B's withdrawal not yet in effect
    assert parties_on(table, "2019-03-17").settled == 1


def test_a_revoked_notice_never_takes_effect_and_an_unconfirmed_one_is_unsettled():
    table = states(
        ("HUN", "H", "party", "2001-11-30", None, "2025-04-03", None, "2025-06-02", None, "revoked"),
        ("NTF", "N", "party", "2001-11-30", None, None, None, "2025-06-02", "2026-06-02", "notified"),
        ("ANN", "A", "party", "2001-11-30", None, "2025-09-22", "2025-12-01", None, None, "announced"),
    )
    before = parties_on(table, "2026-06-01")
    assert (before.settled, before.unsettled) == (3, ())
    after = parties_on(table, "2026-06-02")
    # Hungary stays; a notice due that day is not known to have taken effect; an announcement is not a notice.
    assert (after.settled, after.unsettled) == (2, ("NTF",))
    # A year after the last day a source confirms no notice had arrived, the announcement can no longer settle it.
    later = parties_on(table, "2026-12-01")
    assert later.unsettled == ("ANN", "NTF") and later.at_most == 3


def test_a_count_the_dates_cannot_support_is_refused():
    """Undated parties are known to be parties only from x-undated-in-force-by; earlier counts are refused."""
    real = load("icc_states")
    with pytest.raises(MembershipDatesMissing, match="no entry-into-force or deposit date"):
        parties_on(real, "2020-01-01")
    assert parties_on(real, "2023-10-12").settled == 123


def test_the_hosts_of_putin_s_visits_are_classified_on_the_day():
    table = load("icc_states")
    assert is_party_on(table, "MNG", "2024-09-02")
    assert is_party_on(table, "TJK", "2025-10-08")
    assert not is_party_on(table, "CHN", "2025-08-31")  # never a party
    assert not is_party_on(table, "XXX", "2025-08-31")  # not in the table
    assert is_party_on(table, "HUN", "2026-06-03"), "Hungary revoked its notice before it took effect"
    assert not is_party_on(table, "PHL", "2019-03-17") and is_party_on(table, "PHL", "2019-03-16")


def findings_table(*rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["finding_id", "state_iso3", "state", "bound_by", "decision_date"])
    frame["decision_date"] = pd.to_datetime(frame["decision_date"])
    return frame


def test_a_state_found_in_breach_twice_counts_once_among_states_but_twice_among_findings():
    findings = findings_table(
        ("B-2", "BBB", "Bee", "rome_statute", "2013-01-01"),  # out of date order on purpose
        ("A-1", "AAA", "Ay", "rome_statute", "2011-01-01"),
        ("S-1", "SSS", "Ess", "unsc_resolution", "2012-01-01"),  # bound by the Council, not a state party
        ("B-1", "BBB", "Bee", "rome_statute", "2012-06-01"),
        ("M-1", "MMM", "Em", "rome_statute", "2014-01-01"),
        ("B-3", "BBB", "Bee", "rome_statute", "2015-01-01"),
    )
    rank = breach_rank(findings, "M-1")
    assert (rank.state_rank, rank.finding_rank, rank.repeats) == (3, 4, {"Bee": 2})
    again = breach_rank(findings, "B-3")  # a state found again does not move up among states
    assert (again.state_rank, again.finding_rank, again.repeats) == (3, 5, {"Bee": 2})
    with pytest.raises(KeyError, match="S-1 is not a finding against a state party"):
        breach_rank(findings, "S-1")


def test_mongolia_s_place_among_states_parties_found_in_breach_is_counted_from_distinct_states(icc_glue):
    findings = load("icc_noncompliance")
    parties = findings[findings["bound_by"] == "rome_statute"].sort_values("decision_date")
    before = parties[parties["decision_date"] < parties.loc[parties["finding_id"] == "MNG-2024", "decision_date"].iloc[0]]
    assert icc_glue["mng_party_rank"] == ordinal_word(before["state_iso3"].nunique() + 1)
    assert icc_glue["mng_finding_rank"] == ordinal_word(len(before) + 1)
    assert len(before) + 1 > before["state_iso3"].nunique() + 1, "the two counts differ: a state was found twice"
