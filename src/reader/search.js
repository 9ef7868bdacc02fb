// Search page: Pagefind's JS API behind the page's own form, so the markup, the wording and
// the accessibility are ours. The index lives in <site>/pagefind/, next to this script's
// folder: both URLs are worked out from this file's own address, so a path prefix just works.
// The query is kept in the address (?q=…&source=…): results can be shared and the form
// also works as a plain GET form.
const form = document.getElementById("search-form");
const results = document.getElementById("search-results");
const status = document.getElementById("search-status");
const template = document.getElementById("search-result");
const entityNote = document.getElementById("search-entities");

const siteBase = new URL("../", import.meta.url);
const bundle = new URL("pagefind/pagefind.js", siteBase).href;

/** @type {Promise<any> | undefined} */
let pagefindReady;
function pagefind() {
  pagefindReady ??= import(bundle).then(async (pf) => {
    const options = { baseUrl: siteBase.pathname, excerptLength: 30 };
    await pf.options(options);
    await pf.init();
    // an archive's index comes in parts (pagefind/part-2/, …): searched as one
    for (const part of (form.dataset.indexParts ?? "").split(" ").filter(Boolean)) await pf.mergeIndex(new URL(part, siteBase).pathname, options);
    return pf;
  });
  return pagefindReady;
}

/** Pagefind's excerpt is HTML with <mark> around hits: keep only its text and the marks. */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createDocumentFragment();
  for (const node of doc.body.firstChild?.childNodes ?? []) {
    if (node.nodeName === "MARK") {
      const m = document.createElement("mark");
      m.textContent = node.textContent;
      out.append(m);
    } else {
      out.append(document.createTextNode(node.textContent ?? ""));
    }
  }
  return out;
}

/**
 * One result: a copy of the page's <template id="search-result">, the site's own article card
 * (the same partial as every list), filled with the result's page, metadata and excerpt.
 */
function card({ url, meta, excerpt }) {
  const node = template.content.firstElementChild.cloneNode(true);
  const sourceId = meta.source_id ?? "";
  node.setAttribute("data-source", sourceId);
  const title = node.querySelector(".entry-title a");
  title.href = url;
  title.textContent = meta.title ?? url;
  const label = node.querySelector(".source-label");
  label.setAttribute("data-source", sourceId);
  if (meta.source_href) label.href = new URL(meta.source_href.replace(/^\//, ""), siteBase).href;
  label.querySelector(".source-mark").textContent = meta.source_initials ?? "";
  label.lastChild.textContent = ` ${meta.source ?? ""}`;
  node.querySelector("time").textContent = meta.date ?? "";
  node.querySelector(".entry-summary").replaceChildren("… ", excerptNodes(excerpt ?? ""), " …");
  const li = document.createElement("li");
  li.append(node);
  return li;
}

function render(items) {
  results.replaceChildren(...items.map(card));
}

/** @type {Promise<{ name: string, href: string, spellings: string[] }[]> | undefined} */
let namesReady;
/** The names with several spellings (search/names.json, loaded with the first search): kept out of the page, which an archive of thousands of names made heavy. */
function names() {
  namesReady ??= fetch(new URL(form.dataset.names.replace(/^\//, ""), siteBase)).then((r) => (r.ok ? r.json() : []), () => []);
  return namesReady;
}

/**
 * The names a query spells: a query that is (part of) any spelling of a name points to that
 * name's page, whichever spelling it uses.
 */
async function namesSpelled(query) {
  const q = words(query).join(" ");
  if (!q) return [];
  return (await names())
    .filter((n) => n.spellings.some((s) => ` ${words(s).join(" ")} `.includes(` ${q} `)))
    .map((n) => ({ ...n, href: new URL(n.href, siteBase).href }));
}

async function showNames(query, ticket) {
  if (!entityNote) return;
  const found = await namesSpelled(query);
  if (ticket !== latest) return;
  entityNote.replaceChildren();
  found.forEach((n, i) => {
    const a = document.createElement("a");
    a.href = n.href;
    a.textContent = n.name;
    entityNote.append(i ? "; " : "", "“", query.trim(), "” names ", a, `, written ${n.spellings.join(", ")}`);
  });
  if (found.length) entityNote.append(": reports with any of these spellings are below.");
}

/** Lowercase, without diacritics, split into words. */
function words(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Pagefind answers a word it does not know with the longest known prefix ("xylophone" finds
 * "X"). A result counts only when each query word starts a word of the page, or is that
 * word plus a short ending (stemming: "invitations" → "invitation").
 */
function reallyMatches(terms, data) {
  const page = words(`${data.meta?.title ?? ""} ${data.content ?? ""}`);
  return terms.every((t) => page.some((w) => w.startsWith(t) || (t.startsWith(w) && w.length >= Math.max(4, t.length - 3))));
}

let latest = 0;
async function run(push) {
  const q = form.elements.namedItem("q").value.trim();
  const source = form.elements.namedItem("source").value;
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (source) params.set("source", source);
  const query = params.toString();
  const address = location.pathname + (query ? `?${query}` : "");
  if (push) history.replaceState(null, "", address);
  const ticket = ++latest;
  void showNames(q, ticket);
  if (!q) {
    results.replaceChildren();
    status.textContent = push ? "Type a word or a name to search the reports." : "";
    return;
  }
  status.textContent = "Searching…";
  try {
    const exact = /^\s*".+"\s*$/.test(q);
    // A name's other spellings are searched too: a report is found (and quoted) by the spelling it uses.
    const [pf, named] = await Promise.all([pagefind(), exact ? [] : namesSpelled(q)]);
    const spellings = named.flatMap((n) => n.spellings);
    const queries = [q, ...new Set(spellings.filter((s) => words(s).join(" ") !== words(q).join(" ")))];
    const searches = await Promise.all(queries.map((query) => pf.search(query, source ? { filters: { source } } : {})));
    if (ticket !== latest) return;
    const seen = new Set();
    const data = [];
    let total = 0;
    for (const [i, found] of searches.entries()) {
      const loaded = await Promise.all(found.results.slice(0, 50).map((r) => r.data()));
      if (ticket !== latest) return;
      const kept = exact ? loaded : loaded.filter((d) => reallyMatches(words(queries[i]), d));
      // the first search's count stands for the pages past the 50 loaded, as before
      if (i === 0) total = kept.length === loaded.length ? found.results.length : kept.length;
      for (const d of kept) {
        if (seen.has(d.url)) continue;
        seen.add(d.url);
        data.push(d);
        if (i > 0) total++;
      }
    }
    render(data);
    const where = source ? ` from ${source}` : "";
    const n = total;
    status.textContent = n
      ? `${n} ${n === 1 ? "report matches" : "reports match"} “${q}”${where}.`
      : `No reports match “${q}”${where}. Try another spelling, or browse the timeline.`;
  } catch (error) {
    if (ticket !== latest) return;
    results.replaceChildren();
    status.textContent = "Search could not load. Browse the timeline or the sources instead.";
    console.warn(error);
  }
}

if (form instanceof HTMLFormElement && results && status && template instanceof HTMLTemplateElement) {
  const params = new URLSearchParams(location.search);
  form.elements.namedItem("q").value = params.get("q") ?? "";
  const select = form.elements.namedItem("source");
  const wanted = params.get("source") ?? "";
  if ([...select.options].some((o) => o.value === wanted)) select.value = wanted;

  let timer = 0;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(true), 250);
  });
  form.addEventListener("change", () => {
    clearTimeout(timer);
    run(true);
  });
  if (params.get("q")) run(false);
}
