// Tell require.js where this site keeps the vendored widget manager, so that the fonts and
// styles it loads come from the site itself, at any page depth, with no internet.
(function () {
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  require.config({
    paths: { "@jupyter-widgets/html-manager/dist": root + "_static/html-manager" },
  });
})();
