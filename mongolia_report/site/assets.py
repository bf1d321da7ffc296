"""Assets: every script and stylesheet comes from the site itself, and only where a page needs it.

- plotly.js: the vendored "cartesian" partial bundle (``assets/vendor``, with its
  licence) is added only to pages whose doctree holds a Plotly figure (drawn by
  ``site.plotly``), once; pages without charts load none of it. The build fails if its
  version drifts from the plotly.js the pinned Python package was made for.
- Leaflet: vendored beside it for the maps (``site.maps`` points the map documents at it).
  ``assets/`` is kept out of ``_static/`` because Jupyter Book adds every .js and .css
  under ``_static/`` to every page.
- sphinx-thebe: Jupyter Book 1 always loads it (``jupyter_book/config.py`` lists it
  among its default extensions, whatever ``launch_buttons.thebe`` says). The site offers
  no live kernels (readers rerun the notebooks), and its inline script declares
  ``const THEBE_JS_URL`` (``init_thebe_core`` in
  https://github.com/executablebooks/sphinx-thebe/blob/main/sphinx_thebe/__init__.py),
  which the browser reports as a redeclaration, an error in every console (checked with
  Jupyter Book 1.0.4 and sphinx-thebe 0.3.1: still there). Its script and stylesheet are
  taken off the pages.
- Font Awesome: pydata-sphinx-theme loads it twice, as webfonts from its CSS and as a
  1.5 MB JavaScript icon framework ("so that users can add custom icons", says its
  ``static/webpack-macros.html``, used by the ``css`` block of
  https://github.com/pydata/pydata-sphinx-theme/blob/main/src/pydata_sphinx_theme/theme/pydata_sphinx_theme/layout.html).
  The icons render from the webfonts, so
  ``templates/static/webpack-macros.html`` wraps the theme's macros without that one
  script tag.
- The menus: pydata-sphinx-theme 0.17 fills the header navbar's ``navbar_persistent`` slot
  with a search field unless a site sets it, so the header (hidden by sphinx-book-theme)
  is written with a second ☰ and contents button before the visible ones in the article
  header. Both themes' scripts bind ``document.querySelector(".primary-toggle")``, the
  first match, which is the hidden one: tapping the visible buttons did nothing but show a
  tooltip (https://github.com/executablebooks/sphinx-book-theme/issues/935, unfixed in
  sphinx-book-theme 1.3.0). Setting the slot empty leaves the header unwritten, so each
  toggle exists once; search stays in the article header and the sidebar.
- Light pages only: the theme offers a light/dark switch, but the charts, their exported
  images and the vector maps (documents in iframes) are drawn for a light page, and a dark
  page around white figures would half-work. So ``templates/article-header-buttons.html``
  leaves the switch out, and a line of script turns a dark mode stored by an earlier visit
  back to light (the theme reads ``localStorage`` before anything else).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..project import ROOT
from ..theme import LAYOUT

logger = logging.getLogger(__name__)

ASSETS = ROOT / "assets"
TEMPLATES = Path(__file__).parent / "templates"
PLOTLY_JS_VERSION = "4.1.1"
PLOTLY_JS = f"vendor/plotly.js-cartesian-{PLOTLY_JS_VERSION}/plotly-cartesian.min.js"
FIGURE_TOOLS_JS = "figure-tools.js"  # assets/figure-tools.js: the Chart | Table | Download | Cite switch
TABLE_FILTER_JS = "table-filter.js"  # assets/table-filter.js: the filters charts.table_filter writes


def check_plotly_version() -> None:
    """Warn (fail under -W) if the Python package expects another plotly.js than the one served."""
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    header = bundled.read_text(encoding="utf-8", errors="ignore")[:200]
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", header)
    if not match or match.group(1) != PLOTLY_JS_VERSION:
        logger.warning(
            "the plotly package bundles plotly.js %s but the site serves %s; re-vendor assets/vendor",
            match.group(1) if match else "(unknown)",
            PLOTLY_JS_VERSION,
            type="mongolia_report",
            subtype="plotly_version",
        )


LIGHT_ONLY = ("try{localStorage.setItem('mode','light');localStorage.setItem('theme','light')}catch(e){}"
              "document.documentElement.dataset.mode='light';document.documentElement.dataset.theme='light';")


def on_config_inited(app: Sphinx, config) -> None:
    config.html_static_path.append(str(ASSETS))
    config.templates_path.insert(0, str(TEMPLATES))
    config.html_theme_options.setdefault("navbar_persistent", [])  # one ☰, the visible one (see above)
    check_plotly_version()
    app.add_js_file(None, body=LIGHT_ONLY, priority=100)


def has_plotly_figure(doctree) -> bool:
    from .plotly import plotly_figure

    return doctree is not None and any(True for _ in doctree.findall(plotly_figure))


def has_table_filter(doctree) -> bool:
    """Whether the page shows a table filter (charts.table_filter writes it as raw HTML)."""
    return doctree is not None and any('class="mnr-filter"' in node.astext() for node in doctree.findall(nodes.raw))


def is_thebe(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", None) or {}
    return "thebe" in f"{filename} {attributes.get('body', '')} {attributes.get('type', '')}".lower()


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "script_files" in context:
        context["script_files"][:] = [script for script in context["script_files"] if not is_thebe(script)]
    if "css_files" in context:
        context["css_files"][:] = [css for css in context["css_files"] if not is_thebe(css)]
    if has_plotly_figure(doctree):
        app.add_js_file(None, body=f"window.mnrLayout = {json.dumps(LAYOUT)};", priority=199)  # theme.LAYOUT, for figure-tools.js
        app.add_js_file(PLOTLY_JS, priority=200)
        app.add_js_file(FIGURE_TOOLS_JS, priority=201)
    if has_table_filter(doctree):
        app.add_js_file(TABLE_FILTER_JS, priority=202)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", on_page_context)
