// Confirmation prompts for dangerous buttons (no inline scripts: the CSP forbids them).
document.addEventListener("click", function (e) {
  var el = e.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); e.stopPropagation(); }
});
// Household form: add another member row from the <template>.
document.addEventListener("click", function (e) {
  var btn = e.target.closest("[data-add-member]");
  if (!btn) return;
  var list = document.getElementById("members");
  var tpl = document.getElementById("member-template");
  var index = list.querySelectorAll(".member-row").length;
  var html = tpl.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1));
  list.insertAdjacentHTML("beforeend", html);
});
// Print buttons (A4 reports).
document.addEventListener("click", function (e) {
  if (e.target.closest("[data-print]")) window.print();
});
