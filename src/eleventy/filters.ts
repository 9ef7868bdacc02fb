/**
 * Template filters, in one plugin. Dates are formatted here from the model's PubDate values,
 * never from a JS Date in the machine's time zone. https://www.11ty.dev/docs/filters/
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import nunjucks from "nunjucks";
import { isoValue, rfc3339, type PubDate, utcInstant } from "../content/dates.ts";
import { Html, isolated, type Locale, type MessageValues } from "../content/locale.ts";
import type { Article, Entity, SharedComparison, Story } from "../content/model.ts";
import { pagerNumbers } from "../content/pages.ts";
import type { RecordChange } from "../content/record.ts";
import { changeSentences, instantHtml } from "../content/record-words.ts";
import { includeReads, PageReads, readsOf, untracked } from "../content/page-reads.ts";
import { markedParagraphs, PASSAGE_WORDS } from "../content/shared-text.ts";
import { timelineFacets } from "../reader/facets.ts";

/** JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` escaped so no text can close the tag. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A quote without the quotation marks around it (`<q>` adds its own): double marks at either end, single ones only as a pair. */
function unquoted(q: string): string {
  const s = q
    .trim()
    .replace(/^["“„«]\s*/, "")
    .replace(/\s*["”»]$/, "");
  return /^[‘'][\s\S]*[’']$/.test(s) ? s.slice(1, -1) : s;
}

/** The article card partial; it may use only `article` and `variant`, so its output can be cached per article. */
const CARD = "partials/article-entry.njk";
type CardVariant = "list" | "timeline" | "compact";

interface NunjucksEnv {
  render(name: string, context: object): string;
}

/** Template values for a message: Nunjucks' safe strings (`| safe`, the `t` filter's own output) go in as HTML. */
function messageValues(values: Record<string, unknown> = {}): MessageValues {
  const out: MessageValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (v instanceof nunjucks.runtime.SafeString) out[k] = new Html(String(v));
    else if (typeof v === "number" || typeof v === "string") out[k] = v;
    else if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

/** A language's name as a search filter value: Pagefind's filter attribute separates values by commas. */
function searchLanguageName(l: Locale, tag: string): string {
  return l.languageName(tag).replace(/,/g, "");
}

export default function filtersPlugin(eleventyConfig: UserConfig, options: { locale: () => Locale }): void {
  const locale = options.locale;
  // `{{ "story.verdict.differ" | t({ count: n }) }}`: a message of the site's locale file
  // (src/content/locale.ts) as HTML; text values escaped, `| safe` values (links) as they are
  eleventyConfig.addFilter(
    "t",
    (key: string, values?: Record<string, unknown>) =>
      new nunjucks.runtime.SafeString(locale().html(key, messageValues(values))),
  );
  // `{{ news.locale | scriptWords("timeline.showing", …) }}`: messages a script formats (src/reader/words.js), as JSON
  eleventyConfig.addFilter("scriptWords", (l: Locale, ...keys: string[]) =>
    JSON.stringify({ locale: l.tag, messages: Object.fromEntries(keys.map((k) => [k, l.raw(k)])) }),
  );
  // `{{ source.name | isolate }}`: a name in <bdi> when it is written in the other direction than the page
  eleventyConfig.addFilter(
    "isolate",
    (text: string) => new nunjucks.runtime.SafeString(isolated(nunjucks.lib.escape(String(text ?? "")), locale().dir)),
  );
  // the same as plain text, for attributes that Nunjucks escapes and for JSON
  eleventyConfig.addFilter("tText", (key: string, values?: Record<string, unknown>) =>
    locale().text(key, messageValues(values)),
  );
  // names the record knows under several spellings, as JSON for search.js (site-relative addresses)
  eleventyConfig.addFilter("searchNames", (entities: Entity[]) =>
    JSON.stringify(
      entities
        .filter((e) => e.aliases.length || e.spellings.length > 1)
        .map((e) => ({
          name: e.name,
          href: e.href.replace(/^\//, ""),
          spellings: [...new Set([e.name, ...e.aliases, ...e.spellings.map((sp) => sp.text)])],
        })),
    ),
  );
  // the languages of the reports, each by its name in the site's language (the search page's
  // language filter: the article page's data-pagefind-filter="language:…" prints the same name)
  eleventyConfig.addFilter("reportLanguages", (articles: readonly Article[]) =>
    [...new Set(articles.map((a) => searchLanguageName(locale(), a.language)))].sort((a, b) =>
      a.localeCompare(b, locale().tag),
    ),
  );
  eleventyConfig.addFilter("searchLanguageName", (tag: string) => searchLanguageName(locale(), tag));
  // "16 September 2024" (+ ", 14:50 UTC+3" when the time is known)
  eleventyConfig.addFilter("pubDate", (d: PubDate) => locale().dates.pubDate(d));
  // "16 Sep, 14:50 UTC+3" or "16 Sep 2024": a report's time in a fact-grid cell
  eleventyConfig.addFilter("shortPubDate", (d: PubDate) => locale().dates.shortPubDate(d));
  // "16–18 September 2024": the span of a story's reports, from its first and last days
  eleventyConfig.addFilter("dayRange", (first: string, last: string) => locale().dates.daySpan(first, last));
  // "14:50 UTC+3", empty when only the day is known
  eleventyConfig.addFilter("pubTime", (d: PubDate) => locale().dates.time(d));
  // "16 September 2024" from a YYYY-MM-DD day
  eleventyConfig.addFilter("day", (day: string) => locale().dates.day(day));
  // A record's capture time (an ISO instant) in UTC as `<time>`: "17 September 2024, 09:12 UTC"
  eleventyConfig.addFilter(
    "instant",
    (iso: string) => new nunjucks.runtime.SafeString(instantHtml(iso, locale()).html),
  );
  // its day in UTC, as `<time>`: "17 September 2024"
  eleventyConfig.addFilter("instantDay", (iso: string) => {
    const day = utcInstant(iso).day;
    return new nunjucks.runtime.SafeString(
      `<time datetime="${day}">${nunjucks.lib.escape(locale().dates.day(day))}</time>`,
    );
  });
  // What an outlet changed in a report (its record), a sentence each, as HTML (src/content/record-words.ts)
  eleventyConfig.addFilter("changeSentences", (change: RecordChange) =>
    changeSentences(change, locale(), "html").map((html) => new nunjucks.runtime.SafeString(html)),
  );
  // RFC 3339 with the date's own offset, for feeds
  eleventyConfig.addFilter("rfc3339", (d: PubDate) => rfc3339(d));
  // The value for <time datetime>: the day alone when no time is known
  eleventyConfig.addFilter("datetimeAttr", (d: PubDate) => isoValue(d));
  // Safe JSON inside <script> blocks
  eleventyConfig.addFilter("scriptJson", scriptJson);
  // A quote printed inside <q>, which adds the marks: its own leading and trailing marks dropped
  eleventyConfig.addFilter("unquoted", unquoted);
  // "English", "Ghana": languages and countries by name, in the site's language
  eleventyConfig.addFilter("languageName", (tag: string) => locale().languageName(tag));
  eleventyConfig.addFilter("countryName", (code: string) => locale().countryName(code));
  // "1,000" (English), "1 000" (Ukrainian): counts outside a message
  eleventyConfig.addFilter("count", (n: number) => locale().count(n));
  // "16–18 September 2024": the days of chronological reports as one span, empty for none
  eleventyConfig.addFilter("span", (articles: Pick<Article, "date">[]) =>
    articles.length ? locale().dates.daySpan(articles[0]!.date.day, articles.at(-1)!.date.day) : "",
  );
  // A pager's numbered links: { number, href, current } or { gap: true } where numbers are left out
  eleventyConfig.addFilter("pagerLinks", (pager: { number: number; total: number; hrefOf: (n: number) => string }) =>
    pagerNumbers(pager.number, pager.total).map((n) =>
      n === null ? { gap: true } : { number: n, href: pager.hrefOf(n), current: n === pager.number },
    ),
  );
  // Host name of an address, for "Read it at …" fallbacks
  eleventyConfig.addFilter("host", (url: string) => {
    try {
      return new URL(url).host.replace(/^www\./, "");
    } catch {
      return url;
    }
  });
  // One report of a shared-text comparison: its paragraphs as HTML, passages marked and numbered
  eleventyConfig.addFilter("comparisonSide", (c: SharedComparison, side: "a" | "b") =>
    markedParagraphs(c[side].paragraphs, c.passages, side).map((html) => ({ html })),
  );
  // "41.2 %"
  eleventyConfig.addFilter("percent", (n: number) => locale().percent(n));
  // A story's shared text as data for researchers: per pair, both reports, both shares, the passages
  eleventyConfig.addFilter("sharedJson", (story: Story) =>
    JSON.stringify(
      {
        story: story.id,
        method: `maximal runs of at least ${PASSAGE_WORDS} words two reports share, after normalising case, punctuation, quotation marks and white space; each report compared with the earlier report it shares most with; outlets' boilerplate left out; stock phrases (only names, titles and function words, or used in 3 or more stories) are kind stock and not in the share`,
        pairs: story.shared.map((c) => ({
          a: c.a.key,
          b: c.b.key,
          order: c.order,
          share: c.share,
          quotationShare: c.quoted,
          comparison: c.href,
          passages: c.passages.map((p) => ({ n: p.n, kind: p.kind, text: p.text, a: p.a, b: p.b })),
        })),
      },
      null,
      2,
    ),
  );
  // For an article: each name it mentions with the other spellings the record knows (search finds them)
  eleventyConfig.addFilter("otherSpellings", (article: Article) =>
    article.mentions
      .map((m) => {
        const known = new Set([m.entity.name, ...m.entity.aliases, ...m.entity.spellings.map((sp) => sp.text)]);
        return {
          name: m.spellings[0] ?? m.entity.name,
          href: m.entity.href,
          others: [...known].filter((t) => !m.spellings.includes(t)).sort(),
        };
      })
      .filter((x) => x.others.length),
  );
  // The sources and stories on one timeline page, for its filter menus
  eleventyConfig.addFilter("timelineFacets", timelineFacets);

  // `{{ article | entry("timeline") | safe }}`: the one article card, rendered once per article,
  // variant and build, wherever it appears (an {% include %} per appearance copied the whole page
  // context each time). The cache hangs off the Nunjucks environment, new in every build.
  // On a page whose reads are recorded (npm start, render-plan.ts), the card's own reads, recorded
  // once, count for the page too.
  const cards = new WeakMap<
    NunjucksEnv,
    WeakMap<object, Partial<Record<CardVariant, { html: string; reads?: PageReads }>>>
  >();
  eleventyConfig.addFilter(
    "entry",
    function (this: { env: NunjucksEnv }, item: object, variant: CardVariant = "list"): string {
      const article = untracked(item);
      const recorded = readsOf(item) !== undefined;
      let byArticle = cards.get(this.env);
      if (!byArticle) cards.set(this.env, (byArticle = new WeakMap()));
      let slot = byArticle.get(article);
      if (!slot) byArticle.set(article, (slot = {}));
      let card = slot[variant];
      if (!card || (recorded && !card.reads)) {
        const reads = recorded ? new PageReads() : undefined;
        card = slot[variant] = {
          html: this.env.render(CARD, { article: reads ? reads.track(article) : article, variant }),
          reads,
        };
      }
      if (card.reads) includeReads(item, card.reads);
      return card.html;
    },
  );
}
