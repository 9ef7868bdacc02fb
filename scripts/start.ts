/**
 * `npm start`: builds the site into dist/ and serves it with live reload; rebuilds on every edit
 * of content, templates or code. See src/eleventy/dev.ts.
 *
 *   npm start [-- --port 8080] [--watch-only] [--output dir]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { runWatchBuild, superviseWatchBuild } from "../src/build/dev.ts";

const USAGE = `Usage: npm start [-- options]

Builds the site into dist/ and serves it at http://localhost:8080/ with live reload, under the
path of the site's address (url in _data/site.json, or SITE_URL; PATH_PREFIX when given):
https://owner.github.io/repo/ is served at http://localhost:8080/repo/.
Edits to articles, data files and templates rebuild at once; an edit to the site's code
(src/**/*.ts, .eleventy.ts) restarts the build with the new code.

Options:
  --port <n>       port of the local server (default 8080)
  --output <dir>   output folder (default dist)
  --watch-only     build and rebuild on edits, without a server
  -h, --help       show this help`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    output: { type: "string", default: "dist" },
    "watch-only": { type: "boolean", default: false },
    child: { type: "boolean", default: false },
    "path-prefix": { type: "string", default: "/" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
} else {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const output = path.resolve(values.output);
  const port = values["watch-only"] ? undefined : Number(values.port);
  if (values.child) {
    await runWatchBuild({ root, output, port, pathPrefix: values["path-prefix"] });
  } else {
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const args = (pathPrefix: string) => [
      tsx,
      fileURLToPath(import.meta.url),
      "--child",
      "--output",
      output,
      "--path-prefix",
      pathPrefix,
      ...(port === undefined ? ["--watch-only"] : ["--port", String(port)]),
    ];
    const supervisor = superviseWatchBuild(root, { command: process.execPath, args });
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.on(signal, () => void supervisor.stop().then(() => process.exit(0)));
  }
}
