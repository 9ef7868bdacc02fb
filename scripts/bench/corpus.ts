/**
 * A deterministic synthetic corpus for the benchmark: N articles over 12 sources and many
 * stories, written as a CONTENT_ROOT tree (`_data/sources.json`, `_data/stories.json`,
 * `_data/entities.json`, `_data/events.json`, `_data/claims.json`,
 * `src/articles/<source>/<slug>.md`) that follows the content contract exactly. Same seed, N
 * and entity count → byte-identical files (own PRNG, no Math.random, no clock).
 *
 * Names: the text mentions people from a fixed pool of NAME_POOL synthetic names (full name or
 * surname), whatever the entity count, so that builds with 0, 1,000 or 10,000 entities read the
 * same articles; entities are the 12 places and the first names of the pool.
 */
import fs from "node:fs";
import path from "node:path";

/** mulberry32: a small, fast, good-enough 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = [
  ["northern-ledger", "The Northern Ledger", "newspaper", "GB", "en"],
  ["harbour-times", "Harbour Times", "newspaper", "IE", "en"],
  ["kyiv-wire", "Kyiv Wire", "wire", "UA", "uk"],
  ["baltic-observer", "Baltic Observer", "online", "LV", "en"],
  ["radio-meridian", "Radio Meridian", "broadcaster", "DE", "de"],
  ["daily-compass", "The Daily Compass", "newspaper", "US", "en"],
  ["east-report", "East Report", "magazine", "PL", "pl"],
  ["frontline-digest", "Frontline Digest", "aggregator", "NL", "en"],
  ["civic-press", "Civic Press Agency", "wire", "FR", "fr"],
  ["the-lantern", "The Lantern", "online", "GH", "en"],
  ["steppe-news", "Steppe News", "online", "KZ", "ru"],
  ["public-bulletin", "Public Bulletin", "government", "FI", "fi"],
] as const;

const WORDS = (
  "the a officials said region forces border village residents according to report statement ministry " +
  "military humanitarian aid convoy evacuation talks negotiations ceasefire shelling drone attack " +
  "infrastructure power station bridge road checkpoint governor spokesman analysts western allies " +
  "sanctions observers international committee red cross united nations mission access prisoners " +
  "exchange civilians shelter emergency services damage estimates weekend morning evening overnight " +
  "announced confirmed denied claimed reported warned urged called visited inspected returned " +
  "several dozens hundreds thousands new latest early late further local regional national independent"
).split(" ");
const PLACES = [
  "Sudzha",
  "Kursk",
  "Belgorod",
  "Sumy",
  "Korenevo",
  "Glushkovo",
  "Lgov",
  "Rylsk",
  "Tetkino",
  "Kharkiv",
  "Bryansk",
  "Oboyan",
];
const TOPICS = [
  "aid convoy",
  "evacuation",
  "prisoner exchange",
  "power outage",
  "bridge strike",
  "border crossing",
  "shelter",
  "ceasefire talks",
  "drone attack",
  "monitoring mission",
];
const FIRST = [
  "Anna",
  "Oleksandr",
  "Maria",
  "Dmitri",
  "Sofia",
  "James",
  "Ewa",
  "Kwame",
  "Liisa",
  "Pierre",
  "Nadia",
  "Tomasz",
  "Irina",
  "David",
  "Amara",
];
const LAST = [
  "Kovalenko",
  "Smith",
  "Nowak",
  "Petrov",
  "Mensah",
  "Virtanen",
  "Dubois",
  "Ozols",
  "Becker",
  "Ivanova",
  "Walsh",
  "Bondar",
];
const OFFSETS = ["+03:00", "+02:00", "+00:00", "+01:00", "-05:00", "+05:00", "Z"];

/** Synthetic people the text mentions; entities take the first of them. */
const NAME_POOL = 12_000;
const SYLLABLES = "ka lo mi ne sa tu ve ri do ba ze ho pa li mo ru ta ni go fe".split(" ");
/** The n-th synthetic person: a first name and a surname made unique by n (base-20 syllables). */
function poolPerson(n: number): { first: string; last: string } {
  let last = "";
  for (let k = n + 400; k > 0; k = Math.floor(k / 20)) last += SYLLABLES[k % 20];
  return { first: FIRST[n % FIRST.length]!, last: last.charAt(0).toUpperCase() + last.slice(1) + "nko" };
}
/** Approximate coordinates of the corpus's places (for the map). */
const PLACE_COORDINATES: Record<string, [number, number, string]> = {
  Sudzha: [51.19, 35.27, "RU"],
  Kursk: [51.73, 36.19, "RU"],
  Belgorod: [50.6, 36.59, "RU"],
  Sumy: [50.91, 34.8, "UA"],
  Korenevo: [51.41, 34.91, "RU"],
  Glushkovo: [51.34, 34.63, "RU"],
  Lgov: [51.66, 35.27, "RU"],
  Rylsk: [51.57, 34.68, "RU"],
  Tetkino: [51.27, 34.3, "RU"],
  Kharkiv: [49.99, 36.23, "UA"],
  Bryansk: [53.24, 34.36, "RU"],
  Oboyan: [51.21, 36.28, "RU"],
};

export interface CorpusOptions {
  seed?: number;
  /** Entities in `_data/entities.json` (places first, then people of the pool); default 12 + N / 10. */
  entities?: number;
}

export interface CorpusInfo {
  root: string;
  articles: number;
  sources: number;
  stories: number;
  entities: number;
  events: number;
  claims: number;
  /** One article file (relative to root) used for the incremental edit, and its page's URL path. */
  sample: { file: string; url: string };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function dayString(epochDay: number): string {
  const d = new Date(epochDay * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Writes the corpus under `root` (created; must not exist or be empty). */
export function generateCorpus(root: string, n: number, options: CorpusOptions = {}): CorpusInfo {
  const seed = options.seed ?? 20241116;
  const entityCount = Math.min(PLACES.length + NAME_POOL, options.entities ?? PLACES.length + Math.round(n / 10));
  const rnd = prng(seed ^ n);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(" ");
  // people: 30 % of the mentions go to the first 300 of the pool (the story's regulars), the rest
  // to the pool in turn, so that every entity is named once the corpus has enough sentences
  let turn = 0;
  const person = () => poolPerson(chance(0.3) ? int(0, 299) : turn++ % NAME_POOL);
  const sentence = () => {
    let s = cap(words(int(11, 21)));
    if (chance(0.3)) s += ` in ${pick(PLACES)}`;
    if (chance(0.4)) {
      const p = person();
      s += chance(0.5) ? `, said ${p.first} ${p.last}` : `, according to ${p.last}`;
    }
    return s + ".";
  };

  // Dates spread over months: about 20 reports a day, at least a month, at most 18 months.
  const startDay = Math.floor(Date.UTC(2024, 7, 6) / 86_400_000);
  const spanDays = Math.min(540, Math.max(30, Math.round(n / 20)));

  const sources = SOURCES.map(([id, name, type, country, language]) => ({
    id,
    name,
    url: `https://${id}.example.org`,
    country,
    language,
    type,
    description: `${name} is a synthetic outlet for the benchmark. ${sentence()}`,
  }));

  // Stories: each runs for a few days to a few weeks; an article picks a story running on its day.
  const storyCount = Math.max(4, Math.round(n / 20));
  const stories = Array.from({ length: storyCount }, (_, i) => {
    const start = int(0, spanDays - 1);
    const length = int(1, 21);
    return {
      id: `story-${pad(i + 1, 5)}`,
      title: `${cap(pick(TOPICS))} near ${pick(PLACES)} (${i + 1})`,
      start,
      end: Math.min(spanDays - 1, start + length),
    };
  });
  // Each story has a wire text that some of its reports (15 %) carry word for word (shared text).
  const wire = stories.map(() => Array.from({ length: 3 }, sentence).join(" "));
  const storiesByDay: number[][] = Array.from({ length: spanDays }, () => []);
  stories.forEach((s, i) => {
    for (let d = s.start; d <= s.end; d++) storiesByDay[d]!.push(i);
  });

  fs.mkdirSync(path.join(root, "_data"), { recursive: true });
  const site = {
    title: "Benchmark record",
    description: "A synthetic archive for the benchmark.",
    language: "en",
    url: "https://bench.example",
  };
  fs.writeFileSync(path.join(root, "_data", "site.json"), JSON.stringify(site, null, 2) + "\n");
  fs.writeFileSync(path.join(root, "_data", "sources.json"), JSON.stringify(sources, null, 2) + "\n");
  fs.writeFileSync(
    path.join(root, "_data", "stories.json"),
    JSON.stringify(
      stories.map((s) => ({
        id: s.id,
        title: s.title,
        summary: `Synthetic story ${s.id}: ${sentence()}`,
        date: dayString(startDay + s.start),
      })),
      null,
      2,
    ) + "\n",
  );
  for (const s of sources) fs.mkdirSync(path.join(root, "src", "articles", s.id), { recursive: true });

  let sample = { file: "", url: "" };
  /** Per story: its reports' keys, days and one quotable list item with a figure. */
  const cited: { key: string; day: string; quote: string; value: string }[][] = stories.map(() => []);
  for (let i = 0; i < n; i++) {
    const source = sources[i % sources.length]!;
    const dayIndex = int(0, spanDays - 1);
    const day = dayString(startDay + dayIndex);
    const timed = chance(0.45);
    const date = timed ? `${day}T${pad(int(5, 22))}:${pad(int(0, 59))}:00${pick(OFFSETS)}` : day;
    const running = storiesByDay[dayIndex]!;
    const storyIndex = running.length && chance(0.8) ? pick(running) : undefined;
    const story = storyIndex === undefined ? undefined : stories[storyIndex]!;
    const place = pick(PLACES);
    const title = `${cap(pick(TOPICS))} in ${place}: ${words(int(3, 7))}`;
    const slug = `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .split("-")
      .slice(0, 6)
      .join("-")}-${i + 1}`;

    const fm: string[] = ["---", `title: ${q(title)}`, `source: ${source.id}`, `date: ${q(date)}`];
    const original = chance(0.7) ? `https://${source.id}.example.org/news/${slug}` : undefined;
    if (original) fm.push(`url: ${q(original)}`);
    if (chance(0.7)) {
      fm.push("authors:");
      for (let k = int(1, 2); k > 0; k--) fm.push(`  - ${q(`${pick(FIRST)} ${pick(LAST)}`)}`);
    }
    if (chance(0.1)) fm.push(`credit: ${q(`${pick(sources).name} contributed reporting`)}`);
    if (chance(0.1)) fm.push(`updated: ${q(dayString(startDay + dayIndex + int(2, 4)))}`);
    if (chance(0.5)) fm.push(`summary: ${q(`${sentence()} ${sentence()}`)}`);
    if (story) fm.push(`story: ${story.id}`);
    if (chance(0.1))
      fm.push(
        "image:",
        `  caption: ${q(`${cap(words(6))} in ${place}.`)}`,
        `  credit: ${q(`Photo: ${pick(FIRST)} ${pick(LAST)}`)}`,
      );
    if (chance(0.03)) fm.push(`note: ${q(`Editor's note: ${sentence()}`)}`);
    // an archived copy is of the original: only a report with a url has one (the same draws of the generator either way)
    if (chance(0.05) && original) {
      fm.push(`archive: ${q(`https://web.archive.org/web/20241001120000/${original}`)}`);
      fm.push(`accessed: ${q(dayString(startDay + spanDays + 7))}`);
    }
    fm.push("---", "");

    // ~650 words: paragraphs, two headings, a list, links, emphasis, a quote.
    const body: string[] = [];
    const para = (k: number) => {
      const ss = Array.from({ length: k }, sentence);
      const j = int(0, ss.length - 1);
      ss[j] = ss[j]!.replace(/^(\S+ \S+)/, chance(0.5) ? "*$1*" : "**$1**");
      // the link ends with its number, so that the stock lines around it never make 8 shared words
      if (chance(0.6))
        ss.push(
          `See [the ${pick(TOPICS)} report](https://${pick(sources).id}.example.org/news/${int(1000, 9999)}), number ${int(1000, 9999)}.`,
        );
      if (chance(0.05)) ss.push(`An [earlier version](#) of this was corrected.`); // under 8 words: not shared text
      return ss.join(" ");
    };
    body.push(para(5), "", para(4), "");
    if (storyIndex !== undefined && chance(0.15)) body.push(wire[storyIndex]!, "");
    const value = `${int(2, 950)} ${pick(["people", "homes", "vehicles", "tonnes of aid", "kilometres"])}`;
    const figure = `${cap(words(int(3, 6)))} ${value} ${words(int(3, 6))}`;
    body.push(
      `## ${cap(words(4))}`,
      "",
      para(5),
      "",
      `- ${figure}.`,
      "- " + sentence(),
      "- " + sentence(),
      "- " + sentence(),
      "",
    );
    body.push(
      para(4),
      "",
      `> ${sentence()} ${sentence()}`,
      "",
      `## ${cap(words(3))} in ${place}`,
      "",
      para(5),
      "",
      para(4),
      "",
      para(4),
      "",
    );

    const file = path.join("src", "articles", source.id, `${slug}.md`);
    fs.writeFileSync(path.join(root, file), fm.join("\n") + body.join("\n"));
    if (i === Math.floor(n / 2)) sample = { file, url: `/sources/${source.id}/${slug}/` };
    if (storyIndex !== undefined) cited[storyIndex]!.push({ key: `${source.id}/${slug}`, day, quote: figure, value });
  }

  // Entities: the places, then people of the pool; events and claims cite the reports' figures.
  const entities = [
    ...PLACES.map((name) => {
      const [lat, lon, country] = PLACE_COORDINATES[name]!;
      return { id: name.toLowerCase(), name, type: "place", coordinates: [lat, lon], country };
    }),
    ...Array.from({ length: Math.max(0, entityCount - PLACES.length) }, (_, k) => {
      const p = poolPerson(k);
      return {
        id: `${p.first}-${p.last}`.toLowerCase(),
        name: `${p.first} ${p.last}`,
        type: "person",
        aliases: [p.last],
      };
    }),
  ].slice(0, entityCount);
  const events = cited.flatMap((reports, s) =>
    reports.slice(0, 2).map((r, k) => ({
      id: `${stories[s]!.id}-event-${k + 1}`,
      date: r.day,
      title: `${cap(words(5))} (${stories[s]!.title})`,
      story: stories[s]!.id,
      citations: [{ article: r.key, quote: r.quote }],
    })),
  );
  const claims = cited.flatMap((reports, s) =>
    reports.length < 2
      ? []
      : [
          {
            id: `${stories[s]!.id}-figure`,
            story: stories[s]!.id,
            label: `A figure in ${stories[s]!.title}`,
            citations: reports.map((r) => ({ article: r.key, quote: r.quote, value: r.value })),
          },
        ],
  );
  const write = (name: string, data: unknown) =>
    fs.writeFileSync(path.join(root, "_data", name), JSON.stringify(data, null, 2) + "\n");
  write("entities.json", entities);
  write("events.json", events);
  write("claims.json", claims);
  return {
    root,
    articles: n,
    sources: sources.length,
    stories: storyCount,
    entities: entities.length,
    events: events.length,
    claims: claims.length,
    sample,
  };
}
