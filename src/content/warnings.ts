/**
 * Warnings: things an editor should look at that do not stop the build. Page furniture pasted
 * into a body (a "Related article" line, a wire credit or byline, the original address, the title
 * or the date repeated, a photo caption with its credit, a newsletter or cookie box: the rules
 * are ./furniture.ts, shared with `npm run import`), and gaps in the record: entities no report
 * names, sources without reports, reports of a story with a fact grid that nothing cites.
 */
import type { ArticleDraft } from "./article-files.ts";
import type { DataFiles } from "./data-files.ts";
import type { Content } from "./model.ts";
import { FURNITURE_MESSAGES, furnitureKind, normTitle } from "./furniture.ts";
import type { Problem } from "./problems.ts";

/** Body lines that look like page furniture, with their line numbers in the file. */
export function furnitureWarnings(draft: Pick<ArticleDraft, "file" | "body" | "bodyLine" | "data">): Problem[] {
  const out: Problem[] = [];
  const title = normTitle(draft.data.title);
  let fenced = false;
  draft.body.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    const line = raw.trim().replace(/^#+\s*/, "");
    if (fenced || !line) return;
    const kind = furnitureKind(line, title);
    if (kind)
      out.push({
        file: draft.file,
        line: draft.bodyLine + i,
        column: raw.search(/\S/) + 1,
        message: FURNITURE_MESSAGES[kind],
        severity: "warning",
      });
  });
  return out;
}

/** Gaps in the linked record. */
export function recordWarnings(content: Content, data: Pick<DataFiles, "files" | "at">): Problem[] {
  const out: Problem[] = [];
  const warn = (file: string, field: string | undefined, message: string, where: Partial<Problem> = {}) =>
    out.push({ file, field, ...where, message, severity: "warning" });
  content.sources.forEach((s) => {
    if (!s.articles.length)
      warn(
        data.files.sources,
        `[${s.index}] (id "${s.id}")`,
        "has no reports: add one, or remove the source",
        data.at.sources([s.index]),
      );
  });
  for (const e of content.entities) {
    if (!e.articles.length)
      warn(
        data.files.entities,
        `[${e.index}] (id "${e.id}")`,
        `no report names "${e.name}" (nor any of its aliases): it is published with no reports`,
        data.at.entities([e.index]),
      );
  }
  const cited = new Set([...content.events, ...content.claims].flatMap((x) => x.citations.map((c) => c.article)));
  for (const story of content.stories) {
    if (!story.claims.length) continue;
    for (const a of story.articles) {
      if (!cited.has(a))
        warn(
          a.file,
          undefined,
          `is part of story "${story.id}", which has a fact grid, but no event or claim cites it: check which of the story's facts it gives`,
        );
    }
  }
  return out;
}
