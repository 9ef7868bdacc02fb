/**
 * Runs the search indexing of one built site (argv[2]) on its own: exit 0 when done, 1 with one
 * line on stderr otherwise. With --stream, the pages come from the parent process (messages, see
 * FeedMessage) while it renders them, and are added in the order it announced.
 */
import { indexSite, type FeedMessage } from "./search-index.ts";

const site = process.argv[2];
if (!site) {
  console.error("usage: search-index-worker.ts <site folder> [--stream]");
  process.exit(1);
}

/** Adds the pages in the announced order as they arrive; the rest at the end, sorted by path. */
function streamed(index: Parameters<NonNullable<Parameters<typeof indexSite>[1]>>[0]): Promise<void> {
  let order: string[] = [];
  let next = 0;
  const waiting = new Map<string, string>();
  let work = Promise.resolve();
  const add = async (page: string, html: string) => {
    const added = await index.addHTMLFile({ sourcePath: page, content: html });
    if (added.errors.length) throw new Error(`Pagefind could not index ${page}: ${added.errors.join("; ")}`);
  };
  const drain = async () => {
    while (next < order.length && waiting.has(order[next]!)) {
      const page = order[next++]!;
      const html = waiting.get(page)!;
      waiting.delete(page);
      await add(page, html);
    }
  };
  let given = false;
  return new Promise((resolve, reject) => {
    process.on("message", (message: FeedMessage) => {
      // The last message: let go of the channel, so that a Pagefind that dies without settling
      // its promise ends this process (exit 13) instead of leaving it waiting for more pages.
      if ("done" in message) (given = true), process.channel?.unref();
      work = work.then(async () => {
        if ("expect" in message) {
          order = message.expect;
          next = 0;
        } else if ("page" in message) waiting.set(message.page, message.html);
        else {
          // the end: announced pages that came (a page announced but not rendered is skipped), then the others
          const announced = new Set(order);
          for (const page of order) if (waiting.has(page)) await add(page, waiting.get(page)!), waiting.delete(page);
          for (const page of [...waiting.keys()].filter((p) => !announced.has(p)).sort()) await add(page, waiting.get(page)!);
          return resolve();
        }
        await drain();
      });
      work.catch(reject);
    });
    process.on("disconnect", () => given || reject(new Error("the build stopped before all pages were given")));
  });
}

try {
  await indexSite(site, process.argv.includes("--stream") ? streamed : undefined);
  process.exit(0);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
