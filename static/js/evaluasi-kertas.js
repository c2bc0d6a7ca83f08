// Paper batch grid, progressive enhancement only (the grid works the same without it):
// - after a valid answer (1-4) is typed, focus moves to the next answer of the same row;
// - Enter in a row moves to the first answer of the next row instead of sending the form.
(function () {
  "use strict";
  var grid = document.querySelector("[data-skm-grid]");
  if (!grid) { return; }
  function rowOf(el) { return el.closest("tr"); }
  function answers(row) { return row ? Array.prototype.slice.call(row.querySelectorAll("input.sel-nilai")) : []; }
  function nextRow(row) {
    var r = row.nextElementSibling;
    while (r && !r.querySelector("input.sel-nilai")) { r = r.nextElementSibling; }
    return r;
  }
  grid.addEventListener("input", function (event) {
    var el = event.target;
    if (!el.classList.contains("sel-nilai") || !/^[1-4]$/.test(el.value)) { return; }
    var cells = answers(rowOf(el));
    var next = cells[cells.indexOf(el) + 1];
    if (next) { next.focus(); next.select(); }
  });
  grid.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName === "BUTTON") { return; }
    var row = nextRow(rowOf(event.target));
    if (!row) { return; }
    event.preventDefault();
    var first = answers(row)[0];
    first.focus();
    first.select();
  });
})();
