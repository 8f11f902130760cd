/* The site's search worker, in place of Material's lunr worker (main.html points the theme's
   config at this file; the theme's search box, results list and keyboard handling are kept).

   - Nothing that grows with the directory loads with a page: the theme fetches a stub
     search/search_index.json (a few bytes, the same for every size), and this worker fetches
     the real index, search/kz-index.json, only when the reader types the first letter.
   - The index carries its rule tables (generator/site/search_rules.json): words of the query
     get the same keys as words of the index got in Python (generator/site/search_text.py);
     tests/features/test_search_text.py runs both on the same words.
   - A word matches a listing by any of its keys (surface, Kazakh stem, Russian stem), the
     word being typed also by its beginning, and a long word with a typo by a key one or two
     letters away. Listings matching more of the query's words come first, then by score
     (a match in a name counts three times one in the town, services or description).

   Plain ES5: it runs as it is on old phones. */
(function () {
  "use strict";

  function makeText(rules) {
    var wordRe = new RegExp(rules.word, "g");
    var apostrophes = new RegExp("[" + rules.apostrophes + "]", "g");
    var latin = {};
    var lengths = [];
    var latinLetters = {};
    rules.latin.forEach(function (pair) {
      latin[pair[0]] = pair[1];
      if (lengths.indexOf(pair[0].length) === -1) lengths.push(pair[0].length);
      pair[0].split("").forEach(function (c) { latinLetters[c] = true; });
    });
    lengths.sort(function (a, b) { return b - a; });
    var vowels = {};
    (rules.classes.V + Object.keys(rules.fold).join("")).split("").forEach(function (c) { vowels[c] = true; });

    function translate(text, table) {
      var out = "";
      for (var i = 0; i < text.length; i++) {
        var c = text.charAt(i);
        out += Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
      }
      return out;
    }

    function words(text) {
      var lowered = text.toLowerCase().replace(/\u0307/g, "").replace(apostrophes, "'");
      return lowered.match(wordRe) || [];
    }

    function cyrillic(word) {
      var has = false;
      for (var k = 0; k < word.length; k++) if (latinLetters[word.charAt(k)]) { has = true; break; }
      if (!has) return word.replace(/'/g, "");
      var out = [];
      var i = 0;
      while (i < word.length) {
        var found = false;
        for (var s = 0; s < lengths.length; s++) {
          var piece = word.substr(i, lengths[s]);
          if (piece.length === lengths[s] && Object.prototype.hasOwnProperty.call(latin, piece)) {
            var letter = latin[piece];
            if (piece === "y" && out.length && vowels[out[out.length - 1]]) letter = rules.latin_y_after_vowel;
            out.push(letter);
            i += lengths[s];
            found = true;
            break;
          }
        }
        if (!found) {
          if (word.charAt(i) !== "'") out.push(word.charAt(i));
          i += 1;
        }
      }
      return out.join("");
    }

    function harmony(stem) {
      var back = false;
      var front = false;
      for (var i = 0; i < stem.length; i++) {
        if (rules.vowels.back.indexOf(stem.charAt(i)) !== -1) back = true;
        if (rules.vowels.front.indexOf(stem.charAt(i)) !== -1) front = true;
      }
      if (back === front) return "any";
      return back ? "back" : "front";
    }

    function follows(letter, after) {
      for (var i = 0; i < after.length; i++) if (rules.classes[after.charAt(i)].indexOf(letter) !== -1) return true;
      return false;
    }

    function hasVowel(text) {
      for (var i = 0; i < text.length; i++) if (vowels[text.charAt(i)]) return true;
      return false;
    }

    function endsWith(text, end) {
      return text.length >= end.length && text.slice(text.length - end.length) === end;
    }

    function kkStem(original) {
      var folded = translate(original, rules.fold);
      for (var round = 0; round < rules.kk_max_strips; round++) {
        var stripped = false;
        for (var r = 0; r < rules.kk_endings.length; r++) {
          var rule = rules.kk_endings[r];
          var size = folded.length - rule[0].length;
          if (size < rules.kk_min_stem || !endsWith(folded, rule[0])) continue;
          var stem = folded.slice(0, size);
          var stemOriginal = original.slice(0, size);
          if (!hasVowel(stemOriginal)) continue;
          if (!follows(stem.charAt(stem.length - 1), rule[2])) continue;
          var found = harmony(stemOriginal);
          if (rule[1] !== "any" && found !== "any" && found !== rule[1]) continue;
          var last = stem.charAt(stem.length - 1);
          if (vowels[rule[0].charAt(0)] && Object.prototype.hasOwnProperty.call(rules.kk_alternation, last)) {
            stem = stem.slice(0, stem.length - 1) + rules.kk_alternation[last]; // көмег(і) → көмек
          }
          folded = stem;
          original = stemOriginal;
          stripped = true;
          break;
        }
        if (!stripped) break;
      }
      return folded;
    }

    function ruStem(original) {
      var folded = translate(original, rules.fold);
      for (var i = 0; i < rules.ru_endings.length; i++) {
        var end = rules.ru_endings[i];
        if (endsWith(folded, end) && folded.length - end.length >= rules.ru_min_stem) return folded.slice(0, folded.length - end.length);
      }
      return folded;
    }

    function keys(word) {
      var original = cyrillic(word);
      if (/^[0-9]+$/.test(original)) return [original, original, original];
      return [
        translate(translate(original, rules.fold), rules.final),
        translate(kkStem(original), rules.final),
        translate(ruStem(original), rules.final),
      ];
    }

    return { words: words, cyrillic: cyrillic, keys: keys };
  }

  function distanceAtMost(a, b, most) {
    // Levenshtein distance, or most + 1 as soon as it must exceed most.
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1;
        var value = Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + cost);
        current.push(value);
        if (value < best) best = value;
      }
      if (best > most) return most + 1;
      previous = current;
    }
    return previous[b.length];
  }

  var NAME_WEIGHT = 3;
  var SHORT_NAME = 4; // keys: how short a name is for its match to count a third more
  var PREFIX = 0.7;
  var FUZZY = 0.5;
  var MAX_PREFIX_KEYS = 400;
  var MAX_RESULTS = 200;

  var FIELDS = ["k", "p", "n"]; // field codes 0, 1, 2: the rest, the town, the names

  // The built index comes ready to search (generator/site/search_index.py encode()): `v`, its
  // keys, sorted; `p`, for each key, the entries that have it, as base-36 numbers
  // (distance from the previous entry) * 3 + field, most of them one digit, read only when
  // a query needs that key; each entry's `s`, how many keys its names have. So loading it
  // is parsing it, whatever its size. An index of entries with their keys (n, p, k) as
  // text, as the unit tests give, is put in that form here.
  function Engine(index) {
    this.docs = index.docs;
    this.text = makeText(index.rules);
    this.fuzzy = index.rules.fuzzy;
    if (!index.v) index = encode(index);
    this.vocabulary = index.v;
    this.lists = index.p.slice();
    var idOf = Object.create(null);
    for (var id = 0; id < this.vocabulary.length; id++) idOf[this.vocabulary[id]] = id;
    this.idOf = idOf;
  }

  function encode(index) {
    var best = Object.create(null);
    index.docs.forEach(function (doc, d) {
      for (var code = 2; code >= 0; code--) {
        var field = doc[FIELDS[code]];
        if (!field) continue;
        field.split(" ").forEach(function (key) {
          var entries = best[key] || (best[key] = {});
          if (!(d in entries)) entries[d] = code;
        });
      }
      if (doc.n) doc.s = doc.n.split(" ").length;
    });
    var v = Object.keys(best).sort();
    var p = v.map(function (key) {
      var previous = 0;
      return Object.keys(best[key]).map(Number).sort(function (a, b) { return a - b; }).map(function (d) {
        var token = ((d - previous) * 3 + best[key][d]).toString(36);
        previous = d;
        return token;
      }).join(" ");
    });
    return { v: v, p: p };
  }

  // [entry, weight, entry, weight …] of one key, read from its text the first time.
  Engine.prototype.postings = function (id) {
    var list = this.lists[id];
    if (typeof list !== "string") return list;
    var out = [];
    var docs = this.docs;
    var d = 0;
    list.split(" ").forEach(function (token) {
      var value = parseInt(token, 36);
      d += Math.floor(value / 3);
      var code = value % 3;
      // A match in a short name counts a little more than one in a long name: «Көмек» is
      // the listing called "help", not one whose long name says help somewhere.
      var weight = code === 2 ? NAME_WEIGHT * (1 + SHORT_NAME / (SHORT_NAME + (docs[d].s || 0))) : code === 1 ? NAME_WEIGHT : 1;
      out.push(d, weight);
    });
    this.lists[id] = out;
    return out;
  };

  Engine.prototype.lowerBound = function (key) {
    var lo = 0;
    var hi = this.vocabulary.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.vocabulary[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // doc index -> best score of one query word in that doc
  Engine.prototype.wordScores = function (word, typing) {
    var self = this;
    var scores = Object.create(null);
    var keys = this.text.keys(word);
    var any = false;
    function add(key, factor) {
      var id = self.idOf[key];
      if (id === undefined) return;
      var list = self.postings(id);
      for (var i = 0; i < list.length; i += 2) {
        var score = list[i + 1] * factor;
        if (!(scores[list[i]] >= score)) scores[list[i]] = score;
        any = true;
      }
    }
    keys.forEach(function (key, n) { if (key) add(key, n === 0 ? 1 : 0.9); });
    if (typing && keys[0].length >= 2) {
      var start = this.lowerBound(keys[0]);
      for (var i = start; i < this.vocabulary.length && i - start < MAX_PREFIX_KEYS; i++) {
        var key = this.vocabulary[i];
        if (key.slice(0, keys[0].length) !== keys[0]) break;
        add(key, PREFIX);
      }
    }
    if (!any) {
      // A typo: keys one letter away (two in long words), from the word as typed only: a stem
      // one letter from another word's stem is too loose ("Кастанай" is not "Астана").
      var most = 0;
      this.fuzzy.forEach(function (step) { if (keys[0].length >= step[0]) most = step[1]; });
      if (most > 0) {
        this.vocabulary.forEach(function (candidate) {
          if (distanceAtMost(keys[0], candidate, most) <= most) add(candidate, FUZZY);
        });
      }
    }
    return scores;
  };

  Engine.prototype.search = function (query) {
    var words = this.text.words(query);
    if (!words.length) return [];
    var typing = !/\s$/.test(query);
    var matched = Object.create(null);
    var total = Object.create(null);
    var found = {};
    var self = this;
    words.forEach(function (word, w) {
      var scores = self.wordScores(word, typing && w === words.length - 1);
      var hit = false;
      Object.keys(scores).forEach(function (d) {
        matched[d] = (matched[d] || 0) + 1;
        total[d] = (total[d] || 0) + scores[d];
        hit = true;
      });
      found[word] = hit;
    });
    var order = Object.keys(matched).map(Number);
    order.sort(function (a, b) {
      return matched[b] - matched[a] || total[b] - total[a] || a - b;
    });
    return order.slice(0, MAX_RESULTS).map(function (d) {
      var doc = self.docs[d];
      return { location: doc.l, title: doc.t, text: doc.x || "", score: total[d], terms: found, matched: matched[d] };
    });
  };

  function indexUrl() {
    // This file is <site>/assets/javascripts/kz-search.js; the index is <site>/search/kz-index.json.
    return String(self.location.href).replace(/assets\/javascripts\/[^/?#]*([?#].*)?$/, "search/kz-index.json");
  }

  function startWorker() {
    var engine = null;
    var loading = null;
    function load() {
      if (!loading) {
        loading = fetch(indexUrl())
          .then(function (response) {
            if (!response.ok) throw new Error("search index: " + response.status);
            return response.json();
          })
          .then(function (index) { engine = new Engine(index); })
          .catch(function (error) { loading = null; throw error; });
      }
      return loading;
    }
    self.addEventListener("message", function (event) {
      var message = event.data;
      if (message.type === 0) {
        self.postMessage({ type: 1 }); // ready: the index itself waits for the first letter
        return;
      }
      if (message.type !== 2) return;
      var query = String(message.data || "");
      if (!query.trim()) {
        self.postMessage({ type: 3, data: { items: [] } });
        return;
      }
      load()
        .then(function () {
          var items = engine.search(query).map(function (item) { return [item]; });
          self.postMessage({ type: 3, data: { items: items } });
        })
        .catch(function () {
          self.postMessage({ type: 3, data: { items: [] } });
        });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { makeText: makeText, Engine: Engine, distanceAtMost: distanceAtMost };
  } else {
    startWorker();
  }
})();
