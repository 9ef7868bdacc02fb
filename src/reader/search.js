// Search page: Pagefind's JS API behind the page's own form, so the markup, the wording and
// the accessibility are ours. The index lives in <site>/pagefind/, next to this script's
// folder: both URLs are worked out from this file's own address, so a path prefix just works.
// The query is kept in the address (?q=…&source=…&language=…): results can be shared and the
// form also works as a plain GET form. Every report is searched whatever its language: Pagefind
// makes one index per language (src/build/search-language.ts), and each one of every part is
// merged here. The page's words are the site's (data-words: src/reader/words.js).
import { wordsOf } from "./words.js";

const form = document.getElementById("search-form");
const results = document.getElementById("search-results");
const status = document.getElementById("search-status");
const template = document.getElementById("search-result");
const entityNote = document.getElementById("search-entities");
const say = wordsOf(form);

const siteBase = new URL("../", import.meta.url);
const bundle = new URL("pagefind/pagefind.js", siteBase).href;

/** @type {Promise<any> | undefined} */
let pagefindReady;
function pagefind() {
  pagefindReady ??= import(bundle).then(async (pf) => {
    const options = { baseUrl: siteBase.pathname, excerptLength: 30 };
    await pf.options(options);
    await pf.init();
    // an archive's index comes in parts (pagefind/part-2/, …), each with one index per language
    // (its pagefind-entry.json lists them): all are searched as one
    const parts = ["pagefind/", ...(form.dataset.indexParts ?? "").split(" ").filter(Boolean)];
    const entries = await Promise.all(parts.map((part) => fetch(new URL(`${part}pagefind-entry.json`, siteBase)).then((r) => r.json())));
    const loaded = primaryLanguage(entries[0]?.languages ?? {});
    for (const [k, part] of parts.entries()) {
      for (const language of Object.keys(entries[k]?.languages ?? {})) {
        if (k === 0 && language === loaded) continue;
        // the full address: Pagefind skips a merge whose path starts its own folder's (pagefind/ itself)
        await pf.mergeIndex(new URL(part, siteBase).href, { ...options, language });
      }
    }
    return pf;
  });
  return pagefindReady;
}

/**
 * The language index Pagefind itself loads from pagefind/: the page's <html lang>, else its
 * base language, else the index with the most pages (as Pagefind's own choice goes).
 */
function primaryLanguage(languages) {
  const page = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
  if (languages[page]) return page;
  if (languages[page.split("-")[0]]) return page.split("-")[0];
  return Object.entries(languages).sort((a, b) => b[1].page_count - a[1].page_count)[0]?.[0];
}

/*
 * Japanese and Chinese: the build indexes each report's CJK text as character pairs, each one
 * Latin token (src/build/search-language.ts, the same encoding), so a word found inside a longer
 * run of characters does not depend on two segmenters agreeing (Pagefind issue #1237).
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const DIGITS = "bcdfghjklmnprtvw";
const PAIR_TOKEN = /\s*\bqz[bcdfghjklmnprtvw]{10}q\b/g;

function code(ch) {
  return [...ch.codePointAt(0).toString(16).padStart(5, "0")].map((h) => DIGITS[Number.parseInt(h, 16)]).join("");
}

function cjkPairTokens(text) {
  const pairs = new Set();
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(`qz${code(chars[i])}${code(chars[i + 1])}q`);
  }
  return [...pairs];
}

/** A page's text as the reader sees it: the pair tokens taken out. */
function pageText(data) {
  return `${data.meta?.title ?? ""} ${(data.content ?? "").replace(PAIR_TOKEN, "")}`;
}

/** Lowercase, without diacritics. */
function folded(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** An excerpt of our own around the first place the page's text holds `query` (the pairs' results, whose Pagefind excerpt is tokens). */
function ownExcerpt(data, query) {
  const text = (data.content ?? "").replace(PAIR_TOKEN, "");
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  const out = document.createDocumentFragment();
  if (at < 0) {
    out.append(text.slice(0, 80));
    return out;
  }
  const mark = document.createElement("mark");
  mark.textContent = text.slice(at, at + query.length);
  out.append(text.slice(Math.max(0, at - 40), at), mark, text.slice(at + query.length, at + query.length + 40));
  return out;
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
function card({ url, meta, excerpt, ownExcerpt: own }) {
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
  const summary = node.querySelector(".entry-summary");
  summary.replaceChildren("… ", own ?? excerptNodes((excerpt ?? "").replace(PAIR_TOKEN, "")), " …");
  // the report's own words in its language, whatever the page's
  for (const el of [title, summary]) {
    if (meta.language) el.setAttribute("lang", meta.language);
    el.setAttribute("dir", meta.dir === "rtl" ? "rtl" : "ltr");
  }
  const li = document.createElement("li");
  li.append(node);
  return li;
}

function showResults(items) {
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
    // the message with the name's place kept for its link
    const [before, after = ""] = say("search.namesSpelled", { query: query.trim(), name: "\u0001", spellings: n.spellings.join(", ") }).split("\u0001");
    entityNote.append(i ? say("search.namesSeparator") : "", before, a, after);
  });
  if (found.length) entityNote.append(say("search.namesBelow"));
}

/** Lowercase, without diacritics, split into words. */
function words(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Pagefind answers a word it does not know with the longest known prefix ("xylophone" finds
 * "X"). A result counts only when each query word starts a word of the page, or is that
 * word plus a short ending (stemming: "invitations" → "invitation"); a word in Chinese or
 * Japanese characters, written without spaces, counts when the page's text holds it anywhere.
 */
function reallyMatches(query, data) {
  const text = pageText(data);
  const page = words(text);
  const flat = folded(text);
  return words(query).every((t) =>
    CJK.test(t) ? flat.includes(t) : page.some((w) => w.startsWith(t) || (t.startsWith(w) && w.length >= Math.max(4, t.length - 3))),
  );
}

let latest = 0;
async function run(push) {
  const q = form.elements.namedItem("q").value.trim();
  const source = form.elements.namedItem("source").value;
  const language = form.elements.namedItem("language")?.value ?? "";
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (source) params.set("source", source);
  if (language) params.set("language", language);
  const query = params.toString();
  const address = location.pathname + (query ? `?${query}` : "");
  if (push) history.replaceState(null, "", address);
  const ticket = ++latest;
  void showNames(q, ticket);
  if (!q) {
    results.replaceChildren();
    status.textContent = push ? say("search.typeToSearch") : "";
    return;
  }
  status.textContent = say("search.searching");
  try {
    const exact = /^\s*".+"\s*$/.test(q);
    // A name's other spellings are searched too: a report is found (and quoted) by the spelling it uses.
    const [pf, named] = await Promise.all([pagefind(), exact ? [] : namesSpelled(q)]);
    const spellings = named.flatMap((n) => n.spellings);
    /** @type {{ text: string, matches: string, pairs?: boolean }[]} each search, and the words its results must hold */
    const queries = [q, ...new Set(spellings.filter((s) => words(s).join(" ") !== words(q).join(" ")))].map((text) => ({ text, matches: text }));
    // Chinese and Japanese: the query's character pairs too (see cjkPairTokens), the results checked against the query itself
    const pairs = exact ? [] : cjkPairTokens(q);
    if (pairs.length) queries.push({ text: pairs.join(" "), matches: q, pairs: true });
    const filters = {};
    if (source) filters.source = source;
    if (language) filters.language = language;
    const searches = await Promise.all(queries.map((one) => pf.search(one.text, { filters })));
    if (ticket !== latest) return;
    const seen = new Set();
    const data = [];
    let total = 0;
    for (const [i, found] of searches.entries()) {
      const loaded = await Promise.all(found.results.slice(0, 50).map((r) => r.data()));
      if (ticket !== latest) return;
      const kept = exact ? loaded : loaded.filter((d) => reallyMatches(queries[i].matches, d));
      // the first search's count stands for the pages past the 50 loaded, as before
      if (i === 0) total = kept.length === loaded.length ? found.results.length : kept.length;
      for (const d of kept) {
        if (seen.has(d.url)) continue;
        seen.add(d.url);
        data.push(queries[i].pairs ? { ...d, ownExcerpt: ownExcerpt(d, q) } : d);
        if (i > 0) total++;
      }
    }
    showResults(data);
    const where = {
      query: q,
      count: total,
      from: source ? say("search.fromSource", { source }) : "",
      inLanguage: language ? say("search.inLanguage", { language }) : "",
    };
    status.textContent = total ? say("search.matches", where) : say("search.noMatch", where);
  } catch (error) {
    if (ticket !== latest) return;
    results.replaceChildren();
    status.textContent = say("search.failed");
    console.warn(error);
  }
}

if (form instanceof HTMLFormElement && results && status && template instanceof HTMLTemplateElement) {
  const params = new URLSearchParams(location.search);
  form.elements.namedItem("q").value = params.get("q") ?? "";
  const select = form.elements.namedItem("source");
  const wanted = params.get("source") ?? "";
  if ([...select.options].some((o) => o.value === wanted)) select.value = wanted;
  const languageSelect = form.elements.namedItem("language");
  const wantedLanguage = params.get("language") ?? "";
  if (languageSelect && [...languageSelect.options].some((o) => o.value === wantedLanguage)) languageSelect.value = wantedLanguage;

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
