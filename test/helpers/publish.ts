/** Helpers for the publishing tests: XML parsing, feed reading, a content fixture with every optional field. */
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { SAMPLE, tempDir } from "./site.ts";
import { xmlError } from "./xml.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // these elements may occur once or many times: always arrays
  isArray: (name) => ["entry", "link", "author", "category", "url"].includes(name),
});

/** Parses an XML file, failing with a conforming parser's message (saxes) when it is not well-formed. */
// biome-ignore lint/suspicious/noExplicitAny: parsed XML of any shape, walked freely by assertions (a wrong path fails the test)
export function readXml(file: string): Record<string, any> {
  const xml = fs.readFileSync(file, "utf8");
  const error = xmlError(xml);
  if (error) throw new Error(`${file} is not well-formed XML: ${error}`);
  return parser.parse(xml);
}

/** Text of an element parsed by fast-xml-parser (plain string, or `#text` when it has attributes). */
export function text(node: unknown): string {
  if (node && typeof node === "object" && "#text" in node) return String((node as { "#text": unknown })["#text"]);
  return node === undefined || node === null ? "" : String(node);
}

/**
 * A content root (for CONTENT_ROOT) with what the sample lacks: date-times with offsets,
 * `updated`, several authors, an image with a credit, quotes and `</script>` in a headline,
 * and relative links in a body.
 */
export function writeFixture(): string {
  const root = tempDir("publish-fixture-");
  const write = (rel: string, body: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
  };
  write(
    "_data/sources.json",
    JSON.stringify([
      { id: "wire-one", name: 'The "Quoted" Wire & Co', url: "https://wire.example", language: "uk", type: "wire" },
      { id: "paper-two", name: "Paper Two", url: "https://paper.example", language: "en" },
    ]),
  );
  write("_data/stories.json", JSON.stringify([{ id: "the-story", title: "The story", date: "2024-09-16" }]));
  fs.copyFileSync(path.join(SAMPLE, "_data", "site.json"), path.join(root, "_data", "site.json"));
  write(
    "src/articles/wire-one/quoted.md",
    [
      "---",
      `title: 'He said "no" </script><script>alert(1)</script> & left'`,
      "source: wire-one",
      "date: 2024-09-16T14:50:00+03:00",
      "updated: 2024-09-17T09:05:00-04:00",
      "url: https://wire.example/2024/09/16/quoted",
      "authors: [Jane Doe, John Roe]",
      "story: the-story",
      "tags: [Kursk, ICRC]",
      "image:",
      "  src: photo.jpg",
      "  alt: A photo",
      "  caption: A caption",
      "  credit: Someone / Agency",
      "---",
      "First paragraph with [the timeline](/timeline/) and [a sibling](../older/) and [elsewhere](https://elsewhere.example/x).",
      "",
    ].join("\n"),
  );
  // a small real JPEG beside the article (eleventy-img processes it)
  fs.writeFileSync(path.join(root, "src/articles/wire-one/photo.jpg"), Buffer.from(PHOTO_JPEG, "base64"));
  write(
    "src/articles/wire-one/older.md",
    [
      "---",
      "title: An older report",
      "source: wire-one",
      "date: 2024-09-15",
      "story: the-story",
      "---",
      "Older text.",
      "",
    ].join("\n"),
  );
  write(
    "src/articles/paper-two/morning.md",
    [
      "---",
      "title: Morning report",
      "source: paper-two",
      "date: 2024-09-16T08:00:00Z",
      "url: https://paper.example/m",
      "---",
      "Morning text.",
      "",
    ].join("\n"),
  );
  return root;
}

/** A 96×64 JPEG made with sharp. */
const PHOTO_JPEG =
  "/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCABAAGADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCUBIXAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAH//2Q==";
