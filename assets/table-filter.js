/* The filters above a table (mongolia_report/templates/table-filter.html): a row stays visible when
   its cell in each filtered column matches the chosen option (equals it, starts with it, or is one of
   its comma-separated items, as the select's data-match says) and, if the form has a search box,
   when its text contains what is typed; the status line says how many rows are shown. Plain script,
   so it works on the static site without a kernel. */
(function () {
  "use strict";

  function tableFor(form) {
    var header = form.dataset.tableHeader;
    return Array.prototype.find.call(document.querySelectorAll("table"), function (table) {
      return table.tHead && table.tHead.textContent.indexOf(header) >= 0;
    });
  }

  function matches(text, value, how) {
    if (how === "prefix") return text.indexOf(value) === 0;
    if (how === "list") return text.split(/\s*,\s*/).indexOf(value) >= 0;
    return text === value;
  }

  function apply(form) {
    var table = tableFor(form);
    if (!table) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-column]")), shown = 0;
    var box = form.querySelector("input[data-search]");
    var query = box ? box.value.trim().toLowerCase() : "";
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var keep = selects.every(function (select) {
        return !select.value || matches(row.cells[Number(select.dataset.column)].textContent.trim(), select.value, select.dataset.match);
      }) && (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
      row.hidden = !keep;
      if (keep) shown++;
    });
    form.querySelector('[role="status"]').textContent =
      shown + " of " + table.tBodies[0].rows.length + " " + form.dataset.noun + " shown";
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.mnr-filter"), function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("input", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  });
})();
