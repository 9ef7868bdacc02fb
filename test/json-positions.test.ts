// Positions in data files: the lazy, per-item locator must point where a full position tree does.
import { findNodeAtLocation, parseTree, type Node } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { FileProblem, parseJsonFile } from "../src/content/files.ts";

/** Line and column of an offset, counted independently of the code under test. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Every path into a value: keys and indexes. */
function paths(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

/** Where the full-tree locator (a property's key, else the node) says a path is. */
function reference(text: string, path: PropertyKey[]) {
  const root = parseTree(text)!;
  const node = findNodeAtLocation(
    root,
    path.map((p) => (typeof p === "number" ? p : String(p))),
  ) as Node;
  const key = node.parent?.type === "property" ? node.parent.children![0]! : node;
  return lineColumn(text, key.offset);
}

describe("JSON data file positions", () => {
  it("locates every field of a list of entries, nested lists and objects included, where a full tree does", () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({
      id: `e-${i}`,
      name: `Näme “${i}”\u{1F600}`,
      ...(i % 3 ? { aliases: [`A${i}`, `B${i}`] } : {}),
      ...(i % 4 ? { coordinates: { lat: i / 3, lon: -i } } : {}),
      flag: i % 2 === 0,
      none: null,
    }));
    // two-space indentation, one item on a line of its own and one with extra spaces
    const text = JSON.stringify(entries, null, 2)
      .replace('"e-7"', '"e-7"  ')
      .replace('{\n    "id": "e-9"', '{ "id": "e-9"');
    const json = parseJsonFile(text);
    const plain = text;
    const all = paths(json.value);
    expect(all.length).toBeGreaterThan(300);
    for (const p of all) expect(json.locate(p), JSON.stringify(p)).toEqual(reference(plain, p));
    expect(json.locate([40])).toBeUndefined();
    expect(json.locate([3, "missing"])).toBeUndefined();
  });

  it("locates fields of a top-level object and a list of plain values", () => {
    const obj = '{\n  "title": "T",\n  "nested": { "list": [1, 2, {"x": true}] }\n}\n';
    const o = parseJsonFile(obj);
    expect(paths(o.value).length).toBeGreaterThan(5);
    for (const p of paths(o.value)) expect(o.locate(p)).toEqual(reference(obj, p));
    const list = '[\n  "a",\n  3,\n  [true, {"k": "v"}]\n]';
    const l = parseJsonFile(list);
    expect(paths(l.value).length).toBeGreaterThan(5);
    for (const p of paths(l.value)) expect(l.locate(p)).toEqual(reference(list, p));
  });

  it("reports duplicate keys at any depth with both positions", () => {
    const text = '[\n  {"id": "a", "x": {"k": 1,\n "k": 2}},\n  {"id": "b",\n   "id": "c"}\n]';
    const json = parseJsonFile(text);
    expect(json.duplicates).toEqual([
      { key: "k", path: [0, "x", "k"], position: { line: 3, column: 2 }, first: { line: 2, column: 21 } },
      { key: "id", path: [1, "id"], position: { line: 5, column: 4 }, first: { line: 4, column: 4 } },
    ]);
  });

  it("gives the line and column of a syntax error, and says an empty file is empty", () => {
    const bad = (text: string) => {
      try {
        parseJsonFile(text);
      } catch (e) {
        expect(e).toBeInstanceOf(FileProblem);
        return { message: (e as FileProblem).message, ...(e as FileProblem).position };
      }
      throw new Error("parsed");
    };
    // a trailing comma: at the comma itself, named as the mistake
    expect(bad('[\n  {"id": "a",}\n]')).toEqual({
      message: 'is not valid JSON: remove the trailing comma after "id": "a" (JSON allows no comma before a closing })',
      line: 2,
      column: 13,
    });
    expect(bad('[\n  {"name": "A, B", "x": 1},\n]')).toEqual({
      message: "is not valid JSON: remove the trailing comma after } (JSON allows no comma before a closing ])",
      line: 2,
      column: 27,
    });
    expect(bad('{"a": [1, 2,\n  ]}')).toEqual({
      message: "is not valid JSON: remove the trailing comma after 2 (JSON allows no comma before a closing ])",
      line: 1,
      column: 12,
    });
    expect(bad('{"a": "x, y",\n}')).toMatchObject({
      message:
        'is not valid JSON: remove the trailing comma after "a": "x, y" (JSON allows no comma before a closing })',
    });
    // a missing comma: just after the value it should follow
    expect(bad('[\n  {\n    "id": "a"\n    "name": "A"\n  }\n]')).toEqual({
      message: 'is not valid JSON: a comma is missing after "id": "a"',
      line: 3,
      column: 14,
    });
    expect(bad('[\n  { "id": "a" }\n  { "id": "b" }\n]')).toEqual({
      message: "is not valid JSON: a comma is missing after }",
      line: 2,
      column: 16,
    });
    // a comma followed by another comma is not a trailing one
    expect(bad("[1,,2]")).toMatchObject({
      message: "is not valid JSON: a value was expected (a comma before a closing bracket?)",
      line: 1,
      column: 4,
    });
    expect(bad("[\n  // note\n  1\n]")).toMatchObject({ line: 2, column: 3 });
    expect(bad('{"a": "tab\there"}')).toMatchObject({ message: expect.stringContaining("control character"), line: 1 });
    expect(bad("  \n")).toMatchObject({ message: "is not valid JSON: the file is empty" });
  });
});
