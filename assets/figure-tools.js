/* The Chart | Table | Download | Cite switch under every chart (mongolia_report/site/plotly.py).
   Tabs follow the WAI-ARIA tabs pattern: one tab stop, arrow keys move between views.
   Downloads redraw the chart with its title, source, licence and the report's name in the
   image, through plotly.js's own exporter: nothing leaves the reader's machine. */
(function () {
  "use strict";

  /* plotly.js publishes no way to read what it drew: the layout with its defaults filled in, the plot
     area, an axis's categories and the traces as drawn all live in private fields. These four functions
     are the only places that read them, and they fail loudly (tests/test_charts.py calls them) if a
     plotly.js upgrade moves them, instead of the phone layout quietly going wrong. */
  function drawnLayout(gd) {
    var full = gd._fullLayout;
    if (!full) return null;  // not drawn yet
    if (typeof full.height !== "number" || !full.font) throw new Error("figure-tools.js: plotly.js no longer has _fullLayout");
    return full;  // height, font, showlegend, each axis's type and title, as drawn
  }

  function plotArea(gd) {
    var size = (drawnLayout(gd) || {})._size;
    if (!size || typeof size.w !== "number") throw new Error("figure-tools.js: plotly.js no longer has _fullLayout._size");
    return size;  // {l, r, t, b, w, h} in pixels
  }

  function drawnData(gd) {
    if (!Array.isArray(gd._fullData)) throw new Error("figure-tools.js: plotly.js no longer has _fullData");
    return gd._fullData;  // the traces with their values as drawn
  }

  function categories(gd, axis) {
    var full = drawnLayout(gd)[axis];
    if (full.type !== "category") return [];
    if (!Array.isArray(full._categories)) throw new Error("figure-tools.js: plotly.js no longer has " + axis + "._categories");
    return full._categories;
  }

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

  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function wrap(text, width) {
    // Break at spaces, and after hyphens in long names ("Naushki-Sukhbaatar").
    var words = text.replace(/(\S{6,}-)(?=\S{4,})/g, "$1 ").split(" "), lines = [""];
    words.forEach(function (word) {
      var last = lines.length - 1;
      if ((lines[last] + " " + word).length > width && lines[last]) lines.push(word);
      else lines[last] = (lines[last] && lines[last].slice(-1) !== "-" ? lines[last] + " " : lines[last]) + word;
    });
    return lines.join("<br>");
  }

  function download(box, format) {
    var gd = box.querySelector(".js-plotly-plot");
    if (!gd || !window.Plotly) return Promise.resolve(null);
    // The sources wrap as they need; the licence and the report's name start a line of their own, so
    // neither is ever broken across lines, however long the list of sources.
    // The credit is text (the caption's sources name authors from the bibliography): escaped, because
    // plotly.js reads an annotation as HTML, as the site's renderer escapes every string of the chart.
    var parts = escapeText(box.dataset.credit).split(" · ");
    // Source, licence and report each start a line, so a long licence never splits the report's name.
    var width = 1000, credit = [wrap(parts[0], 150), wrap(parts[1] || "", 150), wrap(parts.slice(2).join(" · "), 150)]
      .filter(Boolean).join("<br>");
    var lines = credit.split("<br>").length, extra = 18 * lines + 16;
    var size = plotArea(gd), height = (drawnLayout(gd).height || LAYOUT.chart_height) + extra;
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

  /* Phones: below NARROW pixels a chart keeps its meaning by wrapping its title, notes, legend
     entries and long category labels, showing fewer date or year ticks, one legend entry per
     line, and bar labels inside the bars; a grid too dense for the width (the vote grid) keeps
     its size and scrolls sideways in its own box. Wider again, the chart is restored. At any
     width a title longer than the chart is wide (a tablet, a printed A4 page) is wrapped. */
  // The layout numbers Python uses too (mongolia_report/layout.json, written into the page by site/assets.py).
  var LAYOUT = window.mnrLayout;
  if (!LAYOUT) throw new Error("figure-tools.js: the page has no window.mnrLayout (mongolia_report/site/assets.py)");
  var NARROW = LAYOUT.narrow_width;
  var TITLE_CHAR_PX = LAYOUT.title_char_px;  // a title character's average width, where the drawn title cannot be measured

  function wrapped(text, width) { return text ? wrap(String(text).replace(/<br>/g, " "), width) : text; }

  function fit(gd) {
    if (!window.Plotly || !drawnLayout(gd)) return;
    var width = gd.parentElement.clientWidth, narrow = width < NARROW;
    var ownTitle = ((gd._mnrOriginal || gd).layout || {}).title;
    var titleText = String((ownTitle && (ownTitle.text || ownTitle)) || "");
    if (gd._mnrTitleCharPx === undefined) {  // measured once, on the title as first drawn
      var drawn = gd.querySelector(".gtitle");
      gd._mnrTitleCharPx = drawn && titleText && drawn.getComputedTextLength ? drawn.getComputedTextLength() / titleText.length : 0;
      gd._mnrTitleCharPx = gd._mnrTitleCharPx || TITLE_CHAR_PX;
    }
    var titleRoom = Math.floor((width - 40) / gd._mnrTitleCharPx);
    // Wide charts are fitted again every 40 px, as labels may no longer fit their slots.
    var state = narrow ? "narrow" : "wide-" + (titleText.length > titleRoom ? titleRoom : "") + "-" + Math.floor(width / 40);
    if (state === gd._mnrState) return;
    gd._mnrState = state;
    var original = gd._mnrOriginal || (gd._mnrOriginal = {
      layout: JSON.parse(JSON.stringify(gd.layout)),
      names: gd.data.map(function (t) { return t.name; }),
      textposition: gd.data.map(function (t) { return t.textposition; }),
      visible: gd.data.map(function (t) { return t.visible === undefined ? true : t.visible; })
    });
    if (gd.data.some(function (t) { return t.type === "heatmap"; })) {
      gd.style.minWidth = narrow ? "680px" : "";
      gd.parentElement.style.overflowX = narrow ? "auto" : "";
      window.Plotly.Plots.resize(gd).then(function () { return fitGrid(gd); })
        .then(function () { gd._mnrFitted = narrow ? "narrow" : "wide"; });
      return;
    }
    var layout = original.layout, update = {}, xLines = 1, xCrowded = false;
    var title = layout.title && (layout.title.text || layout.title);
    if (title) {
      var shownTitle = narrow ? wrapped(title, 34) : (String(title).length > titleRoom ? wrapped(title, titleRoom) : title);
      var lines = String(shownTitle).split("<br>").length;
      update["title.text"] = shownTitle;
      update["title.font.size"] = narrow ? 15 : null;
      update["margin.t"] = ((layout.margin && layout.margin.t) || 50) + (narrow ? 18 : 20) * (lines - 1);
    }
    (layout.annotations || []).forEach(function (note, i) {
      // A note pinned to the data widens the axis to fit (plotly.js counts it in the range): keep it narrow.
      var width = note.xref === "paper" ? 40 : 16;
      update["annotations[" + i + "].text"] = narrow && note.text.length > width ? wrapped(note.text, width) : note.text;
      // Labels written up a line (events on a timeline): alternate sides, so neighbours do not collide.
      if (note.textangle === -90) update["annotations[" + i + "].xanchor"] = narrow && i % 2 ? "left" : note.xanchor;
    });
    ["xaxis", "yaxis"].forEach(function (axis) {
      var full = drawnLayout(gd)[axis], own = layout[axis] || {};
      if (!full) return;
      update[axis + ".tickfont.size"] = narrow ? 11 : (own.tickfont || {}).size || null;
      if (full.type === "date" || full.type === "linear") {
        update[axis + ".tickmode"] = narrow ? "auto" : (own.tickmode || null);
        update[axis + ".dtick"] = narrow ? null : own.dtick;
        update[axis + ".nticks"] = narrow ? 4 : null;
      }
      if (full.type === "category") {
        var cats = categories(gd, axis), width = axis === "xaxis" ? 12 : 18;
        var long = cats.some(function (c) { return String(c).replace(/<br>/g, " ").length > width; });
        var broken = cats.some(function (c) { return String(c).indexOf("<br>") >= 0; });
        var many = axis === "xaxis" && cats.length > 8;  // years on a category axis: written upwards
        // At any width (a printed page, a tablet), labels wider than their slot are wrapped to it rather
        // than tilted by plotly.js into the legend below.
        var fontPx = (own.tickfont || {}).size || drawnLayout(gd).font.size || 14;
        var slotChars = Math.floor(plotArea(gd).w / Math.max(cats.length, 1) / (0.6 * fontPx));
        var crowded = axis === "xaxis" && !many && longestLine(cats) > slotChars;
        if (crowded) {
          width = Math.max(8, slotChars);
          xCrowded = true;
        }
        var wrap = crowded || (narrow && !many && (long || (axis === "yaxis" && broken)) && (axis === "xaxis" || cats.length <= 10));
        var text = cats.map(function (c) { return wrapped(c, width); });
        update[axis + ".tickvals"] = wrap ? cats : null;
        update[axis + ".ticktext"] = wrap ? text : null;
        if (axis === "xaxis") {
          update["xaxis.tickangle"] = narrow || crowded ? (many ? -90 : 0) : own.tickangle;
          if (wrap) {  // a smaller font where the longest unbreakable word is wider than its slot
            var slot = plotArea(gd).w / cats.length;
            var word = Math.max.apply(null, text.map(function (t) {
              return Math.max.apply(null, t.split(/<br>| /).map(function (w) { return w.length; }));
            }));
            update["xaxis.tickfont.size"] = Math.max(8, Math.min(11, Math.floor(slot / (word * 0.62))));
          }
          if (wrap) xLines = Math.max.apply(null, text.map(function (t) { return t.split("<br>").length; }));
          if (narrow && many) xLines = 3;
        }
      }
    });
    var legend = layout.legend || {};
    // A legend of one entry per line needs room under the plot: the chart grows rather than the plot shrinking.
    var entries = gd.data.filter(function (t) { return t.showlegend !== false && t.name; }).length;
    var shown = drawnLayout(gd).showlegend && entries > 1;
    update["height"] = narrow && shown && entries > 3 ? (layout.height || LAYOUT.chart_height) + 22 * (entries - 3) : layout.height;
    update["legend.font.size"] = narrow ? 11 : null;
    if (layout.margin && layout.margin.l > 100) update["margin.l"] = narrow ? 60 : layout.margin.l;  // labels push it as needed
    update["legend.entrywidth"] = narrow ? 1 : null;
    update["legend.entrywidthmode"] = narrow ? "fraction" : null;
    var drawnX = drawnLayout(gd).xaxis, xTitle = drawnX && drawnX.title && drawnX.title.text;
    // Room for the wrapped tick labels (and an axis title) in pixels, as a share of the plot's height,
    // so a tall chart (small multiples) does not leave a gap above its legend.
    var below = (22 * xLines + (xTitle ? 16 : 0)) / Math.max(plotArea(gd).h, 1);
    update["legend.y"] = narrow || xCrowded ? (legend.y === undefined ? -0.15 : legend.y) - below : legend.y;
    var room = Math.max(14, Math.floor((gd.clientWidth - plotArea(gd).l - 50) / 7));
    var restyle = {
      // Legend entries start at the plot's left edge: wrap them to the room left of it.
      name: original.names.map(function (n) { return narrow && n && n.length > room ? wrapped(n, room) : n; }),
      textposition: gd.data.map(function (t, i) {
        return narrow && t.type === "bar" && original.textposition[i] === "outside" ? "inside" : original.textposition[i];
      }),
      visible: gd.data.map(function (t, i) { return narrow && t.mode === "text" ? false : original.visible[i]; })
    };
    window.Plotly.update(gd, restyle, update).then(function () { gd._mnrFitted = narrow ? "narrow" : "wide"; });
  }

  // The characters in the longest line of any of these labels (lines are split at <br>).
  function longestLine(labels) {
    return Math.max.apply(null, [0].concat(labels.map(function (label) {
      return Math.max.apply(null, String(label).split("<br>").map(function (line) { return line.length; }));
    })));
  }

  /* A grid's cell labels and column names in a type small enough that the longest fits its
     column (a printed A4 page is narrower than a desktop window), never larger than drawn. */
  function fitGrid(gd) {
    var trace = gd.data.filter(function (t) { return t.type === "heatmap"; })[0];
    var own = gd._mnrOriginal.layout, columns = categories(gd, "xaxis").length || 1;
    var room = plotArea(gd).w / columns - 6;
    var cells = [].concat.apply([], (trace.text || []).map(function (row) { return Array.from(row); }));
    var size = function (labels, drawn) { return Math.max(7, Math.min(drawn, Math.floor(room / (0.62 * Math.max(1, longestLine(labels)))))); };
    var cellSize = size(cells, (trace._mnrFont = trace._mnrFont || (trace.textfont || {}).size || 12));
    var tickSize = size(categories(gd, "xaxis"), ((own.xaxis || {}).tickfont || {}).size || 12);
    return window.Plotly.restyle(gd, { "textfont.size": cellSize }).then(function () {
      return window.Plotly.relayout(gd, { "xaxis.tickfont.size": tickSize });
    });
  }

  function fitAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".mnr-figure .js-plotly-plot"), fit);
  }

  // Each chart announces when plotly.js has drawn it (site/plotly.py); fit it then, and on resize.
  document.addEventListener("mnr-drawn", function (event) { fit(event.target); });
  window.addEventListener("resize", fitAll);

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
  window.mnrFigureTools = { drawnLayout: drawnLayout, plotArea: plotArea, categories: categories, drawnData: drawnData };  // for the tests
})();
