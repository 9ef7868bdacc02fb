/**
 * Pipeline stage 1: the data files in `_data/`: site.json (one object) and sources, stories,
 * entities, events and claims (JSON lists, validated entry by entry). A problem names the file,
 * the entry and the field, with its line and column: `_data/sources.json:4:5: [2] (id "x").url: …`.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { FileProblem, parseJsonFile, readTextFile, type FieldPath, type JsonFile, type Locate } from "./files.ts";
import { cleanValue } from "./characters.ts";
import { nameKey } from "./mentions.ts";
import { Entity, Source, Story } from "./model.ts";
import type { Problem } from "./problems.ts";
import { isAddressProblem, resolveAddress, type AddressSettings } from "../publish/site.ts";
import {
  claimSchema,
  describeIssues,
  entitySchema,
  eventSchema,
  fieldName,
  schemaKeys,
  siteSchema,
  sourceSchema,
  storySchema,
  type ClaimData,
  type EventData,
  type SiteData,
} from "./schema.ts";

/** A valid entry, its place in the list and its label for messages: `[2] (id "x")`. */
export interface Entry<T> {
  data: T;
  index: number;
  label: string;
}

/** Where a field of one data file is: `[2, "citations", 0, "quote"]` → line and column. */
type DataLocate = (path: FieldPath) => Partial<Problem>;

export interface DataFiles {
  /** Undefined when site.json has problems (reported). */
  site?: SiteData;
  sources: Source[];
  stories: Story[];
  entities: Entity[];
  events: Entry<EventData>[];
  claims: Entry<ClaimData>[];
  /** Paths for messages, relative to the project root. */
  files: { site: string; sources: string; stories: string; entities: string; events: string; claims: string };
  /** Positions in each list file (nothing when the file is missing or broken). */
  at: { sources: DataLocate; stories: DataLocate; entities: DataLocate; events: DataLocate; claims: DataLocate };
  /** The ids each referenced list may hold that were not read (its problems are reported once, in the file itself). */
  unsure: { sources: Unsure; stories: Unsure; entities: Unsure };
}

/**
 * The ids a data file may hold although they are not in its list: all of them when the file
 * could not be read as a list (missing, not JSON, not an array, an entry without a readable id),
 * else the ids of its refused entries. An id that may exist is not also reported as unknown
 * wherever it is used: one mistake, one error.
 */
export interface Unsure {
  all: boolean;
  ids: Set<string>;
}

/** Whether `id` may be one the file meant to define (so "unknown id" would be a cascade). */
export function mayDefine(unsure: Unsure, id: string): boolean {
  return unsure.all || unsure.ids.has(id);
}

export function readDataFiles(
  dataDir: string,
  rel: (file: string) => string,
  problems: Problem[],
  address: AddressSettings = {},
): DataFiles {
  const file = (name: string) => path.join(dataDir, name);
  const files = {
    site: rel(file("site.json")),
    sources: rel(file("sources.json")),
    stories: rel(file("stories.json")),
    entities: rel(file("entities.json")),
    events: rel(file("events.json")),
    claims: rel(file("claims.json")),
  };
  const site = readSite(file("site.json"), files.site, problems, address);
  const sources = readEntries(file("sources.json"), files.sources, true, sourceSchema, "source", problems);
  const stories = readEntries(file("stories.json"), files.stories, false, storySchema, "story", problems);
  const entities = readEntries(file("entities.json"), files.entities, false, entitySchema, "entity", problems);
  checkSpellings(entities.entries, files.entities, entities.at, problems);
  const events = readEntries(file("events.json"), files.events, false, eventSchema, "event", problems);
  const claims = readEntries(file("claims.json"), files.claims, false, claimSchema, "claim", problems);
  return {
    site,
    sources: sources.entries.map((e, i) => new Source({ data: e.data, index: i })),
    stories: stories.entries.map((e) => new Story({ data: e.data })),
    entities: entities.entries.map((e) => new Entity({ data: e.data, index: e.index })),
    events: events.entries,
    claims: claims.entries,
    files,
    at: { sources: sources.at, stories: stories.at, entities: entities.at, events: events.at, claims: claims.at },
    // nothing refers to an event or claim by id: their files' problems cannot cascade
    unsure: { sources: sources.unsure, stories: stories.unsure, entities: entities.unsure },
  };
}

/**
 * A name, alias or form of one may belong to one entity only: otherwise a mention could not be
 * attributed. A form is not a spelling: the same words may not be both for one entity either.
 */
function checkSpellings(
  entries: Entry<{ id: string; name: string; aliases?: string[]; forms?: Record<string, string[]> }>[],
  file: string,
  at: DataLocate,
  problems: Problem[],
): void {
  /** Who has each spelling (by nameKey): the entity, and for a form the spelling it is a form of. */
  const owner = new Map<string, { id: string; of?: string }>();
  for (const { data, label, index } of entries) {
    const listed: { name: string; of?: string; field: string; path: PropertyKey[] }[] = [
      { name: data.name, field: `${label}.name`, path: [index, "name"] },
      ...(data.aliases ?? []).map((name, j) => ({
        name,
        field: `${label}.aliases[${j}]`,
        path: [index, "aliases", j],
      })),
      ...Object.entries(data.forms ?? {}).flatMap(([of, forms]) =>
        forms.map((name, j) => ({ name, of, field: `${label}.forms.${of}[${j}]`, path: [index, "forms", of, j] })),
      ),
    ];
    for (const { name, of, field, path } of listed) {
      const key = nameKey(name);
      const other = owner.get(key);
      if (other === undefined) {
        owner.set(key, { id: data.id, of });
        continue;
      }
      const what = (o: { of?: string }) => (o.of === undefined ? "a spelling" : `a form of "${o.of}"`);
      const message =
        other.id !== data.id
          ? `"${name}" is also ${what(other)} of entity "${other.id}": one spelling can name only one entity`
          : of !== undefined && other.of === undefined
            ? `"${name}" is already a spelling of this entity (its name or an alias): a form is another case of a spelling, not the spelling itself`
            : of !== undefined && other.of !== of
              ? `"${name}" is listed twice for this entity (also as a form of "${other.of}")`
              : `"${name}" is listed twice for this entity`;
      problems.push({ file, field, ...at(path), message });
    }
  }
}

/** A data file parsed with positions, or undefined after its problem (missing, not JSON) is reported; duplicate keys are problems too. */
function readJson(file: string, name: string, missing: string, problems: Problem[]): JsonFile | undefined {
  let json: JsonFile;
  try {
    json = parseJsonFile(readTextFile(file, path.dirname(path.dirname(file))));
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    problems.push({ file: name, ...e.position, message: e.message === "is missing" ? missing : e.message });
    return undefined;
  }
  json.value = cleanValue(name, json.value, json.locate, problems, fieldName);
  for (const d of json.duplicates) {
    const field = d.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    problems.push({
      file: name,
      field,
      ...d.position,
      message: `duplicate key "${d.key}" (also at line ${d.first.line}): JSON keeps only the last, so remove one`,
    });
  }
  return json;
}

const positionIn =
  (locate: Locate | undefined): DataLocate =>
  (p) =>
    locate ? { ...locate(p) } : {};

/**
 * `site.json`: one object (the site's title, description, language and address). The address
 * is checked as the build uses it: with SITE_URL and PATH_PREFIX (src/publish/site.ts).
 */
function readSite(file: string, name: string, problems: Problem[], address: AddressSettings): SiteData | undefined {
  const json = readJson(
    file,
    name,
    "is missing: the site needs its title, description, language and url here",
    problems,
  );
  if (!json) return undefined;
  if (typeof json.value !== "object" || json.value === null || Array.isArray(json.value)) {
    problems.push({
      file: name,
      line: 1,
      column: 1,
      message: 'must be a JSON object: { "title": …, "description": …, "language": …, "url": … }',
    });
    return undefined;
  }
  const result = siteSchema.safeParse(json.value);
  if (result.success) {
    const resolved = resolveAddress(result.data.url, address);
    if (!isAddressProblem(resolved)) return json.duplicates.length ? undefined : result.data;
    // site.json's url at its line; a setting from the environment by its name
    if (resolved.setting === "url")
      problems.push({ file: name, field: "url", ...json.locate(["url"]), message: resolved.message });
    else problems.push({ file: resolved.setting, message: resolved.message });
    return undefined;
  }
  for (const p of describeIssues(result.error, schemaKeys(siteSchema)))
    problems.push({ file: name, field: p.field, ...json.locate(p.path), message: p.message });
  return undefined;
}

const PLURALS: Record<string, string> = {
  source: "sources",
  story: "stories",
  entity: "entities",
  event: "events",
  claim: "claims",
};

/** Reads a JSON list of entries, each validated on its own; duplicate ids are problems. */
function readEntries<S extends z.ZodType>(
  file: string,
  name: string,
  required: boolean,
  schema: S,
  what: string,
  problems: Problem[],
): { entries: Entry<z.output<S>>[]; at: DataLocate; unsure: Unsure } {
  const entries: Entry<z.output<S>>[] = [];
  const unsure: Unsure = { all: false, ids: new Set() };
  // an optional file that is absent is an empty list: its ids are known (there are none)
  if (!fs.existsSync(file) && !required) return { entries, at: positionIn(undefined), unsure };
  const json = readJson(file, name, `is missing: the site needs a list of ${PLURALS[what]} here`, problems);
  const at = positionIn(json?.locate);
  if (!json) return { entries, at, unsure: { ...unsure, all: true } };
  if (!Array.isArray(json.value)) {
    problems.push({
      file: name,
      line: 1,
      column: 1,
      message: `must be a JSON array of ${what} objects ([ { "id": … }, … ])`,
    });
    return { entries, at, unsure: { ...unsure, all: true } };
  }
  const ids = new Map<string, number>();
  const keys = schemaKeys(schema);
  json.value.forEach((entry, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const label = typeof id === "string" ? `[${i}] (id "${id}")` : `[${i}]`;
    const result = schema.safeParse(entry);
    if (!result.success) {
      for (const p of describeIssues(result.error, keys))
        problems.push({
          file: name,
          field: p.field ? `${label}.${p.field}` : label,
          ...at([i, ...p.path]),
          message: p.message,
        });
      // a refused entry's id is not known, but may be meant: without a readable id, any may be
      if (typeof id === "string") unsure.ids.add(id);
      else unsure.all = true;
      return;
    }
    const valid = (result.data as { id: string }).id;
    const first = ids.get(valid);
    if (first !== undefined) {
      problems.push({
        file: name,
        field: `[${i}].id`,
        ...at([i, "id"]),
        message: `duplicate ${what} id "${valid}" (also at [${first}])`,
      });
      return;
    }
    ids.set(valid, i);
    entries.push({ data: result.data, index: i, label });
  });
  return { entries, at, unsure };
}
