"""How a data problem is reported: where it is (file, row, field) and what is wrong.

Every check of the data package says what it found as a :class:`Problem`; a load that finds any
raises :class:`DataValidationError` with all of them, so a bad file never reaches a chart and
its message points at the cell to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .project import ROOT


@dataclass(frozen=True)
class Problem:
    """One validation failure, located as precisely as the check allows."""

    path: str
    row: int | None  # spreadsheet-style: the header is row 1, the first record row 2
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.path]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f'field "{self.field}"')
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """Raised when a resource fails validation; lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} data problem(s):\n  {shown}{more}")


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the project where it lies inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def encoding_problems(path: Path) -> list[Problem]:
    """A file must be UTF-8 without a byte-order mark: refused here, so that no reader half-accepts it."""
    raw = path.read_bytes()
    shown = shown_path(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(shown, 1, None, "starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [Problem(shown, line, None, f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")]
    return []
