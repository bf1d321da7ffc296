"""Pages in another language than the book's English (``pages.LANGUAGES``): their content is marked with it.

Why: the book's ``<html lang="en">`` would make a screen reader read the Mongolian summary with an English
voice and tell search engines it is English. Sphinx has one language per book, and MyST has no way to set
``lang`` on a page's sections, so the page's body is wrapped in an element that carries the language; the
theme's navigation, the download menu and the cite box (appended after, ``site.citebox``) stay English.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..pages import LANGUAGES


def mark_language(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    language = LANGUAGES.get(pagename)
    if language and context.get("body"):
        context["body"] = f'<div lang="{language}" class="mnr-lang">{context["body"]}</div>'


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", mark_language, priority=450)  # before the cite box is appended (500)
