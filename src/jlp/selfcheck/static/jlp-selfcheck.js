/* jlp self-check questions: feedback in the static page, no kernel, no internet.
   Without this script every option's feedback stays visible (progressive enhancement). */
(function () {
  "use strict";
  function setUp(box) {
    var status = box.querySelector(".jlp-status");
    var options = box.querySelectorAll(".jlp-option");
    options.forEach(function (option) {
      var button = option.querySelector(".jlp-choice");
      var feedback = option.querySelector(".jlp-feedback");
      feedback.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () {
        options.forEach(function (other) {
          other.classList.remove("jlp-picked");
          other.querySelector(".jlp-feedback").hidden = true;
          other.querySelector(".jlp-choice").setAttribute("aria-expanded", "false");
        });
        var right = option.dataset.right === "true";
        option.classList.add("jlp-picked", right ? "jlp-was-right" : "jlp-was-wrong");
        feedback.hidden = false;
        button.setAttribute("aria-expanded", "true");
        if (status) {
          status.textContent = (right ? box.dataset.right : box.dataset.wrong) + " " +
            button.textContent.trim();
        }
      });
    });
    box.classList.add("jlp-ready");
  }
  function start() {
    document.querySelectorAll(".jlp-self-check").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
