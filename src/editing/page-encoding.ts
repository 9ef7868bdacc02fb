/**
 * A saved (or fetched) web page's bytes → its text, in the order the HTML standard gives for
 * "determining the character encoding" (https://html.spec.whatwg.org/#determining-the-character-encoding):
 *
 * 1. a byte-order mark (UTF-8, UTF-16BE, UTF-16LE), which is dropped;
 * 2. the charset of an HTTP `Content-Type` header, when the caller has one (a fetcher);
 * 3. the prescan of the first 1024 bytes for `<meta charset="…">` or
 *    `<meta http-equiv="Content-Type" content="…; charset=…">` (a UTF-16 label there means
 *    UTF-8, and x-user-defined windows-1252, as the standard says);
 * 4. otherwise UTF-8.
 *
 * Labels are the Encoding Standard's (`latin1`, `cp1251`, `sjis`, `gb2312`, …), and Node's
 * `TextDecoder` (full ICU) decodes every encoding it names except x-user-defined, decoded here.
 * Where the standard would quietly fall back from a label it does not know, this stops with an
 * `EncodingProblem`: an editor's page whose declared charset is a typo should not import as
 * mojibake. A label the standard maps to its "replacement" encoding (ISO-2022-KR, HZ-GB-2312, …)
 * stops the same way: such a page cannot be decoded safely at all.
 */

export class EncodingProblem extends Error {}

export interface DecodedPage {
  text: string;
  /** The Encoding Standard's name: `utf-8`, `windows-1251`, `shift_jis`, … */
  encoding: string;
  /** Which step decided it. */
  from: "byte-order mark" | "Content-Type header" | "<meta charset>" | "<meta http-equiv>" | "default";
  /** Characters that were not valid in the encoding and were replaced by U+FFFD. */
  replaced: number;
}

const PRESCAN_BYTES = 1024;

/** The encoding a byte-order mark names, and its length. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  return undefined;
}

/** Labels of the Encoding Standard's "replacement" encoding, which Node's TextDecoder refuses by name. */
const REPLACEMENT_LABELS = new Set(["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"]);

/**
 * The Encoding Standard's name for a label (whitespace trimmed, any case), or a problem naming
 * the label. `where` says where the label was found, for the message.
 */
function encodingForLabel(label: string, where: string): string {
  const l = label.trim().toLowerCase();
  if (l === "x-user-defined") return l;
  if (REPLACEMENT_LABELS.has(l) || l === "replacement")
    throw new EncodingProblem(
      `${where} declares charset "${label}", which the Encoding Standard does not let a page be decoded from (its "replacement" encoding); save the page again as UTF-8`,
    );
  try {
    return new TextDecoder(l).encoding;
  } catch {
    throw new EncodingProblem(
      `${where} declares charset "${label}", which is not an encoding the Encoding Standard knows (e.g. utf-8, windows-1251, koi8-r, shift_jis, gb18030)`,
    );
  }
}

/** The `charset` parameter of a `Content-Type` value (header or http-equiv), by the standard's "extract a character encoding from a meta element" algorithm. */
function charsetOf(contentType: string): string | undefined {
  const s = contentType;
  let i = 0;
  for (;;) {
    const at = s.toLowerCase().indexOf("charset", i);
    if (at < 0) return undefined;
    i = at + 7;
    while (i < s.length && /[\t\n\f\r ]/.test(s[i]!)) i++;
    if (s[i] !== "=") continue;
    i++;
    while (i < s.length && /[\t\n\f\r ]/.test(s[i]!)) i++;
    const quote = s[i];
    if (quote === '"' || quote === "'") {
      const end = s.indexOf(quote, i + 1);
      return end < 0 ? undefined : s.slice(i + 1, end);
    }
    const m = /^[^\t\n\f\r ;]+/.exec(s.slice(i));
    return m ? m[0] : undefined;
  }
}

const isSpaceOrSlash = (b: number | undefined) =>
  b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20 || b === 0x2f;
const isSpace = (b: number | undefined) => b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;
const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
const isAsciiLetter = (b: number | undefined) => b !== undefined && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a;
/** Bytes as the characters U+0000–U+00FF (Node's "latin1" is ISO-8859-1, unlike the Encoding Standard's label). */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/** The standard's "get an attribute" step: the next attribute at `i`, or undefined at `>` or the end. */
function getAttribute(bytes: Uint8Array, start: number): { name: string; value: string; next: number } | undefined {
  let i = start;
  while (i < bytes.length && isSpaceOrSlash(bytes[i])) i++;
  if (i >= bytes.length || bytes[i] === 0x3e) return undefined;
  const name: number[] = [];
  const value: number[] = [];
  for (;;) {
    const b = bytes[i];
    if (b === undefined) return undefined;
    if (b === 0x3d && name.length) {
      i++;
      break;
    }
    if (isSpace(b)) {
      while (isSpace(bytes[i])) i++;
      if (bytes[i] !== 0x3d) return { name: latin1(Uint8Array.from(name)), value: "", next: i };
      i++;
      break;
    }
    if (b === 0x2f || b === 0x3e) return { name: latin1(Uint8Array.from(name)), value: "", next: i };
    name.push(lower(b));
    i++;
  }
  while (isSpace(bytes[i])) i++;
  const q = bytes[i];
  if (q === 0x22 || q === 0x27) {
    i++;
    while (i < bytes.length && bytes[i] !== q) value.push(lower(bytes[i++]!));
    if (i >= bytes.length) return undefined;
    i++;
  } else {
    if (q === undefined || q === 0x3e) return { name: latin1(Uint8Array.from(name)), value: "", next: i };
    while (i < bytes.length && !isSpace(bytes[i]) && bytes[i] !== 0x3e) value.push(lower(bytes[i++]!));
  }
  return { name: latin1(Uint8Array.from(name)), value: latin1(Uint8Array.from(value)), next: i };
}

/**
 * The standard's prescan of a byte stream (its first 1024 bytes): the label a `<meta>` declares
 * and which attribute declared it, skipping comments and other tags' attributes as a browser does.
 */
export function prescanCharset(
  input: Uint8Array,
): { label: string; from: "<meta charset>" | "<meta http-equiv>" } | undefined {
  const bytes = input.subarray(0, PRESCAN_BYTES);
  const at = (i: number, s: string) => {
    for (let k = 0; k < s.length; k++) if (lower(bytes[i + k] ?? 0) !== s.charCodeAt(k)) return false;
    return true;
  };
  let i = 0;
  while (i < bytes.length) {
    if (at(i, "<!--")) {
      const end = latin1(bytes.subarray(i + 2)).indexOf("-->");
      if (end < 0) return undefined;
      i += 2 + end + 3;
      continue;
    }
    if (at(i, "<meta") && isSpaceOrSlash(bytes[i + 5])) {
      i += 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | undefined;
      let charset: string | undefined;
      let from: "<meta charset>" | "<meta http-equiv>" | undefined;
      for (let a = getAttribute(bytes, i); a; a = getAttribute(bytes, i)) {
        i = a.next;
        if (seen.has(a.name)) continue;
        seen.add(a.name);
        if (a.name === "http-equiv" && a.value === "content-type") gotPragma = true;
        else if (a.name === "content" && charset === undefined) {
          const c = charsetOf(a.value);
          if (c !== undefined) {
            charset = c;
            from = "<meta http-equiv>";
            needPragma = true;
          }
        } else if (a.name === "charset") {
          charset = a.value;
          from = "<meta charset>";
          needPragma = false;
        }
      }
      if (charset !== undefined && from && needPragma !== undefined && (!needPragma || gotPragma))
        return { label: charset, from };
      i++;
      continue;
    }
    if (bytes[i] === 0x3c && (isAsciiLetter(bytes[i + 1]) || (bytes[i + 1] === 0x2f && isAsciiLetter(bytes[i + 2])))) {
      // another tag: skip its name, then its attributes
      i += bytes[i + 1] === 0x2f ? 2 : 1;
      while (i < bytes.length && !isSpace(bytes[i]) && bytes[i] !== 0x3e) i++;
      for (let a = getAttribute(bytes, i); a; a = getAttribute(bytes, i)) i = a.next;
      i++;
      continue;
    }
    if (bytes[i] === 0x3c && (bytes[i + 1] === 0x21 || bytes[i + 1] === 0x2f || bytes[i + 1] === 0x3f)) {
      const end = bytes.indexOf(0x3e, i);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    i++;
  }
  return undefined;
}

/** Decodes with `encoding`, counting the characters that were not valid in it. */
function decode(bytes: Uint8Array, encoding: string): { text: string; replaced: number } {
  if (encoding === "x-user-defined") {
    // the standard's one encoding TextDecoder lacks: 0x80–0xFF are U+F780–U+F7FF
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b < 0x80 ? b : 0xf780 + b - 0x80);
    return { text, replaced: 0 };
  }
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), replaced: 0 };
  } catch {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    // a U+FFFD the bytes spelled themselves is not a replacement: count only the difference
    const own = encoding === "utf-8" ? (latin1(bytes).match(/\xef\xbf\xbd/g) ?? []).length : 0;
    return { text, replaced: (text.match(/\uFFFD/g) ?? []).length - own };
  }
}

/**
 * A page's text from its bytes. `contentType` is the HTTP `Content-Type` header's value when the
 * page was fetched (a saved file has none); `name` names the page in a problem's message.
 */
export function decodePage(bytes: Uint8Array, options: { contentType?: string; name?: string } = {}): DecodedPage {
  const name = options.name ?? "the page";
  const bom = byteOrderMark(bytes);
  if (bom)
    return { ...decode(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, from: "byte-order mark" };
  const header = options.contentType !== undefined ? charsetOf(options.contentType) : undefined;
  if (header !== undefined) {
    const encoding = encodingForLabel(header, `${name}: its Content-Type header`);
    return { ...decode(bytes, encoding), encoding, from: "Content-Type header" };
  }
  const meta = prescanCharset(bytes);
  if (meta) {
    let encoding = encodingForLabel(meta.label, `${name}: its ${meta.from}`);
    // what a <meta> may not declare: the bytes it was read in are not UTF-16, and x-user-defined is windows-1252
    if (encoding === "utf-16le" || encoding === "utf-16be") encoding = "utf-8";
    if (encoding === "x-user-defined") encoding = "windows-1252";
    return { ...decode(bytes, encoding), encoding, from: meta.from };
  }
  return { ...decode(bytes, "utf-8"), encoding: "utf-8", from: "default" };
}

/** A plain-text file (a clipping): a byte-order mark, else UTF-8. */
export function decodeText(bytes: Uint8Array): DecodedPage {
  const bom = byteOrderMark(bytes);
  const encoding = bom?.encoding ?? "utf-8";
  return {
    ...decode(bytes.subarray(bom?.length ?? 0), encoding),
    encoding,
    from: bom ? "byte-order mark" : "default",
  };
}

/** Whether the bytes start like an HTML document (`<!doctype html` or `<html`), in any of the encodings above. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const bom = byteOrderMark(bytes);
  const head = bytes.subarray(bom?.length ?? 0, 512);
  const text = bom?.encoding.startsWith("utf-16") ? new TextDecoder(bom.encoding).decode(head) : latin1(head);
  return /^\s*(<!doctype html|<html)/i.test(text);
}
