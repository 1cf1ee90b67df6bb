/* jlp: how the site's search ranks pages and which text it quotes (Sphinx html_search_scorer).
   Sphinx ranks every page whose title or any section title holds the word alike, then sorts
   them by name; here the page whose own title names every word searched comes first, and for
   a single word the page that defines it as an abbreviation ("... (NET)") before the others;
   the glossary's entry follows the page titled with the word.
   Excerpts are taken from the page's text without the table of contents printed at its top. */
var Scorer = {
  score: function (result) {
    var title = String(result[1] || "").toLowerCase();
    var anchor = result[2];
    var score = result[4];
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { return score; }
    // A glossary entry scores as an index entry (100 when the word is the whole term): it
    // comes after the page titled with the word, before pages that only mention it.
    if (String(anchor || "").indexOf("#term-") === 0) { return Math.min(score, 40); }
    if (anchor) { return score; }
    var named = words.every(function (word) {
      var safe = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return new RegExp("(^|[^a-z0-9])" + safe + "($|[^a-z0-9])").test(title);
    });
    if (!named) { return score; }
    var defines = words.length === 1 && title.indexOf("(" + words[0] + ")") >= 0;
    return score + 20 + (defines ? 10 : 0);
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2
};

(function () {
  "use strict";
  if (typeof Search === "undefined" || !Search.htmlToText) { return; }
  var toText = Search.htmlToText;
  // The theme repeats the page's contents for print at the top of the page text; a search
  // excerpt quotes the page itself.
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("#jb-print-toc, #jb-print-docs-body, .onlyprint, .jlp-print-only")
      .forEach(function (element) { element.remove(); });
    return toText(page.documentElement.outerHTML, anchor);
  };
})();
