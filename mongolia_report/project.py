"""Where the project's files are, and the browser its build and tests drive: each defined once.

The scripts in ``scripts/`` find the project from their own location (they run before the
package can be imported); everything inside the package reads these names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PACKAGE_FILE = DATA / "datapackage.yaml"
PROFILE_FILE = DATA / "profile.json"
BIB_FILE = ROOT / "references.bib"
CITATION = ROOT / "CITATION.cff"
SITE = ROOT / "_build" / "html"

# Debian's chromium: the map snapshots, the benchmark and the browser tests all drive it.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
