/** The address normaliser of the duplicate check (src/content/address.ts): which spellings are one report, which are not. */
import { describe, expect, it } from "vitest";
import { addressKey } from "../src/content/address.ts";

const BASE = "https://www.example.com/2025/03/03/bridge-shut";
const same = (a: string, b: string) => expect(addressKey(a), `${a} vs ${b}`).toBe(addressKey(b));
const different = (a: string, b: string) => expect(addressKey(a), `${a} vs ${b}`).not.toBe(addressKey(b));

describe("addressKey: spellings of one address", () => {
  it.each([
    ["scheme", "http://www.example.com/2025/03/03/bridge-shut"],
    ["no www.", "https://example.com/2025/03/03/bridge-shut"],
    ["www2.", "https://www2.example.com/2025/03/03/bridge-shut"],
    ["mobile host", "https://m.example.com/2025/03/03/bridge-shut"],
    ["host case", "https://WWW.Example.COM/2025/03/03/bridge-shut"],
    ["host's final dot", "https://www.example.com./2025/03/03/bridge-shut"],
    ["trailing slash", "https://www.example.com/2025/03/03/bridge-shut/"],
    ["double slashes", "https://www.example.com//2025/03/03//bridge-shut"],
    ["index.html", "https://www.example.com/2025/03/03/bridge-shut/index.html"],
    ["default port, https", "https://www.example.com:443/2025/03/03/bridge-shut"],
    ["default port, http", "http://example.com:80/2025/03/03/bridge-shut"],
    ["fragment", "https://www.example.com/2025/03/03/bridge-shut#comments"],
    ["user name", "https://reader@www.example.com/2025/03/03/bridge-shut"],
    ["escapes of unreserved characters", "https://www.example.com/2025/03/03/bridge%2Dshut"],
    ["a session id in the path", "https://www.example.com/2025/03/03/bridge-shut;jsessionid=0A1B2C"],
    ["white space around", "  https://www.example.com/2025/03/03/bridge-shut \n"],
    ["utm_*", "https://www.example.com/2025/03/03/bridge-shut?utm_source=twitter&utm_medium=social&utm_campaign=x"],
    ["UTM_* in capitals", "https://www.example.com/2025/03/03/bridge-shut?UTM_SOURCE=Newsletter"],
    ["fbclid", "https://www.example.com/2025/03/03/bridge-shut?fbclid=IwAR0abc"],
    ["gclid, msclkid", "https://www.example.com/2025/03/03/bridge-shut?gclid=1&msclkid=2"],
    ["mc_cid, mc_eid", "https://www.example.com/2025/03/03/bridge-shut?mc_cid=abc&mc_eid=def"],
    ["ocid, cmpid, ref", "https://www.example.com/2025/03/03/bridge-shut?ocid=msn&cmpid=rss&ref=home"],
    ["_ga, _gl", "https://www.example.com/2025/03/03/bridge-shut?_ga=2.1.2.3&_gl=1*abc"],
    [
      "Guardian CMP, NYT smid, BBC at_*",
      "https://www.example.com/2025/03/03/bridge-shut?CMP=share_btn_tw&smid=url-share&at_medium=RSS",
    ],
    ["amp. and www. together", "https://amp.www.example.com/2025/03/03/bridge-shut"],
    [
      "&amp; copied out of HTML",
      "https://www.example.com/2025/03/03/bridge-shut?utm_source=a&amp;utm_medium=b&amp;fbclid=c",
    ],
    ["empty query", "https://www.example.com/2025/03/03/bridge-shut?"],
    ["/amp/ segment", "https://www.example.com/amp/2025/03/03/bridge-shut"],
    ["/amp/ segment inside", "https://www.example.com/2025/03/03/amp/bridge-shut"],
    ["trailing /amp", "https://www.example.com/2025/03/03/bridge-shut/amp"],
    ["trailing /amp/", "https://www.example.com/2025/03/03/bridge-shut/amp/"],
    [".amp", "https://www.example.com/2025/03/03/bridge-shut.amp"],
    ["?amp", "https://www.example.com/2025/03/03/bridge-shut?amp"],
    ["?amp=1", "https://www.example.com/2025/03/03/bridge-shut?amp=1"],
    ["?outputType=amp", "https://www.example.com/2025/03/03/bridge-shut?outputType=amp"],
    ["amp. host", "https://amp.example.com/2025/03/03/bridge-shut"],
    ["AMP cache", "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2025/03/03/bridge-shut/amp"],
    ["AMP viewer", "https://www.google.com/amp/s/www.example.com/2025/03/03/bridge-shut"],
    ["all at once", "HTTP://Amp.Example.com:80/amp/2025/03/03/bridge-shut/?utm_source=x&fbclid=y&amp=1#top"],
  ])("%s", (_, variant) => same(variant, BASE));

  it("the query parameters that stay are sorted, tracking ones removed among them", () => {
    same("https://example.com/story?id=7&page=2", "https://example.com/story?page=2&utm_source=x&id=7");
    same("https://example.com/story.amp.html", "https://example.com/story.html");
    same("https://example.com/story?id=a%20b", "https://example.com/story?id=a+b");
    same("https://example.com/story?id=7&amp;page=2", "https://example.com/story?page=2&id=7");
  });

  it("the home page: with or without its slash", () => {
    same("https://example.com", "http://www.example.com/");
    expect(addressKey("https://www.example.com/")).toBe("example.com");
  });
});

describe("addressKey: addresses of other pages stay apart", () => {
  it.each([
    ["another path", "https://www.example.com/2025/03/04/bridge-shut"],
    ["path case", "https://www.example.com/2025/03/03/Bridge-Shut"],
    ["another host", "https://www.example.org/2025/03/03/bridge-shut"],
    ["a subdomain of its own", "https://news.example.com/2025/03/03/bridge-shut"],
    ["another port", "https://www.example.com:8443/2025/03/03/bridge-shut"],
    ["a query parameter that names the page", "https://www.example.com/2025/03/03/bridge-shut?id=7"],
    ["a slug that only contains amp", "https://www.example.com/2025/03/03/bridge-shut-amp"],
    ["a word starting with amp", "https://www.example.com/2025/03/03/ampersand"],
    ["outputType other than amp", "https://www.example.com/2025/03/03/bridge-shut?outputType=print"],
  ])("%s", (_, variant) => different(variant, BASE));

  it("the value of a kept parameter counts", () => {
    different("https://example.com/story?id=7", "https://example.com/story?id=8");
  });

  it("not an http(s) address: compared as written, trimmed", () => {
    expect(addressKey(" not an address ")).toBe("not an address");
    expect(addressKey("ftp://example.com/x")).toBe("ftp://example.com/x");
  });
});
