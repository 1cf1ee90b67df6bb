/* jlp: open every folded text (<details>) while the page prints, then fold it back; draw the
   charts no wider than the print area of A4 and of Letter (a chart drawn for a wide screen
   would be cut at the paper's edge), then redraw them for the screen. */
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
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    narrowed.forEach(function (chart) {
      Plotly.relayout(chart, {width: null, autosize: true});
    });
    narrowed = [];
  });
})();
