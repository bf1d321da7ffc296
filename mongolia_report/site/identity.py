"""Sphinx's picture of the report comes from ``CITATION.cff`` (``mongolia_report.identity``).

Why: Jupyter Book reads the title and author from ``_config.yml``, the cite boxes from
``CITATION.cff``; typed twice, they drift. At ``config-inited`` this module sets the
title, author, copyright year and version from the citation file, and the site's
address (``html_baseurl``, which also gives every page its canonical link) when one is
configured. With a repository address it turns on the theme's Binder and Colab launch
buttons, pointed at that repository; with none, no launch button appears, and the overview's
advice on rerunning a chapter (the ``rerun_from`` substitution) does not mention one.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import identity

BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"


def apply_identity(config) -> None:
    cff = identity.citation_metadata()
    config.project = config.html_title = cff["title"]
    config.author = identity.author_names()
    config.copyright = identity.released()[:4]
    config.version = config.release = identity.version()
    if identity.site_address() and not config.html_baseurl:
        config.html_baseurl = identity.site_address() + "/"
    options = config.html_theme_options
    launch = dict(options.get("launch_buttons") or {})
    repository = identity.repository_address()
    if repository:
        options["repository_url"] = repository
        options["repository_branch"] = "main"  # Jupyter Book's default is "master"; this project's branch is main
        options["path_to_docs"] = ""
        launch.update(binderhub_url=BINDER, colab_url=COLAB if "github.com" in repository else "")
    else:
        launch.update(binderhub_url="", colab_url="")
    options["launch_buttons"] = launch
    # How to get the code to rerun a chapter, for the overview's "{{ rerun_from }}": the runnable
    # project always; the repository only where there is one to clone.
    how = ("download the runnable project (.zip) from the download menu at the top of any page, unpack it and "
           "follow its README")
    if repository:
        how += f", or clone [the repository]({repository}) and do the same"
    config.myst_substitutions = {**(getattr(config, "myst_substitutions", None) or {}), "rerun_from": how}


def setup(app: Sphinx) -> None:
    app.connect("config-inited", lambda app, config: apply_identity(config), priority=400)
