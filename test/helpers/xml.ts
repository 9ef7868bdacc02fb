/**
 * Well-formed XML, checked by a conforming parser (saxes): it refuses what browsers and feed
 * readers refuse, such as a control character or U+FFFE in text, which fast-xml-parser's
 * validator lets through. Every test build checks every XML file it wrote (helpers/site.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";

/** The first well-formedness error of an XML text, or undefined. */
export function xmlError(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | undefined;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return error;
}

/** Throws naming every XML file under `dir` that is not well-formed. */
export function checkXmlFiles(dir: string): void {
  const bad: string[] = [];
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!rel.endsWith(".xml")) continue;
    const error = xmlError(fs.readFileSync(path.join(dir, rel), "utf8"));
    if (error) bad.push(`${rel}: ${error}`);
  }
  if (bad.length) throw new Error(`the build wrote XML that is not well-formed:\n${bad.join("\n")}`);
}
