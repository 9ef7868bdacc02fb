/** Runs the search indexing of one built site (argv[2]) on its own: exit 0 when done, 1 with one line on stderr otherwise. */
import { indexSite } from "./search-index.ts";

const site = process.argv[2];
if (!site) {
  console.error("usage: search-index-worker.ts <site folder>");
  process.exit(1);
}
try {
  await indexSite(site);
  process.exit(0);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
