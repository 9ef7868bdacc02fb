/**
 * The site's own address. `_data/site.json` (validated by the pipeline) holds the defaults; `SITE_URL` (the public address
 * of the home page, e.g. https://owner.github.io/repo/) and the path prefix override them at
 * build time. Every absolute URL the site prints (canonical links, feeds, sitemap, JSON-LD)
 * comes from `absoluteUrl()` here, so they all agree.
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

/** Characters a path prefix may use: anything else (`#`, `?`, a space, `%`) breaks every link. */
const PREFIX_SEGMENT = /^[A-Za-z0-9._~-]+$/;

export function checkPathPrefix(prefix: string): void {
  const bad = prefix.split("/").filter((seg) => seg && (!PREFIX_SEGMENT.test(seg) || seg === "." || seg === ".."));
  if (bad.length) {
    throw new Error(`the path prefix "${prefix}" has "${bad[0]}", which would break every address: use letters, digits, ".", "_", "~" and "-" between slashes, e.g. /news/`);
  }
}

/** "/repo", "repo/", "/repo/" → "/repo/"; "", "/" → "/". */
export function normalizePrefix(prefix: string | undefined): string {
  const parts = (prefix ?? "").split("/").filter(Boolean);
  return parts.length ? `/${parts.join("/")}/` : "/";
}

class SiteConfigError extends Error {}

/**
 * Combines `_data/site.json`, `SITE_URL` and the path prefix. SITE_URL may be the bare origin
 * (`https://owner.github.io`, the prefix is added) or the full address including the prefix
 * (what `actions/configure-pages` reports as `base_url`); any other path is a mistake.
 */
export function resolveSite(site: SiteData, opts: { siteUrl?: string; pathPrefix?: string }): SiteMeta {
  checkPathPrefix(opts.pathPrefix ?? "/");
  const pathPrefix = normalizePrefix(opts.pathPrefix);
  const given = opts.siteUrl?.trim() || site.url;
  let u: URL;
  try {
    u = new URL(given);
  } catch {
    throw new SiteConfigError(`SITE_URL "${given}" is not an absolute address like https://owner.github.io/repo/`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new SiteConfigError(`SITE_URL "${given}" must start with https:// or http://`);
  const path = normalizePrefix(u.pathname);
  if (path !== "/" && path !== pathPrefix) {
    throw new SiteConfigError(
      `SITE_URL "${given}" ends in ${path} but the path prefix is ${pathPrefix}: give SITE_URL as the bare origin (${u.origin}) or set PATH_PREFIX=${path}`,
    );
  }
  return {
    title: site.title,
    description: site.description,
    language: site.language,
    url: u.origin + pathPrefix,
    origin: u.origin,
    pathPrefix,
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
