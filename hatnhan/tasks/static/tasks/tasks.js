// Task pages: small enhancements; every page works without them.
(function () {
  "use strict";
  // The camera button on a task card shows that a photo is attached, and its name.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".camera input[type=file]")) return;
    var label = input.closest(".camera");
    var text = label.querySelector(".camera-text");
    var count = input.files ? input.files.length : 0;
    label.classList.toggle("has-file", count > 0);
    if (text) {
      if (!text.dataset.empty) text.dataset.empty = text.textContent;
      text.textContent = count ? (count === 1 ? input.files[0].name : count + " tệp") : text.dataset.empty;
    }
  });
  // "Select all" on the board's bulk assign.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]")) return;
    document.querySelectorAll("input[type=checkbox][name=tasks][form=" + box.dataset.selectAll + "]")
      .forEach(function (b) { b.checked = box.checked; });
  });
  // An inline form whose request failed (network down, file too large for the proxy…)
  // says so instead of silently doing nothing; the page itself is unchanged.
  function showFailure(event) {
    var form = event.target && event.target.closest && event.target.closest("form[data-error]");
    if (!form) return;
    var note = form.querySelector(".send-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "send-error errorlist";
      note.setAttribute("role", "alert");
      form.appendChild(note);
    }
    note.textContent = form.dataset.error;
  }
  document.body.addEventListener("htmx:responseError", showFailure);
  document.body.addEventListener("htmx:sendError", showFailure);
})();
