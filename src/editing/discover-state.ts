/**
 * What `npm run discover` has met already (issue 27): `discover/seen.json` at the content root
 * (not in `_data/`, which Eleventy reads as the site's global data), by source, then by the item's
 * normalised address (src/content/address.ts) or its feed id:
 *
 * ```json
 * { "alpha-news": { "alpha.example/news/kursk": { "seen": "2024-08-06T10:00:00.000Z", "outcome": "draft", "file": "src/articles/alpha-news/kursk.md" } } }
 * ```
 *
 * Written atomically (a temporary file in the same folder, then renamed over it) with every key
 * sorted and one entry a line group, so a discover run's change is a small git diff. A file that
 * cannot be read as this shape is a reason, never replaced by an empty state.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const OUTCOMES = ["draft", "skipped", "duplicate"] as const;

const entrySchema = z
  .object({
    seen: z.iso.datetime({ offset: true, error: "expected an ISO 8601 instant" }),
    outcome: z.enum(OUTCOMES, { error: `expected one of ${OUTCOMES.join(", ")}` }),
    file: z.string().min(1).optional(),
  })
  .strict();
const stateSchema = z.record(z.string().min(1), z.record(z.string().min(1), entrySchema));

type SeenEntry = z.output<typeof entrySchema>;
export type SeenState = Record<string, Record<string, SeenEntry>>;

/** `discover/seen.json` under the content root. */
export function seenFile(root: string): string {
  return path.join(root, "discover", "seen.json");
}

/** The state in the content root: empty when there is no file yet; a one-line reason when the file is not one. */
export function readSeen(root: string): { ok: true; state: SeenState } | { ok: false; reason: string } {
  const file = seenFile(root);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, state: {} };
    return { ok: false, reason: `discover/seen.json cannot be read: ${(e as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return {
      ok: false,
      reason: "discover/seen.json is not valid JSON: fix it or delete it (discover then meets every item anew)",
    };
  }
  const parsed = stateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => JSON.stringify(String(p))).join(" → ");
    return { ok: false, reason: `discover/seen.json: ${where ? `${where}: ` : ""}${issue.message}` };
  }
  return { ok: true, state: parsed.data as SeenState };
}

/** The state with one item recorded (a new object; the one given is left as it was). */
export function recordSeen(state: SeenState, source: string, key: string, entry: SeenEntry): SeenState {
  return { ...state, [source]: { ...state[source], [key]: entry } };
}

/** Keys sorted at every level (code-point order, the same on every machine), entries' fields in a fixed order. */
function sorted(state: SeenState): SeenState {
  const byKey = <T>(o: Record<string, T>) => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: SeenState = {};
  for (const source of byKey(state)) {
    const items: Record<string, SeenEntry> = {};
    for (const key of byKey(state[source]!)) {
      const e = state[source]![key]!;
      items[key] =
        e.file === undefined
          ? { seen: e.seen, outcome: e.outcome }
          : { seen: e.seen, outcome: e.outcome, file: e.file };
    }
    out[source] = items;
  }
  return out;
}

/** Writes the state, sorted, atomically: a reader (or a crash) never sees half a file. */
export function writeSeen(root: string, state: SeenState): void {
  const file = seenFile(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.seen.json.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, `${JSON.stringify(sorted(state), null, 2)}\n`);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
