(function () {
  "use strict";
  var root = document.documentElement;
  var boxes = document.querySelectorAll("input[data-filter]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (ev) {
      var cb = ev.target;
      root.classList.toggle("hide-" + cb.getAttribute("data-filter"), !cb.checked);
    });
  }
  var pop = document.getElementById("pop");
  var active = null;
  function hide() {
    pop.hidden = true;
    pop.textContent = "";
    if (active) { active.classList.remove("active"); active = null; }
  }
  function show(mark) {
    var key = mark.getAttribute("data-f");
    var detail = document.getElementById("d" + key);
    if (!detail) { return; }
    hide();
    var body = detail.querySelector(".fd");
    pop.appendChild(body.cloneNode(true));
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
    active = mark;
    mark.classList.add("active");
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var mark = t.closest ? t.closest("mark.f") : null;
    if (mark) { ev.preventDefault(); if (mark === active) { hide(); } else { show(mark); } return; }
    if (!pop.contains(t)) { hide(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hide(); return; }
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("mark.f")) {
      ev.preventDefault();
      show(ev.target);
    }
  });
})();
