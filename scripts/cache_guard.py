"""Drop the notebook execution cache when anything a notebook reads has changed.

Jupyter Book's cache (``_build/.jupyter_cache``) re-executes a notebook only when
its code cells change. The chapters also read ``data/``, ``references.bib`` and
the ``mongolia_report`` package, so a change there must invalidate the cache too,
or the site would show figures drawn from old data; the site's own assets and the
citation metadata go through the same gate. This script hashes those
inputs and clears the cache when the hash differs from the last build's.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Both caches must go: Sphinx re-reads a notebook only if its file changed, and
# myst-nb re-executes it only if its code changed.
CACHES = [ROOT / "_build" / ".jupyter_cache", ROOT / "_build" / ".doctrees"]
STAMP = ROOT / "_build" / ".inputs.sha256"
# _static/ and assets/ are here because Sphinx copies static files only when some page
# is rebuilt: a CSS-only change would otherwise never reach the site.
INPUTS = ["data", "mongolia_report", "references.bib", "requirements.txt", "_static", "assets", "CITATION.cff"]


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def main() -> None:
    current = inputs_digest()
    previous = STAMP.read_text().strip() if STAMP.exists() else None
    if previous != current:
        for cache in CACHES:
            if cache.exists():
                shutil.rmtree(cache)
                print(f"notebook inputs changed: cleared {cache.relative_to(ROOT)}")
        STAMP.parent.mkdir(parents=True, exist_ok=True)
        STAMP.write_text(current + "\n")


if __name__ == "__main__":
    main()
