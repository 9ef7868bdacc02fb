/**
 * `npm run import` in any language and encoding, through the real CLI: saved pages in legacy
 * encodings declared only by `<meta charset>` or `<meta http-equiv>` (bytes written by
 * iconv-lite into a temporary folder), an unknown label, and the report's language in front
 * matter (written only when it is not the source's; a question instead when the detector is unsure).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseMarkdownFile } from "../src/content/files.ts";
import { decodePage, prescanCharset } from "../src/editing/page-encoding.ts";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";
import { contentTree } from "./helpers/fixture.ts";

const SOURCES = [
  { id: "north-gazette", name: "The North Gazette", url: "https://gazette.example", language: "en" },
  { id: "kyiv-post", name: "Kyiv Herald", url: "https://kyiv.example", language: "en" },
  { id: "moscow-daily", name: "Moscow Daily", url: "https://moscow.example", language: "ru" },
  { id: "tokyo-news", name: "Tokyo News", url: "https://tokyo.example", language: "ja" },
  { id: "beijing-news", name: "Beijing News", url: "https://beijing.example", language: "zh" },
];

function run(root: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, "scripts/import.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: root },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The only article the import wrote: its raw text and its parsed front matter and body. */
function written(root: string) {
  const dir = path.join(root, "src", "articles");
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md"));
  expect(files).toHaveLength(1);
  const raw = fs.readFileSync(path.join(dir, files[0]!), "utf8");
  return { raw, ...parseMarkdownFile(raw) };
}

/** A saved page: `head` inside <head>, the paragraphs as the article, all in `encoding`'s bytes. */
function page(
  encoding: string,
  head: string,
  o: { lang?: string; title: string; url: string; date: string; paragraphs: string[] },
): Buffer {
  const ld = JSON.stringify({ "@type": "NewsArticle", headline: o.title, datePublished: o.date, url: o.url });
  const html = `<!doctype html>
<html${o.lang ? ` lang="${o.lang}"` : ""}><head>
${head}
<title>${o.title}</title>
<link rel="canonical" href="${o.url}">
<script type="application/ld+json">${ld}</script>
</head><body><main><article><h1>${o.title}</h1>
${o.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article></main></body></html>
`;
  return iconv.encode(html, encoding);
}

function importPage(bytes: Buffer, name = "page.html", extra: string[] = []) {
  const root = contentTree({ sources: SOURCES, stories: [] });
  const input = path.join(tempDir("import-page-"), name);
  fs.writeFileSync(input, bytes);
  return { root, input, r: run(root, [input, ...extra]) };
}

const MOJIBAKE = /Ð|Ñ|Ã|Â|â€|�|\uFFFD/;

const UKRAINIAN = [
  "Україна офіційно запросила Організацію Об’єднаних Націй та Міжнародний комітет Червоного Хреста відвідати Курську область. Про це повідомило Міністерство закордонних справ у понеділок.",
  "За словами речника міністерства, українська сторона готова забезпечити безпечний доступ для представників міжнародних організацій до населених пунктів, які перебувають під контролем Збройних сил України.",
  "Міністерство наголосило, що Україна дотримується норм міжнародного гуманітарного права і зацікавлена в тому, щоб світ побачив реальну ситуацію в регіоні.",
];
const RUSSIAN = [
  "Украина официально пригласила Организацию Объединённых Наций и Международный комитет Красного Креста посетить Курскую область. Об этом в понедельник сообщило Министерство иностранных дел.",
  "По словам представителя министерства, украинская сторона готова обеспечить безопасный доступ для представителей международных организаций в населённые пункты, которые находятся под контролем Вооружённых сил Украины.",
  "В министерстве подчеркнули, что Украина соблюдает нормы международного гуманитарного права и заинтересована в том, чтобы мир увидел реальную ситуацию в регионе.",
];
const JAPANESE = [
  "東京都は月曜日、老朽化した橋の点検で複数のひび割れが見つかったため、少なくとも夏まで通行止めにすると発表した。",
  "都の担当者によると、運転者は谷沿いの道路を使う必要があり、移動時間は約二十分長くなる見込みだという。",
  "知事は記者会見で、住民の安全が何よりも優先されると述べ、技術者の最終報告書が届き次第、補修工事を始める考えを示した。",
];
const CHINESE = [
  "北京市政府周一宣布，由于检查人员在两座桥墩上发现裂缝，这座老桥将至少关闭到夏天。",
  "市政府发言人表示，司机需要绕行河谷公路，行程将增加大约二十分钟。",
  "市长在新闻发布会上说，居民的安全是第一位的，一旦收到工程师的最终报告，维修工程就会立即开始。",
];
const ENGLISH = [
  "The Millbrook bridge will stay closed at least until the summer after inspectors found cracks in two of its piers, the council said on Monday.",
  "Drivers will have to use the valley road, which adds about twenty minutes to the journey, a spokesperson for the council said.",
  "The mayor told reporters that the safety of residents came first and that repairs would begin as soon as the engineers' final report arrived.",
];

describe("npm run import: a saved page in a legacy encoding", () => {
  it("windows-1251 declared only by <meta charset>: the Cyrillic text as written", () => {
    const bytes = page("windows-1251", '<meta charset="windows-1251">', {
      title: "Україна запросила ООН до Курської області",
      url: "https://kyiv.example/2024/09/16/un-kursk/",
      date: "2024-09-16",
      paragraphs: UKRAINIAN,
    });
    expect(bytes.includes(Buffer.from("Україна"))).toBe(false); // not UTF-8 bytes
    const { root, r } = importPage(bytes);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("encoding windows-1251: from the <meta charset>");
    const { raw, data, body } = written(root);
    expect(data.title).toBe("Україна запросила ООН до Курської області");
    for (const word of ["Міжнародний", "Червоного", "Хреста", "Курську", "Збройних", "гуманітарного"])
      expect(body).toContain(word);
    expect(raw).not.toMatch(MOJIBAKE);
  });

  it("KOI8-R declared only by <meta http-equiv=Content-Type>: the Russian text as written", () => {
    const bytes = page("koi8-r", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', {
      title: "Украина пригласила ООН в Курскую область",
      url: "https://moscow.example/2024/09/16/un-kursk/",
      date: "2024-09-16",
      paragraphs: RUSSIAN,
    });
    const { root, r } = importPage(bytes);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("encoding koi8-r: from the <meta http-equiv>");
    const { raw, data, body } = written(root);
    expect(data.title).toBe("Украина пригласила ООН в Курскую область");
    for (const word of ["Объединённых", "Красного", "Креста", "Вооружённых", "гуманитарного"])
      expect(body).toContain(word);
    expect(raw).not.toMatch(MOJIBAKE);
    // a Russian report of a Russian-language source: no language line
    expect(data.language).toBeUndefined();
  });

  it("Shift_JIS (Japanese) and GB18030 (Chinese): the text as written", () => {
    const jp = importPage(
      page("shift_jis", "<meta charset=Shift_JIS>", {
        lang: "ja",
        title: "老朽化した橋、夏まで通行止め",
        url: "https://tokyo.example/2025/03/03/bridge/",
        date: "2025-03-03",
        paragraphs: JAPANESE,
      }),
    );
    expect(jp.r.status, jp.r.stderr).toBe(0);
    const ja = written(jp.root);
    expect(ja.data.title).toBe("老朽化した橋、夏まで通行止め");
    for (const words of ["ひび割れが見つかった", "谷沿いの道路", "住民の安全"]) expect(ja.body).toContain(words);
    expect(ja.raw).not.toMatch(MOJIBAKE);
    expect(ja.data.language).toBeUndefined(); // Japanese, as the source

    const cn = importPage(
      page("gb18030", "<meta http-equiv='content-type' content='text/html;charset=GB18030'>", {
        lang: "zh-CN",
        title: "北京老桥将关闭至夏天",
        url: "https://beijing.example/2025/03/03/bridge/",
        date: "2025-03-03",
        paragraphs: CHINESE,
      }),
    );
    expect(cn.r.status, cn.r.stderr).toBe(0);
    const zh = written(cn.root);
    expect(zh.data.title).toBe("北京老桥将关闭至夏天");
    for (const words of ["检查人员", "桥墩上发现裂缝", "河谷公路", "居民的安全"]) expect(zh.body).toContain(words);
    expect(zh.raw).not.toMatch(MOJIBAKE);
  });

  it("an unknown charset label: one line naming the file and the label, exit 1, nothing written", () => {
    const bytes = page("windows-1251", '<meta charset="windows-1215">', {
      title: "Україна запросила ООН",
      url: "https://kyiv.example/2024/09/16/un/",
      date: "2024-09-16",
      paragraphs: UKRAINIAN,
    });
    const { root, input, r } = importPage(bytes);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `Nothing was written: ${input}: its <meta charset> declares charset "windows-1215", which is not an encoding the Encoding Standard knows (e.g. utf-8, windows-1251, koi8-r, shift_jis, gb18030)`,
    );
    expect(fs.readdirSync(path.join(root, "src", "articles"))).toEqual([]);
  });

  it("the standard's order: a byte-order mark, then the Content-Type header, then the prescan, else UTF-8", () => {
    const cyrillic = iconv.encode('<meta charset="koi8-r"><p>Курская область</p>', "koi8-r");
    expect(decodePage(cyrillic).text).toContain("Курская область");
    // a header's charset outranks the page's <meta>
    const header = decodePage(iconv.encode('<meta charset="koi8-r"><p>Київ</p>', "windows-1251"), {
      contentType: "text/html; charset=windows-1251",
    });
    expect(header).toMatchObject({ encoding: "windows-1251", from: "Content-Type header", replaced: 0 });
    expect(header.text).toContain("Київ");
    // a byte-order mark outranks both, and is dropped
    const bom = decodePage(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="koi8-r">Київ')]),
      {
        contentType: "text/html; charset=windows-1251",
      },
    );
    expect(bom).toMatchObject({ encoding: "utf-8", from: "byte-order mark", text: '<meta charset="koi8-r">Київ' });
    // a <meta> inside a comment is not read; one past the first 1024 bytes neither
    expect(prescanCharset(Buffer.from('<!-- <meta charset="koi8-r"> --><meta charset="gbk">'))?.label).toBe("gbk");
    expect(prescanCharset(Buffer.from(`<p>${"x".repeat(1100)}</p><meta charset="koi8-r">`))).toBeUndefined();
    // http-equiv without the pragma is not a declaration
    expect(prescanCharset(Buffer.from('<meta content="text/html; charset=koi8-r">'))).toBeUndefined();
    // a <meta> may not declare UTF-16: UTF-8 instead
    expect(decodePage(Buffer.from('<meta charset="utf-16"><p>é</p>')).encoding).toBe("utf-8");
    expect(decodePage(Buffer.from("<p>plain</p>"))).toMatchObject({ encoding: "utf-8", from: "default" });
  });
});

describe("npm run import: the report's language", () => {
  it("a Ukrainian report of an English-language source gets language: uk", () => {
    const { root, r } = importPage(
      page("utf-8", '<meta charset="utf-8">', {
        title: "Україна запросила ООН до Курської області",
        url: "https://kyiv.example/2024/09/16/un-kursk/",
        date: "2024-09-16",
        paragraphs: UKRAINIAN,
      }),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("language uk: the text reads as uk, not the source's language (en)");
    const { raw, data } = written(root);
    expect(data.language).toBe("uk");
    expect(raw).toMatch(/^language: uk$/m);
  });

  it("an English report of an English-language source gets no language line", () => {
    const { root, r } = importPage(
      page("utf-8", '<meta charset="utf-8">', {
        lang: "en-GB",
        title: "Millbrook bridge to stay shut until summer",
        url: "https://gazette.example/2025/03/03/bridge/",
        date: "2025-03-03",
        paragraphs: ENGLISH,
      }),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("language en-GB: the text reads as en, as <html lang> en-GB says");
    const { raw } = written(root);
    expect(raw).not.toMatch(/^language:/m);
  });

  it("a very short text: the question, naming the file and the candidates, and no language written", () => {
    const root = contentTree({ sources: SOURCES, stories: [] });
    const input = path.join(tempDir("import-short-"), "short.txt");
    fs.writeFileSync(
      input,
      "Bridge shut\n\nThe bridge is shut.\n\nOriginal url: https://gazette.example/2025/03/03/shut/\n",
    );
    const r = run(root, [input, "--title", "Bridge shut"]);
    expect(r.status, r.stderr).toBe(0);
    const question = r.stdout.split("\n").filter((l) => l.includes("language"));
    expect(question).toHaveLength(1);
    expect(question[0]).toMatch(
      /^ {2}language: not sure \(the text is too short to tell \(\d+ letters, fewer than 120\); candidates [a-z]{2,3} \(1\.00\), .+\): set language: <tag> in src\/articles\/north-gazette\/bridge-shut\.md if it is not the source's language \(en\), or import again with --language <tag>$/,
    );
    expect(written(root).raw).not.toMatch(/^language:/m);
  });

  it("a page whose own language disagrees with its text is a question, not a guess; --language settles it", () => {
    const bytes = page("utf-8", '<meta charset="utf-8">', {
      lang: "ru",
      title: "Україна запросила ООН до Курської області",
      url: "https://kyiv.example/2024/09/16/un-kursk/",
      date: "2024-09-16",
      paragraphs: UKRAINIAN,
    });
    const ask = importPage(bytes);
    expect(ask.r.status, ask.r.stderr).toBe(0);
    expect(ask.r.stdout).toContain("language: not sure (the text reads as uk, the page says <html lang> ru;");
    expect(written(ask.root).data.language).toBeUndefined();

    const told = importPage(bytes, "page.html", ["--language", "uk_UA"]);
    expect(told.r.status, told.r.stderr).toBe(0);
    expect(told.r.stdout).toContain("language uk-UA: by --language");
    expect(written(told.root).data.language).toBe("uk-UA");
  });
});
