"""Put the same first cells in every notebook: a note for readers in JupyterLab, and a guard.

- The note (a Markdown cell, the notebook's first) tells a reader who opens the notebook in
  JupyterLab that the numbers in its text are placeholders such as ``{glue:text}`name```,
  filled in only when the book is built, and where to read them.
- A notebook downloaded from the site on its own cannot run: it needs this project's package
  and data. Its first code cell looks for the project folder above the notebook, puts the
  project's package on the path (so an unpacked archive runs without installing the
  package), and otherwise stops with a message that says exactly what to download and run,
  instead of an ``ImportError`` ten lines later.

Both are tagged ``remove-cell``: the site does not show them. Run
``python scripts/notebook_guard.py`` after adding a notebook; ``tests/test_release.py``
checks that every notebook has both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL_ID = "project-guard"
NOTE_ID = "jupyterlab-note"
NOTE = """\
**Reading this notebook in JupyterLab?** The numbers in its text appear as placeholders such as \
`{glue:text}` followed by a name: the notebook computes them, and they are filled in when the book is built. \
To read the chapter with its numbers, build the report (`make book`, in the project's folder) and open the \
same chapter in `_build/html/`, or read it on the report's website. To rerun it here, run the cells from the \
top (JupyterLab's Run menu): the numbers and figures are computed again from the files in `data/`."""
GUARD = '''\
# This notebook belongs to the report "Mongolia's balancing act, in data" and runs inside its project
# folder, which holds the code and data it needs. Opened anywhere else, it stops here and says why.
import sys
from pathlib import Path

_project = next((folder for folder in [Path.cwd(), *Path.cwd().parents] if (folder / "mongolia_report" / "data.py").is_file()), None)
if _project is not None and str(_project) not in sys.path:
    sys.path.insert(0, str(_project))  # the project's own package, installed or not
try:
    import mongolia_report  # noqa: F401
except ModuleNotFoundError as missing:
    raise SystemExit(
        f"This notebook cannot run on its own ({missing}). Download the runnable project, "
        "mongolia-balancing-act-<version>.zip, from the download menu of any page of the report; unpack it; "
        "in its folder run `make book` once (it installs what the notebooks need and builds the report), "
        "then `make notebook` and open this notebook from the chapters/ folder."
    ) from None'''


def notebooks() -> list[Path]:
    return [ROOT / "index.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]


def guard_cell() -> dict:
    return {"cell_type": "code", "execution_count": None, "id": CELL_ID, "metadata": {"tags": ["remove-cell"]},
            "outputs": [], "source": GUARD.splitlines(keepends=True)}


def note_cell() -> dict:
    return {"cell_type": "markdown", "id": NOTE_ID, "metadata": {"tags": ["remove-cell"]}, "source": NOTE.splitlines(keepends=True)}


def first_code_cell(notebook: dict) -> dict | None:
    return next((cell for cell in notebook["cells"] if cell["cell_type"] == "code"), None)


def add_guard(path: Path) -> bool:
    """Insert or refresh the note as the notebook's first cell and the guard as its first code cell;
    True if the file changed."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = [cell for cell in notebook["cells"] if cell.get("id") not in (CELL_ID, NOTE_ID)]
    first = first_code_cell(notebook)
    at = notebook["cells"].index(first) if first is not None else len(notebook["cells"])
    notebook["cells"].insert(at, guard_cell())
    notebook["cells"].insert(0, note_cell())
    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    if text == path.read_text(encoding="utf-8"):
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    changed = [path.relative_to(ROOT) for path in notebooks() if add_guard(path)]
    print(f"notebook_guard: {len(changed)} notebook(s) updated" + (f": {', '.join(map(str, changed))}" if changed else ""))
    sys.exit(0)
