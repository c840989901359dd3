// The entry grids of an area's year: "select all" for the registrations, Enter moving down the
// votes column like Tab, and the live total of the votes typed.
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=household]:not(:disabled)").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
  var cells = Array.prototype.slice.call(document.querySelectorAll("input[data-vote]"));
  var total = document.querySelector("[data-votes-total]");
  function recount() {
    if (!total) return;
    var sum = 0;
    cells.forEach(function (cell) { sum += parseInt(cell.value, 10) || 0; });
    total.textContent = String(sum);
  }
  cells.forEach(function (cell, index) {
    cell.addEventListener("input", recount);
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && index + 1 < cells.length) {
        event.preventDefault();
        cells[index + 1].focus();
        cells[index + 1].select();
      }
    });
  });
})();
