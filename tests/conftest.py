"""Shared fixtures: paths, the built site (built once per session) and the executed ICC chapter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
BUILD_LOG = ROOT / "_build" / "build.log"


def toc_pages() -> list[str]:
    """Every page the table of contents names, as paths relative to the site root, without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part.get("chapters", [])]
    return pages


def chapter_notebooks() -> list[str]:
    return [page for page in toc_pages() if (ROOT / f"{page}.ipynb").exists()]


@pytest.fixture(scope="session")
def built_site() -> dict:
    """Build the book exactly as `make book` does and return its log.

    Reuses the execution cache, so an unchanged book rebuilds in seconds.
    """
    subprocess.run([sys.executable, "scripts/cache_guard.py"], cwd=ROOT, check=True)
    jb = Path(sys.executable).with_name("jb")
    result = subprocess.run(
        [str(jb), "build", ".", "--warningiserror", "--nitpick", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    BUILD_LOG.parent.mkdir(exist_ok=True)
    BUILD_LOG.write_text(log)
    return {"returncode": result.returncode, "log": log}


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    if built_site["returncode"] != 0:
        pytest.fail(f"the book did not build; see {BUILD_LOG}")
    return SITE


def _glue_values(notebook: Path) -> dict[str, object]:
    import ast

    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}).execute()
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            if name and "application/papermill.record/text/plain" in data:
                values[name] = ast.literal_eval(data["application/papermill.record/text/plain"])
    return values


def _chapter_glue(notebook: str, what: str):
    """A session fixture with the numbers one chapter glues into its prose, from a fresh execution."""

    @pytest.fixture(scope="session")
    def fixture() -> dict[str, object]:
        return _glue_values(ROOT / "chapters" / notebook)

    fixture.__doc__ = f"The numbers the {what} chapter glues into its prose, from a fresh execution."
    return fixture


icc_glue = _chapter_glue("icc.ipynb", "ICC")
tn_glue = _chapter_glue("third-neighbours.ipynb", "third-neighbour")
align_glue = _chapter_glue("alignment.ipynb", "China-Russia alignment")
energy_glue = _chapter_glue("energy.ipynb", "energy")
next_glue = _chapter_glue("next.ipynb", "What happened next")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


EXTERNAL_ASSET = re.compile(
    r"(?:<|&lt;)(?:script[^>]*?\ssrc|link[^>]*?\shref)=(?:\"|'|&quot;)((?:https?:)?//[^\"'&\s]+)"
)
