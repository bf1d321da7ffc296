/* The Chart | Table | Download | Cite switch under every chart (mongolia_report/site/plotly.py).
   Tabs follow the WAI-ARIA tabs pattern: one tab stop, arrow keys move between views.
   Downloads redraw the chart with its title, source, licence and the report's name in the
   image, through plotly.js's own exporter: nothing leaves the reader's machine. */
(function () {
  "use strict";

  function select(tab) {
    var list = tab.parentElement;
    Array.prototype.forEach.call(list.querySelectorAll('[role="tab"]'), function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
    });
    if (tab.id.slice(-6) === "-chart" && window.Plotly) {
      var gd = tab.closest(".mnr-figure").querySelector(".js-plotly-plot");
      if (gd) window.Plotly.Plots.resize(gd); // it was drawn hidden or at another width
    }
  }

  function onKey(event) {
    var tabs = Array.prototype.slice.call(event.currentTarget.querySelectorAll('[role="tab"]'));
    var i = tabs.indexOf(document.activeElement), next = null;
    if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
    else if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (event.key === "Home") next = tabs[0];
    else if (event.key === "End") next = tabs[tabs.length - 1];
    if (next) { event.preventDefault(); next.focus(); select(next); }
  }

  function wrap(text, width) {
    var words = text.split(" "), lines = [""];
    words.forEach(function (word) {
      var last = lines.length - 1;
      if ((lines[last] + " " + word).length > width && lines[last]) lines.push(word);
      else lines[last] = (lines[last] ? lines[last] + " " : "") + word;
    });
    return lines.join("<br>");
  }

  function download(box, format) {
    var gd = box.querySelector(".js-plotly-plot");
    if (!gd || !window.Plotly) return Promise.resolve(null);
    var width = 1000, credit = wrap(box.dataset.credit, 150);
    var lines = credit.split("<br>").length, extra = 18 * lines + 16;
    var size = gd._fullLayout._size, height = (gd._fullLayout.height || 420) + extra;
    var layout = JSON.parse(JSON.stringify(gd.layout));
    layout.width = width;
    layout.height = height;
    layout.margin = Object.assign({}, layout.margin, { b: size.b + extra, t: size.t, l: size.l, r: size.r });
    layout.annotations = (layout.annotations || []).concat([{
      text: credit, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "top",
      yshift: -(size.b + 6), showarrow: false, align: "left", font: { size: 12, color: "#444444" }
    }]);
    return window.Plotly.toImage({ data: gd.data, layout: layout }, { format: format, width: width, height: height })
      .then(function (url) {
        var link = document.createElement("a");
        link.href = url;
        link.download = box.dataset.filename + "." + format;
        document.body.appendChild(link);
        link.click();
        link.remove();
        return url;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".mnr-figure"), function (box) {
      var list = box.querySelector('[role="tablist"]');
      list.addEventListener("keydown", onKey);
      Array.prototype.forEach.call(list.querySelectorAll('[role="tab"]'), function (tab) {
        tab.addEventListener("click", function () { select(tab); });
      });
      Array.prototype.forEach.call(box.querySelectorAll("button[data-format]"), function (button) {
        button.addEventListener("click", function () { download(box, button.dataset.format); });
      });
    });
  });
  window.mnrDownloadFigure = download; // for the tests
})();
