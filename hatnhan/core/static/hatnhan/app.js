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
