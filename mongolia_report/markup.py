"""How text reaches the page: the HTML the report writes itself, and the rule that data is never markup.

The report's own HTML (the chart panel, the cite box, the claims filter) is rendered from Jinja2
templates in ``mongolia_report/templates`` with autoescaping on: every value is escaped unless it
is marked as markup already built (``Markup``), so a label or an option with ``<`` or ``"`` cannot
break the page.

Text from a dataset, the bibliography or any other file the report reads is plain text wherever it
is shown: no field of the data package carries formatting (``data/datapackage.yaml`` says so), so
a ``<``, a Markdown link or a MyST role typed into a cell is shown as typed. Each kind of output
has one function here that makes text safe for it:

- ``escape`` for HTML (``Markup("<b>{}</b>").format(name)`` escapes ``name`` and keeps the tags);
- ``markdown_text`` and ``table_code`` for Markdown and MyST that a notebook prints;
- ``plotly_text`` for Plotly's labels and hover text (``mongolia_report.site.plotly`` applies it
  to every figure; templates, which are the report's own code, are left as they are);
- ``script_json`` for JSON written inside a ``<script>`` element (chart data, JSON-LD);
- ``safe_address`` for every address made into a link: http, https or a DOI, nothing else
  (``make check`` refuses any other in the bibliography, the data package and CITATION.cff).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

__all__ = ["Markup", "escape", "is_doi", "is_web_address", "link_target", "markdown_text", "plotly_text", "render", "safe_address", "script_json", "table_code"]


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(name: str, **context) -> str:
    """The template ``name`` filled in; whitespace between tags is the template's own."""
    return _environment().get_template(name).render(**context).strip()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


# CommonMark lets a backslash escape any ASCII punctuation character, which then stands for itself:
# no emphasis, link, code span, HTML tag, MyST role ({name}`...`), substitution or math can start there.
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def markdown_text(value) -> str:
    """``value`` as Markdown (MyST) that shows exactly that text, also inside a table cell: every ASCII
    punctuation character backslash-escaped, line breaks as spaces; a missing value is empty."""
    if _missing(value):
        return ""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(value).splitlines()))


def table_code(value) -> str:
    """``value`` as an inline code span inside a Markdown table cell (a pattern, an enum's values):
    a code span shows its content as typed; its fence is longer than any run of backticks inside it,
    and a pipe is escaped so that it does not end the cell."""
    text = " ".join(str(value).splitlines()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plotly_text(value: str) -> str:
    """A string as Plotly shows it literally. Plotly reads labels, titles and hover text as a small
    HTML subset (``<b>``, ``<a href>``, entities); escaped, text shows as typed. ``<br>`` is kept: the
    report's own labels break lines with it, and a line break can do no harm."""
    return html.escape(str(value), quote=False).replace("&lt;br&gt;", "<br>")


def script_json(value) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` (and the two line separators
    JavaScript once refused in strings) as ``\\u`` escapes, so no text can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
# Characters that are never part of a well-formed address (RFC 3986 requires them percent-encoded):
# refused, so that an address cannot end the attribute, the Markdown link or the text it is written into.
_NOT_IN_ADDRESSES = set('<>"`{}|\\^')


def is_doi(text) -> bool:
    """Whether ``text`` is a DOI, ``10.NNNN/...`` (linked through https://doi.org/)."""
    return bool(_DOI.match(str(text or "")))


def is_web_address(address) -> bool:
    """Whether ``address`` is an http or https address with a host, with no spaces, control characters or
    characters an address must percent-encode (browsers strip some of them before reading the scheme)."""
    text = str(address or "")
    if not text or any(char.isspace() or ord(char) < 32 or ord(char) == 127 or char in _NOT_IN_ADDRESSES for char in text):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def safe_address(address) -> bool:
    """Whether ``address`` may become a link: an http or https address, or a DOI. Never javascript:,
    data:, file: or a relative path."""
    return is_web_address(address) or is_doi(address)


def link_target(address) -> str | None:
    """The href for ``address``: itself for http and https, https://doi.org/... for a DOI, None for anything else."""
    if not safe_address(address):
        return None
    return f"https://doi.org/{address}" if is_doi(address) else str(address)
