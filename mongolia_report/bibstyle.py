"""The bibliography's style: pybtex's "plain", keeping each title's capitals as written, and linking
only safe addresses.

pybtex's styles put article titles in sentence case (``format_title`` lower-cases all but
the first letter), which turns "Mongolia" into "mongolia" and "ICC" into "icc" unless every
proper noun is braced in references.bib. Titles here are transcribed as the sources print
them, so they are kept as they are. An entry's url becomes a link only if it is an http or https
address (``make check`` refuses any other, so this is the second line of defence: a build run
without the check still makes no javascript: link). Registered as the pybtex style ``mongolia``
(pyproject.toml) and selected by ``bibtex_default_style`` in _config.yml.
"""

from __future__ import annotations

from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence, words

from .markup import is_doi, is_web_address


class Style(PlainStyle):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        return super().format_url(e) if is_web_address(e.fields.get("url")) else words["URL:", field("url", raw=True)]

    def format_doi(self, e):
        return super().format_doi(e) if is_doi(e.fields.get("doi")) else words["doi:", field("doi", raw=True)]
