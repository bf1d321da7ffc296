"""The citation metadata is complete and agrees with the package version."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def test_citation_cff_has_the_required_fields():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version", "date-released", "license"):
        assert cff.get(key), key
    assert re.fullmatch(r"1\.2\.\d", cff["cff-version"])
    assert all(a.get("name") or a.get("family-names") for a in cff["authors"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(cff["version"]) == project["version"]


def test_how_to_cite_page_cites_the_current_version_in_every_format(site):
    import html

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    page = html.unescape((site / "how-to-cite.html").read_text(encoding="utf-8"))
    assert f"(Version {cff['version']})" in page, "APA, from citeproc"
    assert f"@book{{MongoliaBalancingAct{str(cff['date-released'])[:4]}," in page and f'edition = "version {cff["version"]}"' in page
    assert "TY  - BOOK" in page and f"ET  - version {cff['version']}" in page
    assert "version 0.1.0" not in (ROOT / "how-to-cite.md").read_text(encoding="utf-8"), "no version typed by hand"
