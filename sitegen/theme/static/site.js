// sitegen: progressive enhancement for every page. Without this script the header's search
// box leads to the A to Z; with it, to the search page (data-search-page), which needs
// JavaScript too. No inline handlers: the pages carry no script of their own.
"use strict";
document.querySelectorAll("form[data-search-page]").forEach(function (form) {
  form.setAttribute("action", form.getAttribute("data-search-page"));
});
