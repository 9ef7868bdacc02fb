// Timeline filters: by source and by story, on the reports of this timeline page.
// An enhancement only: without it every report is listed and the source pages filter by outlet.
// The choice lives in the address (?source=…&story=…) so a filtered view can be shared, and
// a polite live region says how many reports are shown.
import { wordsOf } from "./words.js";

const form = document.getElementById("timeline-filters");
const status = document.getElementById("filter-status");

if (form instanceof HTMLFormElement && status) {
  const words = wordsOf(form);
  const source = /** @type {HTMLSelectElement} */ (form.elements.namedItem("source"));
  const story = /** @type {HTMLSelectElement} */ (form.elements.namedItem("story"));
  const entries = [...document.querySelectorAll(".timeline .entry")];
  const reports = entries.filter((e) => e.getAttribute("data-kind") !== "event");
  // A report has one source; a dated event lists every source that reports it.
  const sourcesOf = (e) => (e.getAttribute("data-sources") ?? e.getAttribute("data-source") ?? "").split(" ");
  const groups = [...document.querySelectorAll(".timeline .story-group")];
  const days = [...document.querySelectorAll(".timeline .day")];
  const pagerLinks = [...document.querySelectorAll(".pager a, .page-list a")];

  const known = (select, value) => [...select.options].some((o) => o.value === value && value !== "");
  const labelOf = (select) => select.options[select.selectedIndex]?.text ?? "";

  function apply(announce) {
    const s = source.value;
    const t = story.value;
    let shown = 0;
    for (const e of entries) {
      const ok = (!s || sourcesOf(e).includes(s)) && (!t || e.getAttribute("data-story") === t);
      e.hidden = !ok;
      if (ok && reports.includes(e)) shown++;
    }
    for (const g of groups) g.hidden = !g.querySelector(".entry:not([hidden])");
    for (const d of days) d.hidden = !d.querySelector(".entry:not([hidden])");

    const params = new URLSearchParams(location.search);
    s ? params.set("source", s) : params.delete("source");
    t ? params.set("story", t) : params.delete("story");
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    for (const a of pagerLinks) {
      const u = new URL(a.href);
      u.search = query;
      a.href = u.toString();
    }

    const what = [s && labelOf(source), t && words("timeline.storyFilter", { story: labelOf(story) })]
      .filter(Boolean)
      .join(", ");
    const text = what
      ? words("timeline.showing", { shown, total: reports.length, what })
      : words("timeline.showingAll", { shown });
    // A change the reader made is announced; on load only a filtered view says so.
    if (announce || what) status.textContent = text;
  }

  const params = new URLSearchParams(location.search);
  const s0 = params.get("source") ?? "";
  const t0 = params.get("story") ?? "";
  source.value = known(source, s0) ? s0 : "";
  story.value = known(story, t0) ? t0 : "";
  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", () => {
    // after the browser has reset the selects
    setTimeout(() => apply(true), 0);
  });
  apply(false);
}
