/**
 * Markdown for article bodies. Bodies are content, never templates: they go straight to
 * markdown-it (raw HTML off), so `{{ }}` and `{% %}` show literally and pasted HTML shows
 * as text. Links may only be http(s), mailto or relative; placeholder links (`#`, empty)
 * render as plain text; links to other sites get rel="noopener noreferrer".
 *
 * A body is parsed once (`parseBody`), which also finds the names of entities in its text
 * (a core rule on text tokens, so never inside tags, attributes or existing links) and links
 * the first mention of each; then it is rendered once (`renderParsed`) with ids on the blocks
 * that citations point at.
 */
import MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import type { MentionMatcher } from "./mentions.ts";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const SAFE_SCHEME = /^(https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** http, https, mailto and relative addresses only (markdown-it has already decoded entities). */
export function isSafeUrl(url: string): boolean {
  const u = url.trim().replace(/[\u0000-\u001f\u007f\s]+/g, "");
  if (u.startsWith("//")) return false; // protocol-relative: treat as unknown
  return SAFE_SCHEME.test(u) || !ANY_SCHEME.test(u);
}

function isPlaceholderUrl(url: string): boolean {
  return url.trim() === "" || url.trim() === "#";
}

md.validateLink = (url: string) => isSafeUrl(url);

const defaultRender = md.renderer.renderToken.bind(md.renderer);

// A link whose target is a placeholder renders as its text only: never a dead link.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet("href") ?? "");
  if (isPlaceholderUrl(href)) {
    token.meta = { ...(token.meta ?? {}), placeholder: true };
    return "";
  }
  if (/^(https?:)?\/\//i.test(href)) token.attrSet("rel", "noopener noreferrer");
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_close = (tokens, idx, options, _env, self) => {
  // find the matching link_open at the same nesting level
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === "link_close") depth++;
    else if (t.type === "link_open") {
      if (depth === 0) return t.meta?.placeholder ? "" : self.renderToken(tokens, idx, options);
      depth--;
    }
  }
  return defaultRender(tokens, idx, options);
};

/** Something a name in the text can link to (an entity). */
export interface Linkable {
  id: string;
  href: string;
}

interface MentionEnv {
  matcher?: MentionMatcher<Linkable>;
  /** The text's language (BCP 47), for names in scripts without spaces. */
  language?: string;
  /** Every mention, in order of appearance: the target and the words as written. */
  mentions: { target: Linkable; text: string }[];
}

// Entity mentions: after text_join, so a run of plain text is text tokens and the soft line
// breaks between them; a name is found across a line break too ("Kursk⏎region").
// https://markdown-it.github.io/markdown-it/#Core
md.core.ruler.push("entity_mentions", (state: StateCore) => {
  const env = state.env as Partial<MentionEnv>;
  if (!env.matcher || !env.mentions) return;
  const linked = new Set<Linkable>();
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: Token[] = [];
    let linkDepth = 0;
    const children = block.children;
    for (let i = 0; i < children.length; ) {
      const t = children[i]!;
      if (t.type !== "text") {
        if (t.type === "link_open") linkDepth++;
        else if (t.type === "link_close") linkDepth--;
        out.push(t);
        i++;
        continue;
      }
      let j = i + 1;
      while (j < children.length && (children[j]!.type === "text" || children[j]!.type === "softbreak")) j++;
      // a run ends with text: a trailing soft break is left to the next pass
      while (children[j - 1]!.type === "softbreak") j--;
      linkMentions(state, env as MentionEnv, children.slice(i, j), linkDepth > 0, linked, out);
      i = j;
    }
    block.children = out;
  }
});

/** Finds the names in a run of text and soft breaks, links the first mention of each (outside links), and emits the run. */
function linkMentions(
  state: StateCore,
  env: MentionEnv,
  run: Token[],
  inLink: boolean,
  linked: Set<Linkable>,
  out: Token[],
): void {
  const joined = run.map((t) => (t.type === "softbreak" ? "\n" : t.content)).join("");
  const hits = env.matcher!.scan(joined, env.language);
  if (!hits.length) {
    out.push(...run);
    return;
  }
  // hit offsets are in NFC text: the run's text is normalised the same way
  const segments: { token: Token; start: number; end: number }[] = [];
  let at = 0;
  for (const t of run) {
    if (t.type === "text") t.content = t.content.normalize("NFC");
    const length = t.type === "softbreak" ? 1 : t.content.length;
    segments.push({ token: t, start: at, end: at + length });
    at += length;
  }
  const emit = (from: number, to: number) => {
    for (const seg of segments) {
      if (seg.end <= from || seg.start >= to) continue;
      if (seg.token.type === "softbreak") out.push(seg.token);
      else if (seg.start >= from && seg.end <= to) out.push(seg.token);
      else
        out.push(
          textToken(
            state,
            seg.token.content.slice(Math.max(from, seg.start) - seg.start, Math.min(to, seg.end) - seg.start),
          ),
        );
    }
  };
  let from = 0;
  for (const hit of hits) {
    env.mentions.push({ target: hit.target, text: hit.text });
    if (inLink || linked.has(hit.target)) continue;
    linked.add(hit.target);
    emit(from, hit.index);
    const open = new state.Token("link_open", "a", 1);
    open.attrs = [
      ["href", hit.target.href],
      ["class", "entity-link"],
      ["data-entity", hit.target.id],
    ];
    out.push(open);
    emit(hit.index, hit.index + hit.length);
    out.push(new state.Token("link_close", "a", -1));
    from = hit.index + hit.length;
  }
  emit(from, joined.length);
}

function textToken(state: StateCore, content: string): Token {
  const t = new state.Token("text", "", 0);
  t.content = content;
  return t;
}

function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  let out = "";
  for (const c of token.children) {
    if (c.type === "text" || c.type === "code_inline") out += c.content;
    else if (c.type === "softbreak" || c.type === "hardbreak") out += " ";
    else if (c.type === "image") out += inlineText(c);
  }
  return out;
}

/**
 * How deep a body's elements may nest (blockquotes, lists, emphasis, links, one inside another).
 * markdown-it limits its own recursion, but not emphasis: 10,000 nested `*` make 10,000 nested
 * `<em>`, and the tools that walk the page after it (Eleventy's address rewriting) recurse per
 * level and overflow the stack. No report needs more than a few levels.
 */
export const MAX_NESTING = 100;

/** The first place a body's elements nest deeper than MAX_NESTING: the line (0-based, in the body) and how deep. */
export interface DeepNesting {
  line: number;
  depth: number;
}

function deepestIn(tokens: readonly Token[]): DeepNesting | undefined {
  let block = 0;
  let line = 0;
  for (const t of tokens) {
    if (t.map) line = t.map[0];
    block += t.nesting;
    let depth = block;
    if (depth > MAX_NESTING) return { line, depth };
    for (const c of t.children ?? []) {
      depth += c.nesting;
      if (depth > MAX_NESTING) return { line, depth: block + maxInline(t.children!) };
    }
  }
  return undefined;
}

function maxInline(children: readonly Token[]): number {
  let depth = 0;
  let most = 0;
  for (const c of children) most = Math.max(most, (depth += c.nesting));
  return most;
}

/**
 * For checking without parsing every body: a body with fewer markdown delimiters than MAX_NESTING
 * cannot nest that deep, so only one with as many is parsed to find out.
 */
export function deepNesting(source: string): DeepNesting | undefined {
  let delimiters = 0;
  for (let i = 0; i < source.length && delimiters <= MAX_NESTING; i++) {
    const c = source.charCodeAt(i);
    const next = source.charCodeAt(i + 1);
    // * _ [ > ~, and list markers: - or + before a space, "1." or "1)"
    if (
      c === 42 ||
      c === 95 ||
      c === 91 ||
      c === 62 ||
      c === 126 ||
      ((c === 45 || c === 43) && (next === 32 || next === 9)) ||
      (c >= 48 && c <= 57 && (next === 46 || next === 41))
    )
      delimiters++;
  }
  return delimiters > MAX_NESTING ? deepestIn(md.parse(source, {})) : undefined;
}

/** A picture a body's markdown would show: its address and alt text, and its line (0-based, from the body's first line). */
export interface BodyImage {
  src: string;
  alt: string;
  line: number;
}

/**
 * Every picture a body's markdown would show (`![words](address)`, also reference-style): raw
 * HTML is off, so these are all the `<img>` a body could make. An address the link policy refuses
 * is already plain text, never a picture.
 */
export function bodyImages(source: string): BodyImage[] {
  if (!source.includes("![")) return [];
  const out: BodyImage[] = [];
  for (const block of md.parse(source, {})) {
    if (block.type !== "inline" || !block.children) continue;
    let line = block.map?.[0] ?? 0;
    for (const t of block.children) {
      if (t.type === "softbreak" || t.type === "hardbreak") line++;
      else if (t.type === "image") out.push({ src: String(t.attrGet("src") ?? ""), alt: inlineText(t), line });
    }
  }
  return out;
}

/** A parsed body, ready to be given anchors and rendered once. */
export interface ParsedBody<T extends Linkable = Linkable> {
  /** Plain text of each block (paragraph, heading, list item, table cell), in order. */
  blocks: string[];
  /** Plain text of the first paragraph (the default summary). */
  firstParagraph: string;
  /** Entity mentions in order of appearance, with the words as written. */
  mentions: { target: T; text: string }[];
  tokens: Token[];
  /** For each block, the token that renders its opening tag (where an anchor id goes). */
  blockTokens: Token[];
  /** Where the body nests deeper than MAX_NESTING, if it does (an error: it is not published). */
  tooDeep?: DeepNesting;
}

/** `language`: the text's (BCP 47), when known: where words begin in scripts without spaces. */
export function parseBody<T extends Linkable>(
  source: string,
  matcher?: MentionMatcher<T>,
  language?: string,
): ParsedBody<T> {
  const env: MentionEnv = { matcher: matcher as MentionMatcher<Linkable> | undefined, language, mentions: [] };
  const tokens = md.parse(source, env as unknown as Record<string, unknown>);
  const blocks: string[] = [];
  const blockTokens: Token[] = [];
  let firstParagraph = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "inline") {
      const s = inlineText(t).trim();
      if (s) {
        blocks.push(s);
        blockTokens.push(openingTag(tokens, i));
      }
      if (!firstParagraph && tokens[i - 1]?.type === "paragraph_open" && s) firstParagraph = s;
    }
  }
  return {
    blocks,
    firstParagraph,
    mentions: env.mentions as { target: T; text: string }[],
    tokens,
    blockTokens,
    tooDeep: deepestIn(tokens),
  };
}

/** The visible opening tag of the block holding inline token `i` (a tight list's hidden <p> has none: its <li>). */
function openingTag(tokens: Token[], i: number): Token {
  const open = tokens[i - 1]!;
  if (!open.hidden) return open;
  for (let j = i - 2; j >= 0; j--) {
    if (tokens[j]!.type === "list_item_open") return tokens[j]!;
  }
  return open;
}

/** Renders a parsed body, giving the blocks in `anchors` (block index → id) their ids. */
export function renderParsed(parsed: ParsedBody<Linkable>, anchors: ReadonlyMap<number, string> = new Map()): string {
  for (const [block, id] of anchors) {
    const t = parsed.blockTokens[block];
    if (!t) continue;
    t.attrSet("id", id);
    t.attrJoin("class", "cited");
  }
  const html = md.renderer.render(parsed.tokens, md.options, {});
  // markdown-it's `+=` leaves a rope of ~1,000 pieces per article: ToNumber flattens it in place.
  void (Number(html) | 0);
  return html;
}

/** A body as HTML, without entity links or anchors. */
export function renderBody(source: string): string {
  return renderParsed(parseBody(source));
}
