/**
 * A report as it reaches us in a clipping: plain text, perhaps with its page furniture mixed in
 * (a title line, a date line, a photo caption with a bold credit, "Related article: [title](url)"
 * lines, a "… contributed reporting." line, "Original url:" and the address), perhaps with none
 * of it. The furniture goes to front matter, the rest is the body, one paragraph per block.
 */

export interface Clipping {
  title?: string;
  /** `YYYY-MM-DD` */
  date?: string;
  url?: string;
  credit?: string;
  image?: { caption?: string; credit?: string };
  related: { title: string; url?: string }[];
  /** Markdown paragraphs separated by blank lines. */
  body: string;
  /** Links whose target was a placeholder (`#` or empty), in the whole clipping. */
  placeholderLinks: number;
  /** What was found where, for the command's report. */
  found: string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

/** "September 16, 2024", "16 Sept. 2024", "2024-09-16" (a weekday before it is fine) → `2024-09-16`. */
export function parseDateLine(line: string): string | undefined {
  const s = line.replace(/[*_]/g, "").trim().replace(/^(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+/i, "");
  const pad = (n: number) => String(n).padStart(2, "0");
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso) return s;
  const mdy = new RegExp(`^${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, "i").exec(s);
  const dmy = new RegExp(`^(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})$`, "i").exec(s);
  const [month, day, year] = mdy ? [mdy[1]!, Number(mdy[2]), Number(mdy[3])] : dmy ? [dmy[2]!, Number(dmy[1]), Number(dmy[3])] : [];
  if (!month || !day || !year) return undefined;
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  return m ? `${year}-${pad(m)}-${pad(day)}` : undefined;
}

const isPlaceholder = (url: string) => url.trim() === "" || url.trim() === "#";

export function parseClipping(text: string): Clipping {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/\s+$/, ""));
  // Blocks are separated by blank lines; a copy without any blank line has one paragraph per line.
  let blocks = lines.join("\n").split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  if (blocks.length === 1 && blocks[0]!.includes("\n")) blocks = blocks[0]!.split("\n").map((l) => l.trim()).filter(Boolean);
  const out: Clipping = { related: [], body: "", placeholderLinks: (text.match(/\]\(\s*#?\s*\)/g) ?? []).length, found: [] };
  const body: string[] = [];
  let inHeader = true;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const single = !block.includes("\n");
    const date = single ? parseDateLine(block) : undefined;
    if (inHeader && date && !out.date) {
      out.date = date;
      out.found.push(`date ${date} (the date line)`);
      continue;
    }
    if (inHeader && !out.title && single && block.length <= 300 && !/[.!?:"”]$/.test(block) && blocks.slice(i + 1, i + 3).some((b) => parseDateLine(b))) {
      out.title = block;
      out.found.push("title (the first line)");
      continue;
    }
    const caption = single && inHeader ? /^(.+?)\s*\*\*([^*]+)\*\*\s*$/.exec(block) : null;
    if (caption) {
      out.image = { caption: caption[1]!.trim(), credit: caption[2]!.trim() };
      out.found.push("image.caption and image.credit (the photo caption line)");
      continue;
    }
    const related = single ? /^\**related(?:\s+(?:article|articles|story|stories|reading))?\**\s*:\s*\[([^\]]+)\]\(([^)]*)\)\s*$/i.exec(block) : null;
    if (related) {
      out.related.push(isPlaceholder(related[2]!) ? { title: related[1]!.trim() } : { title: related[1]!.trim(), url: related[2]!.trim() });
      out.found.push("related (a \"Related article\" line)");
      continue;
    }
    if (single && /\bcontributed(?:\s+to)?\s+(?:this\s+)?report(?:ing)?\.?$/i.test(block)) {
      out.credit = block;
      out.found.push("credit (the wire credit line)");
      continue;
    }
    const original = single ? /^original\s+(?:url|address|link|article)\s*:?\s*(.*)$/i.exec(block) : null;
    if (original) {
      const rest = original[1]!.trim() || blocks[i + 1]?.trim() || "";
      const url = /^<?(https?:\/\/[^\s>]+)>?$/i.exec(rest)?.[1];
      if (url) {
        out.url = url;
        out.found.push("url (the \"Original url\" line)");
        if (!original[1]!.trim()) i++;
        continue;
      }
    }
    inHeader = false;
    body.push(block.split("\n").map((l) => l.trim()).join("\n"));
  }
  out.body = body.join("\n\n");
  return out;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** An editor's note saying what the copy lacked and where values came from instead. */
export function provenanceNote(c: Clipping, from: { titleFromAddress: boolean; dateFromAddress: boolean; hasByline: boolean }): string | undefined {
  const parts: string[] = [];
  const lacks = [!c.title && "title", !from.hasByline && "byline", !c.date && "date"].filter((x): x is string => !!x);
  if (!c.title && !c.date) {
    parts.push(`Our copy of this report has no ${lacks.length > 1 ? `${lacks.slice(0, -1).join(", ")} or ${lacks[lacks.length - 1]}` : lacks[0]}.`);
    const fromAddress = [from.titleFromAddress && "title", from.dateFromAddress && "date"].filter(Boolean);
    if (fromAddress.length) parts.push(`The ${fromAddress.join(" and the ")} ${fromAddress.length > 1 ? "are" : "is"} taken from the original address, not from the text itself.`);
  }
  const n = c.placeholderLinks;
  if (n) {
    const count = NUMBER_WORDS[n] ?? String(n);
    parts.push(
      n === 1
        ? `The one link in the body of our copy was a placeholder; its real target is not known, so it is shown as plain text.`
        : `The ${count} links in the body of our copy were placeholders; their real targets are not known, so they are shown as plain text.`,
    );
    // a related line whose link was one of the placeholders is listed without an address
    const unlinked = c.related.filter((r) => !r.url).length;
    if (unlinked) parts.push(`The "Related article" line${unlinked > 1 ? "s are" : " is"} listed below the report.`);
  }
  return parts.length ? parts.join(" ") : undefined;
}
