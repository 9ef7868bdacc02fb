/**
 * The content contract, as zod schemas: what editors may write in `_data/sources.json`,
 * `_data/stories.json` and an article's front matter. Unknown keys are errors.
 */
import { z } from "zod";
import { archiveMismatch, readArchiveAddress } from "./archive-address.ts";
import { didYouMean } from "./suggest.ts";
import { bidiProblem, isInvisible } from "./characters.ts";
import { nameKey } from "./mentions.ts";
import { EVENT_DATE_FORMS, isBefore, parseEventDate, parsePubDate, type PubDate } from "./dates.ts";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SOURCE_TYPES = [
  "newspaper",
  "magazine",
  "broadcaster",
  "wire",
  "online",
  "aggregator",
  "government",
  "other",
] as const;

const required = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? "is required" : `expected ${what} (got ${describe(iss.input)})`;

function describe(v: unknown): string {
  if (v === null) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return v.length > 60 ? `text of ${v.length} characters` : JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}

/**
 * Non-empty single-line text, trimmed, with a length limit. Text of invisible characters only
 * (zero-width spaces, soft hyphens…) is empty; bidi controls must close in the field and
 * overrides are refused (`bidiProblem`), so no text reorders the line it is shown in.
 */
const text = (max: number, what = "text") =>
  z
    .string({ error: required(what) })
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const message = isInvisible(s)
        ? s
          ? "must not be empty (it holds only invisible characters, such as zero-width spaces or soft hyphens)"
          : "must not be empty"
        : s.length > max
          ? `is too long (at most ${max} characters)`
          : bidiProblem(s);
      if (message) ctx.addIssue({ code: "custom", message });
    });

/** Text an editor names something with (a source, a story): no word mixes look-alike scripts. */
const named = (max: number, what?: string) =>
  text(max, what).refine((s) => !mixedScript(s), { error: (iss) => mixedScript(String(iss.input)) });

const slug = (what: string) =>
  z
    .string({ error: required(what) })
    .regex(SLUG, { message: `expected ${what}: lowercase letters, digits and single hyphens, like "moscow-times"` });

/** An absolute http(s) address. */
const httpUrl = z.string({ error: required("an http or https address") }).refine(
  (s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && s.trim() === s;
    } catch {
      return false;
    }
  },
  { message: "expected an absolute http:// or https:// address" },
);

const pubDate = z.unknown().transform((v, ctx): PubDate => {
  if (v === undefined) {
    ctx.addIssue({ code: "custom", message: "is required" });
    return z.NEVER;
  }
  const d = parsePubDate(v);
  if (typeof d === "string") {
    ctx.addIssue({ code: "custom", message: d });
    return z.NEVER;
  }
  return d;
});

const bcp47 = z.string({ error: required("a BCP 47 language tag") }).refine(
  (s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'expected a BCP 47 language tag like "en" or "uk-UA"' },
);

const FEED_FORMATS = ["rss", "atom", "json"] as const;

/** Where `npm run discover` looks for a source's new reports: a feed (its format found by reading it when not given). */
const feedSchema = z
  .object({
    url: httpUrl,
    format: z.enum(FEED_FORMATS, { error: `expected one of ${FEED_FORMATS.join(", ")} (or leave it out)` }).optional(),
  })
  .strict();

/** A source without a feed: a listing page and the CSS selector of its article links. */
const listingSchema = z
  .object({
    url: httpUrl,
    links: text(500, 'a CSS selector of the article links, like "main h2 a"').refine(isSelector, {
      message: 'is not a CSS selector a page can be searched with (like "main h2 a" or "a.headline")',
    }),
  })
  .strict();

/**
 * Could this text be a CSS selector? Only the obvious mistakes (a rule's braces, a whole address)
 * are caught here, so the content pipeline loads no HTML parser; the listing page's parse
 * (src/editing/feeds.ts) says when a selector is not one.
 */
function isSelector(selector: string): boolean {
  return !/[{};]/.test(selector) && !/^https?:\/\//i.test(selector);
}

export const sourceSchema = z
  .object({
    id: slug("a source id"),
    name: named(120, "the outlet's name"),
    url: httpUrl,
    country: z
      .string({ error: required("a country code") })
      .regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166-1 alpha-2 code like "GH"' })
      .optional(),
    language: bcp47.optional(),
    description: text(2000).optional(),
    type: z.enum(SOURCE_TYPES, { error: `expected one of ${SOURCE_TYPES.join(", ")}` }).optional(),
    feeds: z
      .array(feedSchema, { error: required('a list of feeds: [ { "url": "https://…" } ]') })
      .min(1, { message: "is empty: list at least one feed, or leave feeds out" })
      .optional(),
    listing: listingSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.feeds && s.listing)
      ctx.addIssue({
        code: "custom",
        path: ["listing"],
        message: "is only for a source without a feed: give feeds or listing, not both",
      });
  });
export type SourceData = z.output<typeof sourceSchema>;

/** A calendar day, `YYYY-MM-DD`. */
const calendarDay = z.string({ error: required("a day, YYYY-MM-DD") }).refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
  },
  { message: 'expected a calendar day as YYYY-MM-DD, like "2024-08-06"' },
);

/**
 * What new reports of a story say (`npm run discover`): any of `terms` as a whole word (an
 * entity's name as a term counts in any of its spellings), none of `exclude`, not before `since`.
 */
const watchSchema = z
  .object({
    terms: z
      .array(text(200, "a word or name"), { error: required('a list of words or names, like ["Kursk"]') })
      .min(1, { message: "is empty: list at least one word or name a report of the story holds" }),
    exclude: z.array(text(200, "a word or name"), { error: required("a list of words or names") }).optional(),
    since: calendarDay.optional(),
  })
  .strict();

export const storySchema = z
  .object({
    id: slug("a story id").refine((id) => !/^\d+$/.test(id), {
      error: (issue) =>
        `is only digits: /stories/${String(issue.input)}/ is where page ${String(issue.input)} of the stories index goes; add a word`,
    }),
    title: named(300),
    summary: text(2000).optional(),
    date: pubDate.optional(),
    watch: watchSchema.optional(),
  })
  .strict();
export type StoryData = z.output<typeof storySchema>;

/** `<img src>` values: relative paths (no scheme, not protocol-relative) or absolute http(s). */
export function isImageSrc(s: string): boolean {
  const u = s.replace(/[\u0000-\u0020\u007f]+/g, "");
  if (/^https?:\/\/[^/]/i.test(u)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^[/\\]{2}/.test(u);
}

const imageSchema = z
  .object({
    // Goes into <img src>: a relative path or an http(s) address, never javascript:, data: or //host.
    src: text(500, "a file path")
      .refine(isImageSrc, { message: "expected a relative file path or an http:// or https:// address" })
      .optional(),
    alt: text(1000).optional(),
    caption: text(1000).optional(),
    credit: text(300).optional(),
  })
  .strict()
  .superRefine((img, ctx) => {
    if (img.src && !img.alt)
      ctx.addIssue({
        code: "custom",
        path: ["alt"],
        message: "is required when the image has a src (describe the picture)",
      });
    if (!img.src && !img.caption && !img.credit)
      ctx.addIssue({ code: "custom", message: "needs at least a caption or a credit, or a src with alt" });
  });

const relatedSchema = z
  .object({
    title: text(300),
    url: httpUrl.optional(),
  })
  .strict();

/** A correction the outlet (or the editor) published after the report: shown on the page, in feeds and JSON-LD. */
const correctionSchema = z.object({ date: pubDate, text: text(2000, "what was corrected") }).strict();

/** Where `npm run discover` found a report: the feed (or listing page), the feed's id of the item, when the page was fetched and its bytes' SHA-256. */
const provenanceSchema = z
  .object({
    feed: httpUrl,
    item: text(2000, "the feed's id of the item"),
    fetched: z.iso.datetime({ offset: true, error: "expected an ISO 8601 instant, e.g. 2026-12-06T11:00:00Z" }),
    sha256: z.string({ error: required("64 hexadecimal digits") }).regex(/^[0-9a-f]{64}$/, {
      message: "expected 64 lowercase hexadecimal digits (the SHA-256 of the fetched page)",
    }),
  })
  .strict();

/** An archived copy's address at an archive service (archive-address.ts); whose copy it is is checked against `url` below. */
const archiveUrl = z.string({ error: required("the address of an archived copy") }).superRefine((s, ctx) => {
  const copy = readArchiveAddress(s);
  if ("problem" in copy) ctx.addIssue({ code: "custom", message: copy.problem });
});

export const articleSchema = z
  .object({
    title: text(300, "the headline"),
    source: slug("a source id"),
    date: pubDate,
    url: httpUrl.optional(),
    language: bcp47.optional(),
    authors: z.array(text(200, "a name"), { error: required("a list of names") }).optional(),
    credit: text(300).optional(),
    updated: pubDate.optional(),
    summary: text(2000).optional(),
    story: slug("a story id").optional(),
    tags: z.array(text(60, "a tag"), { error: required("a list of tags") }).optional(),
    image: imageSchema.optional(),
    related: z.array(relatedSchema, { error: required("a list of { title, url }") }).optional(),
    note: text(2000).optional(),
    archive: archiveUrl.optional(),
    accessed: pubDate.optional(),
    provenance: provenanceSchema.optional(),
    draft: z.boolean({ error: "expected true or false" }).optional(),
    corrections: z.array(correctionSchema, { error: required("a list of { date, text }") }).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.updated && isBefore(a.updated, a.date)) {
      ctx.addIssue({ code: "custom", path: ["updated"], message: `is before date (${a.updated.iso} < ${a.date.iso})` });
    }
    const archived = a.archive && archiveMismatch(a.archive, a.url);
    if (archived) ctx.addIssue({ code: "custom", path: ["archive"], message: archived });
  });
export type ArticleData = z.output<typeof articleSchema>;

/**
 * A translation's front matter (`<slug>.<language>.md` beside its original; the language is in
 * the file name): who translated it, when, and whether a machine did.
 */
export const translationSchema = z
  .object({
    title: text(300, "the translated headline"),
    translator: text(200, 'who translated it: a person, a desk or a service such as "DeepL"'),
    machine: z.boolean({ error: "expected true or false: true for a machine's translation" }).optional(),
    date: pubDate,
  })
  .strict();
export type TranslationData = z.output<typeof translationSchema>;

/** `<source-id>/<slug>`: an article, as named in events and claims. */
const ARTICLE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const articleRef = z
  .string({ error: required('an article: "<source-id>/<slug>"') })
  .regex(ARTICLE_KEY, { message: 'expected an article as "<source-id>/<slug>", like "moscow-times/kyiv-invites-un"' });

/** Quoted words from an article, checked against its text when the site is built. */
const quote = text(2000, "the quoted words");

/** A quote's translation into the site's language: the grid shows it, the original one step away. */
const translation = text(2000, "the quote in the site's language");
const eventCitationSchema = z.object({ article: articleRef, quote, translation: translation.optional() }).strict();

/** Outlets an editor checked whose reports of the story do not give the fact (or event). */
const notReportedBy = z.array(slug("a source id"), { error: required("a list of source ids") });

/** An event's date is kept as text here and parsed in the object's transform, where `circa` is known. */
export const eventSchema = z
  .object({
    id: slug("an event id"),
    date: z.string({ error: required(EVENT_DATE_FORMS) }),
    circa: z.boolean({ error: "expected true or false" }).optional(),
    title: text(300),
    summary: text(2000).optional(),
    story: slug("a story id").optional(),
    entities: z.array(slug("an entity id"), { error: required("a list of entity ids") }).optional(),
    notReportedBy: notReportedBy.optional(),
    citations: z
      .array(eventCitationSchema, { error: required('a list of { "article", "quote" }') })
      .min(1, { message: "needs at least one citation: the report that supports the event" }),
  })
  .strict()
  .transform((e, ctx) => {
    const date = parseEventDate(e.date, e.circa ?? false);
    if (typeof date === "string") {
      ctx.addIssue({ code: "custom", path: ["date"], message: date });
      return z.NEVER;
    }
    return { ...e, date };
  });
export type EventData = z.output<typeof eventSchema>;

const ENTITY_TYPES = ["person", "organization", "place"] as const;

/** Scripts whose letters look alike: one word mixing them holds a letter typed in the wrong one. */
const LOOKALIKE_SCRIPTS = [
  ["Latin", /\p{sc=Latin}/u],
  ["Cyrillic", /\p{sc=Cyrillic}/u],
  ["Greek", /\p{sc=Greek}/u],
] as const;

/** Why a spelling could never match a report: a word with letters of two look-alike scripts ("Сибiга", a Latin i). */
function mixedScript(spelling: string): string | undefined {
  for (const word of spelling.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const letters = LOOKALIKE_SCRIPTS.map(([script, re]) => ({ script, letters: [...word].filter((c) => re.test(c)) }))
      .filter((s) => s.letters.length)
      .sort((a, b) => b.letters.length - a.letters.length);
    if (letters.length < 2) continue;
    const [most, ...others] = letters;
    const odd = others.map(
      (o) => `${o.letters.map((c) => `"${c}"`).join(", ")} ${o.letters.length > 1 ? "are" : "is"} ${o.script}`,
    );
    return `mixes ${most!.script} and ${others.map((o) => o.script).join(" and ")} letters in one word ("${word}": ${odd.join("; ")}): a look-alike letter in the wrong script never matches a report; type the word in one script`;
  }
  return undefined;
}

/** A name, alias or form of one: text whose words are each in one script. */
const spelling = (what: string) => named(200, what);

/**
 * Forms of a spelling (case forms: "Сибіга" → "Сибіги", "Сибізі", "Сибігу", "Сибігою"): matched like
 * spellings, reported as the spelling. Keyed by the entity's name or one of its aliases.
 */
const FORMS_EXAMPLE = '{ "Сибіга": ["Сибіги", "Сибізі"] }';
const formsSchema = z.preprocess(
  (v, ctx) => {
    // zod's record would drop this key without a word
    if (v && typeof v === "object" && Object.hasOwn(v, "__proto__"))
      ctx.addIssue({
        code: "custom",
        path: ["__proto__"],
        message: "cannot be listed here: JSON objects do not keep this key",
      });
    return v;
  },
  z.record(
    z.string(),
    z
      .array(spelling("a form of the spelling"), { error: required(`a list of forms, like ${FORMS_EXAMPLE}`) })
      .min(1, { message: "is empty: list the spelling's forms, or leave the spelling out" }),
    { error: required(`each spelling with its forms, like ${FORMS_EXAMPLE}`) },
  ),
);

/** The farthest latitude a place may have: Mercator, the locator map's projection, stretches to infinity at the poles. */
const MAX_LATITUDE = 85;

export const entitySchema = z
  .object({
    id: slug("an entity id").refine((id) => !/^\d+$/.test(id), {
      error: (issue) =>
        `is only digits: /entities/${String(issue.input)}/ is where page ${String(issue.input)} of the names index goes; add a word`,
    }),
    name: spelling("the name"),
    type: z.enum(ENTITY_TYPES, { error: `expected one of ${ENTITY_TYPES.join(", ")}` }),
    aliases: z.array(spelling("a spelling"), { error: required("a list of other spellings") }).optional(),
    forms: formsSchema.optional(),
    description: text(2000).optional(),
    // A place on the map: [latitude, longitude] in degrees (WGS 84), and its country.
    coordinates: z
      .tuple(
        [
          // Mercator (the locator map) cannot draw the poles: within 5° of one a place has no map
          z
            .number()
            .min(
              -MAX_LATITUDE,
              `latitude is at least -${MAX_LATITUDE}: the locator map cannot draw nearer the South Pole; leave out coordinates for a place there`,
            )
            .max(
              MAX_LATITUDE,
              `latitude is at most ${MAX_LATITUDE}: the locator map cannot draw nearer the North Pole; leave out coordinates for a place there`,
            ),
          z.number().min(-180, "longitude is at least -180").max(180, "longitude is at most 180"),
        ],
        {
          error: required("[latitude, longitude] in degrees, e.g. [51.19, 35.27]"),
        },
      )
      .optional(),
    country: z
      .string({ error: required("an ISO 3166-1 alpha-2 code such as UA") })
      .refine(isCountryCode, { message: "expected an ISO 3166-1 alpha-2 code in capitals, such as UA or RU" })
      .optional(),
    // An area (a region, a district): its rough radius; the map draws it as an approximate circle.
    radiusKm: z
      .number({ error: required("a radius in kilometres, e.g. 90") })
      .positive("is more than 0")
      .max(1000, "is at most 1000 (a larger area is a country: leave out coordinates and name it as its country)")
      .optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const spellings = [e.name, ...(e.aliases ?? [])];
    for (const key of Object.keys(e.forms ?? {}))
      if (!spellings.some((s) => nameKey(s) === nameKey(key)))
        ctx.addIssue({
          code: "custom",
          path: ["forms", key],
          message: `"${key}" is not this entity's name nor one of its aliases${didYouMean(key, spellings)}: list the forms of a spelling under that spelling (${spellings.map((s) => `"${s}"`).join(", ")}), and add a new spelling to aliases first`,
        });
    if (e.coordinates && e.type !== "place")
      ctx.addIssue({
        code: "custom",
        path: ["coordinates"],
        message: `only places have coordinates (this is a ${e.type})`,
      });
    // an area's circle must stay where the map can draw it (a degree of latitude is ~111 km)
    if (e.radiusKm !== undefined && e.coordinates && Math.abs(e.coordinates[0]) + e.radiusKm / 111 > MAX_LATITUDE)
      ctx.addIssue({
        code: "custom",
        path: ["radiusKm"],
        message: `reaches within 5° of a pole, where the locator map cannot draw: make the area smaller or leave out radiusKm`,
      });
    if (e.radiusKm !== undefined && !e.coordinates)
      ctx.addIssue({
        code: "custom",
        path: ["radiusKm"],
        message: "an area needs coordinates: a point inside it, where the map centres its circle",
      });
  });
export type EntityData = z.output<typeof entitySchema>;

const claimCitationSchema = z
  .object({
    article: articleRef,
    quote,
    translation: translation.optional(),
    value: text(200, "the value as this report gives it").optional(),
  })
  .strict();

export const claimSchema = z
  .object({
    id: slug("a claim id"),
    story: slug("a story id"),
    label: text(300, "the row label"),
    // a figure expected to move (a death toll through the day): a later report's newer value is an update, not a disagreement
    changes: z.boolean({ error: "expected true or false: true for a figure that moves over time" }).optional(),
    notReportedBy: notReportedBy.optional(),
    citations: z
      .array(claimCitationSchema, { error: required('a list of { "article", "quote", "value"? }') })
      .min(1, { message: "needs at least one citation: the report that gives the fact" }),
  })
  .strict();
export type ClaimData = z.output<typeof claimSchema>;

const regionNames = new Intl.DisplayNames("en", { type: "region" });
/** An ISO 3166-1 alpha-2 code that names a country (Intl knows it). */
function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag, as `Intl` understands it (`en`, `uk-UA`, `zh-Hant-TW`). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** `_data/site.json`: the site's own name, description, language and address. */
export const siteSchema = z
  .object({
    title: text(200, "the site's name"),
    description: text(1000, "one sentence on what the site covers"),
    language: text(100, "a language tag such as en or uk-UA").refine(isLanguageTag, {
      message: "expected a BCP 47 language tag such as en, en-GB or uk-UA",
    }),
    url: httpUrl,
  })
  .strict();
export type SiteData = z.output<typeof siteSchema>;

/** The keys an object schema allows (through a transform or refinement), for "did you mean". */
export function schemaKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; in?: z.ZodType; shape?: Record<string, unknown> } }).def;
  if (def.type === "object") return Object.keys(def.shape ?? {});
  return def.type === "pipe" && def.in ? schemaKeys(def.in) : [];
}

/** A field path as editors read it: `image.alt`, `authors[1]`, `[2].citations[0].quote`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** zod issues → (field, message) pairs with the editor's words, not zod's, and each field's path. */
export function describeIssues(
  error: z.ZodError,
  allowedKeys?: readonly string[],
): { field?: string; path: PropertyKey[]; message: string }[] {
  const out: { field?: string; path: PropertyKey[]; message: string }[] = [];
  for (const issue of error.issues) {
    const field = fieldName(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const known = allowedKeys && !field ? allowedKeys : undefined;
        const hint = (known && didYouMean(key, known)) || " (a typo?)";
        out.push({
          field: field ? `${field}.${key}` : key,
          path: [...issue.path, key],
          message: `unknown key${hint}${known ? `; allowed keys: ${known.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    out.push({ field: field || undefined, path: [...issue.path], message: issue.message });
  }
  return out;
}

/** An ISO 8601 instant with its offset (`2026-12-06T11:00:00Z`). */
const instant = z.iso.datetime({ offset: true, error: "expected an ISO 8601 instant, e.g. 2026-12-06T11:00:00Z" });
const sha256 = z.string({ error: required("64 hexadecimal digits") }).regex(/^[0-9a-f]{64}$/, {
  message: "expected 64 lowercase hexadecimal digits (the SHA-256 of the fetched page)",
});
/** How a capture was made: `npm run import` of an address or of a saved page, `npm run discover`, `npm run recheck`. */
const CAPTURE_WAYS = ["import", "saved-page", "discover", "recheck"] as const;

/**
 * One look at the original: its extracted headline and text (plain text, one entry per
 * paragraph), or, when the outlet no longer serves it, `removed` (why: "HTTP 410", "redirected
 * to the home page").
 */
const captureSchema = z
  .object({
    at: instant,
    by: z.enum(CAPTURE_WAYS, { error: `expected one of ${CAPTURE_WAYS.join(", ")}` }),
    from: httpUrl,
    sha256: sha256.optional(),
    title: z.string({ error: required("the headline as captured") }).optional(),
    text: z.array(z.string({ error: required("a paragraph") }), { error: required("a list of paragraphs") }).optional(),
    removed: text(300, "why the original is gone").optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.removed !== undefined) {
      for (const key of ["title", "text", "sha256"] as const)
        if (c[key] !== undefined)
          ctx.addIssue({ code: "custom", path: [key], message: "a capture of a removed original has no text" });
    } else
      for (const key of ["title", "text"] as const)
        if (c[key] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required (or `removed`, for an original that is gone)",
          });
  });
export type CaptureData = z.output<typeof captureSchema>;

/** `record/<source-id>/<slug>.json`: what we captured of a report's original, oldest first (npm run import, discover, recheck). */
export const recordSchema = z
  .object({
    url: httpUrl,
    checked: calendarDay.optional(),
    captures: z
      .array(captureSchema, { error: required("a list of captures") })
      .min(1, { message: "is empty: a record holds at least the first capture" }),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.captures[0]?.removed !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["captures", 0, "removed"],
        message: "is in the first capture: a record starts with the text as first captured",
      });
    for (let i = 1; i < r.captures.length; i++)
      if (Date.parse(r.captures[i]!.at) < Date.parse(r.captures[i - 1]!.at))
        ctx.addIssue({
          code: "custom",
          path: ["captures", i, "at"],
          message: `is before the capture above it (${r.captures[i - 1]!.at}): captures are kept oldest first`,
        });
  });
export type RecordData = z.output<typeof recordSchema>;
