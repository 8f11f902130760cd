// Sharing (issue 21), on listing, region, need and find pages, and the shortlist page (list/).
// - "Share": the phone's own share sheet (Web Share API) where there is one; else the link is
//   copied, or shown selected to copy by hand. Nothing is sent by the site itself.
// - A shortlist: on a page of cards, "Add to list" on each; the list lives only in the link of
//   "My list" (list/?ids=a,b,c), never in storage, so it leaves no trace on the phone.
// Words come from the page (data-kz-words, from words/<lang>/travel.yaml).
"use strict";
(function () {
  var box = document.querySelector("[data-kz-share]");
  if (!box) return;
  var w = JSON.parse(box.getAttribute("data-kz-words"));
  var listUrl = box.getAttribute("data-kz-list-url");
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "kz-share__status";

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button kz-share__button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function showToCopy(url) {
    var field = document.createElement("input");
    field.type = "url";
    field.readOnly = true;
    field.value = url;
    field.className = "kz-share__field";
    field.setAttribute("aria-label", w.share_copy);
    box.appendChild(field);
    field.focus();
    field.select();
  }

  function share(url, title) {
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
      return;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () {
          status.textContent = w.share_copied;
        },
        function () {
          showToCopy(url);
        }
      );
      return;
    }
    showToCopy(url);
  }

  // ids are listing ids: small Latin letters, digits and dashes (schema); anything else is dropped.
  function clean(list) {
    return list.filter(function (id, i) {
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && list.indexOf(id) === i;
    });
  }

  var page = document.querySelector("[data-kz-list]");
  if (page) {
    // The shortlist page: only the listings of ?ids=, in that order.
    var params = new URLSearchParams(location.search);
    var wanted = clean((params.get("ids") || "").split(","));
    var items = Array.prototype.slice.call(page.querySelectorAll("[data-id]"));
    items.forEach(function (item) {
      item.hidden = wanted.indexOf(item.getAttribute("data-id")) === -1;
    });
    wanted.forEach(function (id) {
      var item = page.querySelector('[data-id="' + id + '"]');
      if (item) page.appendChild(item);
    });
    var nojs = document.querySelector(".kz-list__nojs");
    if (nojs) nojs.hidden = true;
    var shown = items.filter(function (item) {
      return !item.hidden;
    });
    document.querySelector("[data-kz-list-empty]").hidden = shown.length > 0;
    if (shown.length) {
      box.appendChild(button(w.list_print, function () { window.print(); }));
    }
  }

  box.insertBefore(button(w.share_button, function () { share(location.href, document.title); }), box.firstChild);
  box.appendChild(status);

  // A page of cards: "Add to list" on each, and the link to the list as it grows.
  var cards = document.querySelectorAll("article.kz-card[aria-labelledby]");
  if (!page && cards.length > 1) {
    var chosen = [];
    var link = document.createElement("a");
    link.className = "kz-share__list";
    link.hidden = true;
    box.appendChild(link);
    var update = function () {
      link.hidden = chosen.length === 0;
      link.textContent = w.list_open.replace("{n}", String(chosen.length));
      link.href = listUrl + "?ids=" + chosen.join(",");
    };
    Array.prototype.forEach.call(cards, function (card) {
      var id = card.getAttribute("aria-labelledby").replace(/^(card|f)-/, "");
      if (!clean([id]).length) return;
      var toggle = button(w.list_add, function () {
        var at = chosen.indexOf(id);
        if (at === -1) chosen.push(id);
        else chosen.splice(at, 1);
        toggle.textContent = at === -1 ? w.list_remove : w.list_add;
        toggle.setAttribute("aria-pressed", at === -1 ? "true" : "false");
        update();
      });
      toggle.setAttribute("aria-pressed", "false");
      toggle.classList.add("kz-share__add");
      card.appendChild(toggle);
    });
  }
  box.hidden = false;
})();
