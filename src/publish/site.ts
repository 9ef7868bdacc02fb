/**
 * The site's own address. `_data/site.json`'s `url` (or `SITE_URL`, which overrides it) is the
 * public address of the home page, e.g. https://owner.github.io/repo/: its path is the path
 * prefix the site is served from. `PATH_PREFIX` (or `--path-prefix`), when given, must agree
 * with that path (a bare-origin address takes any prefix). Every absolute URL the site prints
 * (canonical links, feeds, sitemap, JSON-LD) comes from `absoluteUrl()` here, so they all agree.
 */
import type { SiteData } from "../content/schema.ts";

export interface SiteMeta {
  title: string;
  description: string;
  language: string;
  /** Absolute address of the home page, with the path prefix and a trailing slash: `https://owner.github.io/repo/`. */
  url: string;
  /** `https://owner.github.io` */
  origin: string;
  /** `/repo/`, or `/` at the root of a domain. */
  pathPrefix: string;
}

/** What a build is told besides site.json, from the environment or the command line. */
export interface AddressSettings {
  /** `SITE_URL`: the public address of the home page, overriding site.json's `url`. */
  siteUrl?: string;
  /** `PATH_PREFIX` / `--path-prefix`, when given: it must agree with the address's path. */
  pathPrefix?: string;
}

/** The settings from the environment: `SITE_URL` and `PATH_PREFIX` (empty counts as not given). */
export function addressSettings(env: Record<string, string | undefined>): AddressSettings {
  return { siteUrl: env.SITE_URL?.trim() || undefined, pathPrefix: env.PATH_PREFIX?.trim() || undefined };
}

/** What is wrong with the address, and which setting says it: site.json's `url`, `SITE_URL` or `PATH_PREFIX`. */
export interface AddressProblem {
  setting: "url" | "SITE_URL" | "PATH_PREFIX";
  message: string;
}

/** Characters a path prefix may use: anything else (`#`, `?`, a space, `%`) breaks every link. */
const PREFIX_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** The folder name in a path prefix that would break every address, if any. */
function badSegment(prefix: string): string | undefined {
  return prefix.split("/").find((seg) => seg && (!PREFIX_SEGMENT.test(seg) || seg === "." || seg === ".."));
}

const ALLOWED = 'use letters, digits, ".", "_", "~" and "-" between slashes, e.g. /news/';

/** Why a path prefix would break every address, or undefined when it is fine. */
export function prefixProblem(prefix: string): string | undefined {
  const bad = badSegment(prefix);
  return bad === undefined
    ? undefined
    : `the path prefix "${prefix}" has "${bad}", which would break every address: ${ALLOWED}`;
}

/** "/repo", "repo/", "/repo/" → "/repo/"; "", "/" → "/". */
export function normalizePrefix(prefix: string | undefined): string {
  const parts = (prefix ?? "").split("/").filter(Boolean);
  return parts.length ? `/${parts.join("/")}/` : "/";
}

/** An http(s) address, or undefined. */
function httpAddress(text: string): URL | undefined {
  try {
    const u = new URL(text);
    return u.protocol === "https:" || u.protocol === "http:" ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin and path prefix the site is published at, from site.json's `url` and the settings;
 * or the one problem that stops a build. The address's path is the prefix; PATH_PREFIX adds one
 * to a bare-origin address and must otherwise name the same folder.
 */
export function resolveAddress(
  url: string,
  settings: AddressSettings,
): { origin: string; pathPrefix: string } | AddressProblem {
  if (settings.pathPrefix !== undefined) {
    const problem = prefixProblem(settings.pathPrefix);
    if (problem) return { setting: "PATH_PREFIX", message: problem };
  }
  const setting = settings.siteUrl ? "SITE_URL" : "url";
  const given = settings.siteUrl || url;
  const u = httpAddress(given);
  if (!u) {
    const what = /^[a-z][a-z0-9+.-]*:/i.test(given)
      ? "must start with https:// or http://"
      : "is not an absolute address like https://owner.github.io/repo/";
    return { setting, message: `"${given}" ${what}` };
  }
  const path = normalizePrefix(u.pathname);
  const bad = badSegment(u.pathname);
  if (bad !== undefined)
    return {
      setting,
      message: `"${given}" is served from ${u.pathname}, whose "${bad}" would break every address: ${ALLOWED}`,
    };
  const explicit = settings.pathPrefix === undefined ? undefined : normalizePrefix(settings.pathPrefix);
  if (explicit !== undefined && path !== "/" && path !== explicit) {
    return {
      setting,
      message: `"${given}" is served from ${path}, but PATH_PREFIX is ${explicit}: leave PATH_PREFIX out (the address sets the prefix), or make the two agree`,
    };
  }
  return { origin: u.origin, pathPrefix: path !== "/" ? path : (explicit ?? "/") };
}

export function isAddressProblem(r: ReturnType<typeof resolveAddress>): r is AddressProblem {
  return "message" in r;
}

/**
 * The `site` the templates read: site.json's words and the address the build renders for, with
 * the prefix the build uses. Never throws: the content pipeline has reported any problem with
 * the address (in `npm start` the last good site.json stays in use until it is fixed).
 */
export function siteMeta(site: SiteData, settings: AddressSettings, pathPrefix: string): SiteMeta {
  const origin =
    httpAddress(settings.siteUrl || site.url)?.origin ?? httpAddress(site.url)?.origin ?? "http://localhost";
  const prefix = normalizePrefix(pathPrefix);
  return {
    title: site.title,
    description: site.description,
    language: site.language,
    url: origin + prefix,
    origin,
    pathPrefix: prefix,
  };
}

/**
 * The absolute address of a site path (`/sources/x/`, as the model and `page.url` give it,
 * without the prefix). A relative path is resolved against `from` (a site path, default the
 * home page); absolute addresses are returned as they are.
 */
export function absoluteUrl(site: Pick<SiteMeta, "url">, href: string, from = "/"): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  if (href.startsWith("/")) return site.url + href.slice(1);
  return new URL(href, site.url + from.replace(/^\//, "")).href;
}
