/**
 * Page furniture: what an outlet's page prints around a report that is not the report. ONE set
 * of rules, used by `npm run check` (a warning on each body line that looks like furniture, in
 * ./warnings.ts) and by `npm run import` (which removes those lines, or moves them to front
 * matter, in src/editing/): what the check flags is exactly what the importer takes out.
 *
 * The phrase list (newsletter boxes, cookie banners, "listen live", promos, share bars) lives
 * here and only here: add a phrase to FURNITURE_PHRASES and both commands know it.
 */

/** What a furniture line is, and so where its content belongs. */
export type FurnitureKind =
  | "related"
  | "credit"
  | "original-url"
  | "caption"
  | "title"
  | "date"
  | "byline"
  | "boilerplate";

/** Short lines (a box, a banner, a button) that are the site's, not the report's. Case-insensitive. */
const FURNITURE_PHRASES: readonly RegExp[] = [
  // newsletters and subscriptions
  /\bin your inbox\b/i,
  /\b(?:sign|signing) up (?:for|to) (?:our|the|a|its)\b.*\b(?:newsletters?|e-?mails?|briefings?|alerts|updates|digest)\b/i,
  /^(?:sign up|subscribe)(?: now| today| here)?[.!]?$/i,
  /\bsubscribe (?:now|today|to (?:our|the) (?:newsletter|podcast|channel)|for (?:full|unlimited) access)\b/i,
  /\b(?:our|the) (?:free |daily |weekly |morning |evening )*newsletters?\b.*\b(?:sign up|subscribe|inbox|delivered|get)\b/i,
  /\bnewsletter sign-?up\b/i,
  /\benter your e-?mail(?: address)?\b/i,
  /\b(?:become|already) a (?:member|subscriber)\b/i,
  /\bsupport (?:our|independent) journalism\b/i,
  // cookie and consent banners
  /\b(?:we|this (?:web)?site) uses? cookies\b/i,
  /\b(?:accept|reject|manage|allow) (?:all )?cookies\b/i,
  /\bcookie (?:policy|settings|preferences|notice)\b/i,
  /\bby continuing to (?:use|browse) (?:this|our) (?:site|website)\b/i,
  // radio and podcasts
  /^listen live\b/i,
  /\blisten live (?:now|on|to)\b/i,
  /\b(?:on air|playing) now\b/i,
  /\blisten to (?:the|our) (?:full |latest )?(?:episode|podcast)\b/i,
  // promos and apps
  /\bdownload (?:our|the) (?:free )?app\b/i,
  /^(?:advertisement|sponsored(?: content)?|promoted(?: content)?|skip (?:to (?:main )?content|advertisement))$/i,
  /\b(?:story|article) continues below(?: (?:this )?advertisement)?\b/i,
  /\bscroll to continue\b/i,
  /\bclick here to (?:subscribe|sign up|read more|listen|watch|download)\b/i,
  // reading aids and page widgets
  /^listen to this (?:article|story)\b/i,
  /^(?:reading time:?\s*)?\d+\s*min(?:ute)?s?(?: read)?$/i,
  /^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$/i,
  /^most (?:read|popular|viewed|shared)$/i,
  /^(?:copy link|print(?: this (?:page|article))?)$/i,
  // share bars
  /^share(?: this)?(?: (?:article|story|page))?(?: (?:on|via) .*)?:?$/i,
  /\bshare this (?:article|story)\b/i,
  /\bfollow us on (?:facebook|twitter|x|instagram|telegram|whatsapp|youtube|tiktok|social media)\b/i,
  /^(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|print|copy link)[\s,|·•]*){2,}$/i,
];

/** A furniture phrase is only furniture on a short line: a long paragraph that quotes one is prose. */
const PHRASE_LINE_MAX = 300;
/** A word every phrase above has: a line without one is not tried against them all (check reads every line of every report). */
const PHRASE_WORD =
  /\b(?:inbox|sign|subscri\w*|newsletters?|e-?mails?|members?|journalism|cookies?|continuing|continues|scroll|click|listen|air|playing|app|advertisement|sponsored|promoted|skip|share|follow|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|print|copy|min(?:ute)?s?|comments?|most)\b/i;

export const isBoilerplate = (text: string) => {
  if (text.length > PHRASE_LINE_MAX * 2 || !PHRASE_WORD.test(text)) return false;
  const t = text.replace(/[*_]/g, "").replace(/\s+/g, " ").trim();
  return t.length > 0 && t.length <= PHRASE_LINE_MAX && FURNITURE_PHRASES.some((p) => p.test(t));
};

/** Words in an element's class, id or role that mark it as the site's furniture. */
const FURNITURE_HINTS: ReadonlySet<string> = new Set([
  "newsletter",
  "newsletters",
  "subscribe",
  "subscription",
  "signup",
  "paywall",
  "membership",
  "cookie",
  "cookies",
  "consent",
  "gdpr",
  "onetrust",
  "cmp",
  "didomi",
  "cookiebot",
  "usercentrics",
  "promo",
  "promotion",
  "promoted",
  "sponsored",
  "advert",
  "advertisement",
  "ad",
  "ads",
  "outbrain",
  "taboola",
  "share",
  "sharing",
  "sharebar",
  "social",
  "comments",
  "related",
  "recommended",
  "recirculation",
  "recirc",
  "listen",
  "popup",
  "modal",
  // ARIA roles of furniture
  "dialog",
  "alertdialog",
  "complementary",
  "navigation",
  "contentinfo",
  "search",
]);

/** The hint words of a class, id or role attribute: split on spaces, `-`, `_` and camelCase. */
export const hintWords = (attribute: string) =>
  attribute
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);

export const hasFurnitureHint = (attributes: string[]) =>
  attributes.some((a) => hintWords(a).some((w) => FURNITURE_HINTS.has(w)));

/**
 * Paths of an outlet's own site that are not reports: home, section, tag, topic, author, podcast,
 * newsletter and account pages. A path with a date, a long number or a long slug is a report's,
 * unless its first segment says otherwise (`/tag/russia-ukraine-war`, `/podcasts/episode-12-…`).
 */
const NEVER_REPORT =
  /^(?:tags?|topics?|categor(?:y|ies)|sections?|authors?|people|profiles?|contributors?|podcasts?|newsletters?|subscribe|subscriptions?|sign-?up|sign-?in|log-?in|account|register|search|live-?radio|listen|schedule|shows?|about(?:-us)?|contact(?:-us)?|privacy(?:-policy)?|terms|cookies?(?:-policy)?|help|jobs|careers|advertise|donate|membership|shop|apps?)$/i;
export function isSiteFurniturePath(pathname: string): boolean {
  const segments = pathname
    .split("/")
    .filter((s) => s && !/^index\.\w+$/i.test(s))
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (!segments.length) return true;
  if (NEVER_REPORT.test(segments[0]!)) return true;
  const dated = /(?:^|\/)\d{4}\/\d{1,2}\/\d{1,2}(?:\/|$)|\d{4}-\d{2}-\d{2}/.test(segments.join("/"));
  // a year before the last segment ("/2024/bridge-repairs"), a long number, a page file
  const yeared = segments.slice(0, -1).some((s) => /^(?:19|20)\d{2}$/.test(s));
  const numbered = segments.some((s) => /\d{5,}/.test(s));
  const file = /\.(?:s?html?|php|aspx?)$/i.test(segments[segments.length - 1]!);
  // a slug of three words or more is a headline's; "/world/middle-east" is a section
  const slugged = segments.some((s) => (s.match(/[-_]/g) ?? []).length >= 2);
  return !(dated || yeared || numbered || file || slugged);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const WEEKDAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+/i;
/** "Published", "Updated: ", "Last updated on" before a date line. */
const DATE_LABEL = /^(?:(?:first\s+)?published|posted|(?:last\s+)?updated|modified)(?:\s+on)?\s*:?\s*/i;
/** "14:05", "at 10:41 a.m. EDT", "| 2:30 PM GMT+1" after a date line. */
const TIME_TAIL =
  /\s*(?:,|\||·|-|–|at)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})?$/i;

const MDY = new RegExp(`^${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, "i");
const DMY = new RegExp(`^(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})$`, "i");
/** Longer than this, a line is not a dateline (and the time pattern is not tried on prose). */
const DATELINE_MAX = 90;

/** "September 16, 2024", "16 Sept. 2024", "2024-09-16" (a weekday before it is fine) → `2024-09-16`. */
export function parseDateLine(line: string): string | undefined {
  if (line.length > DATELINE_MAX) return undefined;
  const s = line.replace(/[*_]/g, "").trim().replace(WEEKDAY, "");
  const pad = (n: number) => String(n).padStart(2, "0");
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const mdy = MDY.exec(s);
  const dmy = DMY.exec(s);
  const [month, day, year] = mdy
    ? [mdy[1]!, Number(mdy[2]), Number(mdy[3])]
    : dmy
      ? [dmy[2]!, Number(dmy[1]), Number(dmy[3])]
      : [];
  if (!month || !day || !year) return undefined;
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  return m ? `${year}-${pad(m)}-${pad(day)}` : undefined;
}

/**
 * A dateline as pages print it: a plain date line, or one with a label ("Updated: …") and a
 * time ("… at 10:41 a.m. EDT"). `updated` says the label was an update's, not the publication's.
 */
export function parseDateline(line: string): { date: string; updated: boolean } | undefined {
  if (line.length > DATELINE_MAX || !/\d/.test(line)) return undefined;
  const plain = parseDateLine(line);
  if (plain) return { date: plain, updated: false };
  const s = line.replace(/[*_]/g, "").trim();
  const label = DATE_LABEL.exec(s)?.[0] ?? "";
  const rest = s.slice(label.length).replace(WEEKDAY, "");
  const date = parseDateLine(rest) ?? parseDateLine(rest.replace(TIME_TAIL, ""));
  return date ? { date, updated: /updated|modified/i.test(label) } : undefined;
}

/** A list of people's names: every word capitalised but the joining ones ("and", "de", "van"…). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|and|&|de|del|der|den|di|da|du|van|von|al|el|bin|ibn|la|le|y|in|from|at)$/u;
const looksLikeNames = (s: string) => {
  const words = s.replace(/[,;]/g, " ").split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 24 && words.every((w) => NAME_WORD.test(w)) && /^\p{Lu}/u.test(words[0]!);
};

/** The people of "Jane Doe in Kyiv and John Roe": names of at least two words, places dropped. */
function splitNames(s: string): string[] {
  return s
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((n) => n.replace(/\s+(?:in|from|at)\s+.*$/, "").trim())
    .filter((n) => n.split(/\s+/).length >= 2 && /^\p{Lu}/u.test(n));
}

const ROLES =
  "additional reporting|reporting|writing|editing|compiled|research|production|graphics|fact-?checking|translation|translated";
const WIRE_ROLE = new RegExp(`^(${ROLES})\\s+by\\s+(.+)$`, "i");
/** Between a wire byline's parts: "; ", or ", " before the next role ("…, Editing by …"). */
const WIRE_PARTS = new RegExp(`\\s*;\\s*|\\s*,\\s*(?=(?:${ROLES})\\s+by\\b)`, "i");

/**
 * A wire byline: "(Reporting by Jane Doe in Kyiv; Additional reporting by Ann Lee; Editing by
 * Mark Heinrich)", "Reporting by …", "Additional reporting by …". The credit is the line as
 * printed (without its parentheses); the authors are those who reported and wrote it.
 */
export function parseWireByline(line: string): { credit: string; authors: string[] } | undefined {
  if (!/\bby\b/i.test(line)) return undefined;
  const s = line
    .replace(/[*_]/g, "")
    .trim()
    .replace(/^\(\s*/, "")
    .replace(/\s*\)\.?$/, "")
    .replace(/\.$/, "")
    .trim();
  if (!s || s.length > 400) return undefined;
  const authors: string[] = [];
  for (const part of s.split(WIRE_PARTS)) {
    const m = WIRE_ROLE.exec(part);
    if (!m || !looksLikeNames(m[2]!)) return undefined;
    if (/^(reporting|writing)$/i.test(m[1]!)) authors.push(...splitNames(m[2]!));
  }
  return { credit: s, authors };
}

/** "By Jane Doe and John Roe" on a line of its own: the report's authors. */
export function parseByline(line: string): string[] | undefined {
  if (line.length > 240 || !/^[*_\s]*by\s/i.test(line)) return undefined;
  const m = /^by\s+(.+?)\.?$/i.exec(line.replace(/[*_]/g, "").trim());
  const who = m?.[1]?.split(/\s*[|•·]\s*/)[0] ?? "";
  // "By The Numbers" is a heading, not a person
  if (!who || who.length > 200 || /^(?:the|a|an|this|that|our|its)\s/i.test(who) || !looksLikeNames(who))
    return undefined;
  const names = splitNames(who);
  return names.length ? names : undefined;
}

const CONTRIBUTED = /\bcontributed(?:\s+to)?\s+(?:this\s+)?report(?:ing)?\.?$/i;
const isContributedLine = (line: string) => CONTRIBUTED.test(line.replace(/[*_]+$/g, "").trim());

/** "Related article: [title](url)", "Read more: title", and their headings ("Related stories"). */
const RELATED_LABEL =
  /^\**(?:related(?:\s+(?:articles?|stories|story|reading|coverage|content|links?))?|read\s+more|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?|more\s+from\s+this\s+story)\**\s*(?::\**\s*(.*)|$)/i;
/** A paragraph that is only a link to another report: a promo of it, as "Related" is. */
const LINK_ONLY = /^\**\[[^\]]+\]\(\s*<?https?:\/\/[^)\s]+>?\s*\)\**$/;
export function parseRelatedLine(
  line: string,
): { item?: { title: string; url?: string }; heading: boolean } | undefined {
  if (LINK_ONLY.test(line.trim())) return { item: linkItem(line.trim().replace(/^\**|\**$/g, "")), heading: false };
  const m = RELATED_LABEL.exec(line.trim());
  if (!m) return undefined;
  const rest = (m[1] ?? "").replace(/^\**|\**$/g, "").trim();
  if (!rest) return { heading: true };
  return { item: linkItem(rest), heading: false };
}

const isPlaceholder = (url: string) => url.trim() === "" || url.trim() === "#";
/** `[title](url)` or plain text, as a `related` entry (a placeholder link has no url). */
export function linkItem(text: string): { title: string; url?: string } {
  const link = /^\[([^\]]+)\]\(\s*<?([^)>\s]*)>?(?:\s+"[^"]*")?\s*\)\.?$/.exec(text.trim());
  if (!link) return { title: text.replace(/[*_]/g, "").trim() };
  const title = link[1]!.replace(/[*_]/g, "").trim();
  return isPlaceholder(link[2]!) ? { title } : { title, url: link[2]!.trim() };
}

/**
 * A photo credit at the end of a caption: a **bold credit**, "Photo: Jo Reyes / AFP",
 * "(Photo by Jo Reyes/AFP)", "Credit: …"; the label is dropped from the credit.
 */
export function splitCaptionCredit(text: string): { caption: string; credit?: string } {
  const t = text.replace(/\s+/g, " ").trim();
  const bold = /^(.*?)\s*\*\*([^*]+)\*\*\s*$/.exec(t);
  if (bold) return { caption: bold[1]!.trim(), credit: bold[2]!.trim() };
  const labelled =
    /^(.*?)[\s(]*\b(?:photo(?:graph)?|picture|image|credit|photo credit|illustration)s?(?:\s+by\s+|\s*:\s*)([^()]+?)\)?\.?$/i.exec(
      t,
    );
  if (labelled && labelled[2]!.length <= 120)
    return { caption: labelled[1]!.replace(/[\s|–—-]+$/, "").trim(), credit: labelled[2]!.trim() };
  return { caption: t };
}

/** A caption line as clippings carry it: a bold credit at its end, or a "Photo: …" credit. */
export function parseCaptionLine(line: string): { caption: string; credit: string } | undefined {
  if (line.length >= 400 || !/\*\*|photo|picture|image|illustration/i.test(line)) return undefined;
  const bold = /\*\*[^*]+\/\s*[^*]+\*\*\s*$/.test(line);
  const labelled =
    /(?:^|[.!?)]\s+|\(\s*|\s[|–—-]\s)(?:photo(?:graph)?|picture|image|photo credit|illustration)s?(?:\s+by\s+|\s*:\s*)[^()]{2,120}\)?\.?$/i.test(
      line.replace(/\*\*/g, ""),
    );
  if (!bold && !labelled) return undefined;
  const { caption, credit } = splitCaptionCredit(line);
  return credit ? { caption, credit } : undefined;
}

const ORIGINAL_URL = /^original\s+(?:url|address|link|article)\b/i;
export const originalUrlLine = (line: string) =>
  ORIGINAL_URL.test(line) ? (/(https?:\/\/[^\s>]+)/i.exec(line)?.[1] ?? "") : undefined;

/** The check's message for each kind: where the line's content belongs. */
export const FURNITURE_MESSAGES: Record<FurnitureKind, string> = {
  related: 'looks like a "Related article" line from the page: list it under related: in the front matter (title, url)',
  credit: "looks like a wire credit: put it in credit: in the front matter",
  "original-url":
    "looks like the original address pasted from the clipping: put the address in url: in the front matter",
  caption: "looks like a photo caption with its credit: put them in image.caption and image.credit",
  title: "repeats the title: the headline is in title: in the front matter",
  date: "is a date on its own line: the date is in date: in the front matter",
  byline:
    'looks like a byline ("By …", "Reporting by …; Editing by …"): put the names in authors: and the line in credit: in the front matter',
  boilerplate:
    'looks like the site\'s furniture (a newsletter, subscription, cookie, "listen live", promo or share box), not the report: remove it',
};

export const normTitle = (s: string) =>
  s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, " ")
    .trim();

/**
 * The kind of furniture a body line is, if any. `title` is the headline as normTitle gives it.
 * The line is trimmed, without a heading's `#`s.
 */
export function furnitureKind(line: string, title?: string): FurnitureKind | undefined {
  if (parseRelatedLine(line)) return "related";
  // a long line is prose whatever it says (the rules below but a wire credit are for short lines)
  if (line.length > 400) return isContributedLine(line) ? "credit" : undefined;
  if (isContributedLine(line)) return "credit";
  if (ORIGINAL_URL.test(line)) return "original-url";
  if (parseCaptionLine(line)) return "caption";
  // a cheap length test first: normalising every line of every body costs more than the rest
  if (title && line.length <= title.length * 2 + 8 && normTitle(line) === title) return "title";
  if (parseDateline(line)) return "date";
  if (parseWireByline(line) || parseByline(line)) return "byline";
  if (isBoilerplate(line)) return "boilerplate";
  return undefined;
}
