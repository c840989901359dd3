// The entry grids of an area's year: "select all" for the registrations, Enter moving down the
// votes column like Tab, and the live total of the votes typed.
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=household]:not(:disabled), input[name=area]:not(:disabled)").forEach(function (box) {
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
  cells.forEach(function (cell) { cell.addEventListener("input", recount); });
  // The grid is filled column by column: Enter and Tab go down the votes, then down the points
  // (shown to those who decide only); Shift+Tab keeps its usual way back.
  var order = cells.concat(Array.prototype.slice.call(document.querySelectorAll("input[data-points]")));
  order.forEach(function (cell, index) {
    cell.addEventListener("keydown", function (event) {
      var down = event.key === "Enter" || (event.key === "Tab" && !event.shiftKey);
      if (down && index + 1 < order.length) {
        event.preventDefault();
        order[index + 1].focus();
        order[index + 1].select();
      }
    });
  });
})();
