"""The download menu: the page's notebook, its PDF, the whole report's PDF and a runnable project.

Why: a notebook downloaded on its own cannot run (it needs this package and the data),
and the theme's ".pdf" item only opens the browser's print dialog. This module

- writes, with every build, ``downloads/mongolia-balancing-act-<version>.zip``: the whole
  project source of this build (the files git tracks, read from the working copy; every
  file but the build's own output when there is no git), in one folder, so that the
  README's two commands run in it and give the same book;
- puts, in each page's download menu, the page's PDF and the whole report's (printed
  by ``site.pdf``; without Chromium the browser's print item stays) and that archive.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from sphinx.application import Sphinx

from . import paths, pdf
from .paths import bundle_path

LEFT_OUT = {".git", ".venv", "_build", ".cache", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".jupyter_cache"}


def project_files(root: Path) -> list[str]:
    """The project's files, relative to ``root``: what git tracks there, or else everything but build output."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout.decode()
        files = [name for name in listed.split("\0") if name and (root / name).is_file()]
        if files:
            return sorted(files)
    except (OSError, subprocess.CalledProcessError):
        pass
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.is_file() and not LEFT_OUT & set(path.relative_to(root).parts) and not path.name.endswith(".egg-info"))


def write_bundle(root: Path, target: Path) -> None:
    """The runnable project as one zip, all under ``mongolia-balancing-act-<version>/``."""
    folder = paths.file_stem()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in project_files(root):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=paths.ZIP_TIME)
            info.external_attr = ((root / name).stat().st_mode & 0o777 | 0o100000) << 16  # keeps scripts executable
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (root / name).read_bytes())
    partial.replace(target)


def build_bundle(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        write_bundle(Path(app.srcdir), Path(app.outdir) / bundle_path())
        remove_other_versions(Path(app.outdir) / paths.DOWNLOADS)


def remove_other_versions(folder: Path) -> None:
    """Downloads named for another version (left by a build before a release) are not this site's."""
    stem = paths.file_stem()
    for path in folder.iterdir():
        if not (path.stem == stem or path.name.startswith(f"{stem}-")):
            path.unlink()


def _link(url: str, text: str, tooltip: str, icon: str, label: str) -> dict:
    return {"type": "link", "url": url, "text": text, "tooltip": tooltip, "icon": icon, "label": label}


def download_menu(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Runs after the theme has filled its download menu (priority 501)."""
    group = next((button for button in context.get("header_buttons", []) if button.get("label") == "download-buttons"), None)
    if group is None:
        return
    pathto = context["pathto"]
    buttons = group["buttons"]
    if pdf.printing():
        buttons[:] = [button for button in buttons if button.get("label") != "download-pdf-button"]
        if pagename in pdf.toc_order(app.srcdir):
            buttons.append(_link(pathto(paths.page_pdf(pagename), 1), "this page (.pdf)", "This page as a PDF",
                                 "fas fa-file-pdf", "download-page-pdf-button"))
        buttons.append(_link(pathto(paths.report_pdf(), 1), "whole report (.pdf)", "The whole report as one PDF",
                             "fas fa-book", "download-report-pdf-button"))
    buttons.append(_link(pathto(bundle_path(), 1), "runnable project (.zip)",
                         "Code, data and notebooks of this version: unpack, then run make book", "fas fa-file-zipper",
                         "download-bundle-button"))


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", download_menu, priority=510)
    app.connect("build-finished", build_bundle)
