/* jlp: open every folded text (<details>) while the page prints, then fold it back; draw the
   charts no wider than the print area of A4 and of Letter (a chart drawn for a wide screen
   would be cut at the paper's edge), then redraw them for the screen; in the print edition,
   keep the page's flow as tall as its shrunk network maps. */
(function () {
  "use strict";
  var PRINT_WIDTH = 660;  // CSS px: A4 less 15 mm margins is 680, Letter 702
  var opened = [];
  var narrowed = [];
  window.addEventListener("beforeprint", function () {
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
  // The print edition shows its network maps shrunk (jlp-editions.css: transform), which
  // leaves their full height in the page's flow: give back the difference below each one,
  // again whenever a map reports a new height. Frames drawn later (widgets) are found too.
  function shrinkRoom(frame) {
    var scale = new DOMMatrix(getComputedStyle(frame).transform).a;
    var room = scale > 0 && scale < 1 ? -(1 - scale) * frame.offsetHeight : 0;
    frame.style.marginBottom = room ? room + "px" : "";
  }
  function watchFrames() {
    var watched = new WeakSet();
    var sizes = window.ResizeObserver && new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { shrinkRoom(entry.target); });
    });
    function look() {
      document.querySelectorAll("iframe.jlp-graph-frame").forEach(function (frame) {
        if (watched.has(frame)) { return; }
        watched.add(frame);
        shrinkRoom(frame);
        if (sizes) { sizes.observe(frame); }
      });
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
    if (document.body.classList.contains("jlp-print-edition")) { watchFrames(); }
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
