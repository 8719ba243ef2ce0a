// hatnhan: small progressive enhancements; every page works without it.
document.addEventListener("click", (event) => {
  // Demo mode: a click on a listed demo account fills the login form.
  const account = event.target.closest("[data-demo-username]");
  if (!account) return;
  const username = document.querySelector("input[name=username]");
  const password = document.querySelector("input[name=password]");
  if (username && password) {
    username.value = account.dataset.demoUsername;
    password.value = "demo";
    password.focus();
  }
});

// The menu is a <details>: CSS keeps it open on wide screens; this does the same for
// browsers without ::details-content, and folds it again when the window narrows.
(() => {
  const wide = window.matchMedia("(min-width: 700px)");
  const sync = () => {
    for (const menu of document.querySelectorAll("[data-navmenu]")) menu.open = wide.matches;
  };
  document.addEventListener("DOMContentLoaded", sync);
  wide.addEventListener("change", sync);
})();

// Pickers (core/widgets.py): typing narrows a long <select> to the options whose search key
// holds every word typed, diacritics and case ignored. The select is looked up by id at
// each keystroke because htmx may have swapped it for a new one.
const searchKey = (text) =>
  text
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);

const narrow = (box) => {
  const select = document.getElementById(box.dataset.pickerFor);
  if (!select) return;
  const words = searchKey(box.value);
  let shown = 0;
  let last = null;
  for (const option of select.options) {
    if (!option.dataset.key) {
      option.hidden = words.length > 0; // the empty choice, while searching
      continue;
    }
    const match = words.every((w) => option.dataset.key.includes(w));
    option.hidden = !match && !option.selected;
    if (match) {
      shown += 1;
      last = option;
    }
  }
  if (!select.multiple) {
    // A list box while searching, so the matches show without opening the drop-down.
    select.size = words.length ? Math.min(Math.max(shown, 2), 8) : 0;
    if (shown === 1 && last && !last.selected) {
      last.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  const count = box.parentElement.querySelector("[data-picker-count]");
  if (count) {
    count.hidden = !words.length || shown > 0;
    count.textContent = count.dataset.none;
  }
};

// A long list's picker: the matches come from the server (members/pick/) as one types.
// The options already chosen stay; the others are replaced by the answer's.
const timers = new WeakMap();
const fetchMatches = async (box) => {
  const select = document.getElementById(box.dataset.pickerTarget);
  if (!select) return;
  const url = new URL(box.dataset.pickerUrl, window.location.href);
  url.searchParams.set("q", box.value);
  const answer = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!answer.ok || box.value !== url.searchParams.get("q")) return; // a later key won
  const found = document.createElement("select");
  found.innerHTML = await answer.text();
  const kept = new Set();
  for (const option of [...select.options]) {
    if (option.selected && option.value) kept.add(option.value);
    else if (option.value) option.remove();
  }
  let added = 0;
  let last = null;
  for (const option of [...found.options]) {
    if (kept.has(option.value)) continue;
    select.append(option);
    added += 1;
    last = option;
  }
  if (!select.multiple) {
    select.size = box.value.trim() ? Math.min(Math.max(added + 1, 2), 8) : 0;
    if (added === 1 && last && !kept.size) {
      last.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  const count = box.parentElement.querySelector("[data-picker-count]");
  if (count && box.value.trim()) count.textContent = added ? "" : count.dataset.none;
};

const enablePickers = (root) => {
  for (const box of root.querySelectorAll("[data-picker-for]")) box.hidden = false;
};
document.addEventListener("DOMContentLoaded", () => enablePickers(document));
document.addEventListener("htmx:load", (event) => enablePickers(event.target));
document.addEventListener("input", (event) => {
  if (event.target.matches("[data-picker-for]")) narrow(event.target);
  if (event.target.matches("[data-picker-url]")) {
    const box = event.target;
    clearTimeout(timers.get(box));
    timers.set(
      box,
      setTimeout(() => fetchMatches(box), 250),
    );
  }
});
document.addEventListener("keydown", (event) => {
  // Enter in the search box picks the list, not the form's submit button.
  if (event.key === "Enter" && event.target.matches("[data-picker-for], [data-picker-url]")) {
    event.preventDefault();
    const box = event.target.dataset;
    document.getElementById(box.pickerFor || box.pickerTarget)?.focus();
  }
});

// Files over the size limit are refused here, before the upload starts, with the server's
// own message (rendered into <body> from settings; an input may carry a stricter limit).
// The selection is cleared so the form cannot send the file by mistake.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  if (!input.files.length) return; // cleared, here or by the person: the note stays
  const body = document.body.dataset;
  const limit = Number(input.dataset.maxBytes || body.uploadMaxBytes || 0);
  const template = input.dataset.tooLarge || body.uploadTooLarge || "";
  const anchor = input.closest("label") || input;
  let note = anchor.parentElement.querySelector(":scope > .upload-error");
  const big = limit ? [...input.files].find((file) => file.size > limit) : null;
  if (!big) {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.className = "errorlist upload-error";
    note.setAttribute("role", "alert");
    anchor.insertAdjacentElement("afterend", note);
  }
  note.textContent = template
    .replace("{name}", big.name)
    .replace("{size}", (big.size / 1048576).toFixed(1));
  input.value = "";
  input.dispatchEvent(new Event("change", { bubbles: true })); // others forget the file too
});
