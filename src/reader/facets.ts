/** The timeline filter menus: the sources and stories present on one timeline page. */
import type { TimelineDay } from "../content/model.ts";

export interface Facet {
  id: string;
  label: string;
}

/** O(reports on the page); sources in `_data/sources.json` order, stories in order of appearance. */
export function timelineFacets(days: TimelineDay[]): { sources: Facet[]; stories: Facet[] } {
  const sources = new Map<string, Facet & { index: number }>();
  const stories = new Map<string, Facet>();
  for (const day of days) {
    for (const g of day.groups) {
      for (const a of g.articles) {
        if (!sources.has(a.source.id))
          sources.set(a.source.id, { id: a.source.id, label: a.source.name, index: a.source.index });
        if (a.story && !stories.has(a.story.id)) stories.set(a.story.id, { id: a.story.id, label: a.story.title });
      }
    }
  }
  return {
    sources: [...sources.values()].sort((x, y) => x.index - y.index).map(({ id, label }) => ({ id, label })),
    stories: [...stories.values()],
  };
}
