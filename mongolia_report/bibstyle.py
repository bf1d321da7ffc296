"""The bibliography's style: pybtex's "plain", keeping each title's capitals as written.

pybtex's styles put article titles in sentence case (``format_title`` lower-cases all but
the first letter), which turns "Mongolia" into "mongolia" and "ICC" into "icc" unless every
proper noun is braced in references.bib. Titles here are transcribed as the sources print
them, so they are kept as they are. Registered as the pybtex style ``mongolia``
(pyproject.toml) and selected by ``bibtex_default_style`` in _config.yml.
"""

from __future__ import annotations

from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence


class Style(PlainStyle):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title
