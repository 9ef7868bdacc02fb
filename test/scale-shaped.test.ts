/**
 * Scale-shaped input (issue 26): a story naming hundreds of places, latitudes the map cannot
 * draw, a story with thousands of events. Each either builds pages of bounded size and work, or
 * is refused with one line naming the file and the field.
 */
import { describe, expect, it } from "vitest";
import { defaultPaths, loadContent } from "../src/content/pipeline.ts";
import { MAP_NEIGHBOURS } from "../src/content/link.ts";
import { templateConstants } from "../src/content/constants.ts";
import { buildTree } from "./helpers/build-tree.ts";
import { article, contentTree } from "./helpers/fixture.ts";

const REPORT = "src/articles/alpha-news/many.md";

describe("a story naming hundreds of places", () => {
  it("draws each place's map with its nearest places only, and lists every place on the story's own map", async () => {
    const places = Array.from({ length: 300 }, (_, i) => ({
      id: `town-${i}`,
      name: `Town${String(i).padStart(3, "0")}`,
      type: "place",
      coordinates: [45 + Math.floor(i / 20) * 0.3, 30 + (i % 20) * 0.3],
    }));
    const body = `${places.map((p) => p.name).join(", ")}.\n`;
    const build = await buildTree({
      "_data/entities.json": JSON.stringify(places),
      [REPORT]: article({ title: "Many towns", source: "alpha-news", date: "2024-09-16", story: "the-story" }, body),
    });
    // a corner town's map: itself and its nearest neighbours, the nearest first in distance
    const corner = build.html("/entities/town-0/");
    const shown = corner(".map-places li a")
      .map((_, a) => corner(a).text())
      .get();
    expect(shown.length).toBe(MAP_NEIGHBOURS + 1);
    expect(shown).toContain("Town001");
    expect(shown).toContain("Town020");
    expect(shown).not.toContain("Town299");
    // the story's own map still names every place it draws
    const story = build.html("/stories/the-story/");
    expect(story(".map-places li").length).toBe(300);
  }, 120_000);
});

describe("latitudes the map cannot draw", () => {
  const problems = (entity: Record<string, unknown>) => {
    const root = contentTree({
      files: { "_data/entities.json": JSON.stringify([{ id: "x", name: "Station", type: "place", ...entity }]) },
    });
    return loadContent(defaultPaths(root)).problems.filter(
      (p) => p.file === "_data/entities.json" && p.severity !== "warning",
    );
  };

  it("refuses a place within 5° of a pole, naming the field and what to do", () => {
    for (const lat of [90, 89.5, -86]) {
      const found = problems({ coordinates: [lat, 10] });
      expect(found, String(lat)).toEqual([
        expect.objectContaining({
          file: "_data/entities.json",
          field: expect.stringMatching(/coordinates\[0\]$/),
          line: expect.any(Number),
          message: expect.stringMatching(/Pole; leave out coordinates/),
        }),
      ]);
    }
    expect(problems({ coordinates: [84.9, 10] })).toEqual([]);
  });

  it("refuses an area whose circle would reach the pole's band", () => {
    expect(problems({ coordinates: [80, 10], radiusKm: 900 })).toEqual([
      expect.objectContaining({ field: expect.stringMatching(/radiusKm$/), message: expect.stringMatching(/pole/) }),
    ]);
    expect(problems({ coordinates: [80, 10], radiusKm: 100 })).toEqual([]);
  });
});

describe("a story with thousands of events", () => {
  it("lists the first of them on the story page, and says where every one is", async () => {
    const n = templateConstants.storyEvents + 150;
    const events = Array.from({ length: n }, (_, i) => ({
      id: `e-${i}`,
      date: `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      title: `Event ${i}`,
      story: "the-story",
      citations: [{ article: "alpha-news/many", quote: "Officials counted the towns." }],
    }));
    const build = await buildTree({
      "_data/events.json": JSON.stringify(events),
      [REPORT]: article(
        { title: "Many events", source: "alpha-news", date: "2024-09-16", story: "the-story" },
        "Officials counted the towns.\n",
      ),
    });
    const story = build.html("/stories/the-story/");
    expect(story(".story-events > li").length).toBe(templateConstants.storyEvents);
    expect(story(".events-more").text()).toContain(String(n));
    expect(story('.events-more a[href^="/timeline/"]').length).toBe(1);
    // every event is on the timeline
    const onTimeline = new Set<string>();
    for (let page = 1; ; page++) {
      const url = page === 1 ? "/timeline/" : `/timeline/${page}/`;
      let $: ReturnType<typeof build.html>;
      try {
        $ = build.html(url);
      } catch {
        break;
      }
      $(".timeline .event").each((_, e) => {
        onTimeline.add($(e).attr("id")!);
      });
    }
    expect(onTimeline.size).toBe(n);
  }, 120_000);
});
