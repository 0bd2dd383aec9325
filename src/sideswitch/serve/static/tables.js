// sideswitch: tables that read on a phone (each cell labelled by its column, for the card layout)
// and, for tables marked data-sortable, click a column heading to sort and type to filter rows.
(function () {
  "use strict";
  function text(cell) { return (cell && cell.textContent || "").trim(); }
  function key(v) {
    var n = v.replace(/[,\s]/g, "");
    return /^-?\d+(\.\d+)?$/.test(n) ? [0, parseFloat(n), ""] : [1, 0, v.toLowerCase()];
  }
  function compare(a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); }
  document.querySelectorAll("table.events").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (!cell.hasAttribute("data-label") && heads[i]) { cell.setAttribute("data-label", heads[i].replace(/[▲▼]/g, "").trim()); }
      });
    });
    if (!table.hasAttribute("data-sortable")) { return; }
    var body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      th.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) { var c = compare(key(text(a.cells[i])), key(text(b.cells[i]))); return down ? -c : c; });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var box = document.createElement("input");
    box.type = "search";
    box.className = "table-filter";
    box.placeholder = "Filter these rows…";
    box.setAttribute("aria-label", "Filter the rows of this table");
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) { r.hidden = q && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(box, wrap);
  });
})();
