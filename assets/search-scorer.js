/* The report's search scorer (mongolia_report/site/search.py). Sphinx reads this file into
   language_data.js, which loads after searchtools.js, so it replaces Sphinx's Scorer and can
   adjust Search: results on the reference pages (bibliography, changelog, data status, how to
   cite) rank below the chapters, which they only repeat or list; and a result's snippet is cut
   from the page's prose, not from its folded code, buttons, menus or chart tables. */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    return ["bibliography", "changelog", "status", "how-to-cite"].includes(docname) ? score - 100 : score;
  },
  // Sphinx's defaults (searchtools.js, Sphinx 7.4).
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

(function () {
  if (typeof Search === "undefined") return;
  const NOT_PROSE = [".cell_input", "details.hide", ".bd-header-article", ".header-article-items", ".prev-next-area",
    ".bd-footer-article", ".mnr-figure-tabs", ".mnr-figure [role=tabpanel][hidden]", ".mnr-map-downloads",
    ".mnr-skip-map", ".mnr-masthead", "aside.mnr-cite", ".last-updated", "#jb-print-docs-body"];
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    NOT_PROSE.forEach((selector) => page.querySelectorAll(selector).forEach((element) => element.remove()));
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
