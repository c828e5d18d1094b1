// Highlight every piece of the span the address points to (a span may be cut into several pieces).
(function () {
  function show() {
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll('[data-spans~="' + CSS.escape(id) + '"]').forEach(function (e) { e.classList.add("current"); });
  }
  window.addEventListener("hashchange", show);
  show();
})();
