// After a refused save the error summary at the top of the form takes the focus, so that a screen reader reads it
// and the keyboard starts from it; each of its links moves the focus to its field. Without JavaScript the summary
// is still the first thing in the form and an alert (role="alert"), and the links still scroll to the fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });
  });
})();
