// sitegen's search page, on the Pagefind JS API (pagefind/pagefind.js, made by `sitegen build`).
// Our own small results list rather than Pagefind's default UI: one status line that screen
// readers announce (role="status"), results as a list of headed links, no focus moves, no
// inline styles or handlers. Messages come from the page (data-* on the status line).
const status = document.getElementById("sg-search-status");
const list = document.getElementById("sg-search-results");
const form = document.getElementById("sg-search-form");
const input = document.getElementById("sg-search-input");
const moreWrap = document.getElementById("sg-search-more-wrap");
const more = document.getElementById("sg-search-more");
const PAGE = 10;
const root = new URL("../", import.meta.url);
let pagefind = null;
let current = { results: [], shown: 0, query: "" };

function say(name, count, query) {
  const text = (status.dataset[name] || "").replace("{count}", String(count)).replace("{query}", query);
  status.textContent = text;
}

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
  }
  return pagefind;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "search-results__item";
  const heading = document.createElement("h2");
  heading.className = "search-results__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.appendChild(link);
  li.appendChild(heading);
  const summary = data.meta && data.meta.summary;
  if (summary) {
    const p = document.createElement("p");
    p.className = "search-results__summary";
    p.textContent = summary;
    li.appendChild(p);
  }
  return li;
}

async function showMore() {
  const next = current.results.slice(current.shown, current.shown + PAGE);
  const rows = await Promise.all(next.map((r) => r.data()));
  rows.forEach((data) => list.appendChild(item(data)));
  current.shown += next.length;
  moreWrap.hidden = current.shown >= current.results.length;
}

async function run(query) {
  query = query.trim();
  list.replaceChildren();
  list.hidden = true;
  moreWrap.hidden = true;
  if (!query) {
    say("empty", 0, "");
    return;
  }
  say("searching", 0, query);
  try {
    const found = await (await engine()).search(query);
    current = { results: found.results, shown: 0, query: query };
    await showMore();
    list.hidden = found.results.length === 0;
    const n = found.results.length;
    say(n === 0 ? "foundNone" : n === 1 ? "foundOne" : "foundMany", n, query);
  } catch (error) {
    say("broken", 0, query);
    document.getElementById("sg-search-fallback").hidden = false;
  }
}

document.getElementById("sg-search-fallback").hidden = true;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(window.location.href);
  url.searchParams.set("q", query.trim());
  window.history.replaceState(null, "", url);
  run(query);
});
more.addEventListener("click", () => { showMore(); });
const asked = new URLSearchParams(window.location.search).get("q");
if (asked) {
  input.value = asked;
  run(asked);
}
