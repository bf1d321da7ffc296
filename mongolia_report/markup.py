"""HTML the report writes itself (the chart panel, the claims filter), rendered from Jinja2 templates in
``mongolia_report/templates`` with autoescaping on: every value is escaped unless it is marked as
markup already built (``Markup``), so a label or an option with ``<`` or ``"`` cannot break the page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["Markup", "render"]


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(name: str, **context) -> str:
    """The template ``name`` filled in; whitespace between tags is the template's own."""
    return _environment().get_template(name).render(**context).strip()
