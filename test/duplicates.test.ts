/**
 * The duplicate check of `npm run import` and `npm run new`, through their real CLIs: a report
 * already in the content tree (drafts too) is refused under every spelling of its address and
 * under another address when its text is the same; a follow-up that shares part of the text is
 * not; `--force` writes anyway and `--dry-run` says it too.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TSX, tempDir } from "./helpers/site.ts";
import { article, contentTree } from "./helpers/fixture.ts";

const INPUT = path.join(ROOT, "test", "fixtures", "import");
const SOURCES = [
  { id: "north-gazette", name: "The North Gazette", url: "https://gazette.example" },
  { id: "harbour-daily", name: "Harbour Daily", url: "https://www.harbour.example" },
];

function run(script: string, root: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: root },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const articleFiles = (root: string) =>
  fs
    .readdirSync(path.join(root, "src", "articles"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".md"))
    .sort();

/** A report of eight paragraphs (~300 words) and the follow-up's four new ones. */
const REPORT = [
  "The Millbrook bridge was closed to all traffic on Monday after inspectors found cracks in its main span, the county council said in a statement issued shortly before noon.",
  "Engineers from the regional roads agency spent the weekend examining the steel girders under the carriageway and reported fractures near two of the central supports.",
  '"We will not take any risks with people\'s safety," Councillor Ada Morrow told reporters outside the town hall. "The bridge stays shut until engineers say otherwise."',
  "Drivers face a twelve-mile diversion through Eastfield and Carlow, and buses on the number four route will use the ring road until further notice, the operator confirmed.",
  "Shopkeepers on Quay Street said trade had already fallen sharply since the weight limit was imposed in January, and several asked the council for help with their rates.",
  "The bridge, which opened in 1968, carries about eighteen thousand vehicles a day and was last strengthened in 1994, according to figures published by the county.",
  "A report commissioned two years ago warned that corrosion of the bearings could force a closure within five years unless a full refurbishment was carried out.",
  "The council said it would publish the inspectors' findings on its website this week and hold a public meeting at the Millbrook library on Thursday evening.",
];
const FOLLOW_UP = [
  "Repairs to the Millbrook bridge will take at least six months and cost more than four million pounds, the county council told a packed public meeting on Thursday night.",
  "Residents queued outside the library long before the doors opened, and many had to listen to the discussion from the car park through loudspeakers set up by volunteers.",
  "The head of the roads agency, Malik Brennan, said temporary props would be installed under the central span next month so that pedestrians could cross again by spring.",
  "Several traders demanded compensation for lost business, and the council leader promised to write to the transport minister asking for emergency funding before Easter.",
];
const clipping = (title: string, date: string, paragraphs: string[]) =>
  `${title}\n\n${date}\n\n${paragraphs.join("\n\n")}\n`;

/** Writes an input file in a folder of its own and returns its path. */
function input(name: string, text: string): string {
  const file = path.join(tempDir("dup-input-"), name);
  fs.writeFileSync(file, text);
  return file;
}

const ORIGINAL_URL = "https://gazette.example/2025/03/03/millbrook-bridge-shut/";
/** A tree with the report already in, written as the importer writes it. */
function treeWithReport() {
  const root = contentTree({ sources: SOURCES, stories: [] });
  const first = run("import", root, [
    input("report.txt", clipping("Millbrook bridge shut", "March 3, 2025", REPORT)),
    "--url",
    ORIGINAL_URL,
  ]);
  expect(first.status, first.stderr).toBe(0);
  return root;
}
const EXISTING = "src/articles/north-gazette/millbrook-bridge-shut.md";

describe("the same address, however it is spelt", () => {
  // a text of its own each time, so that only the address can make it a duplicate
  const other = input("other.txt", clipping("Another report entirely", "March 4, 2025", FOLLOW_UP.slice(0, 2)));
  let shared: string | undefined;
  it.each([
    ["as written", ORIGINAL_URL],
    ["http instead of https", "http://gazette.example/2025/03/03/millbrook-bridge-shut/"],
    ["with www.", "https://www.gazette.example/2025/03/03/millbrook-bridge-shut/"],
    ["host in capitals, default port", "https://Gazette.EXAMPLE:443/2025/03/03/millbrook-bridge-shut/"],
    ["without the trailing slash", "https://gazette.example/2025/03/03/millbrook-bridge-shut"],
    ["with a fragment", "https://gazette.example/2025/03/03/millbrook-bridge-shut/#comments"],
    [
      "utm_* parameters",
      "https://gazette.example/2025/03/03/millbrook-bridge-shut/?utm_source=newsletter&utm_medium=email&utm_campaign=daily",
    ],
    ["fbclid", "https://gazette.example/2025/03/03/millbrook-bridge-shut/?fbclid=IwAR3xYz"],
    ["/amp/ segment", "https://gazette.example/amp/2025/03/03/millbrook-bridge-shut/"],
    ["trailing /amp", "https://gazette.example/2025/03/03/millbrook-bridge-shut/amp/"],
    [".amp", "https://gazette.example/2025/03/03/millbrook-bridge-shut.amp"],
    ["?amp=1", "https://gazette.example/2025/03/03/millbrook-bridge-shut/?amp=1"],
    ["amp. host", "https://amp.gazette.example/2025/03/03/millbrook-bridge-shut"],
    [
      "outputType=amp, among tracking",
      "http://www.gazette.example/2025/03/03/millbrook-bridge-shut?outputType=amp&gclid=1&mc_cid=2",
    ],
  ])("import refuses it: %s", (_, url) => {
    const root = (shared ??= treeWithReport()); // a refusal writes nothing: one tree for all
    const r = run("import", root, [other, "--url", url]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Nothing was written: a duplicate of ${EXISTING} (the same address: ${ORIGINAL_URL}); give --force to write it anyway`,
    );
    expect(articleFiles(root)).toEqual(["north-gazette/millbrook-bridge-shut.md"]);
  });

  it("another address of the same outlet is not a duplicate (the text differs)", () => {
    const root = treeWithReport();
    const r = run("import", root, [other, "--url", "https://gazette.example/2025/03/04/another-report/?utm_source=x"]);
    expect(r.status, r.stderr).toBe(0);
  });

  it("a saved page imported twice, or under its AMP address, is refused; drafts and any YAML spelling of url count", () => {
    const root = contentTree({
      sources: SOURCES,
      stories: [],
      files: {
        // an existing draft whose address is written as a quoted YAML string
        "src/articles/harbour-daily/draft.md": article({
          title: "A draft",
          source: "harbour-daily",
          date: "2025-03-01",
          url: "https://www.harbour.example/news/older-report",
          draft: true,
        }),
        // single quotes and a comment; a folded scalar over two lines
        "src/articles/harbour-daily/quoted.md": article(
          "title: Quoted\nsource: harbour-daily\ndate: 2025-03-01\nurl: 'https://harbour.example/news/quoted' # as found",
        ),
        "src/articles/harbour-daily/folded.md": article(
          "title: Folded\nsource: harbour-daily\ndate: 2025-03-01\nurl: >-\n  https://harbour.example/news/folded\nstory: x",
        ),
      },
    });
    for (const name of ["quoted", "folded"]) {
      const r = run("new", root, [
        "--source",
        "harbour-daily",
        "--url",
        `https://harbour.example/news/${name}/`,
        "Title",
      ]);
      expect(r.stderr).toContain(`a duplicate of src/articles/harbour-daily/${name}.md`);
    }
    const page = path.join(INPUT, "page-jsonld.html");
    expect(run("import", root, [page]).status).toBe(0);
    const again = run("import", root, [page]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(
      "Nothing was written: a duplicate of src/articles/harbour-daily/millbrook-bridge-could-stay-closed-until-summer.md (the same address: https://www.harbour.example/news/bridge-closed-until-summer)",
    );
    const amp = run("import", root, [
      page,
      "--url",
      "https://harbour.example/news/bridge-closed-until-summer/amp?ocid=socialshare",
    ]);
    expect(amp.status).toBe(1);
    expect(amp.stderr).toContain(
      "a duplicate of src/articles/harbour-daily/millbrook-bridge-could-stay-closed-until-summer.md",
    );
    const draft = run("import", root, [
      path.join(INPUT, "page-opengraph.html"),
      "--source",
      "harbour-daily",
      "--url",
      "http://harbour.example/news/older-report/",
    ]);
    expect(draft.status).toBe(1);
    expect(draft.stderr).toContain(
      "a duplicate of src/articles/harbour-daily/draft.md (the same address: https://www.harbour.example/news/older-report)",
    );
  });
});

describe("the same text under another address", () => {
  it("is refused, with the share of the text, even retyped (case, quotation marks, a phrase reworded) and without an address", () => {
    const root = treeWithReport();
    const retyped = REPORT.map((p) =>
      p.replace(/"/g, (_, at: number, s: string) => (s.lastIndexOf('"', at - 1) === -1 ? "“" : "”")),
    );
    retyped[0] = retyped[0]!.toUpperCase();
    retyped[5] = retyped[5]!.replace("about eighteen thousand vehicles a day", "some 18,000 vehicles daily");
    const copy = input("copy.txt", clipping("Bridge shut after cracks found", "March 3, 2025", retyped));
    const r = run("import", root, [copy, "--url", "https://gazette.example/news/bridge-shut-cracks"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `Nothing was written: a duplicate of ${EXISTING} \\((9\\d|100) % of the text shared\\); give --force to write it anyway`,
      ),
    );
    // no address at all, another outlet: the text alone
    const bare = run("import", root, [copy, "--source", "harbour-daily"]);
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain(`a duplicate of ${EXISTING} (`);
    expect(articleFiles(root)).toEqual(["north-gazette/millbrook-bridge-shut.md"]);
  });

  it("is refused whatever the markdown of the report already there: lines wrapped by hand, emphasis, links", () => {
    const wrap = (p: string) => p.replace(/(.{50,60}?) /g, "$1\n");
    const marked = REPORT.map((p, i) =>
      i === 1
        ? p.replace("regional roads agency", "[regional roads agency](https://roads.example/)")
        : i === 4
          ? p.replace("Quay Street", "*Quay Street*")
          : p,
    );
    const root = contentTree({
      sources: SOURCES,
      stories: [],
      files: {
        "src/articles/harbour-daily/by-hand.md": article(
          { title: "Bridge shut", source: "harbour-daily", date: "2025-03-03" },
          marked.map(wrap).join("\n\n") + "\n",
        ),
      },
    });
    const r = run("import", root, [
      input("clean.txt", clipping("Millbrook bridge shut", "March 3, 2025", REPORT)),
      "--url",
      ORIGINAL_URL,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "Nothing was written: a duplicate of src/articles/harbour-daily/by-hand.md (100 % of the text shared)",
    );
  });

  it("in any script: a Ukrainian report retyped in capitals under another address", () => {
    const root = contentTree({ sources: SOURCES, stories: [] });
    const text = [
      "Україна офіційно запросила Організацію Об'єднаних Націй та Міжнародний комітет Червоного Хреста відвідати підконтрольні їй райони Курської області, повідомило міністерство закордонних справ у понеділок.",
      "За словами речника міністерства, представники організацій зможуть побачити становище цивільного населення на власні очі та перевірити умови утримання полонених.",
      "Раніше місцеві жителі скаржилися на перебої з водою, електрикою та зв'язком, а волонтери возили гуманітарну допомогу до прикордонних сіл щотижня.",
    ];
    const first = run("import", root, [
      input("uk.txt", clipping("Україна запросила ООН", "September 16, 2024", text)),
      "--url",
      "https://gazette.example/uk/zaproshennia",
    ]);
    expect(first.status, first.stderr).toBe(0);
    const shouted = input(
      "uk-2.txt",
      clipping("УКРАЇНА ЗАПРОСИЛА ООН", "September 16, 2024", [text[0]!.toUpperCase(), ...text.slice(1)]),
    );
    const again = run("import", root, [shouted, "--url", "https://gazette.example/uk/inshe"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("a duplicate of src/articles/north-gazette/");
    expect(again.stderr).toContain("% of the text shared");
  });

  it("a follow-up that shares half of its text is accepted, and so is one that quotes the whole report and adds as much", () => {
    const root = treeWithReport();
    const half = input(
      "follow-up.txt",
      clipping("Bridge repairs to take six months", "March 7, 2025", [...FOLLOW_UP, ...REPORT.slice(0, 4)]),
    );
    const r = run("import", root, [half, "--url", "https://gazette.example/2025/03/07/bridge-repairs/"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("duplicate");
    const whole = input(
      "update.txt",
      clipping("Bridge shut: the full story", "March 8, 2025", [
        ...REPORT,
        ...FOLLOW_UP,
        ...FOLLOW_UP.map((p) => `Update: ${p.toLowerCase()} (the council later added)`),
      ]),
    );
    const r2 = run("import", root, [whole, "--url", "https://gazette.example/2025/03/08/bridge-full-story/"]);
    expect(r2.status, r2.stderr).toBe(0);
  });
});

describe("--force and --dry-run", () => {
  it("--dry-run says it too; --force imports anyway, saying what it duplicates", () => {
    const root = treeWithReport();
    const copy = input("again.txt", clipping("Millbrook bridge shut", "March 3, 2025", REPORT));
    const dry = run("import", root, [
      copy,
      "--url",
      "http://www.gazette.example/2025/03/03/millbrook-bridge-shut?utm_source=x",
      "--dry-run",
    ]);
    expect(dry.status).toBe(1);
    expect(dry.stderr).toContain(`Nothing was written: a duplicate of ${EXISTING} (the same address: ${ORIGINAL_URL})`);
    const forced = run("import", root, [copy, "--url", ORIGINAL_URL, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(
      `a duplicate of ${EXISTING} (the same address: ${ORIGINAL_URL}): allowed by --force`,
    );
    expect(forced.stdout).toContain("Wrote src/articles/north-gazette/millbrook-bridge-shut-2.md");
    // now two reports have the address: the refusal names the first and counts the other
    const third = run("import", root, [copy, "--url", ORIGINAL_URL]);
    expect(third.stderr).toContain(`a duplicate of ${EXISTING} and 1 other report (the same address: ${ORIGINAL_URL})`);
  });
});

describe("npm run new --url", () => {
  it("refuses an address a report already has, in any spelling; --force writes the draft anyway", () => {
    const root = treeWithReport();
    const args = [
      "--source",
      "north-gazette",
      "--date",
      "2025-03-03",
      "--url",
      "http://www.gazette.example/amp/2025/03/03/millbrook-bridge-shut?fbclid=abc",
      "Bridge shut",
    ];
    const r = run("new", root, args);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Nothing was written: a duplicate of ${EXISTING} (the same address: ${ORIGINAL_URL}); give --force to write it anyway`,
    );
    expect(articleFiles(root)).toEqual(["north-gazette/millbrook-bridge-shut.md"]);
    const forced = run("new", root, [...args, "--force"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout.trim()).toBe("src/articles/north-gazette/bridge-shut.md");
    // drafts count: a second draft of the address is refused too (it names the first file found)
    expect(run("new", root, ["--source", "north-gazette", "--url", ORIGINAL_URL, "Once more"]).status).toBe(1);
    // another address is fine; and two drafts' placeholder texts are never compared
    expect(
      run("new", root, [
        "--source",
        "north-gazette",
        "--date",
        "2025-03-05",
        "--url",
        "https://gazette.example/2025/03/05/other/",
        "Other",
      ]).status,
    ).toBe(0);
    expect(run("new", root, ["--source", "north-gazette", "--date", "2025-03-05", "Without an address"]).status).toBe(
      0,
    );
  });
});
