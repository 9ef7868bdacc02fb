/** Article bodies kept as bytes, in memory or in an unlinked temporary file (src/content/stored-text.ts). */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SpillFile, StoredBlocks, StoredText } from "../src/content/stored-text.ts";
import { tempDir } from "./helpers/site.ts";

const TEXTS = [
  "",
  "plain ASCII",
  "“Curly” quotes — and a dash",
  "Київ, Курськ; 北京; emoji 🗞️ and a lone \u00e9",
  "x".repeat(70_000),
];

describe("stored article text", () => {
  const dir = tempDir("spill-");
  const file = new SpillFile(dir);

  it("gives back every text as it was, from memory and from the temporary file", () => {
    for (const text of TEXTS) {
      expect(new StoredText(text).toString()).toBe(text);
      expect(new StoredText(text, file).toString()).toBe(text);
    }
  });

  it("gives back a list of blocks with their boundaries, empty blocks included", () => {
    const blocks = ["first", "", "“second” — Київ", "🗞️", "last"];
    for (const stored of [new StoredBlocks(blocks), new StoredBlocks(blocks, file)]) {
      expect(stored.length).toBe(5);
      expect(stored.list()).toEqual(blocks);
      // a new array each time: callers may change theirs
      expect(stored.list()).not.toBe(stored.list());
    }
    expect(new StoredBlocks([], file).list()).toEqual([]);
  });

  it("keeps many texts in one file, each read back in any order", () => {
    const stored = Array.from(
      { length: 300 },
      (_, i) => [i, new StoredText(`report ${i} “${"é".repeat(i)}”`, file)] as const,
    );
    for (const [i, s] of [...stored].reverse()) expect(s.toString()).toBe(`report ${i} “${"é".repeat(i)}”`);
  });

  it("leaves nothing in the folder: the file is unlinked as soon as it is opened", () => {
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
