"""Inside the PDFs (pypdf): links that work away from the build machine, bookmarks, joining.

Why: Chromium prints a link to another page of the site as the address it was opened
from, a ``file://`` path on the machine that built it (``file:///…/_build/html/
bibliography.html#id12``). In a downloaded PDF every citation and cross-reference was
dead, and the builder's folders were published. Its outline (bookmarks) is built from
the tagged headings and doubles some of them ("SummarySummary").

So ``site.pdf`` prints without Chromium's outline, with a hidden same-page link to every
element that has an id (Chromium then writes a named destination for each, saying on
which page and how far down it was printed), and records each page's headings. Here:

- every link into the site is taken apart into (page, fragment). A link to a page that
  is in the same PDF becomes a jump to the place it names (the whole report holds every
  page); any other goes to the page's address on the published site when CITATION.cff
  gives one (``url``), and is dropped otherwise. Links to other hosts are kept.
- bookmarks are written from the recorded headings: the page, then its sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, Fit, FloatObject, NameObject, NullObject, TextStringObject


@dataclass
class Printed:
    """One page of the site as Chromium printed it."""

    name: str  # the page, e.g. "chapters/icc"
    title: str
    reader: PdfReader
    headings: list[dict]  # {"level": 1 or 2, "text": ..., "id": ...}, in reading order
    places: dict[str, tuple[int, float, float | None]] = field(default_factory=dict)  # id: (page, left, top)

    def __post_init__(self) -> None:
        for name, dest in self.reader.named_destinations.items():
            top = dest.top if isinstance(dest.top, int | float) else None
            left = dest.left if isinstance(dest.left, int | float) else 0.0
            self.places[str(name).lstrip("/")] = (self.reader.get_destination_page_number(dest), float(left), top)

    def place(self, fragment: str) -> tuple[int, float, float | None]:
        """Where an id was printed; the page's start for none, or for one it does not have."""
        return self.places.get(fragment) or (0, 0.0, None)


def site_target(uri: str, outdir: Path) -> tuple[str, str] | None:
    """(path within the site, fragment) for a link into the built site; None for any other address.

    A ``file:`` link outside the site gives ("", ""): it has no address anyone else can open.
    """
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return None
    try:
        path = Path(url2pathname(parts.path)).resolve().relative_to(outdir.resolve())
    except ValueError:
        return "", ""
    return path.as_posix(), parts.fragment


def name_links_by_address(printed: Printed, outdir: Path) -> None:
    """Chromium writes a link to a place on the same page as a jump to a named destination;
    those names repeat from page to page ("main-content"), so before the prints are joined
    each becomes a link to the page's own address, resolved with the others."""
    for page in printed.reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            destination = annotation.get("/Dest")
            if annotation.get("/Subtype") != "/Link" or not isinstance(destination, str):
                continue
            address = (outdir / f"{printed.name}.html").resolve().as_uri() + "#" + destination.lstrip("/")
            del annotation["/Dest"]
            annotation[NameObject("/A")] = DictionaryObject(
                {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(address)})


def resolve_links(writer: PdfWriter, contents: dict[str, tuple[int, Printed]], outdir: Path, site_url: str) -> dict:
    """Every link into the site made to work: a jump within this PDF when ``contents`` (page name:
    (index of its first page in ``writer``, its print)) holds the page, the published address when
    ``site_url`` is set, or no link at all. Returns how many of each kind there are."""
    counts = {"within": 0, "site": 0, "dropped": 0, "other": 0}
    for page in writer.pages:
        annotations = page.get("/Annots")
        if not annotations:
            continue
        kept = ArrayObject()
        for ref in annotations.get_object():
            annotation = ref.get_object()
            action = annotation.get("/A")
            action = action.get_object() if action is not None else None
            target = site_target(str(action["/URI"]), outdir) if action is not None and "/URI" in action else None
            if annotation.get("/Subtype") != "/Link" or target is None:
                counts["other"] += annotation.get("/Subtype") == "/Link"
                kept.append(ref)
                continue
            path, fragment = target
            name = path.removesuffix(".html")
            if path.endswith(".html") and name in contents:
                start, printed = contents[name]
                index, left, top = printed.place(fragment)
                del annotation["/A"]
                annotation[NameObject("/Dest")] = ArrayObject([
                    writer.pages[start + index].indirect_reference, NameObject("/XYZ"), FloatObject(left),
                    FloatObject(top) if top is not None else NullObject(), FloatObject(0)])
                counts["within"] += 1
                kept.append(ref)
            elif site_url and path:
                action[NameObject("/URI")] = TextStringObject(f"{site_url}/{path}" + (f"#{fragment}" if fragment else ""))
                counts["site"] += 1
                kept.append(ref)
            else:
                counts["dropped"] += 1
        page[NameObject("/Annots")] = kept
    return counts


def add_bookmarks(writer: PdfWriter, start: int, printed: Printed, parent=None) -> None:
    """The page's title, then each of its sections, as bookmarks pointing where they were printed."""
    top_index, top_left, top_top = printed.place(next((h["id"] for h in printed.headings if h["level"] == 1), ""))
    item = writer.add_outline_item(printed.title, start + top_index, parent=parent, fit=Fit.xyz(top_left, top_top, 0))
    for heading in printed.headings:
        if heading["level"] == 2:
            index, left, top = printed.place(heading["id"])
            writer.add_outline_item(heading["text"], start + index, parent=item, fit=Fit.xyz(left, top, 0))


def contents_entries(body: list[tuple[int, Printed]], offset: int) -> list[dict]:
    """For the whole report's table of contents: each page and its sections with the page
    number they are printed on (``offset``: the pages before the first print)."""
    entries = []
    for start, printed in body:
        sections = [{"text": h["text"], "id": h["id"], "page": offset + start + printed.place(h["id"])[0] + 1}
                    for h in printed.headings if h["level"] == 2]
        entries.append({"name": printed.name, "text": printed.title, "page": offset + start + 1, "sections": sections})
    return entries
