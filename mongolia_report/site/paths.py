"""Names of the files a build offers for download, and the access-date blank, shared by the modules
that write them (``pdf``, ``downloads``) and those that link to them (``metadata``, ``structured``)."""

from __future__ import annotations

from .. import identity

DOWNLOADS = "downloads"
# The access date is the reader's: pages show this blank, the browser fills in today's
# (assets/cite-box.js) and the PDFs keep it for the reader to write.
ACCESS_BLANK = "[date accessed]"
# 1980-01-01, the earliest date a zip can hold: a download's bytes depend on its files only.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def file_stem() -> str:
    return f"mongolia-balancing-act-{identity.version()}"


def page_pdf(pagename: str) -> str:
    """The site-relative path of a page's PDF."""
    return f"{DOWNLOADS}/{file_stem()}-{pagename.rsplit('/', 1)[-1]}.pdf"


def report_pdf() -> str:
    return f"{DOWNLOADS}/{file_stem()}.pdf"


def bundle_path() -> str:
    """The runnable project archive."""
    return f"{DOWNLOADS}/{file_stem()}.zip"
