/**
 * One report's original address in one spelling, so that two copies of an address compare equal:
 * the forms a shared, clicked or saved link takes (http or https, `www.`, case of the host,
 * default port, trailing slash, fragment, tracking parameters, the AMP edition of the page) are
 * all the same report. What can name another page (the path's case, the other query parameters)
 * is kept. The result is a comparison key, not an address to show or to open.
 */

/**
 * Query parameters that only say how a reader arrived (campaigns, click ids, share buttons,
 * newsletters, analytics): exact names, compared in lowercase. The one list of them.
 */
const TRACKING_PARAMETERS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "igshid",
  "li_fat_id",
  "mc_cid",
  "mc_eid",
  "ocid",
  "cmpid",
  "cmp",
  "intcmp",
  "icid",
  "ref",
  "ref_src",
  "ref_url",
  "referrer",
  "smid",
  "smtyp",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "xtor",
  "guccounter",
  "guce_referrer",
  "guce_referrer_sig",
  "s_kwcid",
  "sr_share",
  "spm",
  "__twitter_impression",
  "oly_enc_id",
  "oly_anon_id",
  "vero_id",
]);
/** Prefixes of tracking parameter families: `utm_source`, `at_medium`, `ns_campaign`, `WT.mc_id`, `pk_kwd`, `mtm_source`, `hsa_cam`. */
const TRACKING_PREFIXES = ["utm_", "at_", "ns_", "wt.", "pk_", "mtm_", "hsa_"];

/** Query parameters that ask for the AMP edition (`?amp`, `?amp=1`, `?outputType=amp`), by name, with the values that mean AMP (undefined: any). */
const AMP_PARAMETERS = new Map<string, RegExp | undefined>([
  ["amp", undefined],
  ["_amp", undefined],
  ["outputtype", /^amp$/i],
  ["output", /^amp$/i],
]);

/** Host prefixes of the same site: the `www.` (`www2.`) host, the AMP host, the mobile host (`amp.www.`: both). */
const SAME_SITE_HOST = /^(?:(?:www\d*|amp|m|mobile)\.)+/;

/** Is this a query parameter to leave out of the comparison? */
function isTrackingParameter(name: string, value = ""): boolean {
  const key = name.toLowerCase();
  if (TRACKING_PARAMETERS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p))) return true;
  if (!AMP_PARAMETERS.has(key)) return false;
  const amp = AMP_PARAMETERS.get(key);
  return !amp || amp.test(value);
}

/**
 * The address inside an AMP cache's address: Google's AMP cache
 * (`https://www-example-com.cdn.ampproject.org/c/s/www.example.com/path`) and Google's viewer
 * (`https://www.google.com/amp/s/www.example.com/path`) serve another site's page.
 */
function unwrapAmpCache(url: URL): URL {
  const cache = /\.cdn\.ampproject\.org$/.test(url.hostname)
    ? /^\/[a-z]\/(?:[a-z]\/)*?(s\/)?([^/]+(?:\/.*)?)$/.exec(url.pathname)
    : undefined;
  const viewer = /^(?:www\.)?google\.[a-z.]+$/.test(url.hostname)
    ? /^\/amp\/(s\/)?([^/]+(?:\/.*)?)$/.exec(url.pathname)
    : undefined;
  const m = cache ?? viewer;
  if (!m) return url;
  try {
    return new URL(`${m[1] ? "https" : "http"}://${m[2]}${url.search}${url.hash}`);
  } catch {
    return url;
  }
}

/** The path without the AMP edition's marks: an `/amp/` segment, a trailing `/amp`, `.amp` (`/story.amp`, `/story.amp.html`), `/amp.html`. */
function withoutAmp(pathname: string): string {
  const segments = pathname.split("/");
  const kept = segments.filter((s, i) => i === 0 || !/^amp(?:\.html?)?$/i.test(s));
  return kept.map((s) => s.replace(/\.amp(?=\.html?$|$)/i, "")).join("/");
}

/** `%7e` and `%7E` and `~` are one character: unreserved characters decoded, other escapes in upper case. */
function canonicalEscapes(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (e) => {
    const c = String.fromCharCode(parseInt(e.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : e.toUpperCase();
  });
}

/**
 * The comparison key of an address: host (lower case, without `www.`, `amp.`, `m.` and a final
 * dot; with a port only when it is not 80 or 443), path (without AMP marks, `index.html`, a
 * session id, empty segments and the trailing slash), then the query parameters that are not tracking, sorted.
 * Scheme, user name and fragment are left out. Not an http(s) address: the text, trimmed.
 */
export function addressKey(address: string): string {
  let url: URL;
  try {
    // `&amp;` is an address copied out of HTML unescaped: the `&` it stands for
    url = new URL(address.trim().replace(/&amp;/g, "&"));
  } catch {
    return address.trim();
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return address.trim();
  url = unwrapAmpCache(url);
  const host = url.hostname.toLowerCase().replace(/\.$/, "").replace(SAME_SITE_HOST, "");
  const port = url.port && url.port !== "80" && url.port !== "443" ? `:${url.port}` : "";
  const path = withoutAmp(canonicalEscapes(url.pathname.replace(/;jsessionid=[^/]*/i, "")))
    .replace(/\/+/g, "/")
    .replace(/\/(?:index|default)\.(?:html?|php|aspx?)$/i, "/")
    .replace(/\/+$/, "");
  const query = [...url.searchParams]
    .filter(([name, value]) => !isTrackingParameter(name, value))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort();
  return `${host}${port}${path}${query.length ? `?${query.join("&")}` : ""}`;
}
