"""Publishing in one step: the GitHub Pages workflow, checked offline since it cannot run here, and the
addresses it hands the build. What the published pages then carry (link previews, a sitemap, canonical
links) is checked on a build made the workflow's way, in test_release.py (the unpacked archive's build)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, SITE

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
TOOLS = Path(sys.executable).parent  # check-jsonschema and zizmor, installed with the test extra


def lint(workflow: Path) -> dict[str, subprocess.CompletedProcess]:
    """The two linters: GitHub's schema for workflow files (vendored in check-jsonschema) and zizmor's
    audit (its default persona; --offline, so it asks GitHub nothing)."""
    return {
        "schema": subprocess.run([TOOLS / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow],
                                 capture_output=True, text=True),
        "zizmor": subprocess.run([TOOLS / "zizmor", "--offline", "--no-progress", workflow], capture_output=True, text=True),
    }


def steps(job: str) -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"][job]["steps"]


def test_the_workflow_passes_github_s_schema_and_zizmor_s_audit():
    for linter, result in lint(WORKFLOW).items():
        assert result.returncode == 0, f"{linter}: {result.stdout}{result.stderr}"


def test_the_linters_reject_a_broken_workflow(tmp_path):
    """The check above can fail: a misspelt key breaks the schema, a commit message pasted into a shell
    (template injection) and an action named by a tag that can move fail the audit."""
    text = WORKFLOW.read_text(encoding="utf-8")
    misspelt = tmp_path / "misspelt.yml"
    misspelt.write_text(text.replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert lint(misspelt)["schema"].returncode != 0
    injected = tmp_path / "injected.yml"
    injected.write_text(text.replace("run: make book", "run: echo ${{ github.event.head_commit.message }} && make book"),
                        encoding="utf-8")
    assert "template-injection" in lint(injected)["zizmor"].stdout
    moved = tmp_path / "moved.yml"
    moved.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@main", text), encoding="utf-8")
    assert "unpinned-uses" in lint(moved)["zizmor"].stdout


def test_the_workflow_builds_with_make_book_and_publishes_that_build_with_github_s_addresses():
    from mongolia_report.identity import ADDRESS_VARIABLES

    build = steps("build")
    checkout = next(step for step in build if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "without the whole history no page can date its last change"
    pages = next(step for step in build if step.get("uses", "").startswith("actions/configure-pages@"))
    make = next(step for step in build if step.get("run") == "make book")
    assert make["env"] == {ADDRESS_VARIABLES["url"]: f"${{{{ steps.{pages['id']}.outputs.base_url }}}}",
                           ADDRESS_VARIABLES["repository-code"]: "${{ github.server_url }}/${{ github.repository }}"}
    assert build.index(pages) < build.index(make)
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert ROOT / upload["with"]["path"] == SITE, "the workflow publishes another folder than the one make book builds"
    assert build.index(make) < build.index(upload)
    deploy = steps("deploy")
    assert [step["uses"].split("@")[0] for step in deploy] == ["actions/deploy-pages"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make book" in readme and ".github/workflows/publish.yml" in readme, "the README names the workflow"


def test_an_address_from_the_environment_stands_in_for_citation_cff_s_and_is_checked(monkeypatch, tmp_path):
    from mongolia_report import check, identity

    monkeypatch.setenv("MNR_SITE_URL", "https://example.org/mongolia/")
    monkeypatch.setenv("MNR_REPOSITORY_URL", "https://github.com/example/mongolia-report")
    configured = dict(identity.citation_metadata())
    configured.pop("url", None)
    configured.pop("repository-code", None)
    monkeypatch.setattr(identity, "citation_metadata", lambda: configured)
    assert identity.site_address() == "https://example.org/mongolia"
    assert identity.repository_address() == "https://github.com/example/mongolia-report"
    assert identity.missing_addresses() == []
    monkeypatch.setattr(identity, "citation_metadata", lambda: {**configured, "url": "https://mongolia.example.net"})
    assert identity.site_address() == "https://mongolia.example.net", "an address written in CITATION.cff wins"

    cff = tmp_path / "CITATION.cff"
    cff.write_text("cff-version: 1.2.0\ntitle: A report\n", encoding="utf-8")
    monkeypatch.setenv("MNR_SITE_URL", "javascript:alert(1)")
    [problem] = check.citation_problems(cff)
    assert problem.startswith("environment variable MNR_SITE_URL (for ") and problem.endswith(
        "url): 'javascript:alert(1)' is not an http or https address"), problem
    cff.write_text("cff-version: 1.2.0\ntitle: A report\nurl: https://mongolia.example.net\n", encoding="utf-8")
    assert check.citation_problems(cff) == [], "a variable CITATION.cff overrides is not used, so not refused"
