/**
 * Browser helpers: playwright-core driving the system's Chromium (never a downloaded one),
 * and a small static server that serves a built site under a path prefix like GitHub Pages.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";

/** CHROME_PATH first, then chromium, chromium-browser, google-chrome on the PATH. Throws when none: browser tests never skip. */
function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not on the PATH; try the next name
    }
  }
  throw new Error(
    "No Chromium found: install Debian's chromium (apt-get install chromium) or Chrome, or set CHROME_PATH. The browser tests do not skip.",
  );
}

const CHROME_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches Chromium with a fresh profile (playwright gives each launch a new user-data-dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, headless: true });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

export interface Served {
  /** Origin plus prefix, e.g. http://127.0.0.1:4321/some-prefix/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves `dist` under `prefix` on loopback; unknown paths get 404.html with status 404, as GitHub Pages does. */
export async function serveSite(dist: string, prefix = "/"): Promise<Served> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const pathname = decodeURIComponent(url.pathname);
    const send = (file: string, status = 200) => {
      res.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    };
    if (pathname.startsWith(prefix)) {
      const rel = pathname.slice(prefix.length);
      const file = path.join(dist, rel);
      if (file.startsWith(dist)) {
        if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(file);
        const index = path.join(file, "index.html");
        if (fs.existsSync(index)) {
          if (!pathname.endsWith("/")) {
            res.writeHead(301, { location: pathname + "/" });
            return res.end();
          }
          return send(index);
        }
      }
    }
    const notFound = path.join(dist, "404.html");
    if (fs.existsSync(notFound)) return send(notFound, 404);
    res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { url: origin + prefix, origin, close: () => new Promise((r) => server.close(() => r())) };
}
