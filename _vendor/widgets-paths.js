// Tell require.js where this site keeps the vendored widget manager. The manager's modules
// (@jupyter-widgets/...) are defined inside embed-amd.js, and each loads its icon fonts from
// the folder of its own module address; mapping every one into _static/html-manager makes those
// fonts come from the site itself, at any page depth, with no internet.
(function () {
  var dir = (document.documentElement.getAttribute("data-content_root") || "./") +
    "_static/html-manager";
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": dir,
      "@jupyter-widgets/base": dir + "/base",
      "@jupyter-widgets/controls": dir + "/controls",
      "@jupyter-widgets/html-manager": dir + "/html-manager",
    },
  });
})();
