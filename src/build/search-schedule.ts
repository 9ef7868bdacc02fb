/**
 * A build's search index, part by part as the runs write the article pages: part k (search-parts.ts)
 * is indexed, in a Pagefind process of its own, once every run that renders one of its pages has
 * finished and part k − 1 is done, so Pagefind works beside Eleventy instead of after it. Runs
 * take the article pages in content order, as parts do; with workers, runs finish out of order.
 */
import { performance } from "node:perf_hooks";
import { writeSearchIndex, type SearchIndexResult } from "./search-index.ts";
import { searchPartCount } from "./search-parts.ts";

export class SearchSchedule {
  readonly #site: string;
  readonly #partPages: number;
  readonly #signal: AbortSignal;
  #articles: readonly { href: string }[] | undefined;
  /** Article pages each run renders, by run. */
  #perRun: readonly number[] = [];
  readonly #finished = new Set<number>();
  /** Parts started so far, and the chain of their indexing (one part at a time). */
  #started = 0;
  #chain: Promise<void> = Promise.resolve();
  #results: SearchIndexResult[] = [];
  #firstStart: number | undefined;
  #lastEnd = 0;

  constructor(site: string, partPages: number, signal: AbortSignal) {
    this.#site = site;
    this.#partPages = partPages;
    this.#signal = signal;
  }

  /** The article pages in content order, and how many of them each run renders. */
  plan(articles: readonly { href: string }[], articlesPerRun: readonly number[]): void {
    if (this.#articles) return;
    this.#articles = articles;
    this.#perRun = articlesPerRun;
    this.#startReady();
  }

  runFinished(index: number): void {
    this.#finished.add(index);
    this.#startReady();
  }

  /** Every part, once all are indexed; rejects with the first part's failure. */
  async result(): Promise<SearchIndexResult> {
    if (!this.#articles) throw new Error("the search index was never planned");
    if (this.#started < this.#parts)
      throw new Error(`the search index has ${this.#parts - this.#started} parts whose pages were never written`);
    await this.#chain;
    return {
      seconds: this.#firstStart === undefined ? 0 : (this.#lastEnd - this.#firstStart) / 1000,
      parts: this.#parts,
      pagefindPeakBytes: Math.max(0, ...this.#results.map((r) => r.pagefindPeakBytes ?? 0)) || undefined,
    };
  }

  /** Waits for the part being indexed, if any, to end (after the build's signal aborted it). */
  async settled(): Promise<void> {
    await this.#chain.catch(() => {});
  }

  get #parts(): number {
    return searchPartCount(this.#articles?.length ?? 0, this.#partPages);
  }

  /** Article pages written so far, counted from the first: the runs finished without a gap. */
  #written(): number {
    let n = 0;
    for (let i = 0; i < this.#perRun.length && this.#finished.has(i); i++) n += this.#perRun[i]!;
    return n;
  }

  #startReady(): void {
    const articles = this.#articles;
    if (!articles) return;
    const written = this.#written();
    while (this.#started < this.#parts) {
      const k = this.#started;
      const end = Math.min(articles.length, (k + 1) * this.#partPages);
      if (written < end) return;
      this.#started++;
      const part = articles.slice(k * this.#partPages, end);
      this.#chain = this.#chain.then(async () => {
        this.#firstStart ??= performance.now();
        this.#results.push(
          await writeSearchIndex(this.#site, part, { signal: this.#signal, partPages: this.#partPages, firstPart: k }),
        );
        this.#lastEnd = performance.now();
      });
      // awaited in result(); a failure before then must not be an unhandled rejection
      this.#chain.catch(() => {});
    }
  }
}
