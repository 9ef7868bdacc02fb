/**
 * Integrity of events, claims and entities: each error fails the build with a message naming
 * the data file, the entry (index and id), the field and the article. Fixture content trees
 * are copies of the sample with one data file changed.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { runBuildAsync } from "./helpers/build-async.ts";
import { SAMPLE, tempDir } from "./helpers/site.ts";
import { withoutPosition } from "./helpers/fixture.ts";

const MT = "moscow-times/kyiv-invites-un-red-cross-to-ukraine-held-areas-of-russias-kursk-region";
const KC = "kumasi-city/ukraine-asks-un-and-red-cross-to-visit-russias-kursk-region";
const STORY = "ukraine-invites-un-icrc-to-kursk";

/** One temporary folder (removed at exit) for every fixture of this file. */
const BASE = tempDir("stories-fixtures-");

/** A copy of the sample content with some data files replaced. */
function fixture(files: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(BASE, "site-"));
  fs.cpSync(path.join(SAMPLE, "_data"), path.join(root, "_data"), { recursive: true });
  fs.cpSync(path.join(SAMPLE, "src", "articles"), path.join(root, "src", "articles"), { recursive: true });
  for (const [name, value] of Object.entries(files)) {
    fs.writeFileSync(
      path.join(root, "_data", name),
      typeof value === "string" ? value : JSON.stringify(value, null, 2),
    );
  }
  return root;
}

/** The problems loading a fixture reports, as `file: field: message` lines. */
function problems(files: Record<string, unknown>): string[] {
  return loadContent(defaultPaths(fixture(files)))
    .problems.filter(isError)
    .map(withoutPosition);
}

const event = (over: Record<string, unknown> = {}) => ({
  id: "spoljaric-arrives",
  date: "2024-09-16",
  title: "Spoljaric arrives in Moscow",
  story: STORY,
  citations: [{ article: MT, quote: "ICRC President Mirjana Spoljaric arrived in Moscow" }],
  ...over,
});
const claim = (over: Record<string, unknown> = {}) => ({
  id: "evacuated",
  story: STORY,
  label: "Russian civilians evacuated",
  citations: [{ article: KC, quote: "around 150,000 Russian civilians", value: "around 150,000" }],
  ...over,
});

describe("integrity of events, claims and entities", () => {
  it("the sample data is valid", () => {
    expect(problems({})).toEqual([]);
  });

  it("a quote missing from the cited article names the data file, the entry id and the article", () => {
    const out = problems({
      "events.json": [
        event({ citations: [{ article: MT, quote: "ICRC President Mirjana Spoljaric arrived in Kyiv" }] }),
      ],
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(
      '_data/events.json: [0] (id "spoljaric-arrives").citations[0].quote: quote not found in article',
    );
    expect(out[0]).toContain(MT);
    expect(out[0]).toContain(`src/articles/${MT}.md`);
    expect(out[0]).toContain('"ICRC President Mirjana Spoljaric arrived in Kyiv"');
  });

  it("a claim's missing quote is reported the same way", () => {
    const out = problems({
      "claims.json": [
        claim(),
        claim({ id: "settlements", citations: [{ article: KC, quote: "about 200 settlements" }] }),
      ],
    });
    expect(out).toEqual([
      `_data/claims.json: [1] (id "settlements").citations[0].quote: quote not found in article "${KC}" (src/articles/${KC}.md): "about 200 settlements"; copy the words exactly as the article has them`,
    ]);
  });

  it("accepts a quote typed with straight quotes and other line breaks than the article's", () => {
    const out = problems({
      "events.json": [
        event({ citations: [{ article: KC, quote: 'Peskov dismissed the invitation as "pure\n   provocation"' }] }),
      ],
      "claims.json": [
        claim({ citations: [{ article: KC, quote: "Moscow has criticized Ukraine's counteroffensive" }] }),
      ],
    });
    expect(out).toEqual([]);
  });

  it("an unknown article names the data file, the entry id and the article", () => {
    const out = problems({
      "events.json": [event({ citations: [{ article: "moscow-times/no-such-report", quote: "x" }] })],
      "claims.json": [claim({ citations: [{ article: "nowhere/at-all", quote: "x" }] })],
    });
    expect(out).toEqual([
      '_data/events.json: [0] (id "spoljaric-arrives").citations[0].article: unknown article "moscow-times/no-such-report": there is no src/articles/moscow-times/no-such-report.md',
      '_data/claims.json: [0] (id "evacuated").citations[0].article: unknown article "nowhere/at-all": there is no src/articles/nowhere/at-all.md',
    ]);
  });

  it("an article reference that is not <source>/<slug> is a field error", () => {
    const out = problems({ "events.json": [event({ citations: [{ article: "kyiv-invites.md", quote: "x" }] })] });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^_data\/events\.json: \[0\] \(id "spoljaric-arrives"\)\.citations\[0\]\.article: expected an article as "<source-id>\/<slug>"/,
    );
  });

  it("an unknown story names the data file, the entry id and the story", () => {
    const out = problems({
      "events.json": [event({ story: "no-such-story" })],
      "claims.json": [claim({ story: "other-story" })],
    });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(
      /^_data\/events\.json: \[0\] \(id "spoljaric-arrives"\)\.story: unknown story id "no-such-story"/,
    );
    expect(out[1]).toMatch(/^_data\/claims\.json: \[0\] \(id "evacuated"\)\.story: unknown story id "other-story"/);
  });

  it("an unknown entity id names the data file, the entry id and the entity", () => {
    const out = problems({ "events.json": [event({ entities: ["mirjana-spoljaric", "nobody"] })] });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^_data\/events\.json: \[0\] \(id "spoljaric-arrives"\)\.entities\[1\]: unknown entity id "nobody": add it to _data\/entities\.json/,
    );
  });

  it("a claim citing an article of another story names the claim and the article", () => {
    const root = fixture({ "claims.json": [claim()] });
    const file = path.join(root, "src", "articles", KC.replace("/", path.sep) + ".md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(`story: ${STORY}\n`, ""));
    const message = loadContent(defaultPaths(root)).problems.map(withoutPosition).join("\n");
    expect(message).toContain(
      `_data/claims.json: [0] (id "evacuated").citations[0].article: article "${KC}" (src/articles/${KC}.md) is not part of story "${STORY}"`,
    );
  });

  it("one spelling may name only one entity", () => {
    const out = problems({
      "entities.json": [
        { id: "united-nations", name: "United Nations", type: "organization", aliases: ["UN"] },
        { id: "un-agency", name: "Some agency", type: "organization", aliases: ["UN"] },
      ],
      "events.json": [],
    });
    expect(out).toEqual([
      '_data/entities.json: [1] (id "un-agency").aliases[0]: "UN" is also a spelling of entity "united-nations": one spelling can name only one entity',
    ]);
  });

  it("schema errors name the entry and the field", () => {
    const out = problems({
      "events.json": [
        event({ date: "12 September 2024" }),
        event({ id: "no-cites", citations: [] }),
        event({ id: "bad-circa", circa: "yes" }),
        event({ id: "typo", titel: "x" }),
      ],
      "entities.json": [{ id: "x", name: "X", type: "thing" }],
      "claims.json": [claim({ citations: [{ article: KC, quote: "  " }] }), claim({ id: "toll", changes: "yes" })],
    });
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^_data\/events\.json: \[0\] \(id "spoljaric-arrives"\)\.date: expected YYYY, YYYY-MM, YYYY-MM-DD/,
        ),
        expect.stringMatching(/^_data\/events\.json: \[1\] \(id "no-cites"\)\.citations: needs at least one citation/),
        expect.stringMatching(/^_data\/events\.json: \[2\] \(id "bad-circa"\)\.circa: expected true or false/),
        expect.stringMatching(/^_data\/events\.json: \[3\] \(id "typo"\)\.titel: unknown key/),
        expect.stringMatching(
          /^_data\/entities\.json: \[0\] \(id "x"\)\.type: expected one of person, organization, place/,
        ),
        expect.stringMatching(
          /^_data\/claims\.json: \[0\] \(id "evacuated"\)\.citations\[0\]\.quote: must not be empty/,
        ),
        expect.stringMatching(
          /^_data\/claims\.json: \[1\] \(id "toll"\)\.changes: expected true or false: true for a figure that moves over time/,
        ),
      ]),
    );
  });

  it("duplicate ids and a file that is not a list are reported", () => {
    expect(problems({ "events.json": [event(), event()] })).toEqual([
      '_data/events.json: [1].id: duplicate event id "spoljaric-arrives" (also at [0])',
    ]);
    expect(problems({ "claims.json": "{}" })).toEqual([
      '_data/claims.json: must be a JSON array of claim objects ([ { "id": … }, … ])',
    ]);
  });

  it("the build fails with the message and keeps no output", async () => {
    const root = fixture({
      "claims.json": [claim({ citations: [{ article: MT, quote: "about 150,000 civilians" }] })],
    });
    const output = path.join(BASE, "dist");
    const run = await runBuildAsync({ output, env: { CONTENT_ROOT: root } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `_data/claims\\.json:\\d+:\\d+: \\[0\\] \\(id "evacuated"\\)\\.citations\\[0\\]\\.quote: quote not found in article "${MT}"`,
      ),
    );
    expect(fs.existsSync(output)).toBe(false);
  });
});
