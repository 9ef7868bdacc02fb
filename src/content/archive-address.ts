/**
 * An article's `archive`: the address of an archived copy of its original (`url`) at an archive
 * service. Which services and which forms of their addresses are accepted, and, where the address
 * names the original it holds a copy of, whether that is the article's `url` (compared in one
 * spelling, address.ts). Pure and offline: a short address (archive.today's `/AbCd1`, perma.cc,
 * ghostarchive) cannot be followed here, so it is accepted as it is.
 */
import { addressKey } from "./address.ts";

/** How an archive address was read: the service, and the original it names (when it names one). */
export interface ArchiveCopy {
  readonly service: string;
  /** The original's address as the archive address gives it (a scheme added when it gives none). */
  readonly original?: string;
}

/** The Wayback Machine: `/web/<14-digit timestamp>[id_, im_, if_ …]/<original>`. */
const WAYBACK_HOSTS = /^(?:(?:web|wayback)\.)?archive\.org$/;
const WAYBACK_PATH = /^\/web\/\d{14}(?:[a-z]{2}_)?\/(.+)$/s;

/** archive.today and its mirrors: `/<timestamp>/<original>` (14 digits, or `2024.09.16-100000`) or a short id `/AbCd1`. */
const ARCHIVE_TODAY_HOSTS = new Set([
  "archive.today",
  "archive.ph",
  "archive.is",
  "archive.li",
  "archive.vn",
  "archive.md",
  "archive.fo",
]);
const ARCHIVE_TODAY_LONG = /^\/(?:\d{14}|\d{4}\.\d{2}\.\d{2}-\d{6})\/(.+)$/s;
const ARCHIVE_TODAY_SHORT = /^\/[A-Za-z0-9]{4,10}\/?$/;

/** perma.cc: `/XXXX-XXXX`. */
const PERMA_PATH = /^\/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}\/?$/;
/** ghostarchive.org: `/archive/<id>`. */
const GHOST_PATH = /^\/archive\/[A-Za-z0-9]+\/?$/;

/** The services, as a problem names them. */
const ARCHIVE_SERVICES = "web.archive.org, archive.today (archive.ph, archive.is …), perma.cc, ghostarchive.org";

/** The original inside an archive address, with a scheme (`https:/x` and a bare `x.example/…` read as addresses). */
function originalOf(rest: string): string {
  const m = /^(https?):\/*(.*)$/is.exec(rest);
  return m ? `${m[1]!.toLowerCase()}://${m[2]}` : `http://${rest}`;
}

/** What `address` is a copy of, or why it is not an archived copy's address. */
export function readArchiveAddress(address: string): ArchiveCopy | { problem: string } {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { problem: "expected an absolute http:// or https:// address" };
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || address.trim() !== address)
    return { problem: "expected an absolute http:// or https:// address" };
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  // the raw text after the host: the original's own query and fragment belong to it
  const rawPath = /^https?:\/\/[^/?#]*(.*)$/is.exec(address)?.[1] ?? url.pathname;
  if (WAYBACK_HOSTS.test(host)) {
    const m = WAYBACK_PATH.exec(rawPath);
    if (!m)
      return {
        problem: `is not the address of one copy on the Wayback Machine: expected https://web.archive.org/web/<14-digit timestamp>/<the original's address>`,
      };
    return { service: "web.archive.org", original: originalOf(m[1]!) };
  }
  if (ARCHIVE_TODAY_HOSTS.has(host)) {
    const m = ARCHIVE_TODAY_LONG.exec(rawPath);
    if (m) return { service: host, original: originalOf(m[1]!) };
    if (ARCHIVE_TODAY_SHORT.test(url.pathname) && !url.search) return { service: host };
    return {
      problem: `is not the address of one copy on ${host}: expected https://${host}/<id> or https://${host}/<14-digit timestamp>/<the original's address>`,
    };
  }
  if (host === "perma.cc") {
    if (PERMA_PATH.test(url.pathname)) return { service: host };
    return { problem: "is not the address of one copy on perma.cc: expected https://perma.cc/XXXX-XXXX" };
  }
  if (host === "ghostarchive.org") {
    if (GHOST_PATH.test(url.pathname)) return { service: host };
    return {
      problem: "is not the address of one copy on ghostarchive.org: expected https://ghostarchive.org/archive/<id>",
    };
  }
  return { problem: `is not an archive service's address (${ARCHIVE_SERVICES})` };
}

/**
 * What is wrong with an article's `archive` given its `url`, or undefined: an archive address
 * that names its original must name the article's `url` (in any spelling of it), and then the
 * article must give a `url`.
 */
export function archiveMismatch(archive: string, url: string | undefined): string | undefined {
  const copy = readArchiveAddress(archive);
  if ("problem" in copy || !copy.original) return undefined;
  if (url === undefined)
    return `is an archived copy of ${copy.original}, and the article has no url: give the original's address, url: ${copy.original}`;
  if (addressKey(copy.original) !== addressKey(url))
    return `is an archived copy of ${copy.original}, not of the article's url ${url}: archive the report at its url, or correct one of the two`;
  return undefined;
}
