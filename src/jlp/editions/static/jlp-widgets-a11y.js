/* jlp: make the saved ipywidgets of a static page usable with a keyboard and a screen reader.
   ipywidgets draws them after the page loads; this script labels what it draws:
   - a slider's handle gets the slider's own label as its accessible name;
   - a region that scrolls (long HTML output) becomes focusable, so it scrolls by keyboard;
   - each button of a row of toggles (the NET scorer's cells) says whether it is the chosen
     one (aria-pressed), as its colour says to the eye. */
(function () {
  "use strict";
  function labelFor(widget) {
    var label = widget.querySelector(".widget-label");
    var text = label ? label.textContent.trim() : "";
    return text || widget.getAttribute("title") || "Slider";
  }
  function pressed(root) {
    root.querySelectorAll(".widget-toggle-buttons .widget-toggle-button").forEach(function (b) {
      var now = b.classList.contains("mod-active") ? "true" : "false";
      if (b.getAttribute("aria-pressed") !== now) { b.setAttribute("aria-pressed", now); }
    });
  }
  function fix(root) {
    pressed(root);
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach(function (widget) {
      widget.querySelectorAll(".noUi-handle, [role=slider]").forEach(function (handle) {
        if (!handle.getAttribute("aria-label") && !handle.getAttribute("aria-labelledby")) {
          handle.setAttribute("aria-label", labelFor(widget));
        }
      });
    });
    root.querySelectorAll(".jupyter-widgets .widget-html, .jupyter-widgets .widget-htmlmath, " +
                          ".widget-html-content, .jupyter-widgets-output-area")
      .forEach(function (region) {
        var scrolls = region.scrollHeight > region.clientHeight + 1 ||
                      region.scrollWidth > region.clientWidth + 1;
        if (scrolls && !region.hasAttribute("tabindex")) {
          region.setAttribute("tabindex", "0");
        }
      });
  }
  function start() {
    fix(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; fix(document); });
    }).observe(document.body, { childList: true, subtree: true, attributes: true,
                                 attributeFilter: ["class"] });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
