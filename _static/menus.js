// On a phone the theme opens the chapters (☰) and this page's contents as dialogs over the
// page. Following a link inside one to a place on the same page leaves the dialog open over
// the place it scrolled to, so the reader sees nothing happen: close the dialog first.
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest("dialog[open] a[href]");
    if (!link) return;
    var target = new URL(link.href, location.href);
    if (target.pathname === location.pathname && target.hash) link.closest("dialog").close();
  });
})();
