"""`make check`: every problem in the environment, the bibliography and the data, one line each.

Runs in a few seconds and executes no notebook. Each line reads ``path:row:field: message``
(row and field where they apply), so an editor can jump to it; the exit status is 1 if
anything is wrong. ``make book`` and ``make test`` run it first and stop there, so a data
error never surfaces as a traceback in whichever notebook happened to load the table first.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import sys
from pathlib import Path

from .identity import ADDRESS_VARIABLES
from .markup import is_doi, is_web_address
from .package import parse_yaml, profile_problems
from .problems import Problem, encoding_problems, shown_path
from .project import BIB_FILE, CITATION, DATA, PACKAGE_FILE, PROFILE_FILE, ROOT
from .validation import validate_resource

SUPPORTED_PYTHON = ((3, 11), (3, 12), (3, 13))


def line(problem: Problem) -> str:
    where = problem.path + "".join(f":{part}" for part in (problem.row, problem.field) if part is not None)
    return f"{where}: {problem.message}"


def environment_problems() -> list[str]:
    problems = []
    if sys.version_info[:2] not in SUPPORTED_PYTHON:
        versions = ", ".join(".".join(map(str, v)) for v in SUPPORTED_PYTHON)
        problems.append(f"{sys.executable}: Python {sys.version.split()[0]} is not supported; use {versions}")
    here = Path.cwd().resolve()
    if (here / "mongolia_report").is_dir() and here != ROOT.resolve():
        problems.append(f"{ROOT}: mongolia_report was imported from another checkout than {here}; run `make` here, which rebuilds .venv")
    return problems


def bibliography_problems(bib_file: Path = BIB_FILE) -> list[str]:
    """Syntax errors with the entry key and the line in the file; duplicate keys; addresses that may not be links."""
    from pybtex.database.input import bibtex
    from pybtex.scanner import PybtexSyntaxError

    found = [line(p) for p in encoding_problems(bib_file)]
    if found:
        return found
    text = bib_file.read_text(encoding="utf-8")
    starts = [(m.start(), m.group(1)) for m in re.finditer(r"^@\w+\s*\{\s*([^,\s]*)", text, flags=re.M)]
    seen: dict[str, int] = {}
    shown = shown_path(bib_file)
    for i, (offset, key) in enumerate(starts):
        first_line = text.count("\n", 0, offset) + 1
        chunk = text[offset: starts[i + 1][0] if i + 1 < len(starts) else len(text)]
        if key in seen:
            found.append(f"{shown}:{first_line}: entry {key!r} repeats the key of the entry at line {seen[key]}")
        seen.setdefault(key, first_line)
        try:
            parsed = bibtex.Parser().parse_string(chunk)
        except PybtexSyntaxError as error:
            at = first_line + (error.lineno or 1) - 1
            found.append(f"{shown}:{at}: entry {key or '(no key)'!r}: {error.args[0] if error.args else error}")
        except Exception as error:  # pybtex reports other faults (a field given twice) as BibliographyDataError
            found.append(f"{shown}:{first_line}: entry {key!r}: {error}")
        else:
            for entry in parsed.entries.values():
                found += _bib_address_problems(shown, first_line, key, entry, chunk)
    return found


def _bib_address_problems(shown: str, first_line: int, key: str, entry, chunk: str) -> list[str]:
    """The fields the site makes into links (sphinxcontrib-bibtex, the JSON-LD): an entry's url must be
    http or https, its doi a DOI (linked through https://doi.org/); nothing else may become a link."""
    found = []
    for name, value in entry.fields.items():
        field = name.lower()
        if (field == "url" and not is_web_address(value)) or (field == "doi" and not is_doi(value)):
            at = next((first_line + i for i, text in enumerate(chunk.splitlines()) if re.match(rf"\s*{name}\s*=", text, re.I)), first_line)
            wanted = "a DOI (10.NNNN/...)" if field == "doi" else "an http or https address"
            found.append(f"{shown}:{at}: entry {key!r}: field {field}: {value!r} is not {wanted}; nothing else may become a link")
    return found


# "reach April 2026", "reaches July 2026", "months to April 2026": how descriptions and notes say how far a source goes.
_REACH = re.compile(r"\b(?:reach(?:es|ed)?|months to)\s+(" + "|".join(calendar.month_name[1:]) + r")\s+(\d{4})\b")


def _reach_months(text: str) -> list[str]:
    return [f"{year}-{list(calendar.month_name).index(month):02d}" for month, year in _REACH.findall(" ".join(str(text).split()))]


def source_reach_problems(package: dict, package_file: Path = PACKAGE_FILE, bib_file: Path = BIB_FILE) -> list[str]:
    """How far a source reaches is said once, in its bibliography entry's ``reaches`` field (YYYY-MM); a resource
    that relies on it declares the same month in ``x-source-reach``, and neither the resource's description nor
    the entry's note may name another month ("monthly figures reach April 2026" against a July file)."""
    from .bib import entries

    bib, shown_bib, found = entries(bib_file), shown_path(bib_file), []
    text = bib_file.read_text(encoding="utf-8")
    for key, fields in bib.items():
        if "reaches" in fields:
            at = text.count("\n", 0, re.search(rf"^@\w+\s*\{{\s*{re.escape(key)}\s*,", text, flags=re.M).start()) + 1
            found += [f"{shown_bib}:{at}: entry {key!r}: field note says the source reaches {month}, field reaches says {fields['reaches']}"
                      for month in _reach_months(fields.get("note", "")) if month != fields["reaches"]]
    for resource in package["resources"]:
        declared = {rule["key"]: rule["month"] for rule in resource.get("x-source-reach", [])}
        where = f"{shown_path(package_file)}: resource {resource['name']!r}"
        for key, month in declared.items():
            if key not in bib:
                found.append(f"{where}: x-source-reach names {key!r}, which is not in {bib_file.name}")
            elif bib[key].get("reaches") != month:
                found.append(f"{where}: x-source-reach says {key} reaches {month}, its entry in {bib_file.name} says "
                             f"{bib[key].get('reaches', 'nothing (no reaches field)')}")
        if declared:
            found += [f"{where}: the description says a source reaches {month}; x-source-reach says "
                      f"{', '.join(sorted(set(declared.values())))}"
                      for month in _reach_months(resource.get("description", "")) if month not in declared.values()]
    return found


def citation_problems(citation_file: Path = CITATION) -> list[str]:
    """CITATION.cff's addresses (the site's, the repository's, the licence's) are http or https: the site links them."""
    import yaml

    shown = shown_path(citation_file)
    try:
        cff = yaml.safe_load(citation_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        return [f"{shown}: YAML syntax error: {error}"]
    problems = [f"{shown}: field {field}: {cff[field]!r} is not an http or https address; nothing else may become a link"
                for field in ("url", "repository-code", "repository", "repository-artifact", "license-url")
                if cff.get(field) is not None and not is_web_address(cff[field])]
    # The publishing workflow's stand-ins for the two addresses, checked as strictly where CITATION.cff is silent.
    for field, variable in ADDRESS_VARIABLES.items():
        value = os.environ.get(variable, "").strip()
        if cff.get(field) is None and value and not is_web_address(value):
            problems.append(f"environment variable {variable} (for {shown}'s {field}): {value!r} is not an http or https address")
    return problems


def package_problems(package_file: Path = PACKAGE_FILE) -> tuple[dict | None, list[str]]:
    """The parsed descriptor (or None) and its problems: syntax with line and column, then the profile's."""
    import yaml

    shown = shown_path(package_file)
    found = [line(p) for p in encoding_problems(package_file)]
    if found:
        return None, found
    text = package_file.read_text(encoding="utf-8")
    try:
        package = parse_yaml(text) if package_file.suffix in (".yaml", ".yml") else json.loads(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [f"{shown}:{mark.line + 1}:{mark.column + 1}: YAML syntax error: {error.problem or error.context}"]
    except json.JSONDecodeError as error:
        return None, [f"{shown}:{error.lineno}:{error.colno}: JSON syntax error: {error.msg}"]
    return package, [f"{shown}: {problem}" for problem in profile_problems(package)]


def all_problems(root: Path = ROOT) -> list[str]:
    """Every problem in the checkout at ``root`` (its data package, tables, bibliography and CITATION.cff's addresses)."""
    bib_file, package_file = root / "references.bib", root / "data" / PACKAGE_FILE.name
    found = environment_problems() + bibliography_problems(bib_file) + citation_problems(root / CITATION.name)
    package, problems = package_problems(package_file)
    found += problems
    if package is None or problems or any(bib_file.name in problem for problem in found):
        return found  # the tables cannot be checked against a descriptor or bibliography that is itself wrong
    found += source_reach_problems(package, package_file, bib_file)
    for resource in package["resources"]:
        found += [line(p) for p in validate_resource(resource["name"], package_file, bib_file)]
    return list(dict.fromkeys(found))  # each problem once


def main() -> int:
    problems = all_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"make check: {len(problems)} problem(s); nothing was built", file=sys.stderr)
        return 1
    print(f"make check: environment, bibliography and {PACKAGE_FILE.relative_to(ROOT)} are fine ({DATA.relative_to(ROOT)}/, {PROFILE_FILE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
