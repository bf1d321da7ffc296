"""Write data/datapackage.json: the data package with every shared definition expanded.

data/datapackage.yaml is the source (shared definitions written once, as YAML anchors);
some tools want a JSON descriptor in which each definition is written out in full (and
frictionless 5.21 cannot read repeated YAML definitions, see the file's header). This
writes one, checked against the report's profile. It is not committed: regenerate it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mongolia_report.data import read_package  # noqa: E402
from mongolia_report.project import DATA  # noqa: E402

if __name__ == "__main__":
    target = DATA / "datapackage.json"
    target.write_text(json.dumps(read_package(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")
