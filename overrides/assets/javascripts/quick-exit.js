/* Quick exit: click the button or press Shift three times.
   Blank the page at once, then replace this history entry with a neutral page
   so that Back does not return here. No referrer is sent (meta referrer). */
(function () {
  "use strict";
  var link = document.querySelector("[data-kz-exit]");
  if (!link) return;
  var target = link.getAttribute("href");

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("kz-exiting");
    document.title = "";
    try { window.location.replace(target); } catch (e) { window.location.href = target; }
  }

  link.addEventListener("click", exit);

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1000; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; exit(); }
  });

  // Restored from the back-forward cache after an exit: show the page again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("kz-exiting");
  });
})();
