// Runs before the first paint: pasted into index.html (trunk's rel="inline"), where the
// Content-Security-Policy allows it by its hash.
// index.html carries a static sign-in form, so the user-name field is there at once, before
// the wasm loads. This decides whether to show it: someone with a stored ticket, or an
// embedded view (its portal signs it in), sees a neutral "Loading…" instead. A submit before
// the console has started is held (never sent as a plain form post) and done by the console
// when it takes the form over (shell::boot).
(function () {
  var root = document.documentElement;
  var ticket = null;
  try {
    ticket = sessionStorage.getItem("inforouter.ticket");
  } catch (e) {
    // Storage blocked (a privacy setting): no stored ticket, then.
  }
  var embedded = /\/embed\/[^/]+\/?$/.test(location.pathname);
  root.setAttribute("data-boot", embedded ? "embed" : ticket ? "wait" : "sign-in");
  document.addEventListener("submit", function (ev) {
    if (ev.target && ev.target.id === "boot-sign-in") {
      ev.preventDefault();
      ev.target.setAttribute("data-submitted", "");
    }
  });
})();
