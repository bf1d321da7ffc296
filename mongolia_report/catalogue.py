"""The data catalogue (chapters/data.ipynb): every dataset, its file, dates, licence, sources and fields.

Generated from the data package on every build, so the page cannot drift from the data.
The output is MyST Markdown (``{rubric}`` headings that other pages link to, ``{download}``
links that copy each file into the site). What the descriptor says (titles, descriptions, units,
constraints) is text: it goes in through ``markup.markdown_text`` or as code, and only an address
``markup.safe_address`` accepts becomes a link.
"""

from __future__ import annotations

import json
from pathlib import Path

from .data import load
from .markup import link_target, markdown_text, table_code
from .package import read_package
from .pages import pages_using
from .project import PACKAGE_FILE


def count_rows(resource: dict, base: Path = PACKAGE_FILE.parent) -> int:
    if resource.get("format") == "csv":
        return len(load(resource["name"]))
    return len(json.loads((base / resource["path"]).read_text(encoding="utf-8"))["features"])


def describe_constraints(field: dict) -> str:
    parts = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            parts.append("one of " + ", ".join(table_code(v) for v in value))
        elif key in ("required", "unique") and value:
            parts.append(key)
        elif key in ("minimum", "maximum", "pattern"):
            parts.append(f"{key} {table_code(value)}")
    return "; ".join(parts)


def _link(item: dict, title_key: str = "title") -> str:
    """A source or licence: its title, linked where its path is an address (a file of the project is named only)."""
    title, target = markdown_text(item.get(title_key) or item["name"]), link_target(item.get("path"))
    return f"[{title}](<{target}>)" if target else title


def resource_section(resource: dict, package: dict) -> str:
    name, path = resource["name"], resource["path"]
    unit = "features" if resource.get("format") == "geojson" else "rows"
    checked = (f" (sources could cover: {markdown_text(resource['x-newest-available'])}; "
               f"newer sources last searched: {markdown_text(resource['x-update-checked'])})" if resource.get("x-update-checked") else "")
    lines = [
        f"```{{rubric}} {markdown_text(resource['title'])}\n:name: data-{name}\n```",
        "",
        markdown_text(resource["description"]),
        "",
        f"- **File:** {{download}}`{Path(path).name} <../data/{path}>` (resource `{name}`, {count_rows(resource)} {unit})",
        f"- **Complete through:** {markdown_text(resource['x-complete-through'])} (last record: {markdown_text(resource['x-current-to'])}){checked}",
        "- **Used by:** " + (", ".join(pages_using(name)) or "no page"),
        "- **Licence:** " + ", ".join(_link(licence) for licence in resource.get("licenses", package.get("licenses", []))),
        "- **Sources:** " + "; ".join(_link(source) for source in resource.get("sources", [])),
        "",
    ]
    if "schema" in resource:
        lines += ["| field | type | unit | description | constraints |", "|---|---|---|---|---|"]
        for field in resource["schema"]["fields"]:
            description = field.get("description") or field.get("title") or ""
            lines.append(f"| {table_code(field['name'])} | {markdown_text(field['type'])} | {markdown_text(field.get('unit', ''))} "
                         f"| {markdown_text(description)} | {describe_constraints(field)} |")
        lines.append("")
    return "\n".join(lines)


def catalogue_markdown(package: dict | None = None) -> str:
    package = package or read_package()
    blocks = [f"The package holds **{len(package['resources'])} datasets**.\n"]
    blocks += [resource_section(resource, package) for resource in package["resources"]]
    return "\n\n".join(blocks)
