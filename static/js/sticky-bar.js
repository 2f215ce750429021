// The sticky save bar (.form-actions) must never cover the field that has the focus (WCAG 2.2, 2.4.11/2.4.12).
// The stylesheet's scroll-padding keeps a field clear when the browser scrolls to it, but a browser leaves a
// field that is already partly in view where it is, half under the bar, and on a phone the bar's two buttons
// wrap to two rows. On each focus this scrolls the page just enough to bring the field clear of the bar.
(function () {
  "use strict";
  var GAP = 8;
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    var form = field.closest && field.closest("form");
    var bar = form && form.querySelector(".form-actions");
    if (!bar || bar.contains(field)) {
      return;
    }
    var box = field.getBoundingClientRect();
    var barBox = bar.getBoundingClientRect();
    if (box.bottom <= barBox.top || box.top >= barBox.bottom) {
      return;
    }
    // As far as the field's bottom clears the bar, but never so far that its top leaves the screen.
    var by = Math.min(box.bottom - barBox.top + GAP, Math.max(box.top - GAP, 0));
    if (by > 0) {
      window.scrollBy(0, by);
    }
  });
})();
