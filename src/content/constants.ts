/**
 * The numbers the templates print or cut their lists at, in one object: Eleventy global data
 * `constants` (src/eleventy/content.ts). A template reads `constants.passageWords` instead of
 * writing "8" beside the code that decides it.
 */
import { LIST_PAGE_SIZE, NAMES_PAGE_SIZE, PAGE_SIZE, STORIES_PAGE_SIZE } from "./pages.ts";
import { PASSAGE_WORDS } from "./shared-text.ts";

export const templateConstants = {
  /** Shared text: the shortest passage two reports share that counts (shared-text.ts). */
  passageWords: PASSAGE_WORDS,
  /** Entries on one timeline page (whole days: a busy day may exceed it). */
  timelinePageSize: PAGE_SIZE,
  /** Report cards on one page of a source or a name. */
  listPageSize: LIST_PAGE_SIZE,
  /** Names on one page of the names index. */
  namesPageSize: NAMES_PAGE_SIZE,
  /** Stories on one page of the stories index. */
  storiesPageSize: STORIES_PAGE_SIZE,
  /** A story page's reports shown as cards; the rest one compact row each (a 1,000-report story stays a page). */
  reportCards: 6,
  /** A fact grid with more outlets than this scrolls sideways in its own way (`fact-grid-many`). */
  factGridColumns: 6,
  /** Facts a story's "at a glance" names in each of its lists before "n more". */
  glanceFacts: 3,
  /** Latest reports on the home page. */
  homeReports: 10,
  /** Newest stories the page-not-found page suggests. */
  notFoundStories: 5,
  /** Dated events a story page lists (in date order); every event is on the timeline too. */
  storyEvents: 100,
} as const;
