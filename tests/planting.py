"""The planted build that two test files read: the runnable archive as the site offers it for download, unpacked,
with markup planted in every text field of every dataset, of the bibliography and of the data package (tests/
test_data_is_text.py looks for it on every page, chart, map and PDF), and built as the publishing workflow builds
(the site's and the repository's addresses set: tests/test_release.py reads its link previews, sitemap and
launch buttons, and builds it again to see that an unchanged rebuild prints nothing).

One build serves both because each costs a whole build of the book (the planted one executes every notebook
afresh, as its data are new): conftest.py starts it as soon as the session has built the site (it unpacks the
site's archive), beside the session, and the ``planted_build`` fixture waits for it.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from conftest import Job, copy_environment

FLAG = "mnrPlanted"
MARK = "data-mnr-planted"
# One string that tries every way text has of becoming markup on this site.
PLANT = (f' <img src="x" {MARK} onerror="window.{FLAG}=1">'
         f' <a {MARK} href="javascript:window.{FLAG}=1">planted link</a>'
         f" [planted Markdown link](javascript:window.{FLAG}=1)"
         f" </script><script>window.{FLAG}=1</script>"
         f" `${{window.{FLAG}=1}}`"
         " {sub-ref}`today` $x^2$ *planted* | cell")
# The datasets' cells also get a backslash, which would end a JavaScript template literal badly
# (the bibliography reads it as the start of a LaTeX command, so it is left out there).
DATA_PLANT = PLANT + " C:\\users"
SHOWN = f'<img src="x" {MARK} onerror="window.{FLAG}=1">'  # the part every surface must show as text
# The bibliography's fields that are not free text (addresses, dates, numbers).
BIB_TYPED = {"url", "urldate", "doi", "year", "month", "day", "volume", "number", "pages", "issn", "isbn", "reaches"}  # reaches: a month, YYYY-MM


def text_fields(resource: dict, package: dict) -> list[str]:
    """The fields of a resource whose cells may hold any text: strings without an enum, pattern or
    format, which are not keys, do not refer to or are not referred to by another table, and are
    not lists of ids or of bibliography keys (those are checked against what they name)."""
    schema = resource.get("schema", {})

    def names(value) -> set[str]:
        return {value} if isinstance(value, str) else set(value or [])

    keys = names(schema.get("primaryKey"))
    for foreign in schema.get("foreignKeys", []):
        keys |= names(foreign["fields"])
    for other in package["resources"]:
        for foreign in other.get("schema", {}).get("foreignKeys", []):
            if (foreign["reference"].get("resource") or other["name"]) == resource["name"]:
                keys |= names(foreign["reference"]["fields"])
    keys |= set(resource.get("x-source-fields", [])) | {rule["field"] for rule in resource.get("x-id-lists", [])}
    return [field["name"] for field in schema.get("fields", [])
            if field["type"] == "string" and field["name"] not in keys and field.get("format", "default") == "default"
            and not {"enum", "pattern"} & set(field.get("constraints", {}))]


def plant_data(root: Path) -> dict[str, list[str]]:
    """Append the plant to every non-empty cell of every text field; returns the fields planted."""
    package_file = root / "data" / "datapackage.yaml"
    package = yaml.safe_load(package_file.read_text(encoding="utf-8"))
    planted = {}
    for resource in package["resources"]:
        fields = text_fields(resource, package)
        if resource.get("format") != "csv" or not fields:
            continue
        path = package_file.parent / resource["path"]
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        columns = [rows[0].index(name) for name in fields]
        for row in rows[1:]:
            for column in columns:
                if row[column]:
                    row[column] += DATA_PLANT
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
        planted[resource["name"]] = fields
    # What the descriptor says of the package, each dataset, its fields and its sources is text too.
    for part in [package, *package["resources"], *(f for r in package["resources"] for f in r.get("schema", {}).get("fields", [])),
                 *(s for r in package["resources"] for s in r.get("sources", []))]:
        for key in ("title", "description"):
            if isinstance(part.get(key), str) and PLANT not in part[key]:  # a definition shared by several is planted once
                part[key] += PLANT
    package["x-news-reach"]["note"] += PLANT
    package_file.write_text(yaml.safe_dump(package, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return planted


def plant_bibliography(root: Path) -> int:
    """Append the plant to every free-text field of every entry, and add it as an author; returns the entries.

    Edited as text, field by field (every field of references.bib is one line), because pybtex's writer
    would also rewrite the addresses (escaping their & and _ as LaTeX)."""
    from pybtex.database import parse_file

    bib_file = root / "references.bib"
    field = re.compile(r"^(\s+(\w+)\s*=\s*\{)(.*)(\},?)$")

    def planted(line: str) -> str:
        match = field.match(line)
        if not match or match.group(2).lower() in BIB_TYPED:
            return line
        extra = " and {" + PLANT.strip() + "}" if match.group(2).lower() == "author" else PLANT
        return match.group(1) + match.group(3) + extra + match.group(4)

    bib_file.write_text("\n".join(map(planted, bib_file.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
    entries = parse_file(str(bib_file), bib_format="bibtex").entries
    assert all(entry.fields["title"].endswith(PLANT) and len(entry.persons.get("author", [])) > 1 for entry in entries.values()), \
        "an entry of references.bib was not planted: is one of its fields written over several lines?"
    return len(entries)


def in_copy(root: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True, env=copy_environment(root))


# The addresses the publishing workflow passes to its build (.github/workflows/publish.yml).
PUBLISHED_AT = {"MNR_SITE_URL": "https://example.org/mongolia", "MNR_REPOSITORY_URL": "https://github.com/example/mongolia-report"}


def start_planted_build(folder: Path, site: Path) -> Job:
    """Unpack the site's runnable archive into ``folder``, plant it, check it, and start building it as the
    publishing workflow does: ``make book``'s build, with the site's and the repository's addresses set."""
    from mongolia_report.site.paths import bundle_path, file_stem

    with zipfile.ZipFile(site / bundle_path()) as bundle:
        bundle.extractall(folder)
    root = folder / file_stem()
    fields, entries = plant_data(root), plant_bibliography(root)
    check = in_copy(root, "-m", "mongolia_report.check")
    environment = {**copy_environment(root), **PUBLISHED_AT}
    job = Job([sys.executable, "scripts/build.py"], cwd=root, env=environment, nice=0)  # the longest job (conftest.Job)
    job.root, job.fields, job.entries, job.check, job.environment = root, fields, entries, check, environment
    return job


def start_after_build(workspace: Path, site: Path) -> dict[str, Job]:
    """For conftest.py, which starts the build once however many test files read it."""
    return {"planted": start_planted_build(workspace, site)}


def carries_plant(value) -> bool:
    """Whether a value shows what was planted (some of it: a chapter may keep only part of a cell's text)."""
    return isinstance(value, str) and any(trace in value for trace in (MARK, "planted", "C:\\users"))
