"""The shared bibliography (``references.bib``), read with pybtex: keys and the fields every entry carries."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pybtex.database import BibliographyData, parse_file

from .keys import split_keys
from .project import BIB_FILE


@lru_cache(maxsize=4)
def _parsed(bib_file: Path, mtime: float) -> BibliographyData:
    if bib_file.read_bytes().startswith(b"\xef\xbb\xbf"):  # refused everywhere, as make check does
        raise ValueError(f"{bib_file.name}:1: starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM")
    return parse_file(str(bib_file), bib_format="bibtex")


def bibliography(bib_file: Path | None = None) -> BibliographyData:
    path = bib_file or BIB_FILE
    return _parsed(path, path.stat().st_mtime)


def entries(bib_file: Path | None = None) -> dict[str, dict[str, str]]:
    """Map of key -> {field: value}, field names in lower case, plus ``entrytype`` and ``author``."""
    out: dict[str, dict[str, str]] = {}
    for key, entry in bibliography(bib_file).entries.items():
        fields = {name.lower(): value for name, value in entry.fields.items()}
        if "author" in entry.persons:
            fields["author"] = " and ".join(str(person) for person in entry.persons["author"])
        fields["entrytype"] = entry.type.lower()
        out[key] = fields
    return out


def bibliography_keys(bib_file: Path | None = None) -> set[str]:
    return set(bibliography(bib_file).entries.keys())


def short_reference(key: str, bib_file: Path | None = None) -> str:
    """'Author (year)' for one key, for places too small for a full citation (map tooltips).

    Family names only ("Tong and Krusekopf"), "et al." after two; an organisation keeps its full name.
    """
    entry = bibliography(bib_file).entries[key]
    people = entry.persons.get("author", [])
    names = [" ".join(person.last_names).replace("{", "").replace("}", "") for person in people]
    author = names[0] + " et al." if len(names) > 2 else " and ".join(names) or key
    return f"{author} ({entry.fields.get('year', 'n.d.')})"


def short_references(cell, bib_file: Path | None = None) -> str:
    """A ';'-separated cell of keys as readers see sources in tables and hover text: 'A (2024); B (2025)'."""
    return "; ".join(short_reference(key, bib_file) for key in split_keys(cell))
