/**
 * The watch build's incremental rebuilds (src/eleventy/render-plan.ts) are right: a seeded
 * pseudo-random series of editors' edits (an article's text, title, date, a name's spelling, the
 * story it belongs to, a claim, an entity's aliases, an article deleted or added) is made to a
 * small archive while `npm start`'s watch build runs (one long-lived child, as the supervisor
 * runs it: scripts/start.ts --child --watch-only); after each edit's rebuild, every file of its
 * output must be byte for byte the file a clean full build of the same content writes, and no
 * file may be in one output and not the other. The search step's files are left out (`pagefind*`,
 * and `.search-part`, the folder of links it indexes from): the watch build writes its search
 * index later, in the background.
 *
 * The clean build is Eleventy with the project's own config (.eleventy.ts's function and
 * folders), run in this process into a new folder each time: the real build without its search
 * step, nor the staging and slicing of scripts/build.ts (which render the same pages).
 *
 * INCREMENTAL_SEED and INCREMENTAL_EDITS choose another series; a failure prints the seed and
 * the edits so far.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prng } from "../scripts/bench/corpus.ts";
import { writeRun } from "../src/build/eleventy-run.ts";
import { forgetEleventyLayouts } from "../src/build/runtime-patches.ts";
import { BuildSession, sessionOptions } from "../src/build/session.ts";
import { article as articleFile } from "./helpers/fixture.ts";
import { ROOT, TSX, listFiles, tempDir } from "./helpers/site.ts";

const SEED = Number(process.env.INCREMENTAL_SEED ?? 23);
const EDITS = Number(process.env.INCREMENTAL_EDITS ?? 200);

// ---------------------------------------------------------------- the archive, as state

const SOURCES = [
  { id: "alpha-news", name: "Alpha News", url: "https://alpha.example", language: "en" },
  { id: "beta-post", name: "Beta Post", url: "https://beta.example", type: "newspaper" },
  { id: "gamma-wire", name: "Gamma Wire", url: "https://gamma.example", type: "wire" },
];
const STORIES = [
  { id: "harbour-fire", title: "The harbour fire", summary: "A fire in the port of Portvale's warehouses." },
  { id: "bridge-talks", title: "The bridge talks" },
  { id: "river-flood", title: "The river flood", date: "2025-03-02" },
];
/**
 * `spellings`: how a text may write an entity's name; `pool`: the aliases toggled on and off
 * (`fixed` ones always). Any apostrophe (' ‘ ʼ) matches the name's ’: the text's
 * spelling is then one the entity's aliases do not list, which the other reports naming her show.
 */
const ENTITIES = [
  {
    id: "mira-kovac",
    name: "Mira Kovač",
    type: "person",
    spellings: ["Mira Kovač", "Mira Kovac", "Mirra Kovach"],
    pool: ["Mira Kovac", "Mirra Kovach"],
    fixed: ["Kovač"],
  },
  {
    id: "oleksandr-petrenko",
    name: "Oleksandr Petrenko",
    type: "person",
    spellings: ["Oleksandr Petrenko", "Aleksandr Petrenko", "Olexandr Petrenko"],
    pool: ["Aleksandr Petrenko", "Olexandr Petrenko"],
    fixed: [],
  },
  {
    id: "aoife-oneill",
    name: "Aoife O’Neill",
    type: "person",
    spellings: ["Aoife O’Neill", "Aoife O'Neill", "Aoife O‘Neill", "Aoife OʼNeill"],
    pool: ["Aoife ONeill"],
    fixed: [],
  },
  {
    id: "portvale",
    name: "Portvale",
    type: "place",
    spellings: ["Portvale", "Port Vale"],
    pool: ["Port Vale"],
    fixed: [],
    coordinates: [51.2, 3.1],
    country: "BE",
  },
  {
    id: "lindmark",
    name: "Lindmark",
    type: "place",
    spellings: ["Lindmark", "Lindmarck"],
    pool: ["Lindmarck"],
    fixed: [],
    coordinates: [51.6, 3.9],
    country: "NL",
  },
  {
    id: "harbour-board",
    name: "Harbour Board",
    type: "organization",
    spellings: ["Harbour Board", "Harbor Board"],
    pool: ["Harbor Board"],
    fixed: [],
  },
] as const;
const WORDS =
  "officials said the fire crews residents port warehouse river bridge talks water night morning reported confirmed denied engineers boats trucks council mayor statement damage repairs closed reopened".split(
    " ",
  );
/** A passage two reports of a story share (shared text). */
const SHARED: Record<string, string> = {
  "harbour-fire":
    "Firefighters worked through the night to stop the flames from reaching the fuel depot at the eastern quay.",
  "bridge-talks": "Negotiators from both councils met behind closed doors for six hours without agreeing on the toll.",
  "river-flood": "The water rose by two metres in a single night and flooded the lower streets of the old town.",
};

interface ArticleState {
  source: string;
  slug: string;
  title: string;
  date: string;
  story?: string;
  /** Free paragraphs (the first is the automatic summary). */
  paragraphs: string[];
  /** The sentence naming people and places: entity index → spelling used. */
  names: { entity: number; spelling: string }[];
  /** The fact sentence claims and events may cite. */
  figure: number;
  shares: boolean;
}
interface ClaimState {
  id: string;
  story: string;
  label: string;
  citations: { article: string; value?: string }[];
}
interface State {
  articles: Map<string, ArticleState>;
  claims: ClaimState[];
  aliases: string[][];
  /** Articles an event cites: never deleted nor moved to another story. */
  pinned: Set<string>;
  /** Deleted articles, which may come back as they were. */
  deleted: ArticleState[];
}

const keyOf = (a: ArticleState) => `${a.source}/${a.slug}`;
const figureSentence = (a: ArticleState) => `Officials counted ${a.figure} damaged buildings.`;

function articleText(a: ArticleState): string {
  const names = a.names.map((n) => n.spelling);
  const paragraphs = [
    ...a.paragraphs.slice(0, 1),
    `${names.join(" and ")} spoke to reporters. ${figureSentence(a)}`,
    ...(a.shares && a.story ? [SHARED[a.story]!] : []),
    ...a.paragraphs.slice(1),
  ];
  return articleFile(
    { title: a.title, source: a.source, date: a.date, ...(a.story ? { story: a.story } : {}) },
    paragraphs.join("\n\n") + "\n",
  );
}

function entitiesJson(state: State): string {
  return JSON.stringify(
    ENTITIES.map((e, i) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      ...(state.aliases[i]!.length ? { aliases: state.aliases[i] } : {}),
      ...("coordinates" in e ? { coordinates: e.coordinates, country: e.country } : {}),
    })),
    null,
    2,
  );
}

function claimsJson(state: State): string {
  const claims = state.claims.filter((c) => c.citations.length);
  return JSON.stringify(
    claims.map((c) => ({
      id: c.id,
      story: c.story,
      label: c.label,
      citations: c.citations.map((x) => ({
        article: x.article,
        quote: figureSentence(state.articles.get(x.article)!),
        ...(x.value ? { value: x.value } : {}),
      })),
    })),
    null,
    2,
  );
}

/** Two events, each citing a pinned article. */
function eventsJson(state: State): string {
  const [first, second] = [...state.pinned];
  return JSON.stringify([
    {
      id: "fire-starts",
      date: "2025-03-01",
      title: "The fire starts",
      story: "harbour-fire",
      entities: ["portvale"],
      citations: [{ article: first, quote: figureSentence(state.articles.get(first!)!) }],
    },
    {
      id: "talks-open",
      date: "2025-03",
      title: "The talks open",
      story: "bridge-talks",
      entities: ["lindmark", "harbour-board"],
      citations: [{ article: second, quote: figureSentence(state.articles.get(second!)!) }],
    },
  ]);
}

// ---------------------------------------------------------------- edits

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const sentence = (rand: Rand) => {
  const w = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => pick(rand, WORDS));
  return `${w[0]!.charAt(0).toUpperCase()}${w[0]!.slice(1)} ${w.slice(1).join(" ")}.`;
};
const date = (rand: Rand) => {
  const day = `2025-03-0${1 + Math.floor(rand() * 9)}`;
  return rand() < 0.5
    ? day
    : `${day}T${String(6 + Math.floor(rand() * 14)).padStart(2, "0")}:${pick(rand, ["00", "15", "40"])}:00${pick(rand, ["+01:00", "Z", "+02:00"])}`;
};

function newArticle(rand: Rand, state: State, n: number): ArticleState {
  const source = pick(rand, SOURCES).id;
  const story = rand() < 0.8 ? pick(rand, STORIES).id : undefined;
  // most reports name Aoife O’Neill: the spellings one report uses show on the others'
  const names = [
    ...new Set([
      ...(rand() < 0.6 ? [2] : []),
      ...Array.from({ length: 1 + Math.floor(rand() * 2) }, () => Math.floor(rand() * ENTITIES.length)),
    ]),
  ].map((entity) => ({
    entity,
    spelling: pick(rand, [...ENTITIES[entity]!.spellings]),
  }));
  void state;
  return {
    source,
    slug: `report-${n}`,
    title: `${pick(rand, ["Fire", "Talks", "Flood", "Council", "Port"])} report ${n}: ${sentence(rand).slice(0, 30)}`,
    date: date(rand),
    story,
    paragraphs: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(rand)),
    names,
    figure: 5 + Math.floor(rand() * 20),
    shares: rand() < 0.6,
  };
}

interface Edit {
  what: string;
  /** Relative path of the file written (or deleted) and its new content (undefined: deleted). */
  file: string;
  text?: string;
}

function cited(state: State, key: string): boolean {
  return state.pinned.has(key) || state.claims.some((c) => c.citations.some((x) => x.article === key));
}

function articleEdit(_state: State, a: ArticleState, what: string): Edit {
  return { what: `${keyOf(a)}: ${what}`, file: `src/articles/${a.source}/${a.slug}.md`, text: articleText(a) };
}

/** One random edit of the state, and the file it writes; the content stays valid. */
function randomEdit(rand: Rand, state: State, counter: { n: number }): Edit {
  const all = [...state.articles.values()];
  const a = pick(rand, all);
  const kind = pick(rand, [
    "text",
    "text",
    "summary",
    "title",
    "date",
    "spelling",
    "spelling",
    "spelling",
    "story",
    "claim",
    "claim",
    "aliases",
    "delete",
    "add",
  ] as const);
  switch (kind) {
    case "text": {
      const i = 1 + Math.floor(rand() * a.paragraphs.length);
      if (i < a.paragraphs.length && rand() < 0.4) a.paragraphs.splice(i, 1);
      else a.paragraphs.splice(i, rand() < 0.5 ? 1 : 0, sentence(rand));
      return articleEdit(state, a, "a later paragraph");
    }
    case "summary":
      a.paragraphs[0] = sentence(rand);
      return articleEdit(state, a, "the first paragraph (its automatic summary)");
    case "title":
      a.title = `${a.title.split(":")[0]}: ${sentence(rand).slice(0, 40)}`;
      return articleEdit(state, a, "title");
    case "date":
      a.date = date(rand);
      return articleEdit(state, a, `date ${a.date}`);
    case "spelling": {
      const n = pick(rand, a.names);
      const e = ENTITIES[n.entity]!;
      const others = e.spellings.filter((s) => s !== n.spelling);
      n.spelling = pick(rand, others);
      if (rand() < 0.3) a.shares = !a.shares;
      return articleEdit(state, a, `${e.id} spelled "${n.spelling}"`);
    }
    case "story": {
      const free = all.filter((x) => !cited(state, keyOf(x)));
      if (!free.length) return randomEdit(rand, state, counter);
      const b = pick(rand, free);
      const stories = [undefined, ...STORIES.map((s) => s.id)].filter((s) => s !== b.story);
      b.story = pick(rand, stories);
      return articleEdit(state, b, `story ${b.story ?? "none"}`);
    }
    case "claim": {
      const c = pick(rand, state.claims);
      const inStory = all.filter((x) => x.story === c.story).map(keyOf);
      const r = rand();
      if (r < 0.3 && c.citations.length) pick(rand, c.citations).value = `${5 + Math.floor(rand() * 30)}`;
      else if (r < 0.5)
        c.label = `${pick(rand, ["Buildings damaged", "Damaged buildings", "Buildings hit"])} (${Math.floor(rand() * 100)})`;
      else if (r < 0.8) {
        const add = inStory.filter((k) => !c.citations.some((x) => x.article === k));
        if (add.length)
          c.citations.push({
            article: pick(rand, add),
            ...(rand() < 0.7 ? { value: `${Math.floor(rand() * 40)}` } : {}),
          });
        else c.citations.pop();
      } else if (c.citations.length) c.citations.splice(Math.floor(rand() * c.citations.length), 1);
      return {
        what: `claim ${c.id}: ${c.label}, ${c.citations.map((x) => `${x.article}=${x.value ?? "-"}`).join(" ")}`,
        file: "_data/claims.json",
        text: claimsJson(state),
      };
    }
    case "aliases": {
      const i = Math.floor(rand() * ENTITIES.length);
      const e = ENTITIES[i]!;
      const optional: readonly string[] = e.pool;
      const s = pick(rand, optional);
      const now = new Set(state.aliases[i]);
      if (now.has(s)) now.delete(s);
      else now.add(s);
      state.aliases[i] = [...e.fixed, ...optional.filter((x) => now.has(x))].filter((x, j, l) => l.indexOf(x) === j);
      return {
        what: `aliases of ${e.id}: ${state.aliases[i]!.join(", ") || "none"}`,
        file: "_data/entities.json",
        text: entitiesJson(state),
      };
    }
    case "delete": {
      const free = all.filter((x) => !cited(state, keyOf(x)));
      if (all.length <= 6 || !free.length) return randomEdit(rand, state, counter);
      const b = pick(rand, free);
      state.articles.delete(keyOf(b));
      state.deleted.push(b);
      return { what: `${keyOf(b)} deleted`, file: `src/articles/${b.source}/${b.slug}.md` };
    }
    case "add": {
      if (all.length >= 16) return randomEdit(rand, state, counter);
      if (state.deleted.length && rand() < 0.3) {
        // a deleted report comes back as it was (its page was removed: it is new again)
        const b = state.deleted.splice(Math.floor(rand() * state.deleted.length), 1)[0]!;
        state.articles.set(keyOf(b), b);
        return articleEdit(state, b, "back as it was");
      }
      const b = newArticle(rand, state, counter.n++);
      state.articles.set(keyOf(b), b);
      return articleEdit(state, b, `added (${b.story ?? "no story"})`);
    }
  }
}

function initialState(rand: Rand, counter: { n: number }): State {
  const state: State = {
    articles: new Map(),
    claims: [],
    aliases: ENTITIES.map((e) => [...e.fixed, ...e.pool.slice(0, 1)]),
    pinned: new Set(),
    deleted: [],
  };
  for (let i = 0; i < 10; i++) {
    const a = newArticle(rand, state, counter.n++);
    // every story has reports from two outlets at least, and the names in several spellings
    if (i < 6) {
      a.story = STORIES[i % 3]!.id;
      a.source = SOURCES[i % 2 === 0 ? 0 : 1 + (i % 4 === 1 ? 1 : 0)]!.id;
      a.shares = true;
    }
    state.articles.set(keyOf(a), a);
  }
  const list = [...state.articles.values()];
  state.pinned = new Set([keyOf(list[0]!), keyOf(list[1]!)]);
  state.claims = STORIES.map((s, i) => ({
    id: `buildings-${i}`,
    story: s.id,
    label: "Damaged buildings",
    citations: list
      .filter((a) => a.story === s.id)
      .slice(0, 2)
      .map((a, j) => ({ article: keyOf(a), value: j ? `${a.figure}` : undefined })),
  }));
  return state;
}

function writeState(root: string, state: State): void {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write(
    "_data/site.json",
    JSON.stringify({
      title: "Incremental record",
      description: "Edits made at random.",
      language: "en",
      url: "https://incremental.example",
    }),
  );
  write("_data/sources.json", JSON.stringify(SOURCES));
  write("_data/stories.json", JSON.stringify(STORIES));
  write("_data/entities.json", entitiesJson(state));
  write("_data/events.json", eventsJson(state));
  write("_data/claims.json", claimsJson(state));
  for (const a of state.articles.values()) write(`src/articles/${a.source}/${a.slug}.md`, articleText(a));
}

// ---------------------------------------------------------------- the two builds

let content: string;
let watchOut: string;
let child: ChildProcess;
let log = "";

/** Builds finished, each followed by Eleventy's "Watching…" (its watcher is ready for the next edit). */
const builds = () => Math.min(log.match(/ Wrote \d+ files? in /g)?.length ?? 0, log.match(/Watching…/g)?.length ?? 0);

async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `${child.exitCode !== null ? "the watch build exited" : "timed out"} waiting until ${what}; it printed:\n${log.slice(-6000)}`,
  );
}

/** A clean build of the content: one Eleventy run with a one-off build session, as `npm run build` runs it (without the search step). */
async function cleanBuild(output: string): Promise<void> {
  // the content's warnings (a story's report no claim cites): the watch build prints them too
  const session = new BuildSession({
    ...sessionOptions(ROOT, "build"),
    pagesPerRun: Number.POSITIVE_INFINITY,
    showWarnings: false,
  });
  await forgetEleventyLayouts();
  await writeRun({ root: ROOT, output, pathPrefix: "/", session });
}

/** Files that differ between the two outputs (the search index left out). */
function differences(watch: string, clean: string): string[] {
  // the search step's folders are left before they are read: the background indexing changes them meanwhile
  const files = (dir: string) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !/^(pagefind|\.search-part|\.story-timeline-build$)/.test(e.name))
      .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
  const a = files(watch);
  const b = files(clean);
  const out: string[] = [];
  for (const f of new Set([...a, ...b])) {
    if (!a.includes(f)) out.push(`${f}: missing from the watch output`);
    else if (!b.includes(f)) out.push(`${f}: in the watch output only (stale)`);
    else if (!fs.readFileSync(path.join(watch, f)).equals(fs.readFileSync(path.join(clean, f))))
      out.push(
        `${f}: differs${firstDifference(fs.readFileSync(path.join(watch, f), "utf8"), fs.readFileSync(path.join(clean, f), "utf8"))}`,
      );
  }
  return out;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `\n      watch: …${a.slice(Math.max(0, i - 80), i + 80)}…\n      clean: …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

const rand = prng(SEED);
const counter = { n: 0 };
let state: State;

beforeAll(async () => {
  state = initialState(rand, counter);
  content = tempDir("incremental-content-");
  writeState(content, state);
  process.env.CONTENT_ROOT = content;
  watchOut = path.join(tempDir("incremental-watch-"), "dist");
  child = spawn(
    process.execPath,
    [TSX, "scripts/start.ts", "--child", "--watch-only", "--output", watchOut, "--path-prefix", "/"],
    {
      cwd: ROOT,
      env: { ...process.env, CONTENT_ROOT: content },
      detached: true,
    },
  );
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await until("the first build is written", () => builds() > 0, 120_000);
  // the watcher's first scan of the folders ends a moment after Eleventy says it is watching
  await new Promise((r) => setTimeout(r, 1000));
}, 180_000);

afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  delete process.env.CONTENT_ROOT;
});

describe("the watch build, after random edits", () => {
  it(`writes what a clean build writes, after each of ${EDITS} edits (seed ${SEED})`, async () => {
    const done: string[] = [];
    const cleanRoot = tempDir("incremental-clean-");
    const started = Date.now();
    for (let i = 0; i < EDITS; i++) {
      const edit = randomEdit(rand, state, counter);
      const file = path.join(content, edit.file);
      if (edit.text !== undefined && fs.existsSync(file) && fs.readFileSync(file, "utf8") === edit.text) {
        i--;
        continue;
      }
      done.push(`${i + 1}. ${edit.what}`);
      const before = builds();
      if (edit.text === undefined) fs.rmSync(file);
      else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, edit.text);
      }
      // the clean build reads the same files while the watch build rebuilds (the cores are two)
      const clean = path.join(cleanRoot, String(i));
      await Promise.all([
        until(`the rebuild after edit ${i + 1} (${edit.what})`, () => builds() > before),
        cleanBuild(clean),
      ]);
      const diff = differences(watchOut, clean);
      if (diff.length) {
        expect.fail(
          `seed ${SEED}: after edit ${i + 1}, the watch output is not the clean build's:\n  ${diff.join("\n  ")}\nthe edits (INCREMENTAL_SEED=${SEED}):\n  ${done.join("\n  ")}`,
        );
      }
      fs.rmSync(clean, { recursive: true, force: true });
    }
    expect(done).toHaveLength(EDITS);
    console.log(`[incremental] ${EDITS} edits (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);
});
