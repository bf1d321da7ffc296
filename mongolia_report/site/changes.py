"""When a page changed: the version in every footer, and each page's last change.

The changelog page is ``site.changelog``'s, the landing page's edition lines ``site.edition``'s.

- Every footer says which version the reader is looking at, with a link to the changelog.
- Each page says when its content last changed, from git history rather than the build
  date (sphinx-last-updated-by-git, listed in ``_config.yml``). A chapter's content is
  also its data: the CSV files a notebook loads are noted as the page's dependencies, so
  a change to the data dates the page (and makes Sphinx read it again). Outside a git
  checkout (the runnable archive, say) pages show no date, and the build says so once.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from sphinx.application import Sphinx

from .. import identity

FOOTER = ["author.html", "copyright.html", "version.html", "last-updated.html"]


def in_git_checkout(folder: Path) -> bool:
    """Whether git can date the pages: a work tree with at least one commit (a repository just made
    with ``git init``, as ``make bench``'s copy is, has none, and git then fails on every file)."""
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True)
        head = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=folder, capture_output=True, text=True)
    except OSError:
        return False
    return inside.returncode == 0 and inside.stdout.strip() == "true" and head.returncode == 0


def note_data_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page depends on the files of the datasets it declares in ``mongolia_report/pages.py``."""
    from ..data import PACKAGE_FILE, read_package
    from ..pages import DATASETS, EVERY_DATASET, datasets_of

    if docname not in DATASETS:
        return
    resources = {r["name"]: PACKAGE_FILE.parent / r["path"] for r in read_package()["resources"]}
    for name in datasets_of(docname, tuple(resources)):
        app.env.note_dependency(str(resources[name]))
    if EVERY_DATASET in DATASETS[docname]:
        app.env.note_dependency(str(PACKAGE_FILE))  # the catalogue also shows each dataset's description


def on_config_inited(app: Sphinx, config) -> None:
    config.html_theme_options["footer_content_items"] = FOOTER
    # A shallow clone cannot date every page; dates are left out rather than failing a strict build.
    config.suppress_warnings = [*config.suppress_warnings, "git.too_shallow"]
    if not in_git_checkout(Path(app.srcdir)):
        config.suppress_warnings = [*config.suppress_warnings, "git"]


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["mnr_version"] = identity.version()
    context["mnr_released"] = identity.released_on()


def setup(app: Sphinx) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("source-read", note_data_dependencies)
    app.connect("html-page-context", on_page_context)
