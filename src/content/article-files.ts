/**
 * Pipeline stage 2: the article files, `src/articles/<source-id>/<slug>.md`. Each is read
 * (UTF-8, front matter), validated against the contract, and checked against the data files
 * (its source and story exist, its picture is a file inside the project).
 *
 * A translation sits beside its original as `<slug>.<language>.md` (the language a BCP 47 tag,
 * like Hugo's): read and validated here too, and handed on with its original's draft.
 *
 * A caller that builds repeatedly (watch mode) may pass a cache: a file whose stamp (times,
 * size, inode) is unchanged is not read or validated again, and its rendered body is reused.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import type { BodyResult } from "./bodies.ts";
import { mayDefine, type DataFiles, type Unsure } from "./data-files.ts";
import { FileProblem, parseMarkdownFile, readTextFile, type Locate, type Position } from "./files.ts";
import type { Source, Story } from "./model.ts";
import type { Problem } from "./problems.ts";
import { cleanBody, cleanValue } from "./characters.ts";
import { closest, didYouMean } from "./suggest.ts";
import {
  SLUG,
  articleSchema,
  describeIssues,
  fieldName,
  schemaKeys,
  translationSchema,
  type ArticleData,
  type TranslationData,
} from "./schema.ts";

/** One file as last read: what a later build in the same process can reuse. */
interface CachedFile<D> {
  stamp: string;
  data: D;
  /** The markdown below the front matter. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** Where a front-matter field is in the file. */
  locate: Locate;
  /** Warnings about the file itself (characters removed), repeated whenever it is reused. */
  warnings: Problem[];
}

interface CachedArticle extends CachedFile<ArticleData> {
  kind: "article";
  /** The last rendering of the body and what it depended on (entity names, cited quotes). */
  rendered?: { key: string; result: BodyResult };
}

interface CachedTranslation extends CachedFile<TranslationData> {
  kind: "translation";
  /** Its body rendered, while the file is unchanged (an edit reads it again: a new string, so its page renders again). */
  html?: string;
}

/** Owned by the caller: file path → what was read. */
export type ArticleCache = Map<string, CachedArticle | CachedTranslation>;

/** A valid translation file of an article: `<slug>.<language>.md` beside it. */
export interface TranslationDraft {
  /** Path relative to the project root. */
  file: string;
  /** Its language, the canonical form of the tag in the file name (`pt-br` → `pt-BR`). */
  language: string;
  data: TranslationData;
  body: string;
  /** The line of the file where the body begins (1-based). */
  bodyLine: number;
  cached?: CachedTranslation;
}

/** A valid article file, its references resolved. */
export interface ArticleDraft {
  /** Path relative to the project root, for messages and the model. */
  file: string;
  key: string;
  slug: string;
  data: ArticleData;
  body: string;
  bodyLine: number;
  source: Source;
  story?: Story;
  /** Absolute path of the picture, when `image.src` is given. */
  imageFile?: string;
  cached?: CachedArticle;
  /** Its translations, in the order of their files. */
  translations: TranslationDraft[];
}

export interface ArticleFiles {
  drafts: ArticleDraft[];
  /** `source/slug` of every article file found, valid or not: a citation of a broken article is not also "unknown". */
  found: Set<string>;
  /** Articles left out because they are marked `draft: true`. */
  unpublished: Set<string>;
  /** Sources with a report that was found but refused (its problems reported): they may have reported any story. */
  refusedSources: Set<string>;
  /** Source folders that could not be listed: a citation of any article in them is not also "unknown". */
  unlisted: Set<string>;
  /** `source/slug` a refused article will have once its own problem is fixed (its source is known). */
  pending: Set<string>;
}

const ARTICLE_KEYS = schemaKeys(articleSchema);
const TRANSLATION_KEYS = schemaKeys(translationSchema);
const MARKDOWN_EXT = /\.(md|markdown)$/;

export function readArticleFiles(
  root: string,
  articlesDir: string,
  data: DataFiles,
  rel: (file: string) => string,
  problems: Problem[],
  options: { cache?: ArticleCache; includeDrafts?: boolean } = {},
): ArticleFiles {
  const { cache } = options;
  const unpublished = new Set<string>();
  const sourceById = new Map(data.sources.map((s) => [s.id, s]));
  const storyById = new Map(data.stories.map((s) => [s.id, s]));
  const drafts: ArticleDraft[] = [];
  const found = new Set<string>();
  const listed = listArticleFiles(articlesDir, rel, problems);
  /** Every picture an article's image.src names (published or refused). */
  const named = new Set<string>();
  /** The source each read front matter gives, by `folder/slug`. */
  const declaredSources = new Map<string, string>();
  /** The language of each original read (front matter, else source, else site), by `folder/slug`. */
  const languages = new Map<string, string | undefined>();
  for (const { file, folder, slug } of listed.articles) {
    found.add(`${folder}/${slug}`);
    const name = rel(file);
    const at = (field: string | undefined, message: string, position?: Position) =>
      problems.push({ file: name, field, ...position, message });
    const entry = readFront<CachedArticle>("article", articleSchema, ARTICLE_KEYS, file, name, root, cache, at);
    if (!entry) continue;
    problems.push(...entry.warnings);
    const where = (...path: string[]) => entry.locate(path);
    const { data: front } = entry;
    declaredSources.set(`${folder}/${slug}`, front.source);
    languages.set(`${folder}/${slug}`, front.language ?? sourceById.get(front.source)?.language ?? data.site?.language);
    const source = sourceById.get(front.source);
    let ok = true;
    const wrongSource = sourceProblem(front.source, folder, sourceById, data.unsure.sources);
    if (wrongSource) {
      at("source", wrongSource, where("source"));
      ok = false;
    }
    // the file may be cited where its source says it belongs: such a citation is not also "unknown"
    if (front.source !== folder) found.add(`${front.source}/${slug}`);
    const story = front.story ? storyById.get(front.story) : undefined;
    if (front.story && !story && !mayDefine(data.unsure.stories, front.story)) {
      at(
        "story",
        `unknown story id "${front.story}"${didYouMean(front.story, storyById.keys())}: add it to _data/stories.json (known: ${[...storyById.keys()].join(", ") || "none"})`,
        where("story"),
      );
      ok = false;
    }
    if (!ok || !source || (front.story && !story)) continue;
    if (!entry.body.trim()) {
      at(undefined, "has no body: paste the article's text below the front matter", {
        line: entry.bodyLine,
        column: 1,
      });
      continue;
    }
    let imageFile: string | undefined;
    if (front.image?.src) {
      const resolved = resolveImageFile(front.image.src, name, root);
      if (resolved.file) named.add(resolved.file);
      if (resolved.problem) {
        at("image.src", resolved.problem, where("image", "src"));
        continue;
      }
      imageFile = resolved.file;
    }
    // A draft is checked like any article, and then left out unless drafts are wanted.
    if (front.draft && !options.includeDrafts) {
      unpublished.add(`${folder}/${slug}`);
      continue;
    }
    drafts.push({
      file: name,
      key: `${folder}/${slug}`,
      slug,
      data: front,
      body: entry.body,
      bodyLine: entry.bodyLine,
      source,
      story,
      imageFile,
      cached: cache ? entry : undefined,
      translations: [],
    });
  }
  readTranslations(listed, drafts, languages, root, rel, problems, cache);
  // A refused report may be of any story: its outlet (folder, and source when read) is not said to lack one.
  const accepted = new Set([...drafts.map((d) => d.key), ...unpublished]);
  const refusedSources = new Set<string>(listed.unlisted);
  for (const { folder, slug } of listed.articles) if (!accepted.has(`${folder}/${slug}`)) refusedSources.add(folder);
  /** Where a refused article goes once fixed, when its source is known: a citation may be pointed there. */
  const pending = new Set<string>();
  for (const [key, declared] of declaredSources) {
    if (accepted.has(key)) continue;
    refusedSources.add(declared);
    if (sourceById.has(declared)) pending.add(`${declared}/${key.slice(key.indexOf("/") + 1)}`);
  }
  // an article refused by the listing is found too: a citation of where it belongs is not also "unknown"
  for (const key of listed.refused) {
    found.add(key);
    refusedSources.add(key.slice(0, key.indexOf("/")));
  }
  // Pictures beside the articles are published only when an article shows them.
  for (const other of listed.others) {
    if (!named.has(path.resolve(other)))
      problems.push({
        file: rel(other),
        severity: "warning",
        message: "is a picture no article's image.src names: it is not published",
      });
  }
  return { drafts, found, unpublished, refusedSources, unlisted: listed.unlisted, pending };
}

/**
 * What is wrong with an article's `source` given its folder, as one message, or undefined. A
 * suggestion is always a known source id (or one the broken sources.json may hold), never the
 * misspelt one: a folder that is no source id is not offered as the fix.
 */
function sourceProblem(
  declared: string,
  folder: string,
  sourceById: Map<string, Source>,
  unsure: Unsure,
): string | undefined {
  const ok = (id: string) => sourceById.has(id) || mayDefine(unsure, id);
  const known = [...sourceById.keys()];
  const unknown = () => {
    const hint = closest(declared, known);
    const move = (id: string) => (folder === id ? "" : ` and move the file to src/articles/${id}/`);
    const fix = hint
      ? ` (did you mean "${hint}"?): set source: ${hint}${move(hint)}`
      : `: add it to _data/sources.json${move(declared)}`;
    return `unknown source id "${declared}"${fix} (known: ${known.join(", ") || "none"})`;
  };
  if (declared === folder) return ok(declared) ? undefined : unknown();
  if (ok(declared) && ok(folder))
    return `is "${declared}" but the file is in the folder of "${folder}": move it to src/articles/${declared}/ or set source: ${folder}`;
  if (ok(declared))
    return `is "${declared}" but the file is in the folder "${folder}", which is not a source id: move the file to src/articles/${declared}/`;
  if (ok(folder)) {
    // the folder names a known source: that is the fix to offer
    return closest(declared, [folder])
      ? `unknown source id "${declared}" (did you mean "${folder}"?): set source: ${folder}, the source of the file's folder`
      : `unknown source id "${declared}": the file is in the folder of "${folder}", so set source: ${folder}, or add "${declared}" to _data/sources.json and move the file to src/articles/${declared}/`;
  }
  return unknown();
}

/**
 * The translations listed, each checked against its original and read: a problem for one whose
 * original is not there, that is in the original's own language, that repeats a language, or
 * whose front matter is wrong. A valid one joins its original's draft; one of an original that is
 * refused or left out (a draft: a translation of a draft is a draft) goes nowhere, silently.
 */
function readTranslations(
  listed: Listing,
  drafts: ArticleDraft[],
  languages: Map<string, string | undefined>,
  root: string,
  rel: (file: string) => string,
  problems: Problem[],
  cache: ArticleCache | undefined,
): void {
  const draftByKey = new Map(drafts.map((d) => [d.key, d]));
  const slugsOf = new Map<string, string[]>();
  for (const a of listed.articles) {
    let slugs = slugsOf.get(a.folder);
    if (!slugs) slugsOf.set(a.folder, (slugs = []));
    slugs.push(a.slug);
  }
  /** `folder/slug` + the language filled in (`en` is `en-Latn-US`) → the first file of that language. */
  const byLanguage = new Map<string, string>();
  for (const t of listed.translations) {
    const key = `${t.folder}/${t.slug}`;
    const name = rel(t.file);
    const at = (field: string | undefined, message: string, position?: Position) =>
      problems.push({ file: name, field, ...position, message });
    const slugs = slugsOf.get(t.folder) ?? [];
    if (!slugs.includes(t.slug)) {
      // an original refused by the listing (its file name) has its own problem
      if (listed.refused.has(key)) continue;
      const hint = closest(t.slug, slugs);
      at(
        undefined,
        `is a translation of "${t.slug}", but there is no src/articles/${t.folder}/${t.slug}.md` +
          (hint ? ` (did you mean ${hint}.${t.tag}.md, a translation of ${hint}.md?)` : "") +
          ": a translation sits beside its original, named <slug>.<language>.md",
      );
      continue;
    }
    const language = languageKey(t.language);
    const original = languages.get(key);
    if (original !== undefined && languageKey(original) === language) {
      at(
        "language",
        `"${t.tag}" in the file name is the language of the original (${original}): a translation is into another language, <slug>.<language>.md`,
      );
      continue;
    }
    const other = byLanguage.get(`${key}\u0000${language}`);
    if (other) {
      at(
        "language",
        `a second translation of "${t.slug}" into ${t.language} (also ${other}): keep one file per language`,
      );
      continue;
    }
    byLanguage.set(`${key}\u0000${language}`, name);
    const entry = readFront<CachedTranslation>(
      "translation",
      translationSchema,
      TRANSLATION_KEYS,
      t.file,
      name,
      root,
      cache,
      at,
    );
    if (!entry) continue;
    problems.push(...entry.warnings);
    if (!entry.body.trim()) {
      at(undefined, "has no body: paste the translated text below the front matter", {
        line: entry.bodyLine,
        column: 1,
      });
      continue;
    }
    draftByKey.get(key)?.translations.push({
      file: name,
      language: t.language,
      data: entry.data,
      body: entry.body,
      bodyLine: entry.bodyLine,
      cached: cache ? entry : undefined,
    });
  }
}

/** A language with its likely script and region filled in: `en` and `en-US` are one language, `en-GB` another. */
function languageKey(tag: string): string {
  try {
    return new Intl.Locale(tag).maximize().toString();
  } catch {
    return tag.toLowerCase();
  }
}

const LANGUAGE_NAMES = new Intl.DisplayNames("en", { type: "language", fallback: "none" });

/** A well-formed BCP 47 tag of a known language, in its canonical form (`pt-br` → `pt-BR`); else undefined. */
function languageTag(tag: string): string | undefined {
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    return canonical && LANGUAGE_NAMES.of(new Intl.Locale(canonical).language) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** Front matter and body of one file (an article or a translation), validated; undefined after reporting its problems. */
function readFront<E extends CachedArticle | CachedTranslation>(
  kind: E["kind"],
  schema: z.ZodType<E["data"]>,
  keys: readonly string[],
  file: string,
  name: string,
  root: string,
  cache: ArticleCache | undefined,
  at: (field: string | undefined, message: string, position?: Position) => void,
): E | undefined {
  const stamp = cache ? fileStamp(file) : undefined;
  const cached = stamp ? cache!.get(file) : undefined;
  if (cached && cached.kind === kind && cached.stamp === stamp) return cached as E;
  let parsed: ReturnType<typeof parseMarkdownFile>;
  try {
    parsed = parseMarkdownFile(readTextFile(file, root));
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    at(e.field, e.message, e.position);
    return undefined;
  }
  const warnings: Problem[] = [];
  const front = cleanValue(name, parsed.data, parsed.locate, warnings, fieldName);
  const body = cleanBody(name, parsed.body, parsed.bodyLine, warnings);
  const result = schema.safeParse(front);
  if (!result.success) {
    for (const p of describeIssues(result.error, keys)) at(p.field, p.message, parsed.locate(p.path));
    return undefined;
  }
  const entry = {
    kind,
    stamp: stamp ?? "",
    data: result.data,
    body,
    bodyLine: parsed.bodyLine,
    locate: parsed.locate,
    warnings,
  } as E;
  if (stamp) cache!.set(file, entry);
  return entry;
}

/** Changes whenever the file's content may have changed; undefined when it is not a readable file. */
function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return st.isFile() ? `${st.mtimeNs}:${st.ctimeNs}:${st.size}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `image.src`: a path relative to the article's file, or, starting with `/`, relative to the
 * content root's `src/`; it must name a picture file inside the content root. Returns the file
 * (whenever the path stays inside the project) and, when it is refused, why.
 */
function resolveImageFile(src: string, articleFile: string, contentRoot: string): { file?: string; problem?: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    return { problem: `"${src}" is an address: put the image file in the repository and give its path` };
  }
  const root = path.resolve(contentRoot);
  const file = src.startsWith("/")
    ? path.resolve(root, "src", `.${src}`)
    : path.resolve(root, path.dirname(articleFile), src);
  if (file !== root && !file.startsWith(root + path.sep))
    return { problem: `"${src}" points outside the content folder` };
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return {
      file,
      problem: `"${src}" does not exist (looked for ${path.relative(root, file).split(path.sep).join("/")})`,
    };
  }
  const real = fs.realpathSync(file);
  const realRoot = fs.realpathSync(root);
  if (!real.startsWith(realRoot + path.sep))
    return { file, problem: `"${src}" is a symbolic link pointing outside the project: copy the picture in instead` };
  const kind = pictureKind(real);
  if (kind === "svg") {
    return {
      file,
      problem: `"${src}" is an SVG drawing: SVG can carry script that would run on this site, so it is not published; export it as PNG, JPEG or WebP`,
    };
  }
  if (!kind)
    return {
      file,
      problem: `"${src}" is not a JPEG, PNG, GIF, WebP or AVIF picture (judged by its content, not its name)`,
    };
  return { file };
}

/** What a picture file is, by its first bytes (never by its name): a raster format we publish, "svg", or undefined. */
function pictureKind(file: string): "jpeg" | "png" | "gif" | "webp" | "avif" | "svg" | undefined {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(512);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const b = head.subarray(0, n);
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (b.subarray(0, 4).toString("latin1") === "GIF8") return "gif";
  if (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") return "webp";
  if (b.subarray(4, 8).toString("latin1") === "ftyp" && /^avi[fs]$/.test(b.subarray(8, 12).toString("latin1")))
    return "avif";
  // gzip (an .svgz) or text that opens an <svg> element, after any XML prologue, comments or BOM
  if (b[0] === 0x1f && b[1] === 0x8b) return path.extname(file).toLowerCase() === ".svgz" ? "svg" : undefined;
  if (/<svg[\s>]/i.test(b.toString("utf8")) || /\.svgz?$/i.test(file)) return "svg";
  return undefined;
}

interface ArticleFile {
  file: string;
  folder: string;
  slug: string;
}

/** `<slug>.<language>.md`: a translation of the article `<slug>.md` beside it. */
interface TranslationFile extends ArticleFile {
  /** The tag as the file name gives it, and its canonical form. */
  tag: string;
  language: string;
}

/** A file name that names a translation: `<slug>.<language>.md` (or `.markdown`). */
export const TRANSLATION_FILE = /^[^.]+\.[^.]+\.(md|markdown)$/;

/** What the listing found: the article files, the pictures beside them, and where refused articles would be. */
interface Listing {
  articles: ArticleFile[];
  /** Translation files whose name is right (their original, language and front matter are checked by the reader). */
  translations: TranslationFile[];
  others: string[];
  /** `folder/slug` an article refused here would have once its problem is fixed (a file name that is no slug, a `.txt`, …). */
  refused: Set<string>;
  /** Source folders whose articles could not be listed (a symbolic link, a name that is no id): any of them may exist. */
  unlisted: Set<string>;
}

/** Lists src/articles/<folder>/<slug>.md, reporting anything that is not where the contract puts it; never skips a file silently. */
function listArticleFiles(articlesDir: string, rel: (f: string) => string, problems: Problem[]): Listing {
  const out: ArticleFile[] = [];
  const others: string[] = [];
  const refused = new Set<string>();
  const unlisted = new Set<string>();
  const translations: TranslationFile[] = [];
  const listing = { articles: out, translations, others, refused, unlisted };
  if (!fs.existsSync(articlesDir)) return listing;
  const seen = new Map<string, string>();
  for (const top of fs.readdirSync(articlesDir, { withFileTypes: true }).sort(byName)) {
    const topPath = path.join(articlesDir, top.name);
    if (!top.isDirectory()) {
      if (top.isSymbolicLink()) {
        problems.push({
          file: rel(topPath),
          message: "is a symbolic link: source folders must be real folders inside src/articles/ (copy the files in)",
        });
        unlisted.add(top.name);
      } else if (MARKDOWN_EXT.test(top.name) || LOOKS_LIKE_MARKDOWN.test(top.name)) {
        problems.push({
          file: rel(topPath),
          message: "is not in a source folder: articles go in src/articles/<source-id>/<slug>.md",
        });
        const source = declaredSource(topPath);
        if (source) refused.add(`${source}/${slugOf(top.name)}`);
      } else {
        problems.push({
          file: rel(topPath),
          severity: "warning",
          message: "is not in a source folder and is not published",
        });
      }
      continue;
    }
    if (top.name.startsWith(".")) {
      if (containsMarkdown(topPath))
        problems.push({
          file: rel(topPath),
          severity: "warning",
          message: "is a hidden folder: its articles are not published",
        });
      continue;
    }
    if (!SLUG.test(top.name)) {
      problems.push({
        file: rel(topPath),
        message: `folder name "${top.name}" is not a source id (lowercase letters, digits, hyphens)`,
      });
      unlisted.add(slugOf(top.name));
      continue;
    }
    for (const entry of fs.readdirSync(topPath, { withFileTypes: true }).sort(byName)) {
      const file = path.join(topPath, entry.name);
      if (entry.isDirectory()) {
        if (containsMarkdown(file)) {
          problems.push({
            file: rel(file),
            message: "articles must sit directly in their source folder, not in a subfolder",
          });
          for (const f of fs.readdirSync(file, { recursive: true, encoding: "utf8" }))
            if (LOOKS_LIKE_MARKDOWN.test(f)) refused.add(`${top.name}/${slugOf(path.basename(f))}`);
        }
        continue;
      }
      if (!MARKDOWN_EXT.test(entry.name)) {
        const problem = notAnArticle(entry.name);
        if (problem) problems.push({ file: rel(file), ...problem });
        else others.push(file);
        if (problem && problem.severity !== "warning") refused.add(`${top.name}/${slugOf(entry.name)}`);
        continue;
      }
      const slug = entry.name.replace(MARKDOWN_EXT, "");
      // `<slug>.<language>.md`: a translation (a hidden `.x.md` is no slug, below)
      if (slug.indexOf(".") > 0) {
        const translation = translationFile(file, top.name, slug, rel, problems);
        if (translation) translations.push(translation);
        continue;
      }
      if (!SLUG.test(slug)) {
        problems.push({
          file: rel(file),
          message: `file name "${slug}" is not a valid slug: use lowercase letters, digits and single hyphens`,
        });
        refused.add(`${top.name}/${slugOf(slug)}`);
        continue;
      }
      if (/^\d+$/.test(slug)) {
        problems.push({
          file: rel(file),
          message: `file name "${slug}" is only digits: /sources/${top.name}/${slug}/ is where page ${slug} of the source's reports goes; add a word`,
        });
        refused.add(`${top.name}/${slug}`);
        continue;
      }
      const key = `${top.name}/${slug}`;
      const other = seen.get(key);
      if (other) {
        problems.push({
          file: rel(file),
          field: "slug",
          message: `duplicate slug "${slug}" in source "${top.name}" (also ${other})`,
        });
        continue;
      }
      seen.set(key, rel(file));
      out.push({ file, folder: top.name, slug });
    }
  }
  return listing;
}

/** A translation's file name, `<slug>.<language>`, checked: its parts, or undefined after reporting what is wrong. */
function translationFile(
  file: string,
  folder: string,
  stem: string,
  rel: (f: string) => string,
  problems: Problem[],
): TranslationFile | undefined {
  const dot = stem.indexOf(".");
  const slug = stem.slice(0, dot);
  const tag = stem.slice(dot + 1);
  if (!SLUG.test(slug)) {
    problems.push({
      file: rel(file),
      message: `file name "${stem}": a translation is named <slug>.<language>.md after its original, and "${slug}" is not a valid slug (lowercase letters, digits and single hyphens)`,
    });
    return undefined;
  }
  const language = languageTag(tag);
  if (!language) {
    problems.push({
      file: rel(file),
      field: "language",
      message: `"${tag}" in the file name is not a BCP 47 language tag: a translation is named <slug>.<language>.md, like ${slug}.en.md or ${slug}.pt-BR.md`,
    });
    return undefined;
  }
  return { file, folder, slug, tag, language };
}

/** A file or folder name as the slug an editor would give it: `My Report.txt` → `my-report`. */
function slugOf(name: string): string {
  return name
    .replace(LOOKS_LIKE_MARKDOWN, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The `source` a misplaced article's front matter gives, when it can be read (its own problem is reported already). */
function declaredSource(file: string): string | undefined {
  try {
    const source = parseMarkdownFile(fs.readFileSync(file, "utf8")).data.source;
    return typeof source === "string" ? source : undefined;
  } catch {
    return undefined;
  }
}

/** Extensions editors give markdown besides .md and .markdown, in any case. */
const LOOKS_LIKE_MARKDOWN = /\.(md|markdown|mdown|mkdn?|mdwn|mdtxt|text|txt)$/i;
const PICTURE = /\.(jpe?g|png|gif|webp|avif|svgz?)$/i;

/** Why a file beside the articles is not one: an error for a report that would not be published, a warning for an editor's leftovers; undefined for a picture. */
function notAnArticle(name: string): Pick<Problem, "message" | "severity"> | undefined {
  if (/^\.|~$|^#.*#$|\.(swp|swo|tmp|bak|orig)$/i.test(name))
    return { severity: "warning", message: "is an editor's temporary or hidden file: it is not published" };
  if (LOOKS_LIKE_MARKDOWN.test(name)) {
    const base = name.replace(LOOKS_LIKE_MARKDOWN, "");
    return { message: `is not published: an article's file name ends in .md (rename it to ${base.toLowerCase()}.md)` };
  }
  if (PICTURE.test(name)) return undefined;
  return { severity: "warning", message: "is neither an article (.md) nor a picture: it is not published" };
}

function containsMarkdown(dir: string): boolean {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).some((f) => LOOKS_LIKE_MARKDOWN.test(f));
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
