/* Tables drawn by jlp.viz.tables: show the "scroll sideways" hint exactly where a table is
   wider than the page, and again whenever the window changes size. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".jlp-table-wrap").forEach(function (wrap) {
      var box = wrap.querySelector(".jlp-table-scroll");
      var hint = wrap.querySelector(".jlp-table-hint");
      if (!box || !hint) { return; }
      hint.hidden = box.scrollWidth <= box.clientWidth + 1;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
