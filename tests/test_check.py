"""`make check`: each corrupted copy of the data gives exactly one line naming the fault.

Each test copies data/, references.bib and CITATION.cff to a temporary checkout, breaks one thing,
and compares the whole output of the check with the expected line.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from mongolia_report.check import all_problems


@pytest.fixture()
def checkout(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    shutil.copy(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    return tmp_path


def rewrite(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_the_data_as_committed_passes(checkout):
    assert all_problems(checkout) == []


def test_a_table_found_clean_is_read_again_only_when_something_its_check_reads_changes(checkout, tmp_path_factory, monkeypatch):
    """validation.validate_resource remembers the tables it found clean, by the bytes of everything it read."""
    from mongolia_report import validation

    assert all_problems(checkout) == []
    read = []
    real = validation.checked
    monkeypatch.setattr(validation, "checked", lambda name, *args: read.append(name) or real(name, *args))
    other = tmp_path_factory.mktemp("other")  # another copy, byte for byte: nothing is read again
    for name in ("data", "references.bib", "CITATION.cff"):
        (shutil.copytree if name == "data" else shutil.copy)(checkout / name, other / name)
    assert all_problems(other) == [] and read == []
    # A table that foreign keys point at changes (its rows reversed: still valid): it and the tables that point at it
    # are read again, and only they.
    rewrite(other / "data" / "partner_groups.csv", lambda rows: rows[:1] + rows[:0:-1])
    assert all_problems(other) == [] and sorted(read) == ["claims", "diplomatic_visits", "partner_groups"]


def test_an_empty_table(checkout):
    rewrite(checkout / "data" / "ub_dialogue.csv", lambda rows: rows[:1])
    assert all_problems(checkout) == [
        f"{checkout}/data/ub_dialogue.csv: has 0 rows; the data package says at least 1 (x-min-rows)"
    ]


def test_a_date_after_the_dataset_is_current_to(checkout):
    def later(rows):
        rows[1][rows[0].index("date")] = "2031-01-01"
        return rows

    rewrite(checkout / "data" / "events.csv", later)
    [problem] = all_problems(checkout)
    assert problem.startswith(f"{checkout}/data/events.csv:2:date: 2031-01-01 is after ")
    assert problem.endswith("the day the dataset is current to")


def test_a_missing_column_is_named_once(checkout):
    rewrite(checkout / "data" / "putin_trips.csv", lambda rows: [row[:-1] for row in rows])
    assert all_problems(checkout) == [f"{checkout}/data/putin_trips.csv:1:note: column is missing from the header"]


def test_a_duplicated_column_is_named_once(checkout):
    rewrite(checkout / "data" / "putin_trips.csv", lambda rows: [row + [row[-1]] for row in rows])
    assert all_problems(checkout) == [f"{checkout}/data/putin_trips.csv:1:note: column appears more than once in the header"]


def test_a_syntax_error_in_the_data_package(checkout):
    package = checkout / "data" / "datapackage.yaml"
    lines = package.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith("- name: icc_states"))
    lines[at + 1] = "  path: [icc_states.csv"
    package.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = all_problems(checkout)
    assert problem.startswith(f"{checkout}/data/datapackage.yaml:{at + 3}:")
    assert "YAML syntax error" in problem


def test_a_malformed_bibliography_entry_is_named_with_its_line(checkout):
    bib = checkout / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{Amnesty2002historic")
    line = text.count("\n", 0, start) + 1
    broken = text[:start] + text[start:].replace("title = {", "title = {{", 1)
    bib.write_text(broken, encoding="utf-8")
    [problem] = all_problems(checkout)
    assert problem.startswith(f"{checkout}/references.bib:")
    assert "entry 'Amnesty2002historic'" in problem
    reported = int(problem.split(":")[1])
    assert line <= reported < line + 15, "the line is in the broken entry, not where the parser gave up"


def test_a_byte_order_mark_is_refused_by_the_check_and_the_loader(checkout):
    path = checkout / "data" / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert all_problems(checkout) == [
        f"{checkout}/data/claims.csv:1: starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM"
    ]
    from mongolia_report.data import DataValidationError, load

    with pytest.raises(DataValidationError, match="byte-order mark"):
        load("claims", checkout / "data" / "datapackage.yaml")


# Only http, https and DOI addresses become links: anything else where the site makes a link is refused.

def test_a_script_address_in_the_bibliography_is_named_with_entry_field_and_line(checkout):
    bib = checkout / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{Amnesty2002historic")
    at = text.index("  url = {", start)
    end = text.index("}", at)
    bib.write_text(text[:at] + "  url = {javascript:alert(document.cookie)" + text[end:], encoding="utf-8")
    assert all_problems(checkout) == [
        f"{checkout}/references.bib:{text.count(chr(10), 0, at) + 1}: entry 'Amnesty2002historic': field url: "
        "'javascript:alert(document.cookie)' is not an http or https address; nothing else may become a link"]


def test_a_doi_that_is_not_a_doi_is_refused(checkout):
    bib = checkout / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("doi = {10.1177/0022002715595700}", 'doi = {10.1177/x" onclick="alert(1)}'), encoding="utf-8")
    [problem] = all_problems(checkout)
    assert problem.endswith("field doi: '10.1177/x\" onclick=\"alert(1)' is not a DOI (10.NNNN/...); nothing else may become a link")


def test_a_script_address_in_the_data_package_is_named_with_resource_and_key(checkout):
    package = checkout / "data" / "datapackage.yaml"
    text = package.read_text(encoding="utf-8")
    package.write_text(text.replace("path: https://www.icc-cpi.int", "path: ' JaVaScRiPt:alert(1)'", 1), encoding="utf-8")
    problems = all_problems(checkout)
    assert problems and all(p.startswith(f"{checkout}/data/datapackage.yaml: resource '") for p in problems)
    assert f"{checkout}/data/datapackage.yaml: resource 'icc_noncompliance': sources/0/path: ' JaVaScRiPt:alert(1)' is not an " \
           "http, https or DOI address; nothing else may become a link" in problems


def test_a_script_address_in_the_citation_file_is_refused(checkout):
    cff = checkout / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8") + 'url: "data:text/html,<script>alert(1)</script>"\n', encoding="utf-8")
    assert all_problems(checkout) == [
        f"{checkout}/CITATION.cff: field url: 'data:text/html,<script>alert(1)</script>' is not an http or https address; "
        "nothing else may become a link"]


def test_a_description_that_disagrees_with_the_bibliography_about_a_source_s_reach(checkout):
    # The fault a reader caught: the package said the monthly figures reach April 2026, the file reaches July.
    package = checkout / "data" / "datapackage.yaml"
    text = package.read_text(encoding="utf-8")
    package.write_text(text.replace("the monthly figures reach July 2026 (their months", "the monthly figures reach April 2026 (their months", 1),
                       encoding="utf-8")
    assert all_problems(checkout) == [
        f"{checkout}/data/datapackage.yaml: resource 'mongolia_exports': the description says a source reaches 2026-04; "
        "x-source-reach says 2026-07"]


def test_a_bibliography_note_that_disagrees_with_its_own_reach(checkout):
    bib = checkout / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("months to July 2026", "months to April 2026", 1), encoding="utf-8")
    line = text.count("\n", 0, text.index("@misc{NSO2026trademonthly")) + 1
    assert all_problems(checkout) == [
        f"{checkout}/references.bib:{line}: entry 'NSO2026trademonthly': field note says the source reaches 2026-04, "
        "field reaches says 2026-07"]


def test_a_declared_reach_that_the_bibliography_does_not_share(checkout):
    bib = checkout / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("reaches = {2026-07}", "reaches = {2026-04}", 1), encoding="utf-8")
    problems = all_problems(checkout)
    assert any(p.endswith("entry 'NSO2026trademonthly': field note says the source reaches 2026-07, field reaches says 2026-04")
               for p in problems)
    for name in ("mongolia_exports", "mongolia_imports", "mongolia_trade_monthly"):
        assert (f"{checkout}/data/datapackage.yaml: resource {name!r}: x-source-reach says NSO2026trademonthly reaches 2026-07, "
                "its entry in references.bib says 2026-04") in problems
    assert len(problems) == 4
