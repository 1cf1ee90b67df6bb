/* jlp: open every folded text (<details>) while the page prints, then fold it back; draw the
   charts no wider than the print area of A4 and of Letter (a chart drawn for a wide screen
   would be cut at the paper's edge), then redraw them for the screen. A saved tab widget
   prints the panel it shows without its strip of tabs (jlp-editions.css): that panel's tab
   title is written above it, for paper only. A table cell that holds a date or a number
   ("1998-06-01", "42 %") is marked to stay on one line (a line may end after a date's
   hyphen). */
(function () {
  "use strict";
  var PRINT_WIDTH = 660;  // CSS px: A4 less 15 mm margins is 680, Letter 702
  var opened = [];
  var narrowed = [];
  // The title of the tab a saved tab widget shows, above the widget, on paper only.
  function titleTabs() {
    document.querySelectorAll(".widget-tab").forEach(function (tab) {
      var current = tab.querySelector(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel, "
        + ".p-TabBar-tab.p-mod-current .p-TabBar-tabLabel");
      var title = tab.previousElementSibling;
      if (!title || !title.classList.contains("jlp-widget-print-title")) {
        title = document.createElement("p");
        title.className = "jlp-print-only jlp-widget-print-title";
        tab.parentNode.insertBefore(title, tab);
      }
      var text = current ? current.textContent : "";
      if (title.textContent !== text) { title.textContent = text; }  // (no new mutation)
    });
  }
  var WHOLE = /^[\d\s.,:;/%+\u2212\u2013\u2014-]{1,20}$/;
  // A range or a date inside a longer text ("in 1997–1998, spread"): kept on one line too.
  var SPAN = /\d[\d.,/]*[\u2013-][\d.,/\u2013-]*\d/;
  function wrapSpans(cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push(node); }
    nodes.forEach(function (node) {
      var match = node.textContent.match(SPAN);
      while (match) {
        var rest = node.splitText(match.index);
        node = rest.splitText(match[0].length);
        var span = document.createElement("span");
        span.className = "jlp-whole";
        rest.parentNode.replaceChild(span, rest);
        span.appendChild(rest);
        match = node.textContent.match(SPAN);
      }
    });
  }
  function keepWhole() {
    document.querySelectorAll("table:not(.jlp-whole-checked)").forEach(function (table) {
      table.classList.add("jlp-whole-checked");
      table.querySelectorAll("td, th").forEach(function (cell) {
        var text = cell.textContent.trim();
        if (/\d/.test(text) && WHOLE.test(text)) {
          cell.classList.add("jlp-whole");
        } else if (SPAN.test(text)) {
          wrapSpans(cell);
        }
      });
    });
  }
  window.addEventListener("beforeprint", function () {
    titleTabs();
    keepWhole();
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      if (chart.clientWidth > PRINT_WIDTH) {
        Plotly.relayout(chart, {width: PRINT_WIDTH});
        narrowed.push(chart);
      }
    });
  });
  // The print edition marks the tab titles and the whole cells of what draws after the page
  // has loaded (widgets) too: chromium's page.pdf fires no "beforeprint".
  function watchWidgets() {
    function look() {
      titleTabs();
      keepWhole();
    }
    look();
    new MutationObserver(look).observe(document.body, {childList: true, subtree: true});
  }
  function whenReady(start) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else { start(); }
  }
  whenReady(function () {
    if (document.body.classList.contains("jlp-print-edition")) { watchWidgets(); }
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    narrowed.forEach(function (chart) {
      Plotly.relayout(chart, {width: null, autosize: true});
    });
    narrowed = [];
  });
})();
