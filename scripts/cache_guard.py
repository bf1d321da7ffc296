"""Drop the build's caches when what they were made from has changed, and only then.

Jupyter Book's execution cache (``_build/.jupyter_cache``) re-executes a notebook only
when its code cells change, and Sphinx re-reads a page (``_build/.doctrees``) only when
its source file changes. Three kinds of input escape both:

- what every notebook reads: the data package's descriptor and profile, ``references.bib``,
  the ``mongolia_report`` package the notebooks import, the pinned packages and
  ``CITATION.cff``. A change there clears both caches, so no figure is drawn from old data.
- what one notebook reads: the files of the datasets its page declares in
  ``mongolia_report/pages.py``. A change to one of those re-executes the notebooks that
  declare it, and only those (Sphinx reads their pages again because the files are noted
  as the pages' dependencies).
- what only turns executed notebooks into pages: the Sphinx extension
  (``mongolia_report/site``, which the notebooks never import), the site's stylesheets
  and scripts (``_static/``, ``assets/``). A change there clears the read pages only
  (Sphinx copies static files only when some page is rebuilt, and the renderers run
  when a page is read), and the notebooks are not executed again.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXECUTED = ROOT / "_build" / ".jupyter_cache"
READ = ROOT / "_build" / ".doctrees"
STAMP = ROOT / "_build" / ".inputs.sha256"
SITE_PACKAGE = Path("mongolia_report") / "site"
NOTEBOOK_INPUTS = ["data/datapackage.yaml", "data/profile.json", "mongolia_report", "references.bib", "requirements.txt",
                   "pyproject.toml", "CITATION.cff"]
PAGE_INPUTS = [str(SITE_PACKAGE), "_static", "assets"]


def _files(name: str) -> list[Path]:
    path = ROOT / name
    if not path.is_dir():
        return [path] if path.exists() else []
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def digest(names: list[str], leave_out: Path | None = None) -> str:
    hashed = hashlib.sha256()
    for name in names:
        for file in _files(name):
            relative = file.relative_to(ROOT)
            if leave_out is not None and relative.is_relative_to(leave_out):
                continue
            hashed.update(str(relative).encode())
            hashed.update(file.read_bytes())
    return hashed.hexdigest()


def page_inputs() -> dict[str, list[str]]:
    """Each notebook page's declared dataset files, relative to the project."""
    from mongolia_report.data import PACKAGE_FILE, read_package
    from mongolia_report.pages import DATASETS, datasets_of

    files = {r["name"]: str((PACKAGE_FILE.parent / r["path"]).relative_to(ROOT)) for r in read_package()["resources"]}
    return {page: [files[name] for name in datasets_of(page, tuple(files))] for page in DATASETS}


def current() -> dict[str, str]:
    stamps = {"notebooks": digest(NOTEBOOK_INPUTS, leave_out=SITE_PACKAGE), "pages": digest(PAGE_INPUTS)}
    stamps |= {f"data:{page}": digest(files) for page, files in page_inputs().items()}
    return stamps


def forget_executions(pages: list[str]) -> None:
    """Remove these pages' notebooks from the execution cache, so that the build runs them again."""
    from jupyter_cache import get_cache

    cache = get_cache(EXECUTED)
    for record in cache.list_cache_records():
        if any(Path(record.uri) == ROOT / f"{page}.ipynb" for page in pages):
            cache.remove_cache(record.pk)


def main() -> None:
    now = current()
    lines = STAMP.read_text().split() if STAMP.exists() else []
    before = dict(line.split("=", 1) for line in lines if "=" in line)
    cleared = []
    if before.get("notebooks") != now["notebooks"]:
        cleared = [EXECUTED, READ]
    elif before.get("pages") != now["pages"]:
        cleared = [READ]
    for cache in cleared:
        if cache.exists():
            shutil.rmtree(cache)
            print(f"cache guard: inputs changed, cleared {cache.relative_to(ROOT)}")
    if EXECUTED not in cleared and EXECUTED.exists():
        changed = [key.removeprefix("data:") for key in now if key.startswith("data:") and before.get(key) != now[key]]
        if changed:
            forget_executions(changed)
            print(f"cache guard: data changed, will execute again: {', '.join(changed)}")
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    STAMP.write_text("".join(f"{key}={value}\n" for key, value in now.items()))


if __name__ == "__main__":
    main()
