/**
 * Which story a new item (a feed's or a listing's) belongs to, by the story's `watch` in
 * `_data/stories.json` (issue 27, for `npm run discover`): a term as a whole word in the title or
 * summary, in any case (Unicode-aware: "КУРСК" is "Курск"); a term that is an entity's name or
 * alias stands for every spelling of it (name, aliases, forms, from `_data/entities.json`), so
 * "Kursk" finds "Курськ" when that is an alias; an `exclude` term (spelled the same ways) vetoes;
 * an item published before `since` is skipped. The answer says why, for discover's table.
 */
import { nameKey } from "../content/mentions.ts";
import type { FeedItem } from "./feeds.ts";

interface Watch {
  terms: readonly string[];
  exclude?: readonly string[];
  /** YYYY-MM-DD: items published before this day (UTC) are not the story's. */
  since?: string;
}

/** What this module needs of a story (a `StoryData` fits). */
interface WatchedStory {
  id: string;
  watch?: Watch;
}

/** What this module needs of an entity (an `EntityData` fits). */
interface EntitySpellings {
  name: string;
  aliases?: readonly string[];
  forms?: Readonly<Record<string, readonly string[]>>;
}

export type StoryMatch<S> =
  | {
      story: S;
      /** The term as the story lists it. */
      matched: string;
      /** The spelling found in the item, when it is not the term itself (an alias, a form). */
      spelling?: string;
    }
  | { skipped: string };

/** A word character: a letter, a combining mark or a digit. */
const WORD = "[\\p{L}\\p{M}\\p{N}]";

/** Text compared: NFC, invisible characters out, apostrophes and white space as one. */
const key = (s: string) => nameKey(s);

/** A spelling as a whole-word, case-insensitive pattern. */
function wholeWord(spelling: string): RegExp {
  const escaped = key(spelling).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!${WORD})${escaped}(?!${WORD})`, "iu");
}

/** Every spelling a term stands for: itself, and when it names an entity (name or alias, any case), all of that entity's. */
function spellingsOf(term: string, entities: readonly EntitySpellings[]): string[] {
  const k = key(term).toLowerCase();
  const out = new Set([term]);
  for (const e of entities) {
    const names = [e.name, ...(e.aliases ?? [])];
    if (!names.some((n) => key(n).toLowerCase() === k)) continue;
    for (const n of names) out.add(n);
    for (const forms of Object.values(e.forms ?? {})) for (const f of forms) out.add(f);
  }
  return [...out].filter((s) => key(s));
}

/** The first term (and the spelling of it) found in the text. */
function find(
  text: string,
  terms: readonly string[],
  entities: readonly EntitySpellings[],
): { term: string; spelling: string } | undefined {
  for (const term of terms)
    for (const spelling of spellingsOf(term, entities)) if (wholeWord(spelling).test(text)) return { term, spelling };
  return undefined;
}

/**
 * The story an item belongs to: the first story (in the order given) with a `watch` whose terms
 * the item's title or summary holds, that no exclude term vetoes and whose `since` the item is
 * not older than (an item without a date is not skipped for its age). Otherwise why not: the
 * first story that found a term and why it passed the item over, or that no story's terms are there.
 */
export function matchStory<S extends WatchedStory>(
  item: Pick<FeedItem, "title" | "summary" | "published">,
  stories: readonly S[],
  entities: readonly EntitySpellings[],
): StoryMatch<S> {
  const text = key(`${item.title}\n${item.summary ?? ""}`);
  const day = item.published?.slice(0, 10);
  let passedOver: string | undefined;
  for (const story of stories) {
    const watch = story.watch;
    if (!watch) continue;
    const hit = find(text, watch.terms, entities);
    if (!hit) continue;
    const veto = find(text, watch.exclude ?? [], entities);
    if (veto) {
      passedOver ??= `story ${story.id}: "${hit.term}" found, but "${veto.term}"${veto.spelling !== veto.term ? ` (as "${veto.spelling}")` : ""} is excluded`;
      continue;
    }
    if (watch.since && day && day < watch.since) {
      passedOver ??= `story ${story.id}: "${hit.term}" found, but published ${day}, before ${watch.since} (since)`;
      continue;
    }
    return hit.spelling === hit.term
      ? { story, matched: hit.term }
      : { story, matched: hit.term, spelling: hit.spelling };
  }
  if (passedOver) return { skipped: passedOver };
  return {
    skipped: stories.some((s) => s.watch)
      ? "no story's terms in the title or summary"
      : "no story has a watch (terms) in _data/stories.json",
  };
}
