// The report page's proof of work: find a nonce such that SHA-256("challenge:nonce") starts
// with the required zero bits, before the form is sent. Nothing leaves the page but the form.
// Without this script the report is still accepted, into the slower "to verify" queue.
// crypto.subtle exists only in a secure context (HTTPS or localhost); a closed network often
// serves plain HTTP, so the page carries its own SHA-256 for that case.
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
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  // SHA-256 of a byte array (FIPS 180-4), for pages served without a secure context.
  function sha256(bytes) {
    var n = bytes.length, blocks = ((n + 9 + 63) >> 6) << 4, w = new Array(blocks).fill(0), i;
    for (i = 0; i < n; i++) { w[i >> 2] |= bytes[i] << (24 - (i % 4) * 8); }
    w[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    w[blocks - 1] = n * 8;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var m = new Array(64);
    for (var off = 0; off < blocks; off += 16) {
      for (i = 0; i < 64; i++) {
        if (i < 16) { m[i] = w[off + i] | 0; continue; }
        var a = m[i - 15], b = m[i - 2];
        var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        m[i] = (m[i - 16] + s0 + m[i - 7] + s1) | 0;
      }
      var x = h.slice();
      for (i = 0; i < 64; i++) {
        var e = x[4], f = x[0];
        var t1 = (x[7] + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & x[5]) ^ (~e & x[6])) + K[i] + m[i]) | 0;
        var t2 = ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) +
          ((f & x[1]) ^ (f & x[2]) ^ (x[1] & x[2]))) | 0;
        x = [(t1 + t2) | 0, f, x[1], x[2], (x[3] + t1) | 0, e, x[5], x[6]];
      }
      for (i = 0; i < 8; i++) { h[i] = (h[i] + x[i]) | 0; }
    }
    var out = new Uint8Array(32);
    for (i = 0; i < 32; i++) { out[i] = (h[i >> 2] >>> (24 - (i % 4) * 8)) & 0xff; }
    return out;
  }
  function digest(bytes) {
    if (window.crypto && crypto.subtle) {
      return crypto.subtle.digest("SHA-256", bytes).then(function (d) { return new Uint8Array(d); });
    }
    return Promise.resolve(sha256(bytes));
  }
  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var found = await digest(encoder.encode(challenge + ":" + nonce));
      if (zeroBits(found) >= bits) { return String(nonce); }
    }
  }
  function start() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var form = document.querySelector("form[data-pow-bits]");
    if (!form || !window.TextEncoder) { return; }
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
