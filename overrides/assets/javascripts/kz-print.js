// The pocket card's "Print" button (cards/<region>/, features/travel): shown only where a
// script can print.
"use strict";
(function () {
  var button = document.querySelector("[data-kz-print]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
