/* The button over the static map (templates/map_static.html): put the interactive map in
   the static map's place, and only then load it. Its iframe waits in a <template>, so the
   page fetches nothing of it (Leaflet, the regions, the towns) before the press. The focus
   moves to the frame, whose title names the map, scrolled wholly into view; Tab goes on
   inside it. Loaded with defer on the map page and on region pages; the button shows only
   under html.js (CSS), which the head sets before the first paint. */
(function () {
  "use strict";

  function load(event) {
    var button = event.currentTarget;
    var figure = button.closest(".kz-map");
    var still = figure && figure.querySelector(".kz-smap");
    var later = figure && figure.querySelector("template.kz-map__later");
    if (!still || !later) return;
    var frame = later.content.querySelector("iframe").cloneNode(true);
    still.parentNode.replaceChild(frame, still);
    /* All of it in view: the map focuses itself on the first click, and the browser would then
       scroll a frame that is partly out of view, moving it from under the pointer. */
    frame.focus({ preventScroll: true });
    if (frame.scrollIntoView) frame.scrollIntoView({ block: "nearest" });
    var holder = button.parentNode;
    holder.parentNode.removeChild(holder);
    later.parentNode.removeChild(later);
  }

  var buttons = document.querySelectorAll(".kz-map-load__button");
  for (var i = 0; i < buttons.length; i++) buttons[i].addEventListener("click", load);
})();
