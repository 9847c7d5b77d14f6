// Small enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // On a phone the menu starts folded (without this script it starts open).
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia("(max-width: 48rem)").matches) menu.removeAttribute("open");
  // Forms that ask for confirmation before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
  // htmx requests carry the form token in a header.
  document.body.addEventListener("htmx:configRequest", function (ev) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) ev.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
  });
});
