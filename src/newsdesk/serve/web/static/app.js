// newsdesk: light up every mention of an entity, or a quote, while the pointer is on one.
// The pages work without this file; it only helps reading.
(function () {
  "use strict";
  function toggle(event, on) {
    if (!event.target.closest) { return; }
    ["entity", "quote"].forEach(function (name) {
      var el = event.target.closest("[data-" + name + "]");
      if (!el) { return; }
      var scope = el.closest(".articlegrid") || document;
      var selector = "[data-" + name + '="' + CSS.escape(el.getAttribute("data-" + name)) + '"]';
      scope.querySelectorAll(selector).forEach(function (match) {
        match.classList.toggle("lit", on);
      });
    });
  }
  document.addEventListener("mouseover", function (event) { toggle(event, true); });
  document.addEventListener("mouseout", function (event) { toggle(event, false); });
})();
