// Character counters for text fields (progressive enhancement; without it the page states the
// limit and the server refuses a longer text). A field's limit note (data-count-for = the
// field's id) becomes "You have 120 characters left" / "… too many", in the page's words
// (data-left, data-over with {n}); a screen reader hears it once typing pauses.
(function () {
  "use strict";

  var number = new Intl.NumberFormat(document.documentElement.lang || "sv");

  function length(text) {
    // As the server counts: characters, not UTF-16 units; a new line is sent as two (CR LF).
    return Array.from(text.replace(/\r?\n/g, "\r\n")).length;
  }

  function setUp(note) {
    var field = document.getElementById(note.getAttribute("data-count-for"));
    if (!field || note.hasAttribute("data-counting")) {
      return;
    }
    note.setAttribute("data-counting", "");
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var status = document.getElementById(note.id + "_status");
    var timer = null;

    function update(announce) {
      var left = limit - length(field.value);
      var words = note.getAttribute(left < 0 ? "data-over" : "data-left");
      var text = words.replace("{n}", number.format(Math.abs(left)));
      note.textContent = text;
      note.classList.toggle("field__limit--over", left < 0);
      if (announce && status) {
        clearTimeout(timer);
        timer = setTimeout(function () { status.textContent = text; }, 1000);
      }
    }

    field.addEventListener("input", function () { update(true); });
    update(false);
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-count-for]").forEach(setUp);
  }

  setUpAll(document);
  document.addEventListener("htmx:load", function (event) { setUpAll(event.target); });
})();
