/**
 * A polite, robust fetcher for `npm run import -- <address>`: one page by its address, as bytes
 * and as text (decoded by `page-encoding.ts` with the `Content-Type` header's charset).
 *
 * - Every failure is a value, `{ ok: false, url, reason }` with a one-line reason; nothing throws.
 * - A `User-Agent` naming the site (`userAgentFor`), given by the caller.
 * - `robots.txt` honoured per origin (RFC 9309): fetched once per origin and kept for the run
 *   (a `FetchSession`), read by `robots-parser` for the product token `story-timeline`; a
 *   disallowed address is never requested. A 4xx robots.txt allows all; a 5xx (or 429), or one
 *   that cannot be reached, disallows all for that origin.
 * - One request at a time per host (its name: every port of it), and at least `minDelayMs` between the end of one request to a
 *   host and the start of the next; a `Retry-After` a host sends holds all its requests back.
 * - A total timeout per request (connecting, the headers and the body), a size limit (the
 *   body is read no further than it), redirects followed by hand (at most `maxRedirects`, each hop
 *   checked against its own origin's robots.txt, http: and https: only), `429` and `503` retried
 *   after their `Retry-After` (seconds or an HTTP date) when it is within `retryAfterCapMs`, at
 *   most `maxRetries` times.
 *
 * Node's own `fetch` (undici, maintained with Node) does the HTTP: redirects by hand, an
 * `AbortSignal` for the timeout and a body stream to stop reading at the limit are all it needs.
 */
import { createHash } from "node:crypto";
import robotsModule from "robots-parser";
import { decodePage, EncodingProblem } from "./page-encoding.ts";

/** The token a robots.txt names this fetcher by (`User-agent: story-timeline`). */
export const ROBOTS_TOKEN = "story-timeline";

/**
 * The `User-Agent` header for a site: `"<title> (+<url>) story-timeline"`. A header is ASCII: a
 * title in another script (`Курськ`) is percent-encoded as UTF-8, line breaks and controls become spaces.
 */
export function userAgentFor(site: { title: string; url: string }): string {
  const ascii = (s: string) =>
    s
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/[^\u0020-\u007e]+/gu, (m) => encodeURIComponent(m))
      .replace(/ +/g, " ")
      .trim();
  return `${ascii(site.title)} (+${ascii(site.url)}) ${ROBOTS_TOKEN}`;
}

export interface FetchOptions {
  /** The `User-Agent` header (see `userAgentFor`, or the `USER_AGENT` environment variable). */
  userAgent: string;
  /** Least time between two requests to one host, in ms (1000). */
  minDelayMs?: number;
  /** Most time for one request, connecting and reading the body included, in ms (20 s). */
  timeoutMs?: number;
  /** Largest body read, in bytes (5 MB). */
  maxBytes?: number;
  /** Most redirects followed (5). */
  maxRedirects?: number;
  /** Longest `Retry-After` waited for, in ms (60 s); a longer one gives up. */
  retryAfterCapMs?: number;
  /** Most retries of a 429 or 503 (2). */
  maxRetries?: number;
  /** The run's robots.txt cache and per-host queues; one shared by the process when not given. */
  session?: FetchSession;
}

export type FetchResult =
  | {
      ok: true;
      /** The final address, after redirects. */
      url: string;
      status: number;
      contentType: string;
      bytes: Uint8Array;
      /** The body decoded: byte-order mark, the Content-Type charset, `<meta>` prescan, else UTF-8. */
      text: string;
      sha256: string;
      /** When the response arrived (ISO 8601, UTC). */
      fetchedAt: string;
    }
  | {
      ok: false;
      url: string;
      reason: string;
      /** The HTTP status, when the server answered with an error (404, 410, 500…). */
      status?: number;
    };

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
/** robots-parser's one export, `(url, contents) => Robots` (its bundled types do not declare the CommonJS export callable). */
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robots;

/** What a robots.txt says of an origin: rules, or all allowed / all disallowed (and why). */
type RobotsRules = { rules: Robots } | { all: true } | { all: false; why: string };

interface HostQueue {
  /** The end of the last request queued on the host. */
  tail: Promise<void>;
  /** No request before this time (performance.now()): the last end plus the delay, or a Retry-After. */
  notBefore: number;
}

/** One run's state: robots.txt per origin, a queue per host. */
export class FetchSession {
  readonly robots = new Map<string, Promise<RobotsRules>>();
  readonly hosts = new Map<string, HostQueue>();
}

const shared = new FetchSession();

const DEFAULTS = {
  minDelayMs: 1000,
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  retryAfterCapMs: 60_000,
  maxRetries: 2,
};
type Settings = typeof DEFAULTS & { userAgent: string; session: FetchSession };

/** robots.txt is read up to 500 KiB, the least RFC 9309 asks a crawler to parse. */
const ROBOTS_MAX_BYTES = 500 * 1024;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Waits until `time()` (read again after each wait: a Retry-After may move it on). */
async function waitUntil(time: () => number): Promise<void> {
  for (let now = performance.now(); now < time(); now = performance.now()) await sleep(time() - now);
}

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`;
const secondsText = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Runs `task` on `host`'s queue: after every earlier request to it, and not before its delay. */
async function onHost<T>(settings: Settings, host: string, task: () => Promise<T>): Promise<T> {
  const hosts = settings.session.hosts;
  let queue = hosts.get(host);
  if (!queue) hosts.set(host, (queue = { tail: Promise.resolve(), notBefore: 0 }));
  const q = queue;
  const previous = q.tail;
  let done!: () => void;
  q.tail = new Promise<void>((resolve) => {
    done = resolve;
  });
  await previous;
  try {
    await waitUntil(() => q.notBefore);
    return await task();
  } finally {
    q.notBefore = Math.max(q.notBefore, performance.now() + settings.minDelayMs);
    done();
  }
}

/**
 * A response's body, read to its end or refused past `maxBytes` (`truncate`: its first `maxBytes`
 * kept instead, as for robots.txt).
 */
async function readBody(
  response: Response,
  maxBytes: number,
  truncate: boolean,
): Promise<Uint8Array | { tooLarge: number }> {
  const declared = Number(response.headers.get("content-length"));
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { tooLarge: declared };
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      if (!truncate) return { tooLarge: length };
      chunks.push(value.subarray(0, value.byteLength - (length - maxBytes)));
      return Buffer.concat(chunks, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length);
}

type Exchange =
  | { status: number; headers: Headers; body: Uint8Array; at: Date }
  | { status: number; headers: Headers; tooLarge: number }
  | { failed: string };

/** One request and its body, on the host's queue, within the timeout; a redirect's body is dropped. */
function exchange(settings: Settings, url: URL, maxBytes: number, truncate = false): Promise<Exchange> {
  return onHost(settings, url.hostname, async () => {
    const signal = AbortSignal.timeout(settings.timeoutMs);
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: { "user-agent": settings.userAgent, accept: "text/html,application/xhtml+xml,text/*;q=0.9,*/*;q=0.1" },
      });
      const at = new Date();
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        return { status: response.status, headers: response.headers, body: new Uint8Array(), at };
      }
      const body = await readBody(response, maxBytes, truncate);
      return body instanceof Uint8Array
        ? { status: response.status, headers: response.headers, body, at }
        : { status: response.status, headers: response.headers, tooLarge: body.tooLarge };
    } catch (e) {
      if (signal.aborted) return { failed: `no answer within ${secondsText(settings.timeoutMs)} (timed out)` };
      const error = e as Error & { cause?: { code?: string; message?: string } };
      return { failed: oneLine(`could not be reached: ${error.cause?.code ?? error.cause?.message ?? error.message}`) };
    }
  });
}

/** What an origin's robots.txt says, fetched once per session (redirects followed, up to 5). */
function robotsFor(settings: Settings, url: URL): Promise<RobotsRules> {
  const origin = url.origin;
  let rules = settings.session.robots.get(origin);
  if (!rules) {
    rules = (async (): Promise<RobotsRules> => {
      let at = new URL("/robots.txt", origin);
      for (let hop = 0; hop <= 5; hop++) {
        const r = await exchange(settings, at, ROBOTS_MAX_BYTES, true);
        if ("failed" in r) return { all: false, why: `its robots.txt ${r.failed}` };
        const location = r.headers.get("location");
        if (r.status >= 300 && r.status < 400 && location) {
          const next = safeUrl(location, at);
          if (!next) return { all: false, why: "its robots.txt redirects to an address that is not http: or https:" };
          at = next;
          continue;
        }
        if (r.status === 429 || r.status >= 500)
          return { all: false, why: `its robots.txt answers HTTP ${r.status}, so the whole site is off limits` };
        if (r.status >= 400) return { all: true };
        // past 500 KiB, the rest is not read (RFC 9309 2.5)
        const body = "body" in r ? r.body : new Uint8Array();
        // the rules are for the origin asked about, even when robots.txt was redirected elsewhere
        return { rules: robotsParser(new URL("/robots.txt", origin).href, new TextDecoder().decode(body)) };
      }
      return { all: false, why: "its robots.txt redirects more than 5 times" };
    })();
    settings.session.robots.set(origin, rules);
  }
  return rules;
}

/** A reason the address may not be fetched, or undefined when robots.txt allows it. */
async function robotsRefusal(settings: Settings, url: URL): Promise<string | undefined> {
  const rules = await robotsFor(settings, url);
  if ("rules" in rules)
    return rules.rules.isAllowed(url.href, ROBOTS_TOKEN) === false ? `robots.txt disallows ${url.href}` : undefined;
  return rules.all ? undefined : `robots.txt disallows ${url.href}: ${rules.why}`;
}

/** An http: or https: address (relative to `base`), or undefined. */
function safeUrl(address: string, base?: URL): URL | undefined {
  try {
    const url = new URL(address, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The wait a `Retry-After` asks for, in ms (delay-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const TEXTUAL = /^(text\/|application\/(xhtml\+xml|xml|json|ld\+json|rss\+xml|atom\+xml)|[^;]*\+(xml|json))/i;

/** Fetches one page, politely; every failure is `{ ok: false, reason }`. See the module's comment. */
export async function fetchPage(address: string, options: FetchOptions): Promise<FetchResult> {
  const settings: Settings = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    session: options.session ?? shared,
  } as Settings;
  if (!/^[\u0020-\u007e]+$/.test(settings.userAgent))
    return {
      ok: false,
      url: address,
      reason: "the User-Agent is not a header value (printable ASCII only, on one line): see userAgentFor",
    };
  const start = safeUrl(address);
  if (!start) return { ok: false, url: address, reason: `${oneLine(address)} is not an http: or https: address` };
  try {
    return await fetchFrom(settings, start);
  } catch (e) {
    return { ok: false, url: start.href, reason: oneLine(`could not be fetched: ${(e as Error).message}`) };
  }
}

async function fetchFrom(settings: Settings, start: URL): Promise<FetchResult> {
  let url = start;
  let redirects = 0;
  let retries = 0;
  for (;;) {
    const fail = (reason: string): FetchResult => ({ ok: false, url: url.href, reason: oneLine(reason) });
    const refusal = await robotsRefusal(settings, url);
    if (refusal) return fail(refusal);
    const r = await exchange(settings, url, settings.maxBytes);
    if ("failed" in r) return fail(`${url.href}: ${r.failed}`);
    const location = r.headers.get("location");
    if (r.status >= 300 && r.status < 400 && location) {
      if (redirects >= settings.maxRedirects)
        return fail(`${start.href} redirects more than ${settings.maxRedirects} times (stopped at ${url.href})`);
      const next = safeUrl(location, url);
      if (!next) return fail(`${url.href} redirects to ${location}, which is not an http: or https: address`);
      redirects++;
      url = next;
      continue;
    }
    if (r.status === 429 || r.status === 503) {
      const wait = retryAfterMs(r.headers.get("retry-after"));
      if (wait === undefined) return fail(`${url.href}: HTTP ${r.status}, and no Retry-After to wait for`);
      if (wait > settings.retryAfterCapMs)
        return fail(
          `${url.href}: HTTP ${r.status}, asked to wait ${secondsText(wait)}, more than the ${secondsText(settings.retryAfterCapMs)} allowed`,
        );
      if (retries >= settings.maxRetries)
        return fail(`${url.href}: HTTP ${r.status} again after ${retries} ${retries === 1 ? "retry" : "retries"}`);
      retries++;
      // the host asked everyone to wait: hold back every request to it, not only this one
      const queue = settings.session.hosts.get(url.hostname);
      if (queue) queue.notBefore = Math.max(queue.notBefore, performance.now() + wait);
      continue;
    }
    if ("tooLarge" in r)
      return fail(
        `${url.href}: larger than ${sizeText(settings.maxBytes)} (at least ${sizeText(r.tooLarge)}); save the page from a browser and import the file`,
      );
    if (r.status < 200 || r.status >= 300) return { ...fail(`${url.href}: HTTP ${r.status}`), status: r.status };
    const contentType = r.headers.get("content-type") ?? "";
    if (contentType && !TEXTUAL.test(contentType.trim()))
      return fail(`${url.href}: not a web page (Content-Type ${contentType})`);
    let text: string;
    try {
      text = decodePage(r.body, { contentType: contentType || undefined, name: url.href }).text;
    } catch (e) {
      if (e instanceof EncodingProblem) return fail(e.message);
      throw e;
    }
    return {
      ok: true,
      url: url.href,
      status: r.status,
      contentType,
      bytes: r.body,
      text,
      sha256: createHash("sha256").update(r.body).digest("hex"),
      fetchedAt: r.at.toISOString(),
    };
  }
}
