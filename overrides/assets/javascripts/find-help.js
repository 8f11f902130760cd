/* Find help: filters the list of the "Find help" page in place.
 *
 * The find page holds the national lines and a link to each region's find page
 * (find/<region>/: the national lines, then the region's listings). Each item
 * carries its facts. For a region this script reads the items of its page (or
 * fetches them alone, find/<region>/items.html, when the reader is elsewhere);
 * for the whole country (no region, a town with the nearest elsewhere, near me)
 * the small index the generator writes (find/index.json), then the items of the
 * regions it shows. Nothing of that is fetched before the reader asks. It evaluates every filter as
 * "yes", "no" or "unknown", hides what certainly does not match, keeps the
 * unknown ones visible and marked "ask them" after the certain matches, says
 * how many were hidden and why, and keeps the filters in the address.
 *
 * Nothing leaves the device: the reader's location (if she allows it) is only
 * compared here with the town centres in the index, and is never put in the
 * address. Text is only ever set with textContent.
 *
 * The rules (the `core` object) have no DOM; tests/test_finder.py runs this
 * same file in Node on the real index.
 */
(function (root, factory) {
  "use strict";
  var core = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    root.KzFind = core;
    if (typeof document !== "undefined") core.start(document, root);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var YES = "yes", NO = "no", UNKNOWN = "unknown";
  /* Order matters: a hidden listing is counted under the first filter it fails. */
  var FILTERS = ["status", "where", "need", "age", "gender", "pregnant", "kids", "hiv", "mental", "nopolice",
                 "noreferral", "free", "open"];
  /* Filters about who is accepted: phone lines answer anyone, so for them only a known answer counts. */
  var ELIGIBILITY = { age: 1, gender: 1, pregnant: 1, kids: 1, hiv: 1, mental: 1, nopolice: 1, noreferral: 1 };
  /* The yes/no boxes of the form, each a filter of the same name. */
  var FLAGS = ["pregnant", "kids", "hiv", "mental", "nopolice", "noreferral", "free"];
  /* Who the reader says she or he is; "" when not said. */
  var GENDERS = ["women", "men"];
  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  var MAX_CHILDREN = 12;
  var CHILD_AGE_MAX = 25; /* a child who stays with her mother; older ones are adults to the filters */
  /* The facts of a listing, as in the index and in the data attributes of each item
     (those in JSON_FACTS are JSON there; the others are plain strings). */
  var FACTS = ["id", "kind", "status", "region", "city", "services", "age", "children", "boys", "girls",
               "pregnant", "hiv", "police", "fee", "hours", "reach", "phone_line", "gender", "mental", "referral",
               "children_inclusive"];
  var JSON_FACTS = { services: 1, age: 1, boys: 1, girls: 1, hours: 1, reach: 1, phone_line: 1 };

  /* ------------------------------------------------------------ state <-> address */

  function number(text, min, max) {
    var value = String(text).trim();
    if (!/^\d{1,3}(\.\d+)?$/.test(value)) return null;
    var n = parseFloat(value);
    return n >= min && n <= max ? n : null;
  }

  function ages(text) {
    var out = [];
    String(text || "").split(/[\s,;]+/).forEach(function (part) {
      var n = part ? number(part, 0, CHILD_AGE_MAX) : null;
      if (n !== null && out.length < MAX_CHILDREN) out.push(n);
    });
    return out;
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function emptyState() {
    return { where: "", need: "", age: null, gender: "", pregnant: false, kids: false, boys: [], girls: [],
             hiv: false, mental: false, nopolice: false, noreferral: false, free: false, open: "", near: "" };
  }

  /* Read a query string ("?need=shelter&age=17") into a clean state; what is not valid is dropped. */
  function parse(search, index) {
    var state = emptyState();
    var cities = (index && index.cities) || {};
    var regions = (index && index.regions) || {};
    var needs = (index && index.needs) || null;
    String(search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var key, value;
      try {
        key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, " "));
        value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (e) {
        return;
      }
      if (key === "where") {
        if (has(regions, value) || has(cities, value)) state.where = value;
      } else if (key === "need") {
        if (/^[a-z_]+$/.test(value) && (!needs || needs.indexOf(value) >= 0)) state.need = value;
      } else if (key === "age") {
        state.age = number(value, 0, 120);
      } else if (key === "boys" || key === "girls") {
        state[key] = ages(value);
      } else if (key === "open") {
        if (value === "now" || value === "247") state.open = value;
      } else if (key === "near") {
        if (has(cities, value)) state.near = value;
      } else if (key === "gender") {
        if (GENDERS.indexOf(value) >= 0) state.gender = value;
      } else if (FLAGS.indexOf(key) >= 0) {
        state[key] = value === "1";
      }
    });
    if (state.boys.length || state.girls.length) state.kids = true;
    return state;
  }

  /* The state as a query string, in a fixed order, without the leading "?"; "" when nothing is set. */
  function serialize(state) {
    var parts = [];
    function add(key, value) {
      parts.push(key + "=" + encodeURIComponent(String(value)).replace(/%2C/gi, ","));
    }
    if (state.where) add("where", state.where);
    if (state.need) add("need", state.need);
    if (state.age !== null && state.age !== undefined) add("age", state.age);
    if (state.gender) add("gender", state.gender);
    if (state.pregnant) add("pregnant", 1);
    if (state.kids) add("kids", 1);
    if (state.boys && state.boys.length) add("boys", state.boys.join(","));
    if (state.girls && state.girls.length) add("girls", state.girls.join(","));
    if (state.hiv) add("hiv", 1);
    if (state.mental) add("mental", 1);
    if (state.nopolice) add("nopolice", 1);
    if (state.noreferral) add("noreferral", 1);
    if (state.free) add("free", 1);
    if (state.open) add("open", state.open);
    if (state.near) add("near", state.near);
    return parts.join("&");
  }

  /* Which filters hide listings (sorting by distance hides nothing). */
  function activeFilters(state) {
    return {
      where: !!state.where,
      need: !!state.need,
      age: state.age !== null && state.age !== undefined,
      gender: !!state.gender,
      pregnant: !!state.pregnant,
      kids: !!(state.kids || (state.boys && state.boys.length) || (state.girls && state.girls.length)),
      hiv: !!state.hiv,
      mental: !!state.mental,
      nopolice: !!state.nopolice,
      noreferral: !!state.noreferral,
      free: !!state.free,
      open: !!state.open
    };
  }

  function anyActive(state) {
    var active = activeFilters(state);
    for (var key in active) if (active[key]) return true;
    return false;
  }

  /* ------------------------------------------------------------ the rules, one per filter */

  function tri(value) {
    return value === YES ? YES : value === NO ? NO : UNKNOWN;
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function both(a, b) {
    if (a === NO || b === NO) return NO;
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    return YES;
  }

  function ageFits(bounds, age) {
    var low = bounds[0], high = bounds[1];
    var answer = YES;
    if (isNumber(low)) { if (age < low) return NO; } else if (low !== "none") answer = UNKNOWN;
    if (isNumber(high)) { if (age > high) return NO; } else if (high !== "none") answer = UNKNOWN;
    return answer;
  }

  /* A child may stay if her or his age is under the limit; "none" is no limit. At the limit
     itself it depends on the data (issue 16, item 19): "up to and including 11" (inclusive yes)
     takes an 11-year-old, "under 11" (no) does not, and "до 11 лет" as a source words it
     (unknown) is a question to ask them. */
  function childFits(limit, age, inclusive) {
    if (limit === "none") return YES;
    if (!isNumber(limit)) return UNKNOWN;
    if (age < limit) return YES;
    if (age > limit) return NO;
    return inclusive === YES ? YES : inclusive === NO ? NO : UNKNOWN;
  }

  function kidsFit(entry, state) {
    var answer = tri(entry.children);
    if (answer !== YES) return answer;
    var inclusive = tri(entry.children_inclusive);
    (state.boys || []).forEach(function (age) { answer = both(answer, childFits(entry.boys, age, inclusive)); });
    (state.girls || []).forEach(function (age) { answer = both(answer, childFits(entry.girls, age, inclusive)); });
    return answer;
  }

  /* Who else is accepted (issue 16, item 16): gender, mental disorders, a referral. The same
     rule as every eligibility filter: a certain "no" hides, unknown stays visible as "ask them". */
  function genderFits(accepted, reader) {
    if (accepted === "any" || accepted === reader) return YES;
    if (GENDERS.indexOf(accepted) >= 0) return NO; /* the other one */
    return UNKNOWN;
  }

  /* "I have no referral / no police report": a requirement is a no, no requirement a yes. */
  function notRequired(value) {
    var required = tri(value);
    return required === YES ? NO : required === NO ? YES : UNKNOWN;
  }

  function minutes(clock) {
    var parts = clock.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  /* Kazakhstan time (UTC+5 unless the index says otherwise): day of the week and minute of the day. */
  function localTime(now, offsetMinutes) {
    var shifted = new Date(now.getTime() + offsetMinutes * 60000);
    return { day: shifted.getUTCDay(), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
  }

  /* One reading of a schedule, for "open now" and "round the clock" alike (finder.py reads it
     the same way: week_spans, open_at, all_day). The minutes of the week it covers, as
     [start, end) from Sunday 00:00: a period that closes at or before it opens runs through
     midnight into the next day (closing when it opens: a whole day, as 09:00-09:00); the end
     may pass the week's end, into Sunday. */
  var DAY = 24 * 60, WEEK = 7 * DAY;

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

  function openNow(hours, now, offsetMinutes) {
    if (hours === "24/7") return YES;
    if (!Array.isArray(hours)) return UNKNOWN;
    var t = localTime(now, offsetMinutes === undefined ? 300 : offsetMinutes);
    var point = t.day * DAY + t.minute;
    var open = weekSpans(hours).some(function (span) {
      return (span[0] <= point && point < span[1]) || (span[0] <= point + WEEK && point + WEEK < span[1]);
    });
    return open ? YES : NO;
  }

  /* Every minute of the week covered, in whatever form the schedule says it. */
  function allDay(hours) {
    if (hours === "24/7") return YES;
    if (!Array.isArray(hours)) return UNKNOWN;
    var pieces = [];
    weekSpans(hours).forEach(function (span) {
      pieces.push([span[0], Math.min(span[1], WEEK)]);
      if (span[1] > WEEK) pieces.push([0, span[1] - WEEK]); /* through Saturday midnight */
    });
    pieces.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var covered = 0;
    for (var i = 0; i < pieces.length; i++) {
      if (pieces[i][0] > covered) return NO;
      covered = Math.max(covered, pieces[i][1]);
    }
    return covered >= WEEK ? YES : NO;
  }

  /* Yes if any says yes; else unknown if any is not known; else no (data/hours.py any_answer). */
  function anyAnswer(answers) {
    if (answers.indexOf(YES) >= 0) return YES;
    return answers.indexOf(UNKNOWN) >= 0 ? UNKNOWN : NO;
  }

  /* A town chosen keeps its whole region (issue 16, item 17): Temirtau, 30 km from Karaganda,
     is help for a woman in Karaganda. run() orders them: the town, the region, the nearest elsewhere. */
  function place(entry, where, index) {
    if (!entry.region) return YES; /* national: everywhere */
    if (/^KZ-\d\d$/.test(where)) return entry.region === where ? YES : NO;
    if (entry.city === where) return YES;
    var town = index && index.cities && index.cities[where];
    return town && entry.region === town.region ? YES : NO;
  }

  function status(entry) {
    if (entry.status === "active") return YES;
    if (entry.status === "unknown") return UNKNOWN;
    return NO; /* suspended or closed */
  }

  /* One filter's answer for one listing: "yes", "no" or "unknown". */
  function check(key, entry, state, now, index) {
    switch (key) {
      case "status": return status(entry);
      case "where": return place(entry, state.where, index);
      case "need": return entry.services.indexOf(state.need) >= 0 ? YES : NO;
      case "age": return ageFits(entry.age, state.age);
      case "pregnant": return tri(entry.pregnant);
      case "kids": return kidsFit(entry, state);
      case "hiv": return tri(entry.hiv);
      case "nopolice": {
        var police = tri(entry.police);
        return police === YES ? NO : police === NO ? YES : UNKNOWN;
      }
      case "gender": return genderFits(entry.gender, state.gender);
      case "mental": return tri(entry.mental);
      case "noreferral": return notRequired(entry.referral);
      case "free": return entry.fee === "free" ? YES : entry.fee === "paid" ? NO : UNKNOWN;
      case "open":
        /* Reachable: the place's hours or any one channel's (finder.py reachable()). */
        return anyAnswer([entry.hours].concat(entry.reach || []).map(function (hours) {
          return state.open === "247" ? allDay(hours) : openNow(hours, now, index && index.utc_offset_minutes);
        }));
    }
    throw new Error("unknown filter " + key);
  }

  /* A listing against all active filters: {result, failed (first "no"), unknown: [keys]}.
     Whether it works counts once the reader filters or asks for the nearest (`sorting`): only
     the plain list of everything shows closed listings, marked as such. */
  function evaluate(entry, state, now, index, sorting) {
    var active = activeFilters(state);
    var filtering = anyActive(state) || !!sorting;
    var out = { result: YES, failed: null, unknown: [] };
    for (var i = 0; i < FILTERS.length; i++) {
      var key = FILTERS[i];
      if (key === "status" ? !filtering : !active[key]) continue;
      var answer = check(key, entry, state, now || new Date(), index);
      if (answer === UNKNOWN && entry.phone_line && ELIGIBILITY[key]) continue; /* said on the page */
      if (answer === NO) {
        out.result = NO;
        out.failed = key;
        return out;
      }
      if (answer === UNKNOWN) {
        out.result = UNKNOWN;
        out.unknown.push(key);
      }
    }
    return out;
  }

  /* Great-circle distance in km between two points given in degrees. */
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  /* The origin to sort by: the reader's location, or the chosen town; null when neither. */
  function origin(state, index, geo) {
    if (geo) return { lat: geo.lat, lon: geo.lon, city: null };
    var city = state.near && index.cities[state.near];
    return city ? { lat: city.lat, lon: city.lon, city: state.near } : null;
  }

  /* Every listing of the index, evaluated and ordered: shown (certain matches first, then "ask
     them"; nearest first when there is an origin) and the hidden ones counted by reason. Sorted
     by distance, the national lines come first: they answer from anywhere, now, and must never
     trail behind a centre 1,500 km away. */
  /* ------------------------------------------------------------ a town chosen (issue 16, item 17) */

  /* How many listings of other regions a chosen town adds, nearest first, when they pass every
     other filter: enough to reach one, few enough not to bury the town's own. */
  var NEAREST_ELSEWHERE = 3;

  /* The chosen town with its key, or null when "where" is a region or nothing. */
  function chosenTown(state, index) {
    var where = state.where;
    if (!where || /^KZ-\d\d$/.test(where) || !index.cities || !has(index.cities, where)) return null;
    var city = index.cities[where];
    return { key: where, region: city.region, lat: city.lat, lon: city.lon };
  }

  /* 0 the town itself, 1 the rest of its region, 2 elsewhere; the national lines, shown apart
     above the list, after them (or first, sorted by the reader's own place or town). */
  function townTier(entry, town, sortingByOrigin) {
    if (!entry.region) return sortingByOrigin ? -1 : 3;
    if (entry.city === town.key) return 0;
    return entry.region === town.region ? 1 : 2;
  }

  /* Of the listings hidden only because they are in another region, the nearest few that pass
     every other filter move back to the shown ones, with their distance from the town. */
  function addNearestElsewhere(town, hidden, state, now, index) {
    var elsewhere = {};
    for (var key in state) if (has(state, key)) elsewhere[key] = state[key];
    elsewhere.where = "";
    var candidates = [];
    hidden.forEach(function (item) {
      var city = item.failed === "where" && item.entry.city && index.cities[item.entry.city];
      if (!city) return;
      var r = evaluate(item.entry, elsewhere, now, index, true);
      if (r.result === NO) return;
      candidates.push({ item: item, r: r, townKm: distanceKm(town.lat, town.lon, city.lat, city.lon) });
    });
    candidates.sort(function (a, b) { return a.townKm - b.townKm || a.item.position - b.item.position; });
    return candidates.slice(0, NEAREST_ELSEWHERE).map(function (c) {
      c.item.result = c.r.result;
      c.item.unknown = c.r.unknown;
      c.item.failed = null;
      return c.item;
    });
  }

  function run(index, state, now, geo) {
    var town = chosenTown(state, index);
    var by = origin(state, index, geo);
    var from = by || (town ? { lat: town.lat, lon: town.lon, city: town.key } : null);
    var shown = [], hidden = [], reasons = {};
    index.listings.forEach(function (entry, position) {
      var r = evaluate(entry, state, now, index, !!from);
      var item = { entry: entry, result: r.result, unknown: r.unknown, failed: r.failed, km: null, position: position };
      if (from && entry.city && index.cities[entry.city]) {
        var city = index.cities[entry.city];
        item.km = distanceKm(from.lat, from.lon, city.lat, city.lon);
      }
      if (r.result === NO) hidden.push(item); else shown.push(item);
    });
    var groups = null;
    if (town) {
      var moved = addNearestElsewhere(town, hidden, state, now || new Date(), index);
      hidden = hidden.filter(function (item) { return moved.indexOf(item) < 0; });
      shown = shown.concat(moved);
      groups = { town: 0, region: 0, elsewhere: 0 };
      shown.forEach(function (item) {
        item.tier = townTier(item.entry, town, !!by);
        if (item.tier >= 0 && item.tier <= 2) groups[["town", "region", "elsewhere"][item.tier]] += 1;
      });
    }
    hidden.forEach(function (item) { reasons[item.failed] = (reasons[item.failed] || 0) + 1; });
    shown.sort(function (a, b) {
      if (town) {
        if (a.tier !== b.tier) return a.tier - b.tier;
      } else if (from) {
        var national = (a.entry.region ? 1 : 0) - (b.entry.region ? 1 : 0);
        if (national) return national;
      }
      var rank = (a.result === YES ? 0 : 1) - (b.result === YES ? 0 : 1);
      if (rank) return rank;
      if (state.where && !from && !town) {
        /* A region chosen: its listings first; the trust lines stay above the list (.fh-lines). */
        var local = (a.entry.region ? 0 : 1) - (b.entry.region ? 0 : 1);
        if (local) return local;
      }
      if (from) {
        var ak = a.km === null ? Infinity : a.km, bk = b.km === null ? Infinity : b.km;
        if (ak !== bk) return ak - bk;
      }
      return a.position - b.position;
    });
    return {
      shown: shown,
      hidden: hidden,
      reasons: reasons,
      yes: shown.filter(function (x) { return x.result === YES; }).length,
      ask: shown.filter(function (x) { return x.result === UNKNOWN; }).length,
      origin: from,
      town: town ? town.key : null,
      groups: groups
    };
  }

  /* ------------------------------------------------------------ ages typed (issue 16, item 19) */

  /* The ages as typed, from the address ("?age=150&boys=3,26"), before parse() drops what it cannot use. */
  function rawInput(search) {
    var raw = { age: "", boys: "", girls: "" };
    String(search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) return;
      var key = pair.slice(0, at);
      try {
        if (has(raw, key)) raw[key] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (e) { /* not text: nothing to report */ }
    });
    return raw;
  }

  /* What the reader typed that no filter uses, so the page says so instead of dropping it
     silently: [{field: "age" | "boys" | "girls", value}]. */
  function rejectedInput(raw) {
    var out = [];
    var age = String(raw.age || "").trim();
    if (age && number(age, 0, 120) === null) out.push({ field: "age", value: age });
    ["boys", "girls"].forEach(function (key) {
      var kept = 0;
      String(raw[key] || "").split(/[\s,;]+/).forEach(function (part) {
        if (!part) return;
        if (number(part, 0, CHILD_AGE_MAX) === null) out.push({ field: key, value: part });
        else if (++kept > MAX_CHILDREN) out.push({ field: key, value: part });
      });
    });
    return out;
  }

  /* "I have children" without their ages, while a listing shown takes children only up to an
     age: she must know to give the ages or ask. */
  function kidsCaveat(state, result) {
    if (!state.kids || (state.boys && state.boys.length) || (state.girls && state.girls.length)) return false;
    return result.shown.some(function (item) {
      return isNumber(item.entry.boys) || isNumber(item.entry.girls);
    });
  }

  /* ------------------------------------------------------------ the page */

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return has(values, key) ? String(values[key]) : all;
    });
  }

  function start(doc, win) {
    var form = doc.getElementById("fh-form");
    var list = doc.getElementById("fh-list");
    var summary = doc.getElementById("fh-summary");
    if (!form || !list || !summary) return;
    var words = JSON.parse(form.getAttribute("data-words") || "{}");
    var printed = doc.getElementById("fh-print-filters");
    var geoStatus = doc.getElementById("fh-geo-status");
    var inputNote = doc.getElementById("fh-input-note");
    var kidsNote = doc.getElementById("fh-kids-note");
    var typed = { age: "", boys: "", girls: "" };
    var items = {};
    Array.prototype.forEach.call(list.querySelectorAll(".fh-item[data-id]"), function (li) {
      items[li.getAttribute("data-id")] = li;
    });
    var index = null, geo = null;
    /* Split pages (data-shards: each region's find page): what is on the page and what was fetched. */
    var shardUrls = JSON.parse(form.getAttribute("data-shards") || "null");
    var places = JSON.parse(form.getAttribute("data-places") || "null");
    var split = !!(shardUrls && places);
    var pageRegion = form.getAttribute("data-region") || "";
    var full = null, outside = null, scope = "page";
    var w = function (key, values) { return format(words[key] || key, values || {}); };

    function field(name) { return form.elements[name]; }

    function readForm() {
      var state = emptyState();
      state.where = field("where").value;
      state.need = field("need").value;
      state.age = field("age").value === "" ? null : number(field("age").value, 0, 120);
      state.gender = GENDERS.indexOf(field("gender").value) >= 0 ? field("gender").value : "";
      FLAGS.forEach(function (key) { state[key] = field(key).checked; });
      state.boys = ages(field("boys").value);
      state.girls = ages(field("girls").value);
      if (state.boys.length || state.girls.length) state.kids = true;
      var open = form.querySelector("input[name=open]:checked");
      state.open = open ? open.value : "";
      state.near = field("near").value;
      return state;
    }

    function writeForm(state) {
      field("where").value = state.where;
      field("need").value = state.need;
      field("age").value = state.age === null ? "" : String(state.age);
      field("gender").value = state.gender;
      FLAGS.forEach(function (key) { field(key).checked = !!state[key]; });
      field("boys").value = state.boys.join(", ");
      field("girls").value = state.girls.join(", ");
      Array.prototype.forEach.call(form.querySelectorAll("input[name=open]"), function (radio) {
        radio.checked = radio.value === state.open;
      });
      field("near").value = state.near;
    }

    function selectedText(name) {
      var select = field(name);
      var option = select.options[select.selectedIndex];
      return option ? option.textContent.replace(/\s*\(\d+\)$/, "") : "";
    }

    /* The filters in words, for the printed handout. */
    function describe(state) {
      var parts = [];
      if (state.where) parts.push(selectedText("where"));
      if (state.need) parts.push(selectedText("need"));
      if (state.age !== null) parts.push(w("age") + ": " + state.age);
      if (state.gender) parts.push(selectedText("gender"));
      FLAGS.forEach(function (key) {
        if (state[key]) parts.push(doc.querySelector("label[for=fh-" + key + "]").textContent);
      });
      if (state.boys.length) parts.push(doc.querySelector("label[for=fh-boys]").textContent + ": " + state.boys.join(", "));
      if (state.girls.length) parts.push(doc.querySelector("label[for=fh-girls]").textContent + ": " + state.girls.join(", "));
      if (state.open) parts.push(doc.querySelector("label[for=fh-open-" + state.open + "]").textContent);
      if (state.near) parts.push(w("near") + ": " + selectedText("near"));
      return parts;
    }

    /* Writes only what changes: on a cheap phone every needless write to the list costs a
       style and layout pass over the whole page. */
    function show(el, text) {
      text = text || "";
      if (el.textContent !== text) el.textContent = text;
      if (el.hidden !== !text) el.hidden = !text;
    }

    function apply(state) {
      var result = run(index, state, new Date(), geo);
      var filtering = anyActive(state) || !!result.origin;
      var shownIds = {};
      result.shown.forEach(function (item) { shownIds[item.entry.id] = true; });
      /* Every item not shown, those of regions fetched earlier too. */
      for (var id in items) {
        if (has(items, id) && !shownIds[id] && !items[id].hidden) items[id].hidden = true;
      }
      var hiddenCount = result.hidden.length;
      var reasons = {};
      for (var reason in result.reasons) if (has(result.reasons, reason)) reasons[reason] = result.reasons[reason];
      if (outside) { /* the other regions, counted by the generator (a region's page loads only its own) */
        ["status", "where"].forEach(function (key) {
          if (outside[key]) reasons[key] = (reasons[key] || 0) + outside[key];
          hiddenCount += outside[key];
        });
      }
      var previous = null;
      result.shown.forEach(function (item) {
        var li = items[item.entry.id];
        if (!li) return;
        if (li.hidden) li.hidden = false;
        if (li.classList.contains("fh-item--ask") !== (item.result === UNKNOWN)) {
          li.classList.toggle("fh-item--ask", item.result === UNKNOWN);
        }
        var match = li.querySelector(".fh-match");
        show(match, item.result === UNKNOWN
          ? w("js_ask") + ": " + item.unknown.map(function (key) { return w("ask_" + key); }).join(", ")
          : "");
        var distance = li.querySelector(".fh-distance");
        if (!result.origin) show(distance, "");
        else if (!item.entry.region) show(distance, w("js_everywhere"));
        else if (item.km !== null && item.km < 1) show(distance, result.origin.city ? w("js_same_town") : w("js_km", { km: "< 1" }));
        else if (item.km !== null) show(distance, w("js_km", { km: Math.round(item.km) }));
        else show(distance, "");
        /* In the new order, moving only what is out of place (on the first load, nothing). */
        var next = previous ? previous.nextElementSibling : list.firstElementChild;
        if (next !== li) list.insertBefore(li, next);
        previous = li;
      });

      var total = split ? places.total : index.listings.length;
      var text;
      if (!filtering) {
        text = w(scope === "base" ? "js_choose" : "js_all", { n: total });
      } else if (!result.shown.length) {
        text = w("js_none");
      } else {
        text = w("js_shown", { shown: result.shown.length, yes: result.yes, ask: result.ask });
      }
      if (filtering && hiddenCount) {
        var why = FILTERS.filter(function (key) { return reasons[key]; }).map(function (key) {
          var label = key === "open" ? w("why_open_" + state.open) : w("why_" + key);
          return label + " — " + reasons[key];
        });
        text += " " + w("js_hidden", { n: hiddenCount }) + " (" + why.join("; ") + ").";
      }
      if (result.groups) {
        text += " " + w("js_town_groups", { city: index.cities[result.town].name, town: result.groups.town,
                                             region: result.groups.region, elsewhere: result.groups.elsewhere });
      }
      if (result.origin) {
        text += " " + (result.origin.city
          ? w("js_sorted_city", { city: index.cities[result.origin.city].name })
          : w("js_sorted_geo"));
      }
      if (shardFailed) text += " " + w("js_load_error");
      if (summary.textContent !== text) summary.textContent = text;
      showInputNotes(state, result);
      var described = describe(state);
      if (printed) show(printed, described.length ? w("js_filters") + ": " + described.join("; ") + "." : "");
    }

    /* Why a typed age is not used, and the caveat about children's age limits. */
    function showInputNotes(state, result) {
      var rejected = rejectedInput(typed);
      if (inputNote) {
        show(inputNote, rejected.map(function (bad) {
          return w(bad.field === "age" ? "js_bad_age" : "js_bad_child_age", { value: bad.value, max: CHILD_AGE_MAX,
                                                                               n: MAX_CHILDREN });
        }).join(" "));
      }
      ["age", "boys", "girls"].forEach(function (name) {
        var bad = rejected.some(function (x) { return x.field === name; });
        if (field(name).hasAttribute("aria-invalid") !== bad) {
          if (bad) field(name).setAttribute("aria-invalid", "true"); else field(name).removeAttribute("aria-invalid");
        }
      });
      if (kidsNote) show(kidsNote, kidsCaveat(state, result) ? w("js_kids_caveat") : "");
    }

    function save(state) {
      if (!win.history || !win.history.replaceState) return;
      var query = serialize(state);
      win.history.replaceState(null, "", win.location.pathname + (query ? "?" + query : ""));
    }

    var timer = null;
    function changed(event) {
      var target = event && event.target;
      /* Children's ages mean "I have children"; unticking that clears the ages. */
      if (target === field("kids") && !field("kids").checked) {
        field("boys").value = "";
        field("girls").value = "";
      }
      var state = readForm();
      typed = { age: field("age").value, boys: field("boys").value, girls: field("girls").value };
      field("kids").checked = state.kids;
      if (target === field("near") && state.near && geo) {
        geo = null; /* the chosen town wins over the location */
        geoStatus.textContent = "";
      }
      save(state);
      if (timer) win.clearTimeout(timer);
      /* Typing ages: wait a moment, so a screen reader hears one summary, not one per key. */
      var typing = !!target && (target.type === "text" || target.type === "number");
      timer = win.setTimeout(function () { update(state); }, typing ? 400 : 0);
    }

    function locate() {
      if (!win.navigator.geolocation) {
        geoStatus.textContent = w("js_geo_error");
        field("near").focus();
        return;
      }
      geoStatus.textContent = w("js_geo_wait");
      win.navigator.geolocation.getCurrentPosition(function (position) {
        geo = { lat: position.coords.latitude, lon: position.coords.longitude };
        field("near").value = "";
        geoStatus.textContent = w("js_sorted_geo");
        var state = readForm();
        save(state);
        update(state);
      }, function () {
        geo = null;
        geoStatus.textContent = w("js_geo_error");
        field("near").focus();
      }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
    }

    /* ------------------------------------------------ what a state needs, fetched only then */

    /* A listing's facts from its item's data attributes. */
    function entryOf(li) {
      var entry = {};
      FACTS.forEach(function (key) {
        var value = li.getAttribute("data-" + key.replace(/_/g, "-"));
        entry[key] = value === null ? null : JSON_FACTS[key] ? JSON.parse(value) : value;
      });
      return entry;
    }

    /* The entries read from items, in page order: the national lines, and each region's. */
    var national = [], byRegion = {};
    function keep(entry) {
      if (!entry.region) national.push(entry);
      else (byRegion[entry.region] = byRegion[entry.region] || []).push(entry);
    }

    function withListings(listings) {
      var data = {};
      for (var key in places) if (has(places, key)) data[key] = places[key];
      data.listings = listings;
      return data;
    }

    function local(codes) {
      var listings = national.slice();
      codes.forEach(function (code) { listings = listings.concat(byRegion[code] || []); });
      return withListings(listings);
    }

    /* How many listings the other regions hide: "status" when closed or suspended, else "where". */
    function elsewhere(code) {
      var out = { status: 0, where: 0 };
      var listed = places.listed || {};
      for (var other in listed) {
        if (has(listed, other) && other !== code) {
          out.where += listed[other][0];
          out.status += listed[other][1];
        }
      }
      return out;
    }

    /* "base" (nothing chosen: the lines that answer anywhere), a region's code (its page's items),
       or "all" (the whole country's index, then the pages of the regions whose listings it shows). */
    function scopeOf(state) {
      if (geo || state.near) return "all";
      if (state.where && has(places.regions, state.where)) return state.where;
      if (state.where || anyActive(state)) return "all";
      return "base";
    }

    var indexWaiting = null, indexFailed = false;
    function loadIndex(done) {
      if (full || indexFailed) return done(full);
      if (indexWaiting) return indexWaiting.push(done);
      indexWaiting = [done];
      var request = new XMLHttpRequest();
      request.open("GET", form.getAttribute("data-index"));
      function end(data) {
        full = data;
        indexFailed = !data;
        var waiting = indexWaiting;
        indexWaiting = null;
        waiting.forEach(function (f) { f(full); });
      }
      request.onload = function () {
        var data = null;
        try { if (request.status === 200) data = JSON.parse(request.responseText); } catch (e) { data = null; }
        end(data);
      };
      request.onerror = function () { end(null); };
      request.send();
    }

    /* A region's items (find/<region>/items.html), added hidden to this list; their links made to work from here. */
    var shardDone = {}, shardWaiting = {}, shardFailed = false;
    if (pageRegion) shardDone[pageRegion] = true;
    function adopt(page) {
      var origin = win.location.protocol + "//" + win.location.host;
      Array.prototype.forEach.call(page.querySelectorAll("#fh-list .fh-item[data-id]"), function (li) {
        var id = li.getAttribute("data-id");
        if (has(items, id)) return;
        /* a.href is resolved against the fetched file's address, before the item moves here. */
        Array.prototype.forEach.call(li.querySelectorAll("a[href]"), function (a) {
          var to = a.href;
          a.setAttribute("href", to.indexOf(origin + "/") === 0 ? to.slice(origin.length) : to);
        });
        var node = doc.importNode(li, true);
        node.hidden = true;
        list.appendChild(node);
        items[id] = node;
        keep(entryOf(node));
      });
    }

    function loadShards(codes, done) {
      var left = 1;
      function one() { if (--left === 0) done(); }
      codes.forEach(function (code) {
        if (shardDone[code] || !has(shardUrls, code)) return;
        left += 1;
        if (shardWaiting[code]) return shardWaiting[code].push(one);
        shardWaiting[code] = [one];
        var request = new XMLHttpRequest();
        request.open("GET", shardUrls[code]);
        request.responseType = "document";
        function end(ok) {
          if (!ok) shardFailed = true;
          shardDone[code] = true;
          var waiting = shardWaiting[code];
          shardWaiting[code] = null;
          waiting.forEach(function (f) { f(); });
        }
        request.onload = function () {
          var ok = request.status === 200 && !!request.responseXML;
          if (ok) adopt(request.responseXML);
          end(ok);
        };
        request.onerror = function () { end(false); };
        request.send();
      });
      one();
    }

    /* The data for a state, then done(data, other regions' counts, scope). */
    function prepare(state, done) {
      if (!split) return done(full, null, "page");
      var wanted = scopeOf(state);
      if (wanted === "base") return done(local([]), null, wanted);
      if (wanted !== "all") {
        return loadShards([wanted], function () { done(local([wanted]), elsewhere(wanted), wanted); });
      }
      loadIndex(function (data) {
        var codes = [];
        if (!data) { /* without the index: every region's items */
          for (var code in shardUrls) if (has(shardUrls, code)) codes.push(code);
          return loadShards(codes, function () { done(local(codes), null, wanted); });
        }
        run(data, state, new Date(), geo).shown.forEach(function (item) {
          var region = item.entry.region;
          if (region && !has(items, item.entry.id) && codes.indexOf(region) < 0) codes.push(region);
        });
        loadShards(codes, function () { done(data, null, wanted); });
      });
    }

    /* The latest state wins: an answer that arrives after the reader changed the filters again is dropped. */
    var generation = 0;
    function update(state) {
      var mine = ++generation, waiting = true;
      prepare(state, function (data, counts, wanted) {
        waiting = false;
        if (mine !== generation) return;
        index = data;
        outside = counts;
        scope = wanted;
        if (list.hasAttribute("aria-busy")) list.removeAttribute("aria-busy");
        apply(state);
        if (!form.hasAttribute("data-ready")) form.setAttribute("data-ready", "");
      });
      /* Only while something is fetched: an answer at hand changes nothing on the list. */
      if (waiting) list.setAttribute("aria-busy", "true");
    }

    function begin() {
      var search = win.location.search;
      var state = parse(search, split ? places : full);
      /* A region's page is that region until the address says otherwise. */
      if (split && pageRegion && !/(^|[?&])where=/.test(search)) state.where = pageRegion;
      typed = rawInput(search);
      writeForm(state);
      form.hidden = false;
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
      form.addEventListener("reset", function () {
        geo = null;
        if (geoStatus) geoStatus.textContent = "";
        win.setTimeout(function () { changed(); }, 0);
      });
      doc.getElementById("fh-locate").addEventListener("click", locate);
      update(state);
    }

    if (split) {
      Array.prototype.forEach.call(list.querySelectorAll(".fh-item[data-id]"), function (li) { keep(entryOf(li)); });
      begin();
      return;
    }

    /* A page that holds every listing: the index beside it; if it cannot be read, the facts on the items. */
    function fromItems() {
      if (!places) return null;
      return withListings(Array.prototype.map.call(list.querySelectorAll(".fh-item[data-id]"), entryOf));
    }

    function ready(data) {
      full = data;
      begin();
    }

    var request = new XMLHttpRequest();
    request.open("GET", form.getAttribute("data-index"));
    request.onload = function () {
      var data = null;
      try { if (request.status === 200) data = JSON.parse(request.responseText); } catch (e) { data = null; }
      data = data || fromItems();
      if (data) ready(data); else summary.textContent = w("no_index");
    };
    request.onerror = function () {
      var data = fromItems();
      if (data) ready(data); else summary.textContent = w("no_index");
    };
    request.send();
  }

  return {
    FILTERS: FILTERS,
    FACTS: FACTS,
    JSON_FACTS: Object.keys(JSON_FACTS),
    parse: parse,
    rawInput: rawInput,
    rejectedInput: rejectedInput,
    serialize: serialize,
    evaluate: evaluate,
    check: check,
    openNow: openNow,
    allDay: allDay,
    distanceKm: distanceKm,
    run: run,
    start: start
  };
});
