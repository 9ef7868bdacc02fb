/**
 * The path prefix a build (or `npm start`) renders under, needed before Eleventy starts and so
 * before the content is loaded: PATH_PREFIX when given, else the path of the address (SITE_URL
 * or site.json's `url`). site.json is read leniently here: the content pipeline reports what is
 * wrong with it, with every other problem.
 */
import fs from "node:fs";
import path from "node:path";
import {
  addressSettings,
  isAddressProblem,
  normalizePrefix,
  prefixProblem,
  resolveAddress,
  type AddressSettings,
} from "../publish/site.ts";
import { BuildRefusal } from "./output-guard.ts";

/** The `url` written in `<dataDir>/site.json`, if it can be read at all. */
function siteJsonUrl(dataDir: string): string | undefined {
  try {
    const url = (JSON.parse(fs.readFileSync(path.join(dataDir, "site.json"), "utf8")) as { url?: unknown } | null)?.url;
    return typeof url === "string" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The prefix the address implies, or undefined when the address cannot be read or disagrees with PATH_PREFIX. */
export function addressPrefix(dataDir: string, settings: AddressSettings): string | undefined {
  const url = settings.siteUrl ?? siteJsonUrl(dataDir);
  if (url === undefined) return undefined;
  const resolved = resolveAddress(url, settings);
  return isAddressProblem(resolved) ? undefined : resolved.pathPrefix;
}

/** The prefix to render under: the address's, else a usable PATH_PREFIX, else the root (the pipeline then says what is wrong). */
export function buildPrefix(dataDir: string, settings: AddressSettings): string {
  const given = settings.pathPrefix;
  return (
    addressPrefix(dataDir, settings) ?? (given !== undefined && !prefixProblem(given) ? normalizePrefix(given) : "/")
  );
}

/**
 * The address settings from the environment, checked before anything starts: a bad SITE_URL or
 * PATH_PREFIX is one line and exit 1 (site.json's url is checked with the content, on the page).
 */
export function checkAddressSettings(env: NodeJS.ProcessEnv = process.env): void {
  const settings = addressSettings(env);
  if (settings.siteUrl === undefined && settings.pathPrefix === undefined) return;
  const resolved = resolveAddress(settings.siteUrl ?? "https://example.org", settings);
  if (isAddressProblem(resolved)) throw new BuildRefusal(`${resolved.setting}: ${resolved.message}`);
}
