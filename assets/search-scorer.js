/* The report's search scorer (mongolia_report/site/search.py). Sphinx reads this file into
   language_data.js, which loads after searchtools.js, so it replaces Sphinx's Scorer and can
   adjust Search: a query is read in the report's British spelling (neighbor, center, defense);
   a page whose title holds every word of the query ranks first; results on the reference pages
   (bibliography, changelog, data status, how to cite, data catalogue) rank below the chapters,
   which they only repeat or list; and a result's snippet is cut from the page's prose, not from
   its folded code, buttons, menus or chart tables. */
// American spellings a reader may type, as the report writes them ("third neighbor" finds "third neighbour").
const BRITISH = {
  neighbor: "neighbour", neighbors: "neighbours", neighboring: "neighbouring", neighborhood: "neighbourhood",
  center: "centre", centers: "centres", defense: "defence", program: "programme", programs: "programmes",
  organization: "organisation", organizations: "organisations", labor: "labour", favor: "favour",
};
const REFERENCE_PAGES = ["bibliography", "changelog", "status", "how-to-cite", "chapters/data"];
let queryStems = [];  // the stems of the last query's words, for the title boost below

function stems(text) {
  const stemmer = new Stemmer();
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w && !stopwords.includes(w)).map((w) => stemmer.stemWord(w));
}

var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    // The reference pages (bibliography, changelog, data status, citation, data catalogue) repeat or list the chapters.
    if (REFERENCE_PAGES.includes(docname)) return score - 100;
    // A page whose own title holds every word of the query ("third neighbours" for "Mongolia's third
    // neighbours") outranks pages that mention the words in passing or in a section title.
    const index = Search._index, at = index ? index.docnames.indexOf(docname) : -1;
    const title = at >= 0 ? new Set(stems(index.titles[at])) : new Set();
    return queryStems.length && queryStems.every((stem) => title.has(stem)) ? score + 30 : score;
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
  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const british = query.replace(/[A-Za-z]+/g, (word) => {
      const spelled = BRITISH[word.toLowerCase()];
      return spelled ? (word[0] === word[0].toUpperCase() ? spelled[0].toUpperCase() + spelled.slice(1) : spelled) : word;
    });
    queryStems = stems(british);
    return parseQuery(british);
  };
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
