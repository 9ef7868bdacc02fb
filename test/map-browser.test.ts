/**
 * Locator maps as a reader sees them, in Chromium at 390 × 844 (a phone): labels at least 12 px,
 * no two labels' boxes overlapping as rendered, the place page's own marker, no map for a story
 * with one place; and legible in dark mode and in print (label against its halo and the land).
 * Builds a content tree of its own: a local story of border towns 20–60 km apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, serveSite, type Served } from "./helpers/browser.ts";
import { article, contentTree } from "./helpers/fixture.ts";
import { buildContent } from "./helpers/build-tree.ts";

const place = (id: string, name: string, coordinates?: [number, number], country?: string, radiusKm?: number) => ({
  id,
  name,
  type: "place",
  ...(coordinates ? { coordinates } : {}),
  ...(country ? { country } : {}),
  ...(radiusKm ? { radiusKm } : {}),
});
const ENTITIES = [
  place("sumy", "Sumy", [50.9077, 34.7981], "UA"),
  place("sudzha", "Sudzha", [51.1906, 35.2707], "RU"),
  place("rylsk", "Rylsk", [51.5681, 34.6802], "RU"),
  place("tetkino", "Tetkino", [51.2727, 34.2906], "RU"),
  place("glushkovo", "Glushkovo", [51.3403, 34.6311], "RU"),
  place("kursk-region", "Kursk region", [51.5, 35.9], "RU", 95),
  place("russia", "Russia", undefined, "RU"),
  place("kyiv", "Kyiv", [50.4501, 30.5234], "UA"),
];
const STORIES = [
  { id: "border-towns", title: "Shelling along the border" },
  { id: "in-kyiv", title: "A statement in Kyiv" },
];
const BODY =
  "Shelling hit Sumy and Sudzha overnight. Rylsk, Tetkino and Glushkovo in the Kursk region were evacuated, Russia said.\n";

let dist: string;
let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const root = contentTree({
    stories: STORIES,
    files: {
      "_data/entities.json": JSON.stringify(ENTITIES),
      "src/articles/alpha-news/border.md": article(
        { title: "Border towns shelled", source: "alpha-news", date: "2024-08-20", story: "border-towns" },
        BODY,
      ),
      "src/articles/beta-post/border.md": article(
        { title: "Towns evacuated", source: "beta-post", date: "2024-08-21", story: "border-towns" },
        BODY,
      ),
      "src/articles/beta-post/kyiv.md": article(
        { title: "Statement", source: "beta-post", date: "2024-08-22", story: "in-kyiv" },
        "Officials in Kyiv spoke.\n",
      ),
    },
  });
  dist = (await buildContent(root)).output;
  server = await serveSite(dist);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Measured {
  text: string;
  /** Font size as rendered: computed size × the SVG's scale. */
  px: number;
  box: { x: number; y: number; w: number; h: number };
}

/** Every label of the page's map (places and country names), as rendered. */
function labels(): Promise<Measured[]> {
  return page.locator("svg.locator-map").evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    return [...svg.querySelectorAll("text.map-label, text.map-country-name")].map((t) => {
      const r = t.getBoundingClientRect();
      return {
        text: t.textContent ?? "",
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        box: { x: r.x, y: r.y, w: r.width, h: r.height },
      };
    });
  });
}
const overlap = (a: Measured["box"], b: Measured["box"]) =>
  a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

/** WCAG contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe("locator maps at 390 × 844", () => {
  it("a local story: every town labelled, labels ≥ 12 px, no two labels overlapping as rendered", async () => {
    await page.goto(server.url + "stories/border-towns/");
    const measured = await labels();
    const names = measured.map((m) => m.text);
    for (const town of ["Sumy", "Sudzha", "Rylsk", "Tetkino", "Glushkovo", "Kursk region"])
      expect(names).toContain(town);
    const smallest = Math.min(...measured.map((m) => m.px));
    console.log(
      `story map at 390 px: ${measured.length} labels, smallest ${smallest.toFixed(1)} px, heights ${Math.min(...measured.map((m) => m.box.h)).toFixed(1)}–${Math.max(...measured.map((m) => m.box.h)).toFixed(1)} px`,
    );
    expect(smallest).toBeGreaterThanOrEqual(12);
    for (const [i, a] of measured.entries())
      for (const b of measured.slice(i + 1)) expect(overlap(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
    // the caption names every place, and says the region is approximate
    const caption = await page.locator(".map-figure figcaption").innerText();
    expect(caption).toContain("Kursk region (approximate area)");
    expect(caption).toContain("Dashed circles are regions, drawn approximately");
    expect(await page.locator("svg.locator-map .map-inset-extent").count()).toBe(1);
  });

  it("a story with one place has no map", async () => {
    await page.goto(server.url + "stories/in-kyiv/");
    expect(await page.locator("h1").innerText()).toBe("A statement in Kyiv");
    expect(await page.locator("svg.locator-map, section.map-section").count()).toBe(0);
  });

  it("a place's page marks its own place (a ringed marker, its label apart) and says so", async () => {
    await page.goto(server.url + "entities/sudzha/");
    const here = page.locator('svg.locator-map a.map-here[aria-current="page"]');
    expect(await here.getAttribute("href")).toBe("/entities/sudzha/");
    expect(await here.locator("circle.map-marker").getAttribute("r")).toBe("8");
    expect(await here.locator("text.map-label").evaluate((t) => getComputedStyle(t).fontWeight)).toBe("800");
    expect(await page.locator(".map-figure figcaption p").first().innerText()).toMatch(/^Sudzha is the ringed marker/);
    expect(await page.locator(".map-places a[aria-current=page]").innerText()).toBe("Sudzha");
    const measured = await labels();
    expect(Math.min(...measured.map((m) => m.px))).toBeGreaterThanOrEqual(12);
    for (const [i, a] of measured.entries())
      for (const b of measured.slice(i + 1)) expect(overlap(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
    // a place named alone still has its map, in its country (the inset)
    await page.goto(server.url + "entities/kyiv/");
    expect(await page.locator('svg.locator-map a.map-here[href="/entities/kyiv/"]').count()).toBe(1);
    expect(await page.locator("svg.locator-map .map-inset").count()).toBe(1);
  });

  it("legible in dark mode and in print: labels against their halo and the land", async () => {
    for (const mode of [{ colorScheme: "dark" as const }, { media: "print" as const }]) {
      await page.emulateMedia(mode);
      await page.goto(server.url + "stories/border-towns/");
      const c = await page.locator("svg.locator-map").evaluate((svg) => {
        const style = (sel: string) => getComputedStyle(svg.querySelector(sel)!);
        return {
          label: style("text.map-label").fill,
          halo: style("text.map-label").stroke,
          land: style(".map-home").fill,
        };
      });
      const halo = c.halo === "none" ? c.land : c.halo;
      console.log(
        `${JSON.stringify(mode)}: label ${c.label}, halo ${c.halo}, land ${c.land}: contrast ${contrast(c.label, halo).toFixed(1)} / ${contrast(c.label, c.land).toFixed(1)}`,
      );
      expect(contrast(c.label, halo)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c.label, c.land)).toBeGreaterThanOrEqual(4.5);
    }
    await page.emulateMedia({ colorScheme: "light", media: "screen" });
  });
});
