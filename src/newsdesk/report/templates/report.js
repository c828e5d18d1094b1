// Highlight every piece of the span the address points to (a span may be cut into several pieces).
(function () {
  function show() {
    document.querySelectorAll(".current").forEach(function (e) { e.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    // a link into a folded list opens it
    var target = document.getElementById(id);
    for (var e = target; e; e = e.parentElement) { if (e.tagName === "DETAILS") e.open = true; }
    if (target) target.scrollIntoView();
    document.querySelectorAll('[data-spans~="' + CSS.escape(id) + '"]').forEach(function (e) { e.classList.add("current"); });
  }
  window.addEventListener("hashchange", show);
  show();
})();
