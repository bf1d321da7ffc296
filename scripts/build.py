"""Build the site, say what happened in a few lines, and never leave a stale site that looks valid.

``make book`` runs this. It first runs the checks of ``make check`` (a problem there is
printed once and nothing is built), clears the execution cache when the data or code
changed (``cache_guard``), runs ``jb build`` strictly (warnings are errors) with its full
output in ``_build/build.log``, and then:

- on success writes ``_build/html/.build-ok`` (when, and from which commit) and prints a
  one-line summary: pages, figures, maps and time;
- on failure replaces ``_build/html`` with a single page saying that the last build failed
  and why, and prints the first error (the failing notebook and cell, or the first warning),
  not hundreds of lines of traceback.

``--verify`` (used by ``make serve``) exits non-zero, with a one-line reason, unless the
site in ``_build/html`` comes from a successful build.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
SITE = BUILD / "html"
LOG = BUILD / "build.log"
OK = SITE / ".build-ok"
FAILED = SITE / ".build-failed"


def jb_command(output_parent: Path = ROOT) -> list[str]:
    jb = str(Path(sys.executable).with_name("jb"))
    # --quiet: Sphinx's progress and the parsers' configuration dumps stay out; warnings and errors stay in.
    command = [jb, "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going", "--quiet"]
    if output_parent != ROOT:
        command += ["--path-output", str(output_parent)]
    return command


def first_error(log: str) -> list[str]:
    """The lines a reader needs: the failing notebook and cell, or the first warning."""
    lines = re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines()  # without the terminal's colour codes
    failed = next((m.group(1) for line in lines if (m := re.search(r"(\S+\.ipynb): WARNING: Executing notebook failed", line))), None)
    if failed:
        start = next(i for i, line in enumerate(lines) if "An error occurred while executing the following cell" in line)
        end = next(i for i in range(start + 2, len(lines)) if lines[i].startswith("------------------"))
        arrow = next((line.strip() for line in lines[end:] if line.lstrip().startswith("--->")), "")
        error = next((line.strip() for line in lines[end:] if re.match(r"^\w+(Error|Exception|Warning)\b.*:", line)), "")
        shown = str(Path(failed).relative_to(ROOT)) if Path(failed).is_relative_to(ROOT) else failed
        return [f"{shown}: this cell failed:", *lines[max(start + 2, end - 4): end], *filter(None, [arrow, error])]
    warnings = [line for line in lines if re.search(r"(WARNING|ERROR):", line)]
    if warnings:
        return warnings[:5] + ([f"... and {len(warnings) - 5} more"] if len(warnings) > 5 else [])
    return [line for line in lines if line.strip()][-5:]


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "not a git checkout"


def write_failure_page(reason: list[str]) -> None:
    """Replace the site with one page that says the build failed: nothing stale can be served."""
    import shutil

    shutil.rmtree(SITE, ignore_errors=True)
    SITE.mkdir(parents=True)
    body = "\n".join(html.escape(line) for line in reason)
    (SITE / "index.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>The last build failed</title>'
        f"<h1>The last build failed</h1><p>{time.strftime('%Y-%m-%d %H:%M')}; full log: _build/build.log</p>"
        f"<pre>{body}</pre></html>\n",
        encoding="utf-8",
    )
    FAILED.write_text("\n".join(reason) + "\n", encoding="utf-8")


def build() -> int:
    start, started = time.perf_counter(), time.time()
    OK.unlink(missing_ok=True)  # an interrupted build must not leave the old marker behind
    from mongolia_report.check import all_problems

    # `make test` has just run `make check` and says so; anything else checks here.
    problems = [] if os.environ.get("MNR_CHECKED") == str(ROOT) else all_problems(ROOT)
    if problems:  # the data is wrong: say so once, and leave no site built from it
        write_failure_page(problems)
        print("\n".join(problems), file=sys.stderr)
        print(f"make book: {len(problems)} problem(s) in the data or the set-up; nothing was built", file=sys.stderr)
        return 1
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cache_guard.py")], check=True)
    result = subprocess.run(jb_command(), cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    BUILD.mkdir(exist_ok=True)
    LOG.write_text(log, encoding="utf-8")
    if result.returncode != 0:
        reason = first_error(log)
        write_failure_page(reason)
        print("\n".join(reason), file=sys.stderr)
        print(f"make book: the build failed; _build/html now says so (full log: {LOG.relative_to(ROOT)})", file=sys.stderr)
        return 1
    FAILED.unlink(missing_ok=True)
    OK.write_text(f"built {time.strftime('%Y-%m-%d %H:%M:%S')} from commit {commit()}\n", encoding="utf-8")
    pages = [p for p in SITE.rglob("*.html") if "_static" not in p.parts and "_downloads" not in p.parts]
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    charts, maps = text.count('class="mnr-plotly"'), text.count('class="mnr-map"')
    for line in unconfigured():
        print(f"make book: {line}")
    printing = BUILD / "pdf-prints" / "last-run.txt"
    pdf_time = f" (PDFs: {float(printing.read_text()):.0f} s)" if printing.exists() and printing.stat().st_mtime > started else ""
    print(f"make book: built {len(pages)} pages with {charts} charts and {maps} maps in {time.perf_counter() - start:.0f} s{pdf_time}; "
          f"open {SITE.relative_to(ROOT)}/index.html or run 'make serve'")
    return 0


def unconfigured() -> list[str]:
    """What this build leaves out for want of configuration or tools, each said once."""
    from mongolia_report.identity import missing_addresses
    from mongolia_report.site.changes import in_git_checkout
    from mongolia_report.site.pdf import printing

    lines = missing_addresses()
    if not printing():
        lines.append("no Chromium (Debian's chromium package): no PDFs and no map images; the download menu offers the browser's print")
    if not in_git_checkout(ROOT):
        lines.append("not a git checkout: pages show no date of last change")
    return lines


def verify() -> int:
    if OK.exists():
        return 0
    if FAILED.exists():
        first = FAILED.read_text(encoding="utf-8").splitlines()[:1]
        print(f"make serve: the last build failed ({first[0] if first else 'see _build/build.log'}); fix it and run 'make book'",
              file=sys.stderr)
    else:
        print("make serve: no complete build in _build/html; run 'make book' first", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(verify() if "--verify" in sys.argv else build())
