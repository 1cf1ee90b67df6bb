/* Tables drawn by jlp.viz.tables: show the "scroll sideways" hint exactly where a table is
   wider than the page, and again whenever the window changes size.
   The book's own tables of three or more columns (not jlp's, not a notebook's output): each
   cell gets its column's name, so that where such a table is wider
   than its column (on a phone) the CSS can show every row as a card. */
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
  var prose = [];
  function label() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      if (table.classList.contains("jlp-table") || table.closest(".cell_output, .output")) {
        return;
      }
      var heads = table.querySelectorAll("thead tr:last-child th");
      if (heads.length < 3) { return; }
      var names = Array.prototype.map.call(heads, function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i]) { cell.setAttribute("data-jlp-label", names[i]); }
        });
      });
      prose.push(table);
    });
  }
  /* A row becomes a card only where the table is wider than its column. */
  function stack() {
    prose.forEach(function (table) {
      table.classList.remove("jlp-stack");
      var room = table.parentElement.clientWidth;
      if (table.scrollWidth > room + 1) { table.classList.add("jlp-stack"); }
    });
  }
  function ready() { label(); stack(); mark(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", function () { stack(); mark(); });
})();
