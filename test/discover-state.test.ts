/** What discover has met (src/editing/discover-state.ts): `discover/seen.json`, sorted, atomic, refused when broken. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSeen, recordSeen, seenFile, writeSeen } from "../src/editing/discover-state.ts";
import { tempDir } from "./helpers/site.ts";

describe("discover/seen.json", () => {
  it("no file yet is an empty state; a written state reads back, keys sorted at every level", () => {
    const root = tempDir("seen-");
    expect(readSeen(root)).toEqual({ ok: true, state: {} });
    let state = recordSeen({}, "zeta", "z.example/b", { seen: "2024-08-06T10:00:00.000Z", outcome: "skipped" });
    state = recordSeen(state, "alpha-news", "alpha.example/news/kursk", {
      file: "src/articles/alpha-news/kursk.md",
      outcome: "draft",
      seen: "2024-08-06T09:00:00.000Z",
    });
    state = recordSeen(state, "zeta", "z.example/a", { seen: "2024-08-06T11:00:00+03:00", outcome: "duplicate" });
    writeSeen(root, state);
    const text = fs.readFileSync(seenFile(root), "utf8");
    expect(seenFile(root)).toBe(path.join(root, "discover", "seen.json"));
    expect(text).toBe(`{
  "alpha-news": {
    "alpha.example/news/kursk": {
      "seen": "2024-08-06T09:00:00.000Z",
      "outcome": "draft",
      "file": "src/articles/alpha-news/kursk.md"
    }
  },
  "zeta": {
    "z.example/a": {
      "seen": "2024-08-06T11:00:00+03:00",
      "outcome": "duplicate"
    },
    "z.example/b": {
      "seen": "2024-08-06T10:00:00.000Z",
      "outcome": "skipped"
    }
  }
}
`);
    expect(readSeen(root)).toEqual({ ok: true, state });
    // no temporary file left beside it
    expect(fs.readdirSync(path.join(root, "discover"))).toEqual(["seen.json"]);
  });

  it("a broken file is a reason, not an empty state", () => {
    const root = tempDir("seen-");
    fs.mkdirSync(path.join(root, "discover"));
    fs.writeFileSync(seenFile(root), "{ nope");
    expect(readSeen(root)).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    fs.writeFileSync(seenFile(root), JSON.stringify({ a: { k: { seen: "yesterday", outcome: "draft" } } }));
    expect(readSeen(root)).toEqual({
      ok: false,
      reason: 'discover/seen.json: "a" → "k" → "seen": expected an ISO 8601 instant',
    });
  });
});
