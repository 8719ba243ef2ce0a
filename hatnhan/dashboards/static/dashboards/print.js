// The printable scorecard's "Print" button (no inline handler: the CSP allows none).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
