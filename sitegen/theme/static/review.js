// sitegen serve only: the "Copy the sign-off entry" button. The button is a real <button>
// (reached with Tab, pressed with Enter or Space) and stays hidden without this script,
// when the entry can still be selected and copied by hand. The result is announced in a
// role="status" element next to it.
"use strict";
document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
  var source = document.getElementById(button.getAttribute("data-copy-target"));
  var status = button.parentNode.querySelector(".copy-button__status");
  if (!source) { return; }
  button.hidden = false;
  function say(text) { if (status) { status.textContent = text; } }
  function selectText() {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  button.addEventListener("click", function () {
    var text = source.textContent;
    var done = function () { say("Copied. Paste it under signoff: in the leaflet's file, then write your name and role."); };
    var failed = function () { selectText(); say("Could not copy by itself: the entry is selected, press Ctrl+C (or Cmd+C) to copy it."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  });
});
