"""Guard: no page may load a script or stylesheet from another host.

The site must work offline and behind firewalls, and last without the CDNs it was built
with. Jupyter Book and folium both default to CDN addresses, so anything that slips
through (a new extension, a new map layer) is reported as a warning here, which the
strict build (``--warningiserror``) turns into a failure. The tests use the same pattern.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# <script src=...> and <link href=...> pointing off-site, in plain or attribute-escaped (srcdoc) HTML. A canonical
# link names the page's own published address and loads nothing (site.preview).
EXTERNAL_ASSET = re.compile(
    r"(?:<|&lt;)(?:script[^>]*?\ssrc|link(?![^>]*\srel=(?:\"|'|&quot;)canonical)[^>]*?\shref)=(?:\"|'|&quot;)((?:https?:)?//[^\"'&\s]+)"
)


def warn_external(where: str, text: str) -> None:
    for match in EXTERNAL_ASSET.finditer(text):
        logger.warning(
            "%s loads %s from another host; vendor it under assets/vendor",
            where,
            match.group(1),
            type="mongolia_report",
            subtype="external_asset",
        )


def check_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    warn_external(f"page {pagename}", context.get("body", ""))
    for script in context.get("script_files", []):
        warn_external(f"page {pagename}", f'<script src="{getattr(script, "filename", script) or ""}">')
    for css in context.get("css_files", []):
        warn_external(f"page {pagename}", f'<link href="{getattr(css, "filename", css) or ""}">')


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", check_page, priority=900)  # after every job that adds to the page
