"""Shared fixtures: paths, the built site (built once per session), the chapters' glued values and a browser."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
BUILD_LOG = ROOT / "_build" / "build.log"


def toc_pages() -> list[str]:
    """Every page the table of contents names, as paths relative to the site root, without suffix."""
    from mongolia_report.identity import toc_pages as pages

    return pages(ROOT)


def chapter_notebooks() -> list[str]:
    return [page for page in toc_pages() if (ROOT / f"{page}.ipynb").exists()]


@pytest.fixture(scope="session")
def built_site() -> dict:
    """Build the book exactly as `make book` does (scripts/build.py) and return its log.

    Reuses the execution cache, so an unchanged book rebuilds in seconds.
    """
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=ROOT, capture_output=True, text=True)
    log = BUILD_LOG.read_text(encoding="utf-8") if BUILD_LOG.exists() else result.stdout + result.stderr
    return {"returncode": result.returncode, "log": log, "summary": result.stdout + result.stderr}


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    if built_site["returncode"] != 0:
        pytest.fail(f"the book did not build; see {BUILD_LOG}")
    for workspace, starter in AFTER_BUILD:  # the slow jobs that start from the built site (see EARLY below)
        jobs, read = PROVISIONAL.pop(starter, ({}, {}))
        if jobs and all(_digest(path) == digest for path, digest in read.items()):
            EARLY.update(jobs)  # started from the last build's site, and this build left what they read as it was
        else:
            for job in jobs.values():
                job.kill()
            (workspace / "after-build").mkdir()
            EARLY.update(starter(workspace / "after-build", SITE))
    AFTER_BUILD.clear()
    return SITE


def _digest(path: Path) -> str | None:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


EXECUTED = ROOT / "_build" / "jupyter_execute"


def page_soup(page: str | Path):
    """A built page parsed once, the one way tests read HTML: ``page_soup("status")`` or a path to any
    HTML file. Returns BeautifulSoup's tree (``select``, ``select_one``, ``get_text``), shared by every
    test that reads the same file as it is now: read it, never change it."""
    path = page if isinstance(page, Path) else SITE / f"{page}.html"
    stat = path.stat()
    return _parsed(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _parsed(path: Path, mtime_ns: int, size: int):
    # Keyed on the file's time and size as well as its path: a rebuilt or planted page is parsed afresh.
    # Parsing every page takes about 3 s, and a dozen tests read every page.
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_title(soup) -> str:
    """The page's heading as the reader sees it, without the ¶ anchor."""
    heading = soup.select_one("main h1")
    anchor = heading.select_one("a.headerlink")
    return heading.get_text().removesuffix(anchor.get_text() if anchor else "").strip()


def cell_texts(row) -> list[str]:
    """A table row's cells as the reader sees them: text only, spaces collapsed."""
    return [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])]


def glue_values(docname: str, executed: Path = EXECUTED) -> dict[str, object]:
    """The values a notebook glued, as the build executed it (myst-nb writes ``<doc>.glue.json``), this checkout's
    build unless ``executed`` names another's ``_build/jupyter_execute``."""
    import ast
    import json

    path = executed / f"{docname}.glue.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: the build did not execute {docname}")
    values = {}
    for name, output in json.loads(path.read_text(encoding="utf-8")).items():
        data = output.get("data", {})
        if "text/markdown" in data:  # a citation glued for a caption ({glue:md})
            values[name] = data["text/markdown"]
        elif "text/plain" in data:
            values[name] = ast.literal_eval(data["text/plain"])
    return values


def _chapter_glue(notebook: str, what: str):
    """A session fixture with the numbers one chapter glues into its prose, read from the build's execution.

    The build executes each chapter once (and caches it); reading its glue record instead of
    running the notebook again keeps a cold test run to one execution per notebook.
    """

    @pytest.fixture(scope="session")
    def fixture(site) -> dict[str, object]:
        return glue_values(f"chapters/{notebook.removesuffix('.ipynb')}")

    fixture.__doc__ = f"The numbers the {what} chapter glues into its prose, from the build's execution."
    return fixture


icc_glue = _chapter_glue("icc.ipynb", "ICC")
tn_glue = _chapter_glue("third-neighbours.ipynb", "third-neighbour")
align_glue = _chapter_glue("alignment.ipynb", "China-Russia alignment")
energy_glue = _chapter_glue("energy.ipynb", "energy")
next_glue = _chapter_glue("next.ipynb", "What happened next")
un_glue = _chapter_glue("un-votes.ipynb", "Six decades at the UN")
balance_glue = _chapter_glue("balance.ipynb", "balance in one figure")


def copy_environment(root: Path) -> dict:
    """The environment of a command run in a copy of the project: its own package (not this checkout's)
    first on the path, and ``make check`` not taken as done for it."""
    environment = {**os.environ, "PYTHONPATH": str(root)}
    environment.pop("MNR_CHECKED", None)
    return environment


def load_script(name: str):
    """A module from scripts/ (not a package), e.g. the derivation of the UN tables."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the session; a missing browser skips, or fails in CI."""
    from mongolia_report.project import CHROMIUM, LAUNCH_ARGS

    if not Path(CHROMIUM).exists():
        if in_ci():
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(site):
    """The built site served on a free localhost port; yields its base URL."""
    from mongolia_report.tooling import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def visit(browser, server):
    """``visit(path)``: the page's one recorded first visit (``browsing.Visit``, with axe-core's audit), opened on
    first use and shared by every browser test of the session, whichever file it is in.

    One page is kept open ahead, so that its audit runs in its own renderer process on the second core while the
    session drives the page in hand: the pages with the most elements first, as the audit's time grows with them
    (the vote list's takes 25 s); a full run visits every page (test_pages_in_a_browser), so none is opened in vain."""
    import re

    from browsing import PAGES, Visit

    visits: dict[str, Visit] = {}
    elements = {page: len(re.findall(r"<[a-z]", (SITE / f"{page}.html").read_text(encoding="utf-8"))) for page in PAGES}
    ahead = sorted(PAGES, key=lambda page: -elements[page])

    def open_page(path: str) -> None:
        if path not in visits:
            visits[path] = Visit(browser, f"{server}/{path}.html", audit=True)

    def get(path: str) -> Visit:
        open_page(path)
        if not any(opened.auditing for name, opened in visits.items() if name != path):
            following = next((page for page in ahead if page not in visits), None)
            if following:
                open_page(following)
        return visits[path]

    yield get
    for opened in visits.values():
        opened.context.close()




# The layers of the suite. A test is put in a layer by what it needs, read from its fixtures, so a new
# test lands in the right layer without a decorator: `make test-fast` runs the fast layer alone.
BUILD_FIXTURES = {"site", "built_site", *(name for name in dir() if name.endswith("_glue"))}
BROWSER_FIXTURES = {"browser", "visit", "server", "on_paper"}  # on_paper: a job with a browser of its own (test_charts)
SLOW_FIXTURES = {"planted_build", "checkout", "copy", "derived"}  # the planted archive, built; copies of the checkout; the UN derivation


# Slow jobs that need nothing from the session (the UN tables' derivation) start as soon as the tests are
# collected, and those that need only the built site (the planted archive's build, tests/planting.py) as soon
# as it is built, in processes of their own (most at a lower priority: Job), so that they run on the machine's
# second core while the session builds the site and drives the browser; the fixture that needs a job's result
# waits for it. When a site was built before the session (`make book`, then `make test`), those start at once
# from it if their starter says they read only named files of the site (``reads_site``), beside the session's
# build, and start again only if that build changed a file they read (``job.reads``).
# A test module offers its jobs as ``start_early(workspace) -> {name: Job}`` for the fixtures named in
# its EARLY_FIXTURES, or ``start_after_build(workspace, site)`` for those in its AFTER_BUILD_FIXTURES; a starter
# that two modules offer starts its jobs once.
EARLY: dict[str, Job] = {}
AFTER_BUILD: list[tuple[Path, object]] = []
PROVISIONAL: dict[object, tuple[dict[str, Job], dict[Path, str | None]]] = {}  # starter: its jobs, the digests of what they read
WORKSPACE: list[Path] = []
JOBS: list[Job] = []  # every job started, so that the session's end removes their logs


class Job:
    """A command running in the background; ``result()`` waits for it and returns (exit status, output).

    ``nice``: how far below the session it runs. The longest job (the planted build, which executes every notebook
    afresh) runs at the session's own priority: measured, at a lower one it got the machine only once the session
    was done with it, and the session's last tests then waited a minute and a half for it on one busy core."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict | None = None, nice: int = 10):
        import tempfile

        self.reads: list[Path] = []  # the files of the built site it read, if any (see PROVISIONAL)
        self.log = Path(tempfile.mkstemp(prefix="mnr-job-", suffix=".log")[1])
        with self.log.open("w") as output:  # a file, not a pipe: a pipe nobody reads would stall a chatty job
            self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
                                            preexec_fn=lambda: os.nice(nice), start_new_session=True)
        JOBS.append(self)

    def kill(self) -> None:
        """Stop the job and every process it started (a build's notebook kernels and Chromium included)."""
        import signal

        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:  # already ended
            pass
        self.process.wait()

    def result(self) -> tuple[int, str]:
        returncode = self.process.wait()
        return returncode, self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def planted_build(site, tmp_path_factory):
    """The runnable archive with markup planted in every text field, built as the publishing workflow builds
    (tests/planting.py); ``output`` is what its build printed, ``findings`` what its job saw after the build (an
    unchanged rebuild, every page in the browser)."""
    import json
    from types import SimpleNamespace

    from planting import start_planted_build

    job = early("planted") or start_planted_build(tmp_path_factory.mktemp("planted"), site)
    returncode, output = job.result()
    assert job.findings.exists(), f"the planted copy's job failed:\n{output[-6000:]}"
    findings = json.loads(job.findings.read_text(encoding="utf-8"))
    check = findings["check"]
    assert check["returncode"] == 0, f"planted text is valid data, yet make check refused it:\n{check['output']}"
    assert returncode == 0, f"the planted copy did not build:\n{output[-6000:]}"
    return SimpleNamespace(root=job.root, site=job.root / "_build" / "html", fields=job.fields, entries=job.entries,
                           output=findings["build"], findings=findings)


def early(name: str):
    """The job ``name`` started early, or None (its module was not collected, or a test asked for it twice)."""
    return EARLY.pop(name, None)


def pytest_collection_finish(session):
    import tempfile

    modules = {item.module for item in session.items if hasattr(item, "module")}
    for module in sorted(modules, key=lambda m: m.__name__):
        for starter, fixtures, now in (("start_early", "EARLY_FIXTURES", True), ("start_after_build", "AFTER_BUILD_FIXTURES", False)):
            wanted = [item for item in session.items if getattr(item, "module", None) is module
                      and set(getattr(item, "fixturenames", ())) & set(getattr(module, fixtures, ()))]
            if hasattr(module, starter) and wanted:
                workspace = Path(tempfile.mkdtemp(prefix=f"mnr-{module.__name__}-"))
                WORKSPACE.append(workspace)
                if now:
                    EARLY.update(getattr(module, starter)(workspace))
                elif getattr(module, starter) not in [known for _, known in AFTER_BUILD]:  # a job two files read starts once
                    AFTER_BUILD.append((workspace, getattr(module, starter)))
    if (SITE / ".build-ok").exists():  # `make book` ran before: the jobs start now from its site, beside the session's build
        for workspace, starter in [(workspace, starter) for workspace, starter in AFTER_BUILD if getattr(starter, "reads_site", False)]:
            (workspace / "before-build").mkdir()
            jobs = starter(workspace / "before-build", SITE)
            PROVISIONAL[starter] = (jobs, {path: _digest(path) for job in jobs.values() for path in job.reads})


def pytest_sessionfinish(session, exitstatus):
    import shutil

    for job in [*EARLY.values(), *(job for jobs, _ in PROVISIONAL.values() for job in jobs.values())]:
        job.kill()
    for folder in WORKSPACE:
        shutil.rmtree(folder, ignore_errors=True)
    for job in JOBS:
        job.log.unlink(missing_ok=True)


def waits_for_a_job(item) -> bool:
    """Whether a test reads the result of a slow job that runs beside the session (see EARLY)."""
    module = getattr(item, "module", None)
    fixtures = set(getattr(module, "EARLY_FIXTURES", ())) | set(getattr(module, "AFTER_BUILD_FIXTURES", ()))
    return bool(set(getattr(item, "fixturenames", ())) & fixtures)


def jobs_done() -> bool:
    """Whether every job beside the session has been started and has ended."""
    return not AFTER_BUILD and not PROVISIONAL and all(job.process.poll() is not None for job in JOBS)


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    """pytest's own loop, but the tests that wait for a job (sorted last) run as soon as every job has ended, not
    after every other test: measured, the planted build's job ended a minute before the session reached its tests,
    and the session then read its output on one core while the other idled."""
    if session.testsfailed and not session.config.option.continue_on_collection_errors:
        raise session.Interrupted(f"{session.testsfailed} error(s) during collection")
    if session.config.option.collectonly:
        return True
    waiting = [item for item in session.items if waits_for_a_job(item)]
    others = [item for item in session.items if not waits_for_a_job(item)]

    def following():
        return (waiting if waiting and (jobs_done() or not others) else others or waiting or [None]).pop(0)

    item = following()
    while item is not None:
        upcoming = following()  # chosen before the run, as pytest tears down the fixtures the next test will not use
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=upcoming)
        if session.shouldfail:
            raise session.Failed(session.shouldfail)
        if session.shouldstop:
            raise session.Interrupted(session.shouldstop)
        item = upcoming
    return True


def pytest_collection_modifyitems(config, items):
    share_the_build_s_execution(config, items)
    # The tests that wait for a job go last (in their order), so that the session does its own work first.
    items[:] = sorted(items, key=waits_for_a_job)
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.notebook)
        if needs & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if needs & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if needs & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def share_the_build_s_execution(config, items) -> None:
    """No notebook runs twice in one session. The build executes every notebook and fails on any cell
    error (nb_execution_raise_on_error), so when the session builds the site, nbval's second run of the
    same notebooks is left out and test_site.py checks the build's own execution instead; run alone
    (`pytest chapters/`, or with the build layer deselected), nbval runs them as before."""
    notebooks = [item for item in items if ".ipynb::" in item.nodeid]
    builds = any(set(getattr(item, "fixturenames", ())) & BUILD_FIXTURES for item in items)
    if notebooks and builds:
        config.hook.pytest_deselected(items=notebooks)
        items[:] = [item for item in items if item not in notebooks]
