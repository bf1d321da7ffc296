// A wide table scrolls inside its own box; make that box reachable and named for keyboard
// and screen-reader users (WCAG 2.1.1), on load and whenever the width changes.
(function () {
  function label(box) {
    var figure = box.closest("figure, .cell") || box;
    var caption = figure.querySelector("figcaption, .caption-text");
    return caption ? caption.textContent.trim().slice(0, 120) : "Scrollable table";
  }
  function mark() {
    document.querySelectorAll(".cell_output .output, .pst-scrollable-table-container").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
