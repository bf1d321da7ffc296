"""The shared bibliography (``references.bib``): keys and the fields every entry must carry."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIB_FILE = ROOT / "references.bib"

_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD = re.compile(r"^\s*(\w+)\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$", re.M)


def entries(bib_file: Path | None = None) -> dict[str, dict[str, str]]:
    """Map of key -> {field: value} (values as written, braces stripped)."""
    text = (bib_file or BIB_FILE).read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for kind, key, body in _ENTRY.findall(text):
        fields = {name.lower(): value for name, value in _FIELD.findall(body)}
        fields["entrytype"] = kind.lower()
        out[key] = fields
    return out


def bibliography_keys(bib_file: Path | None = None) -> set[str]:
    return set(entries(bib_file))


def short_reference(key: str, bib_file: Path | None = None) -> str:
    """'Author (year)' for one key, for places too small for a full citation (map tooltips)."""
    entry = entries(bib_file)[key]
    author = entry.get("author", key).replace("{", "").replace("}", "")
    return f"{author} ({entry.get('year', 'n.d.')})"
