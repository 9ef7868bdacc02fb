/**
 * Runs the search indexing of one built site on its own: `search-index-worker.ts <site> <part pages> [<first part>]`
 * with the article pages as a JSON list on stdin; prints one JSON line (Pagefind's peak memory)
 * and exits 0 when done, 1 with one line on stderr otherwise.
 */
import { indexSite } from "./search-index.ts";

const [site, partPages, firstPart = "0"] = process.argv.slice(2);
if (!site || !Number(partPages)) {
  console.error("usage: search-index-worker.ts <site folder> <pages per part> < pages.json");
  process.exit(1);
}
try {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const pages = JSON.parse(Buffer.concat(chunks).toString("utf8")) as string[];
  const { pagefindPeakBytes } = await indexSite(site, pages, Number(partPages), Number(firstPart));
  console.log(JSON.stringify({ pagefindPeakBytes }));
  process.exit(0);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
