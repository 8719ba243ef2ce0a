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
