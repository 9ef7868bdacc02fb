/** Feeds and listing pages read into items (src/editing/feeds.ts): each format, encodings, broken documents. */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { isError } from "../src/content/problems.ts";
import { decodeFeed, parseFeed, parseListing } from "../src/editing/feeds.ts";
import { contentTree } from "./helpers/fixture.ts";

const RSS2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Alpha News</title>
    <link>https://alpha.example/</link>
    <item>
      <title>Troops cross into &lt;Kursk&gt; region</title>
      <link>https://alpha.example/news/kursk-incursion?utm_source=rss</link>
      <guid isPermaLink="false">alpha-1234</guid>
      <pubDate>Tue, 06 Aug 2024 10:00:00 +0300</pubDate>
      <description><![CDATA[<p>Fighting in <b>Sudzha</b> &amp; nearby.</p>]]></description>
    </item>
    <item>
      <title>Relative link</title>
      <link>/news/relative</link>
    </item>
    <item><title>No link at all</title></item>
  </channel>
</rss>`;

const RSS1 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://beta.example/rss"><title>Beta</title><link>https://beta.example/</link></channel>
  <item rdf:about="https://beta.example/a/1">
    <title>Evacuation in Kursk</title>
    <link>https://beta.example/a/1</link>
    <dc:date>2024-08-07T08:30:00Z</dc:date>
    <description>Residents leave.</description>
  </item>
</rdf:RDF>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Gamma</title>
  <entry>
    <id>tag:gamma.example,2024:42</id>
    <title type="html">Kyiv &amp;amp; &lt;em&gt;Kursk&lt;/em&gt;</title>
    <link rel="self" href="https://gamma.example/entries/42.atom"/>
    <link rel="alternate" type="text/html" href="https://gamma.example/2024/08/kyiv-kursk"/>
    <published>2024-08-08T12:00:00+02:00</published>
    <summary type="html">&lt;p&gt;A summary.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>https://gamma.example/only-id</id>
    <title>Id is the address</title>
    <updated>2024-08-09T00:00:00Z</updated>
  </entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Delta",
  home_page_url: "https://delta.example/",
  items: [
    {
      id: "d-1",
      url: "https://delta.example/kursk",
      title: "Kursk, day three",
      date_published: "2024-08-09T06:00:00Z",
      content_text: "Text of the item.",
    },
    { id: "d-2", url: "/relative", content_html: "<p>No title</p>" },
  ],
});

describe("parseFeed", () => {
  it("reads RSS 2.0: guid as id, link made absolute, RFC 822 date as ISO, summary as plain text", () => {
    const r = parseFeed(RSS2);
    expect(r).toEqual({
      ok: true,
      format: "rss",
      items: [
        {
          id: "alpha-1234",
          url: "https://alpha.example/news/kursk-incursion?utm_source=rss",
          title: "Troops cross into <Kursk> region",
          published: "2024-08-06T07:00:00.000Z",
          summary: "Fighting in Sudzha & nearby.",
        },
        {
          id: "https://alpha.example/news/relative",
          url: "https://alpha.example/news/relative",
          title: "Relative link",
        },
      ],
    });
  });

  it("reads RSS 1.0 (RDF): items beside the channel, dc:date", () => {
    expect(parseFeed(RSS1)).toEqual({
      ok: true,
      format: "rss",
      items: [
        {
          id: "https://beta.example/a/1",
          url: "https://beta.example/a/1",
          title: "Evacuation in Kursk",
          published: "2024-08-07T08:30:00.000Z",
          summary: "Residents leave.",
        },
      ],
    });
  });

  it("reads Atom: the alternate link, not self; the id as the address when there is no link", () => {
    const r = parseFeed(ATOM, { url: "https://gamma.example/feed.atom" });
    expect(r.ok && r.format).toBe("atom");
    expect(r.ok && r.items).toEqual([
      {
        id: "tag:gamma.example,2024:42",
        url: "https://gamma.example/2024/08/kyiv-kursk",
        title: "Kyiv & Kursk",
        published: "2024-08-08T10:00:00.000Z",
        summary: "A summary.",
      },
      {
        id: "https://gamma.example/only-id",
        url: "https://gamma.example/only-id",
        title: "Id is the address",
        published: "2024-08-09T00:00:00.000Z",
      },
    ]);
  });

  it("reads JSON Feed 1.1 (and 1.0), relative addresses against home_page_url", () => {
    const r = parseFeed(JSON_FEED);
    expect(r).toEqual({
      ok: true,
      format: "json",
      items: [
        {
          id: "d-1",
          url: "https://delta.example/kursk",
          title: "Kursk, day three",
          published: "2024-08-09T06:00:00.000Z",
          summary: "Text of the item.",
        },
        { id: "d-2", url: "https://delta.example/relative", title: "", summary: "No title" },
      ],
    });
    const v1 = parseFeed(JSON_FEED.replace("version/1.1", "version/1"));
    expect(v1.ok && v1.items).toHaveLength(2);
  });

  it("a malformed or foreign document is { ok: false, reason } on one line, never a throw", () => {
    const cases = [
      RSS2.slice(0, RSS2.indexOf("</item>")),
      "",
      "not a feed",
      "{ broken json",
      JSON.stringify({ version: "x", items: [] }),
      "<html><body>hello</body></html>",
      "<rss version='2.0'></rss>",
    ];
    for (const doc of cases) {
      const r = parseFeed(doc);
      expect(r.ok, doc).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^[^\n]+$/);
    }
    const truncated = parseFeed(cases[0]!);
    expect(!truncated.ok && truncated.reason).toMatch(/not well-formed XML/);
  });

  it("a declared format must be the document's", () => {
    expect(parseFeed(ATOM, { format: "atom" }).ok).toBe(true);
    expect(parseFeed(ATOM, { format: "rss" })).toEqual({
      ok: false,
      reason: "was said to be an RSS feed but is an Atom feed",
    });
  });

  it("decodes windows-1251 declared only in the XML declaration, from bytes", () => {
    const doc = `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title><link>https://ru.example/</link>
<item><title>Бои в Курской области</title><link>https://ru.example/kursk</link><description>Суджа</description></item>
</channel></rss>`;
    const bytes = new Uint8Array(iconv.encode(doc, "win1251"));
    expect(bytes.includes(0xd1)).toBe(true); // really single-byte Cyrillic, not UTF-8
    expect(decodeFeed(bytes)).toMatchObject({ ok: true, encoding: "windows-1251" });
    const r = parseFeed(bytes);
    expect(r.ok && r.items[0]).toEqual({
      id: "https://ru.example/kursk",
      url: "https://ru.example/kursk",
      title: "Бои в Курской области",
      summary: "Суджа",
    });
  });

  it("bytes: a byte-order mark wins over the declaration; no declaration is UTF-8; an unknown label is a reason", () => {
    const utf8 = new TextEncoder().encode(
      RSS1.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1251"?>'),
    );
    expect(decodeFeed(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, encoding: "utf-8" });
    expect(decodeFeed(new TextEncoder().encode("<rss>Курск</rss>"))).toMatchObject({
      ok: true,
      text: "<rss>Курск</rss>",
    });
    const bad = parseFeed(new TextEncoder().encode('<?xml version="1.0" encoding="no-such-thing"?><rss/>'));
    expect(bad).toEqual({
      ok: false,
      reason: 'the XML declaration names encoding "no-such-thing", which is not one the Encoding Standard knows',
    });
  });
});

describe("parseListing", () => {
  const PAGE = `<!doctype html><html><head><title>News</title></head><body>
    <nav><a href="/about">About</a></nav>
    <main>
      <h2><a href="/news/one">First  report</a></h2>
      <h2><a href="news/two#comments">Second</a></h2>
      <h2><a href="https://alpha.example/news/one">First again</a></h2>
      <h2><a href="javascript:void(0)">Not a report</a></h2>
      <h2>No link</h2>
    </main></body></html>`;

  it("takes the links the selector finds, resolved against the page, once each", () => {
    expect(parseListing(PAGE, "https://alpha.example/section/", "main h2")).toEqual({
      ok: true,
      items: [
        { id: "https://alpha.example/news/one", url: "https://alpha.example/news/one", title: "First report" },
        {
          id: "https://alpha.example/section/news/two",
          url: "https://alpha.example/section/news/two",
          title: "Second",
        },
      ],
    });
    const links = parseListing(PAGE, "https://alpha.example/", "main h2 a");
    expect(links.ok && links.items.map((i) => i.url)).toEqual([
      "https://alpha.example/news/one",
      "https://alpha.example/news/two",
    ]);
  });

  it("a bad selector is a reason, not a throw", () => {
    const r = parseListing(PAGE, "https://alpha.example/", "main >>> [");
    expect(r.ok).toBe(false);
  });
});

describe("a source's feeds and listing in the content contract", () => {
  const problems = (sources: unknown) =>
    loadContent(defaultPaths(contentTree({ sources: JSON.stringify(sources, null, 2) })))
      .problems.filter(isError)
      .map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}`);
  const alpha = { id: "alpha-news", name: "Alpha News", url: "https://alpha.example" };
  const beta = { id: "beta-post", name: "Beta Post", url: "https://beta.example" };

  it("feeds (format optional) or a listing are accepted", () => {
    expect(
      problems([
        {
          ...alpha,
          feeds: [{ url: "https://alpha.example/rss" }, { url: "https://alpha.example/atom", format: "atom" }],
        },
        { ...beta, listing: { url: "https://beta.example/news/", links: "main h2 a" } },
      ]),
    ).toEqual([]);
  });

  it("a bad feed or listing names the file, the line and the field", () => {
    expect(
      problems([
        { ...alpha, feeds: [{ url: "ftp://alpha.example/rss", format: "rdf" }] },
        { ...beta, listing: { url: "https://beta.example/", links: "a { color: red }" } },
      ]),
    ).toEqual([
      '_data/sources.json:8: [0] (id "alpha-news").feeds[0].url: expected an absolute http:// or https:// address',
      '_data/sources.json:9: [0] (id "alpha-news").feeds[0].format: expected one of rss, atom, json (or leave it out)',
      '_data/sources.json:19: [1] (id "beta-post").listing.links: is not a CSS selector a page can be searched with (like "main h2 a" or "a.headline")',
    ]);
    expect(problems([{ ...alpha, feeds: [] }])).toEqual([
      '_data/sources.json:6: [0] (id "alpha-news").feeds: is empty: list at least one feed, or leave feeds out',
    ]);
    expect(
      problems([
        {
          ...alpha,
          feeds: [{ url: "https://alpha.example/rss" }],
          listing: { url: "https://alpha.example/", links: "a" },
        },
      ]),
    ).toEqual([
      '_data/sources.json:11: [0] (id "alpha-news").listing: is only for a source without a feed: give feeds or listing, not both',
    ]);
  });
});
