/**
 * `npm run check -- --suggest`: figures grouped by what they count (not by their number), names
 * without the words capitalised for grammar or by the page, spellings that differ by diacritics
 * or case as one entity. Units for each part, then a dam failure told by four outlets through the
 * real CLI.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sentencesOf, type Candidate } from "../src/editing/fact-candidates.ts";
import { figuresIn, singular } from "../src/editing/figure-candidates.ts";
import { NameFinder, foldName, withoutTitle } from "../src/editing/name-candidates.ts";
import { isFurnitureLine } from "../src/editing/page-furniture.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { ROOT, TSX } from "./helpers/site.ts";

/** `text → value, key` of each figure of a sentence. */
const figures = (s: string) => figuresIn(s).map((f) => `${f.text} → ${f.value}, ${f.key}`);

describe("figures: a number with what it counts", () => {
  it("groups by what is counted: a state of people, or the counted noun", () => {
    expect(figures("At least nine people were dead and nine others missing after the dam burst.")).toEqual([
      "At least nine people were dead → at least 9, dead",
      "nine others missing → 9, missing",
    ]);
    expect(figures("The death toll rose to 12 on Wednesday.")).toEqual(["death toll rose to 12 → 12, dead"]);
    expect(figures("12 killed, 40 wounded and 3,500 evacuated.")).toEqual([
      "12 killed → 12, dead",
      "40 wounded → 40, injured",
      "3,500 evacuated → 3,500, evacuated",
    ]);
    expect(figures("The earthquake killed 41 people and injured more than 200 others.")).toEqual([
      "killed 41 people → 41, dead",
      "injured more than 200 → more than 200, injured",
    ]);
    expect(figures("Seven people lost their lives; the number of missing reached 23.")).toEqual([
      "Seven people lost their lives → 7, dead",
      "number of missing reached 23 → 23, missing",
    ]);
    expect(
      figures("It forced the evacuation of more than 150,000 Russian civilians and claimed the lives of nine people."),
    ).toEqual([
      "evacuation of more than 150,000 Russian civilians → more than 150,000, evacuated",
      "lives of nine people → 9, dead",
    ]);
    expect(figures("The number of people killed rose to 57, and 12 were confirmed dead in Lagos.")).toEqual([
      "number of people killed rose to 57 → 57, dead",
      "12 were confirmed dead → 12, dead",
    ]);
    expect(
      figures("Forty-two villagers remain unaccounted for and two injured firefighters were taken to hospital."),
    ).toEqual([
      "Forty-two villagers remain unaccounted for → 42, missing",
      "two injured firefighters → 2, firefighter injured",
    ]);
    expect(figures("One person died and one of the bridges was closed.")).toEqual(["One person died → 1, dead"]);
    expect(figures("On Sunday 12 people died; on Tuesday 9.")).toEqual(["12 people died → 12, dead"]);
  });

  it("reads digits, number words, scales and vague counts, with their qualifiers", () => {
    expect(figures("Some 11 million cubic metres of water poured out, flooding a dozen homes.")).toEqual([
      "Some 11 million cubic metres of water → some 11 million, cubic metre",
      "a dozen homes → 12, home",
    ]);
    expect(figures("About 1.5 million tonnes of sludge and €2.3 million in damage; 40 million lei.")).toEqual([
      "About 1.5 million tonnes of sludge → about 1.5 million, tonne",
      "€2.3 million → 2.3 million, euros",
      "40 million lei → 40 million, lei",
    ]);
    expect(figures("Tens of thousands of people fled, and dozens of houses were destroyed.")).toEqual([
      "Tens of thousands of people → tens of thousands, people",
      "dozens of houses were destroyed → dozens, home destroyed",
    ]);
    expect(
      figures("Another three bodies were recovered; twenty-five families and 30 percent of the farms were affected."),
    ).toEqual([
      "Another three bodies → 3 more, body",
      "twenty-five families → 25, family",
      "30 percent of the farms → 30, percent of farm",
    ]);
    expect(figures("Flooding destroyed 40 houses; 12 flooded homes stood empty.")).toEqual([
      "destroyed 40 houses → 40, home destroyed",
      "12 flooded homes → 12, home flooded",
    ]);
    expect(
      figures("The quake struck Gaziantep, killing more than 50,000 people; 1.5 million people were left homeless."),
    ).toEqual([
      "killing more than 50,000 people → more than 50,000, dead",
      "1.5 million people were left homeless → 1.5 million, displaced",
    ]);
    expect(
      figures(
        "Police arrested 14 people; 22 passengers died and 23 were injured; 120 people are still unaccounted for.",
      ),
    ).toEqual([
      "arrested 14 people → 14, arrested",
      "22 passengers died → 22, passenger dead",
      "23 were injured → 23, injured",
      "120 people are still unaccounted for → 120, missing",
    ]);
  });

  it("offers no fragment without a counted noun, and no date, time, year, ordinal, age or label", () => {
    for (const s of [
      "Rescuers said two air.",
      "The reservoir held about 11 million cubic.",
      "Three more.",
      "It happened on 16 September at 14:00, or 2 p.m., on Sept. 16.",
      "In 2019 and again on March 3 the dam was inspected.",
      "The 3rd dam, on Route 66, is No. 4 on the list.",
      "A 74-year-old woman, aged 81, was 70 years old.",
      "Two days later, on Tuesday 9, the score was 3-1.",
      "One of the engineers said one day it would fail.",
      "He may be one of nine.",
    ])
      expect(figures(s), s).toEqual([]);
  });

  it("brings a counted noun to one spelling", () => {
    expect(
      ["homes", "houses", "meters", "metres", "injuries", "churches", "people", "persons", "boxes", "kg"].map(singular),
    ).toEqual(["home", "home", "metre", "metre", "injury", "church", "people", "people", "box", "kilogram"]);
  });
});

describe("names", () => {
  const names = (text: string) => {
    const sentences = sentencesOf(text.split("\n\n"));
    const finder = new NameFinder(sentences);
    return sentences.flatMap((s) => finder.namesIn(s).map((n) => n.text));
  };

  it("leaves out function words, weekdays, months and a sentence's first word", () => {
    expect(
      names(
        "In Albești, water rose. On Tuesday the mayor spoke. The Danube rose in September. Rescuers came from Brăila.",
      ),
    ).toEqual(["Albești", "Danube", "Brăila"]);
    expect(names("Officials in Kharkiv said the Kharkiv Regional Administration met on Monday, February 3.")).toEqual([
      "Kharkiv",
      "Kharkiv Regional Administration",
    ]);
    expect(names("Officials said Romania's Emergency Situations Inspectorate had warned Dumbrăveni's mayor.")).toEqual([
      "Romania",
      "Emergency Situations Inspectorate",
      "Dumbrăveni",
    ]);
    // a month after a name word is a surname
    expect(names("In May Romania asked for help, and Theresa May said on May 5 that Brian May would sing.")).toEqual([
      "Romania",
      "Theresa May",
      "Brian May",
    ]);
  });

  it("keeps a first word the story also capitalises mid-sentence, or that leads into another name word", () => {
    expect(
      names("Ngozi Okafor said the levee held. Police said Okafor was safe. Yesterday Lagos State officials met."),
    ).toEqual(["Ngozi Okafor", "Okafor", "Lagos State"]);
    expect(names("Ministry of the Interior officials met. The Ministry of the Interior said so.")).toEqual([
      "Ministry of the Interior",
      "Ministry of the Interior",
    ]);
  });

  it("takes no name from a heading in title case or a line in capitals", () => {
    expect(
      names("Rescue Efforts Continue Into the Night\n\nBREAKING NEWS FROM THE VALLEY\n\nRescuers reached Galați."),
    ).toEqual(["Galați"]);
  });

  it("never takes page furniture or a lone demonym for a name", () => {
    expect(names("Rescuers reached the valley. Get the Ledger newsletter every morning.")).toEqual([]);
    expect(
      names(
        "Get the Ledger in your inbox.\n\nPhoto: Reuters/Ana Pop\n\nEditing by Paul Gray\n\nRomanian officials said the Editing was done.",
      ),
    ).toEqual([]);
    expect(
      [
        "Get the Ledger every morning",
        "Subscribe",
        "Reporting by Ana Pop; Editing by Paul Gray",
        "Additional reporting by Ana Pop",
        "Advertisement",
        "Photo: AP",
        "Read more: dam fails",
        "FILE - Residents wade through floodwaters on Nov. 4.",
        "Follow AP's coverage of climate at https://apnews.com/hub/climate",
        "Copyright 2025 The Associated Press. All rights reserved.",
      ].every(isFurnitureLine),
    ).toBe(true);
    expect(
      [
        "Nine people died.",
        "Photographs showed the dam.",
        "Editors at the Ledger said nine people died.",
        "Follow-up inspections found cracks.",
        "Filed reports differ.",
        "Registered voters numbered 3 million.",
        "Related deaths were reported.",
        "Subscribers lost water.",
      ].some(isFurnitureLine),
    ).toBe(false);
  });

  it("reads a person's title as no part of the name", () => {
    expect(
      [
        "Mayor Vasile Pop",
        "Interior Minister Cătălin Predoiu",
        "Ukrainian Foreign Minister Andrii Sybiha",
        "Dr. Amina Bello",
        "President Zelensky",
      ].map(withoutTitle),
    ).toEqual(["Vasile Pop", "Cătălin Predoiu", "Andrii Sybiha", "Amina Bello", "Zelensky"]);
    // not an institution that starts like a title, nor a title alone
    expect(["Minister of the Interior", "President", "Mayor's Office", "Prime Minister"].map(withoutTitle)).toEqual([
      "Minister of the Interior",
      "President",
      "Mayor's Office",
      "Prime Minister",
    ]);
  });

  it("folds spellings that differ by diacritics, case or letters NFD keeps whole", () => {
    expect(new Set(["Dumbrăveni", "Dumbraveni", "DUMBRĂVENI"].map(foldName)).size).toBe(1);
    // Romanian s with a comma and with a cedilla, Turkish dotless i, Vietnamese d with a stroke
    expect(foldName("Albești")).toBe(foldName("Albeşti"));
    expect(foldName("Diyarbakır")).toBe(foldName("Diyarbakir"));
    expect(foldName("Đà Nẵng")).toBe(foldName("Da Nang"));
    expect(foldName("Kharkiv")).not.toBe(foldName("Kherson"));
  });
});

const SOURCES = [
  { id: "bucharest-ledger", name: "The Bucharest Ledger", url: "https://ledger.example" },
  { id: "danube-wire", name: "Danube Wire", url: "https://danube.example" },
  { id: "carpathian-times", name: "Carpathian Times", url: "https://carpathian.example" },
  { id: "iasi-observer", name: "Iași Observer", url: "https://iasi.example" },
];
const report = (source: string, date: string, body: string) =>
  article({ title: `Dam report ${source}`, source, date, story: "dam-failure" }, body);

/** A tailings dam fails: four outlets, figures that move, place names with and without diacritics, furniture. */
function damStory(): string {
  return contentTree({
    sources: SOURCES,
    stories: [{ id: "dam-failure", title: "Tailings dam fails above Dumbrăveni" }],
    files: {
      "_data/entities.json": JSON.stringify([{ id: "albesti", name: "Albești", type: "place" }]),
      "_data/claims.json": JSON.stringify([
        {
          id: "evacuated",
          story: "dam-failure",
          label: "People evacuated",
          citations: [
            { article: "carpathian-times/rescuers-evacuate", quote: "evacuated 350 residents", value: "350" },
          ],
        },
      ]),
      "src/articles/bucharest-ledger/dam-bursts.md": report(
        "bucharest-ledger",
        "2026-09-15",
        [
          "Get the Ledger in your inbox every morning.",
          "At least nine people were dead and nine others missing after a tailings dam burst above Dumbrăveni on Tuesday, the Emergency Situations Inspectorate said.",
          "In Albești, some 11 million cubic metres of water swept through the valley at 14:00, flooding a dozen homes.",
          "Two air ambulances and three more crews reached the village on 16 September, and 300 people were evacuated.",
          "Reporting by Ana Marin; Editing by Paul Gray",
        ].join("\n\n"),
      ),
      "src/articles/danube-wire/toll-rises.md": report(
        "danube-wire",
        "2026-09-16",
        [
          "Photo: Danube Wire/Ioana Stan",
          "The death toll rose to 12 on Wednesday, and 14 people were still missing, officials in Dumbraveni said.",
          "Mayor Vasile Pop said the reservoir had held about 11 million cubic meters of water. On Tuesday the water reached Albesti within an hour.",
          "In 2019 inspectors had found cracks in the dam.",
          "Subscribe to our newsletter",
        ].join("\n\n"),
      ),
      "src/articles/carpathian-times/rescuers-evacuate.md": report(
        "carpathian-times",
        "2026-09-16",
        [
          "Twelve people were killed and 14 are missing, Mayor Vasile Pop told reporters in DUMBRĂVENI.",
          "Rescuers evacuated 350 residents from Albești and nearby villages.",
          "Advertisement",
          "Editing by Mark Lowe",
        ].join("\n\n"),
      ),
      "src/articles/iasi-observer/nine-dead.md": report(
        "iasi-observer",
        "2026-09-15",
        "Nine people died when the dam above Dumbrăveni gave way, the Emergency Situations Inspectorate said on Tuesday.\n\nAnother three bodies were recovered on Wednesday, raising the toll to 12, said Vasile Pop.\n",
      ),
    },
  });
}

function check(contentRoot: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CONTENT_ROOT: contentRoot },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run check -- --suggest on a story told four ways", () => {
  it("gives one figure per thing counted with each outlet's value, and one entity per name with its other spellings", () => {
    const root = damStory();
    const r = check(root, ["--suggest", "--format", "json", "--story", "dam-failure"]);
    expect(r.status).toBe(0);
    const [story] = JSON.parse(r.stdout).suggestions as { story: string; candidates: Candidate[] }[];
    expect(story!.story).toBe("dam-failure");
    const figures = story!.candidates
      .filter((c) => c.kind === "figure")
      .map((c) => ({ counts: c.text, values: c.values, ...(c.claim ? { claim: c.claim } : {}) }));
    expect(figures).toEqual([
      {
        counts: "dead",
        values: [
          { value: "at least 9", sources: ["bucharest-ledger"] },
          { value: "9", sources: ["iasi-observer"] },
          { value: "12", sources: ["iasi-observer", "carpathian-times", "danube-wire"] },
        ],
      },
      {
        counts: "missing",
        values: [
          { value: "9", sources: ["bucharest-ledger"] },
          { value: "14", sources: ["carpathian-times", "danube-wire"] },
        ],
      },
      {
        counts: "cubic metres",
        values: [
          { value: "some 11 million", sources: ["bucharest-ledger"] },
          { value: "about 11 million", sources: ["danube-wire"] },
        ],
      },
      { counts: "ambulances", values: [{ value: "2", sources: ["bucharest-ledger"] }] },
      { counts: "bodies", values: [{ value: "3 more", sources: ["iasi-observer"] }] },
      { counts: "crews", values: [{ value: "3 more", sources: ["bucharest-ledger"] }] },
      // the claim cites Carpathian Times' 350: the Ledger's 300 is offered to join it
      { counts: "evacuated", values: [{ value: "300", sources: ["bucharest-ledger"] }], claim: "evacuated" },
      { counts: "homes", values: [{ value: "12", sources: ["bucharest-ledger"] }] },
    ]);
    const dead = story!.candidates.find((c) => c.text === "dead")!;
    expect(dead.seen.map((s) => s.text)).toEqual([
      "At least nine people were dead",
      "Nine people died",
      "toll to 12",
      "Twelve people were killed",
      "death toll rose to 12",
    ]);
    const names = story!.candidates
      .filter((c) => c.kind === "name")
      .map((c) => ({
        name: c.text,
        ...(c.aliases ? { aliases: c.aliases } : {}),
        ...(c.entity ? { entity: c.entity.id } : {}),
        reports: new Set(c.seen.map((s) => s.article)).size,
      }));
    expect(names).toEqual([
      { name: "Dumbrăveni", aliases: ["Dumbraveni", "DUMBRĂVENI"], reports: 4 },
      // "Mayor Vasile Pop" is spelled "Vasile Pop": the shorter spelling matches inside the longer
      { name: "Vasile Pop", reports: 3 },
      { name: "Emergency Situations Inspectorate", reports: 2 },
      // Albești is recorded: the other spelling is offered as its alias
      { name: "Albesti", entity: "albesti", reports: 1 },
    ]);
  });

  it("prints each fact with its values per outlet, and each name with its spellings", () => {
    const r = check(damStory(), ["--suggest"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines).toContain('Story "dam-failure" (4 reports): 12 candidates no claim or entity covers');
    expect(lines).toContain(
      "    dead: at least 9 (bucharest-ledger); 9 (iasi-observer); 12 (iasi-observer, carpathian-times, danube-wire) (in 4 reports)",
    );
    expect(lines).toContain(
      '      danube-wire/toll-rises: death toll rose to 12 — "The death toll rose to 12 on Wednesday, and 14 people were still missing, officials in Dumbraveni said."',
    );
    expect(lines).toContain('    evacuated: 300 (bucharest-ledger) — claim "evacuated" cites it in other reports');
    expect(lines).toContain("    Dumbrăveni (also spelled Dumbraveni, DUMBRĂVENI: aliases) (in 4 reports)");
    expect(lines).toContain('    Albesti: another spelling of entity "albesti" (Albești): add to its aliases');
    // no fragment, date, time, furniture, function word or outlet's own name
    expect(r.stdout).not.toMatch(
      /^ {4}(?:\d|In |On |Tuesday|Get|Ledger|Editing|Reporting|Photo|Subscribe|Advertisement|Ana Marin|Paul Gray|Mark Lowe|Ioana Stan|Rescuers)/m,
    );
    expect(r.stdout).not.toMatch(/14:00 →|16 September —|2019/);
  });
});
