"""What link previews and search engines read, once the site has an address.

Why: a chapter's address pasted into a course page or a chat showed no title, description or
image. With the site's address set (CITATION.cff's ``url``, or ``MNR_SITE_URL`` from the
publishing workflow) every page carries Open Graph tags (sphinxext-opengraph), the site a
``sitemap.xml`` (sphinx-sitemap), and every page a canonical link (Sphinx writes it from
``html_baseurl``, which ``site.identity`` sets). All three need absolute addresses, so a build
without an address (a local one) switches none of them on and prints no placeholder.

The preview image is a figure of the report: a page's own map as a PNG where it draws one
(``site.maps`` records it), else the landing page's map, copied to a fixed name when the build
ends. Without Chromium there are no map images, and the tags name none. The description is the
page's own question (a chapter's "The question" box), the report's abstract on the landing page,
and otherwise the page's first paragraph of prose; sphinxext-opengraph's own pick would be the
"version ... released" line or the chapter's list of contents.
"""

from __future__ import annotations

import html
import queue
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .. import identity
from . import snapshot
from .maps import MAPS_DIR

PREVIEW = "_static/preview.png"
# Pages that are not the report's own reading: the search page and Sphinx's empty index.
NOT_IN_SITEMAP = ["search.html", "genindex.html"]
DESCRIPTION_LENGTH = 200  # characters a preview shows before cutting; sphinxext-opengraph's default too
QUESTION = "The question"  # the title of the box that opens every chapter


def configure(app: Sphinx, config) -> None:
    address = identity.site_address(config.html_baseurl) + "/"
    config.ogp_site_url = address
    config.ogp_image = PREVIEW if snapshot.available() else None
    # A page with a map of its own describes it with the map's text description (page_preview).
    config.ogp_image_alt = f"A map from {config.project}"
    config.ogp_social_cards = {"enable": False}  # drawn with matplotlib: a card of the title, not a figure
    config.ogp_enable_meta_description = False  # page_preview writes it, the same words as og:description
    config.sitemap_url_scheme = "{link}"  # the default puts the version in every address: {version}{link}
    config.sitemap_excludes = NOT_IN_SITEMAP
    config.sitemap_show_lastmod = True  # each page's last change, as its footer dates it (git)


def shortened(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Text with its spaces collapsed, cut at a word before ``length`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def description(pagename: str, doctree) -> str:
    """What the page is about, in its own words: its question, the report's abstract, or its first paragraph."""
    if pagename == "index":
        return shortened(str(identity.citation_metadata().get("abstract", "")))
    for box in doctree.findall(nodes.admonition):
        titles = [title.astext() for title in box.findall(nodes.title)]
        if titles and titles[0] == QUESTION:
            return shortened(next(box.findall(nodes.paragraph)).astext())  # the question; the short answer follows it
    for paragraph in doctree.findall(nodes.paragraph):
        inside_a_box = any(isinstance(parent, nodes.Admonition) for parent in _ancestors(paragraph))
        if not inside_a_box and "mnr-edition" not in paragraph["classes"] and len(paragraph.astext()) >= 60:
            return shortened(paragraph.astext())
    return ""


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def page_preview(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The page's description, and its own map as the image where it draws one, for sphinxext-opengraph to write."""
    if doctree is None:
        return
    fields = dict(context.get("meta") or {})
    about = description(pagename, doctree)
    # sphinxext-opengraph escapes only the quotes of what it writes into a tag: "&", "<" and ">" are escaped here,
    # so that a map's description (a dataset's words) reads in a link preview as written and puts no tag in the page.
    if about:
        fields["og:description"] = html.escape(about, quote=False)
        context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{html.escape(about)}" />\n'
    drawn = getattr(app.builder, "mnr_page_maps", {}).get(pagename)
    if drawn and snapshot.available():
        stem, alt = drawn
        fields["og:image"] = f"{identity.site_address(app.config.html_baseurl)}/{MAPS_DIR}/{stem}.png"
        fields["og:image:alt"] = html.escape(shortened(alt, 420), quote=False)
    context["meta"] = fields


def copy_preview(app: Sphinx, exception) -> None:
    """The landing page's first map, under the fixed name the other pages' tags give."""
    landing = Path(app.outdir) / "index.html"
    if exception is not None or not landing.exists():
        return
    found = re.search(rf"{MAPS_DIR}/([0-9a-f]{{16}})\.html", landing.read_text(encoding="utf-8"))
    image = Path(app.outdir) / MAPS_DIR / f"{found.group(1)}.png" if found else None
    if image and image.exists():
        shutil.copyfile(image, Path(app.outdir) / PREVIEW)


def complete_sitemap(app: Sphinx, exception) -> None:
    """Every page in the sitemap, not only the pages this build wrote: sphinx-sitemap collects the pages as
    they are written (its open issue #13), so an incremental build would publish a sitemap of the few that
    changed. The others are added here, dated as sphinx-sitemap dates a page (its last change in git)."""
    links = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or links is None:
        return
    queued = []
    while True:
        try:
            queued.append(links.get_nowait())
        except queue.Empty:
            break
    seen = {link for link, _ in queued}
    dated = getattr(app.env, "git_last_updated", {})
    for docname in sorted(app.env.found_docs):
        link = app.builder.get_target_uri(docname)
        if link in seen or link in NOT_IN_SITEMAP:
            continue
        timestamp = (dated.get(docname) or (None,))[0]
        queued.append((link, datetime.fromtimestamp(int(timestamp), UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if timestamp else None))
    for item in queued:
        links.put(item)


def setup(app: Sphinx) -> None:
    if not identity.site_address():
        return
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    app.connect("config-inited", configure, priority=450)  # after site.identity (400) has set html_baseurl
    app.connect("html-page-context", page_preview, priority=400)  # before sphinxext-opengraph reads the page's fields (500)
    app.connect("build-finished", copy_preview, priority=600)  # after site.maps has taken the maps' pictures (500)
    app.connect("build-finished", complete_sitemap, priority=450)  # before sphinx-sitemap writes it (500)
