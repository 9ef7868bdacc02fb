/**
 * A content tree for the story page's tests (test/browser-story.test.ts) and its screenshots:
 * a dam failure reported by 4 outlets (one with 2 reports) whose death toll rises through the day
 * (`changes: true`), a missing count two reports give differently within the same hour, and a
 * relief convoy reported 24 times by 12 outlets.
 */
import { article, contentTree } from "./fixture.ts";

export const DAM = "dam-failure";
export const CONVOY = "relief-convoy";

const OUTLETS = [
  ["river-gazette", "River Gazette"],
  ["valley-times", "Valley Times"],
  ["wire-service", "Wire Service"],
  ["hill-radio", "Hill Radio"],
  ["north-herald", "North Herald"],
  ["south-courier", "South Courier"],
  ["east-post", "East Post"],
  ["west-observer", "West Observer"],
  ["harbour-daily", "Harbour Daily"],
  ["plains-tribune", "Plains Tribune"],
  ["coast-chronicle", "Coast Chronicle"],
  ["upland-mail", "Upland Mail"],
] as const;

const dam = (slug: string, source: string, title: string, date: string, body: string) => ({
  [`src/articles/${source}/${slug}.md`]: article({ title, source, date, story: DAM }, body),
});

/** Twelve outlets, each with two reports of the convoy, 5 to 7 March 2025. */
function convoyReports(): Record<string, string> {
  const files: Record<string, string> = {};
  OUTLETS.forEach(([id, name], i) => {
    for (const n of [1, 2]) {
      const day = 5 + ((i + n) % 3);
      files[`src/articles/${id}/convoy-${n}.md`] = article(
        {
          title: `${name} on the relief convoy, part ${n}`,
          source: id,
          date: `2025-03-0${day}T${String(8 + i).padStart(2, "0")}:15:00+01:00`,
          story: CONVOY,
        },
        `A convoy of 40 trucks reached the valley with food and water. ${name} report ${n}.\n`,
      );
    }
  });
  return files;
}

const cite = (article: string, quote: string, value?: string) =>
  value ? { article, quote, value } : { article, quote };

const CLAIMS = [
  {
    id: "death-toll",
    story: DAM,
    label: "People killed",
    changes: true,
    citations: [
      cite("river-gazette/dam-breaks", "At least 9 people were killed", "9"),
      cite("valley-times/dam-collapse", "11 people were killed", "11"),
      cite("river-gazette/toll-rises", "The death toll rose to 12", "12"),
      cite("hill-radio/dam-report", "Twelve people died", "12"),
    ],
  },
  {
    id: "missing",
    story: DAM,
    label: "People missing",
    changes: true,
    citations: [
      cite("valley-times/dam-collapse", "20 people were missing", "20"),
      cite("wire-service/dam-wire", "30 people are missing", "30"),
    ],
  },
  {
    id: "evacuated",
    story: DAM,
    label: "Residents evacuated",
    citations: [
      cite("river-gazette/dam-breaks", "About 2,000 residents were evacuated", "about 2,000"),
      cite("river-gazette/toll-rises", "About 2,000 residents were evacuated", "about 2,000"),
      cite("valley-times/dam-collapse", "3,000 residents had left", "3,000"),
    ],
  },
  {
    id: "built",
    story: DAM,
    label: "Year the dam was built",
    citations: [
      cite("wire-service/dam-wire", "The dam was built in 1962", "1962"),
      cite("valley-times/dam-collapse", "completed in 1962", "1962"),
    ],
  },
  {
    id: "cause",
    story: DAM,
    label: "Cause given for the failure",
    notReportedBy: ["hill-radio"],
    citations: [cite("wire-service/dam-wire", "after a week of heavy rain", "heavy rain")],
  },
  {
    id: "trucks",
    story: CONVOY,
    label: "Trucks in the convoy",
    citations: OUTLETS.flatMap(([id]) => [1, 2].map((n) => cite(`${id}/convoy-${n}`, "A convoy of 40 trucks", "40"))),
  },
];

/** Writes the tree; returns its root (a CONTENT_ROOT for runBuild). */
export function storyFixture(): string {
  return contentTree({
    sources: OUTLETS.map(([id, name]) => ({ id, name, url: `https://${id}.example` })),
    stories: [
      {
        id: DAM,
        title: "Eastbrook dam gives way before dawn, flooding the valley below; the death toll rises through the day",
        summary:
          "The Eastbrook dam failed before dawn on 3 March 2025 and flooded the valley below it. The number of people killed rose through the day.",
        date: "2025-03-03",
      },
      {
        id: CONVOY,
        title: "Relief convoy reaches the flooded valley",
        summary: "A convoy of trucks brought food and water to the valley after the dam failure.",
      },
    ],
    files: {
      ...dam(
        "dam-breaks",
        "river-gazette",
        "Eastbrook dam breaks before dawn",
        "2025-03-03T08:00:00+01:00",
        "The Eastbrook dam failed before dawn. At least 9 people were killed, officials said.\n\nAbout 2,000 residents were evacuated.\n",
      ),
      ...dam(
        "toll-rises",
        "river-gazette",
        "Dam death toll rises to 12",
        "2025-03-03T18:00:00+01:00",
        "The death toll rose to 12 by the evening.\n\nAbout 2,000 residents were evacuated.\n",
      ),
      ...dam(
        "dam-collapse",
        "valley-times",
        "Eleven killed as valley dam collapses",
        "2025-03-03T12:00:00+01:00",
        "Officials said 11 people were killed and 20 people were missing when the dam, completed in 1962, collapsed.\n\nSome 3,000 residents had left their homes.\n",
      ),
      ...dam(
        "dam-wire",
        "wire-service",
        "Dam fails after heavy rain",
        "2025-03-03T12:30:00+01:00",
        "The Eastbrook dam gave way after a week of heavy rain. Rescuers said 30 people are missing.\n\nThe dam was built in 1962.\n",
      ),
      ...dam(
        "dam-report",
        "hill-radio",
        "Twelve dead in dam disaster",
        "2025-03-04",
        "Twelve people died in the dam disaster, the regional governor said.\n",
      ),
      ...convoyReports(),
      "_data/claims.json": JSON.stringify(CLAIMS),
      "_data/events.json": JSON.stringify([
        {
          id: "dam-fails",
          date: "2025-03-03",
          title: "The Eastbrook dam fails",
          story: DAM,
          citations: [{ article: "river-gazette/dam-breaks", quote: "The Eastbrook dam failed before dawn" }],
        },
      ]),
    },
  });
}
