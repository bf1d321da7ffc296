/* The drop-down filters above a table (mongolia_report/templates/table-filter.html): a row stays
   visible when its cell in each filtered column equals the chosen option, and the status line
   says how many rows are shown. Plain script, so it works on the static site without a kernel. */
(function () {
  "use strict";

  function tableFor(form) {
    var header = form.dataset.tableHeader;
    return Array.prototype.find.call(document.querySelectorAll("table"), function (table) {
      return table.tHead && table.tHead.textContent.indexOf(header) >= 0;
    });
  }

  function apply(form) {
    var table = tableFor(form);
    if (!table) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-column]")), shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var keep = selects.every(function (select) {
        return !select.value || row.cells[Number(select.dataset.column)].textContent.trim() === select.value;
      });
      row.hidden = !keep;
      if (keep) shown++;
    });
    form.querySelector('[role="status"]').textContent =
      shown + " of " + table.tBodies[0].rows.length + " " + form.dataset.noun + " shown";
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.mnr-filter"), function (form) {
      form.addEventListener("change", function () { apply(form); });
      apply(form);
    });
  });
})();
