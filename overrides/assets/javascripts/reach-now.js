/* Reachable now: beside each channel of a listing, "answers now", "opens …" or "hours unknown",
 * from the device's own clock read in Kazakhstan time (Asia/Almaty, UTC+5). Nothing is fetched:
 * the hours are in the page (data-hours), and without JavaScript they stay plain text.
 *
 * The reading of a schedule is the one of generator/data/hours.py and find-help.js
 * (weekSpans, openNow, nextOpening); tests/data/test_hours.py runs this file in Node and
 * checks that both give the same answers. Text is only ever set with textContent.
 */
(function (root, factory) {
  "use strict";
  var core = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    root.KzReach = core;
    if (typeof document !== "undefined") core.start(document);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]; /* getUTCDay() order */
  var DAY = 24 * 60, WEEK = 7 * DAY, OFFSET = 5 * 60; /* Asia/Almaty, UTC+5 since 2024-03-01 */

  function minutes(clock) {
    var parts = clock.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  function weekSpans(hours) {
    var spans = [];
    hours.forEach(function (p) {
      var opens = minutes(p.opens), closes = minutes(p.closes);
      var length = closes > opens ? closes - opens : closes + DAY - opens;
      p.days.forEach(function (day) {
        var start = DAYS.indexOf(day) * DAY + opens;
        spans.push([start, start + length]);
      });
    });
    return spans;
  }

  /* The minute of the week in Kazakhstan: Sunday 00:00 is 0. */
  function weekMinute(now) {
    var shifted = new Date(now.getTime() + OFFSET * 60000);
    return shifted.getUTCDay() * DAY + shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
  }

  function openAt(hours, point) {
    if (hours === "24/7") return "yes";
    if (!Array.isArray(hours)) return "unknown";
    return weekSpans(hours).some(function (s) {
      return (s[0] <= point && point < s[1]) || (s[0] <= point + WEEK && point + WEEK < s[1]);
    }) ? "yes" : "no";
  }

  /* When a closed schedule next opens: [day, "HH:MM"], or null. */
  function nextOpening(hours, point) {
    if (openAt(hours, point) !== "no") return null;
    var best = null;
    weekSpans(hours).forEach(function (s) {
      var wait = (((s[0] % WEEK) - point) % WEEK + WEEK) % WEEK;
      if (best === null || wait < best) best = wait;
    });
    if (best === null) return null;
    var at = (point + best) % WEEK, minute = at % DAY;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return [DAYS[Math.floor(at / DAY)], pad(Math.floor(minute / 60)) + ":" + pad(minute % 60)];
  }

  /* What to say now: the key of the words and its values. */
  function status(hours, now) {
    if (hours === "24/7") return { key: "now_247" };
    if (!Array.isArray(hours)) return { key: "now_unknown" };
    var point = weekMinute(now);
    if (openAt(hours, point) === "yes") return { key: "now_open" };
    var next = nextOpening(hours, point);
    return next ? { key: "now_opens", day: next[0], time: next[1] } : { key: "now_closed" };
  }

  function say(words, answer) {
    var text = words[answer.key] || "";
    if (answer.day) text = text.replace("{day}", words["day_" + answer.day] || answer.day).replace("{time}", answer.time);
    return text;
  }

  function start(doc) {
    var list = doc.querySelector("[data-kz-reach]");
    if (!list) return;
    var words;
    try { words = JSON.parse(list.getAttribute("data-kz-reach")); } catch (e) { return; }
    var now = new Date();
    Array.prototype.forEach.call(list.querySelectorAll("[data-hours]"), function (item) {
      var hours;
      try { hours = JSON.parse(item.getAttribute("data-hours")); } catch (e) { return; }
      var slot = item.querySelector("[data-kz-now]");
      if (!slot) return;
      var answer = status(hours, now);
      slot.textContent = say(words, answer);
      slot.className = "kz-channel__now kz-now--" + answer.key.replace("now_", "");
      slot.hidden = false;
    });
  }

  return { weekSpans: weekSpans, weekMinute: weekMinute, openAt: openAt, nextOpening: nextOpening,
    status: status, say: say, start: start };
});
