/**
 * Pipeline stage 1: the data files in `_data/`: site.json (one object) and sources, stories,
 * entities, events and claims (JSON lists, validated entry by entry). A problem names the file and the entry:
 * `_data/sources.json: [2] (id "x").url: …`.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { FileProblem, parseJsonFile, readTextFile } from "./files.ts";
import { nameKey } from "./mentions.ts";
import { Entity, Source, Story } from "./model.ts";
import type { Problem } from "./problems.ts";
import {
  claimSchema,
  describeIssues,
  entitySchema,
  eventSchema,
  schemaKeys,
  siteSchema,
  sourceSchema,
  storySchema,
  type ClaimData,
  type EventData,
  type SiteData,
} from "./schema.ts";

/** A valid entry and its label for messages: `[2] (id "x")`. */
export interface Entry<T> {
  data: T;
  label: string;
}

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
  /** A data file that is itself broken: its ids are not also reported as unknown wherever they are used. */
  broken: { sources: boolean; stories: boolean; entities: boolean };
}

export function readDataFiles(dataDir: string, rel: (file: string) => string, problems: Problem[]): DataFiles {
  const file = (name: string) => path.join(dataDir, name);
  const files = {
    site: rel(file("site.json")),
    sources: rel(file("sources.json")),
    stories: rel(file("stories.json")),
    entities: rel(file("entities.json")),
    events: rel(file("events.json")),
    claims: rel(file("claims.json")),
  };
  const brokenBefore = (f: string) => problems.some((p) => p.file === f);
  const site = readSite(file("site.json"), files.site, problems);
  const sourceEntries = readEntries(file("sources.json"), files.sources, true, sourceSchema, "source", problems);
  const storyEntries = readEntries(file("stories.json"), files.stories, false, storySchema, "story", problems);
  const entityEntries = readEntries(file("entities.json"), files.entities, false, entitySchema, "entity", problems);
  const broken = { sources: brokenBefore(files.sources), stories: brokenBefore(files.stories), entities: brokenBefore(files.entities) };
  checkSpellings(entityEntries, files.entities, problems);
  return {
    site,
    sources: sourceEntries.map((e, i) => new Source(e.data, i)),
    stories: storyEntries.map((e) => new Story(e.data)),
    entities: entityEntries.map((e) => new Entity(e.data)),
    events: readEntries(file("events.json"), files.events, false, eventSchema, "event", problems),
    claims: readEntries(file("claims.json"), files.claims, false, claimSchema, "claim", problems),
    files,
    broken,
  };
}

/** A name or alias may belong to one entity only: otherwise a mention could not be attributed. */
function checkSpellings(entries: Entry<{ id: string; name: string; aliases?: string[] }>[], file: string, problems: Problem[]): void {
  const owner = new Map<string, string>();
  for (const { data, label } of entries) {
    [data.name, ...(data.aliases ?? [])].forEach((name, j) => {
      const key = nameKey(name);
      const other = owner.get(key);
      const field = j === 0 ? `${label}.name` : `${label}.aliases[${j - 1}]`;
      if (other === undefined) owner.set(key, data.id);
      else if (other === data.id) problems.push({ file, field, message: `"${name}" is listed twice for this entity` });
      else problems.push({ file, field, message: `"${name}" is also a spelling of entity "${other}": one spelling can name only one entity` });
    });
  }
}

/** `site.json`: one object (the site's title, description, language and address). */
function readSite(file: string, name: string, problems: Problem[]): SiteData | undefined {
  const raw = readJson(file, name, "is missing: the site needs its title, description, language and url here", problems);
  if (raw === undefined) return undefined;
  const result = siteSchema.safeParse(raw);
  if (result.success) return result.data;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push({ file: name, message: 'must be a JSON object: { "title": …, "description": …, "language": …, "url": … }' });
    return undefined;
  }
  for (const p of describeIssues(result.error, schemaKeys(siteSchema))) problems.push({ file: name, field: p.field, message: p.message });
  return undefined;
}

/** A JSON file's value, or undefined after reporting why it could not be read. */
function readJson(file: string, name: string, missing: string, problems: Problem[]): unknown {
  try {
    return parseJsonFile(readTextFile(file, path.dirname(path.dirname(file))));
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    problems.push({ file: name, message: e.message === "is missing" ? missing : e.message });
    return undefined;
  }
}

const PLURALS: Record<string, string> = { source: "sources", story: "stories", entity: "entities", event: "events", claim: "claims" };

/** Reads a JSON list of entries, each validated on its own; duplicate ids are problems. */
function readEntries<S extends z.ZodType>(file: string, name: string, required: boolean, schema: S, what: string, problems: Problem[]): Entry<z.output<S>>[] {
  if (!fs.existsSync(file) && !required) return [];
  const raw = readJson(file, name, `is missing: the site needs a list of ${PLURALS[what]} here`, problems);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ file: name, message: `must be a JSON array of ${what} objects ([ { "id": … }, … ])` });
    return [];
  }
  const out: Entry<z.output<S>>[] = [];
  const ids = new Map<string, number>();
  const keys = schemaKeys(schema);
  raw.forEach((entry, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const label = typeof id === "string" ? `[${i}] (id "${id}")` : `[${i}]`;
    const result = schema.safeParse(entry);
    if (!result.success) {
      for (const p of describeIssues(result.error, keys)) problems.push({ file: name, field: p.field ? `${label}.${p.field}` : label, message: p.message });
      return;
    }
    const valid = (result.data as { id: string }).id;
    const first = ids.get(valid);
    if (first !== undefined) {
      problems.push({ file: name, field: `[${i}].id`, message: `duplicate ${what} id "${valid}" (also at [${first}])` });
      return;
    }
    ids.set(valid, i);
    out.push({ data: result.data, label });
  });
  return out;
}
