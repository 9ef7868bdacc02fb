/**
 * Warnings: things an editor should look at that do not stop the build. Page furniture pasted
 * into a body (a "Related article" line, a wire credit, the original address, the title or the
 * date repeated, a photo caption with its credit), and gaps in the record: entities no report
 * names, sources without reports, reports of a story with a fact grid that nothing cites.
 */
import type { ArticleDraft } from "./article-files.ts";
import type { DataFiles } from "./data-files.ts";
import type { Content } from "./model.ts";
import type { Problem } from "./problems.ts";

const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DATE_LINE = new RegExp(`^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})$`, "i");

/** Each pattern with what to do instead. */
const FURNITURE: { test: (line: string, title: string) => boolean; message: string }[] = [
  { test: (l) => /^related(?:\s+(?:articles?|stories|story|reading|coverage))?\s*:/i.test(l), message: 'looks like a "Related article" line from the page: list it under related: in the front matter (title, url)' },
  { test: (l) => /\bcontributed(?:\s+to)?\s+(?:this\s+)?report(?:ing)?\.?$/i.test(l), message: "looks like a wire credit: put it in credit: in the front matter" },
  { test: (l) => /^original\s+(?:url|address|link|article)\b/i.test(l), message: "looks like the original address pasted from the clipping: put the address in url: in the front matter" },
  { test: (l) => /\*\*[^*]+\/\s*[^*]+\*\*\s*$/.test(l) && l.length < 400, message: "looks like a photo caption with its credit: put them in image.caption and image.credit" },
  // a cheap length test first: normalising every line of every body costs more than the rest
  { test: (l, title) => l.length <= title.length * 2 + 8 && norm(l) === title, message: "repeats the title: the headline is in title: in the front matter" },
  { test: (l) => DATE_LINE.test(l.replace(/[*_]/g, "").trim()), message: "is a date on its own line: the date is in date: in the front matter" },
];

function norm(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, " ").trim();
}

/** Body lines that look like page furniture, with their line numbers in the file. */
export function furnitureWarnings(draft: Pick<ArticleDraft, "file" | "body" | "bodyLine" | "data">): Problem[] {
  const out: Problem[] = [];
  const title = norm(draft.data.title);
  let fenced = false;
  draft.body.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    const line = raw.trim().replace(/^#+\s*/, "");
    if (fenced || !line) return;
    const hit = FURNITURE.find((f) => f.test(line, title));
    if (hit) out.push({ file: draft.file, line: draft.bodyLine + i, column: raw.search(/\S/) + 1, message: hit.message, severity: "warning" });
  });
  return out;
}

/** Gaps in the linked record. */
export function recordWarnings(content: Content, data: Pick<DataFiles, "files" | "at">): Problem[] {
  const out: Problem[] = [];
  const warn = (file: string, field: string | undefined, message: string, where: Partial<Problem> = {}) => out.push({ file, field, ...where, message, severity: "warning" });
  content.sources.forEach((s) => {
    if (!s.articles.length) warn(data.files.sources, `[${s.index}] (id "${s.id}")`, "has no reports: add one, or remove the source", data.at.sources([s.index]));
  });
  for (const e of content.entities) {
    if (!e.articles.length)
      warn(data.files.entities, `[${e.index}] (id "${e.id}")`, `no report names "${e.name}" (nor any of its aliases): it is published with no reports`, data.at.entities([e.index]));
  }
  const cited = new Set([...content.events, ...content.claims].flatMap((x) => x.citations.map((c) => c.article)));
  for (const story of content.stories) {
    if (!story.claims.length) continue;
    for (const a of story.articles) {
      if (!cited.has(a)) warn(a.file, undefined, `is part of story "${story.id}", which has a fact grid, but no event or claim cites it: check which of the story's facts it gives`);
    }
  }
  return out;
}
