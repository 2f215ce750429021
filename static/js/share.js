// The "Salin" button beside a page's address (templates/includes/share.html). Without a script the button stays
// hidden and the read-only field can still be selected and copied by hand; with one, a click copies the address
// and the status beside it says so (read out by screen readers).
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!field) {
      return;
    }
    function copied() {
      if (status) {
        status.textContent = button.getAttribute("data-copied");
      }
    }
    function copyBySelection() {
      field.select();
      if (document.execCommand("copy")) {
        copied();
      }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(copied, copyBySelection);
      } else {
        copyBySelection();
      }
    });
  });
})();
