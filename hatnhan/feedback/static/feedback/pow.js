// The report page's proof of work: find a nonce such that SHA-256("challenge:nonce") starts
// with the required zero bits, before the form is sent. Nothing leaves the page but the form.
// Without this script (or without crypto.subtle, outside a secure context) the report is
// still accepted, into the slower "to verify" queue.
(function () {
  "use strict";
  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      var b = bytes[i];
      while ((b & 0x80) === 0) { bits += 1; b <<= 1; }
      return bits;
    }
    return bits;
  }
  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + nonce));
      if (zeroBits(new Uint8Array(digest)) >= bits) { return String(nonce); }
    }
  }
  function start() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var form = document.querySelector("form[data-pow-bits]");
    if (!form || !window.crypto || !crypto.subtle || !window.TextEncoder) { return; }
    var challenge = form.querySelector("input[name=pow_challenge]");
    var nonce = form.querySelector("input[name=pow_nonce]");
    var status = form.querySelector("[data-pow-status]");
    var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
    var work = solve(challenge.value, bits).then(function (found) {
      nonce.value = found;
      return found;
    });
    form.addEventListener("submit", function (event) {
      if (nonce.value) { return; }
      event.preventDefault();
      if (status) { status.textContent = status.getAttribute("data-working"); }
      work.then(function () { form.submit(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
