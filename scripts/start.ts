/**
 * `npm start`: builds the site into dist/ and serves it with live reload; rebuilds on every edit
 * of content, templates or code. See src/eleventy/dev.ts.
 *
 *   npm start [-- --port 8080] [--host 127.0.0.1] [--watch-only] [--output dir] [--force]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { LOOPBACK, runWatchBuild, superviseWatchBuild } from "../src/build/dev.ts";
import { BuildRefusal, checkOutput, findRefusal } from "../src/build/output-guard.ts";
import { checkAddressSettings } from "../src/build/path-prefix.ts";
import { defaultPaths } from "../src/content/pipeline.ts";

const USAGE = `Usage: npm start [-- options]

Builds the site into dist/ and serves it at http://127.0.0.1:8080/ with live reload, under the
path of the site's address (url in _data/site.json, or SITE_URL; PATH_PREFIX when given):
https://owner.github.io/repo/ is served at http://127.0.0.1:8080/repo/. The server listens on
this machine only (127.0.0.1): drafts are served too. --host 0.0.0.0 shares it on the network.
Edits to articles, data files and templates rebuild at once; an edit to the site's code
(src/**/*.ts, .eleventy.ts) restarts the build with the new code.

Options:
  --port <n>       port of the local server (default 8080)
  --host <address> address to listen on (default 127.0.0.1, this machine only; 0.0.0.0: every
                   network this machine is on, where anyone can read the drafts)
  --output <dir>   output folder (default dist; one holding other files needs --force)
  --force          use an output folder that holds files but is not a build of this site
  --watch-only     build and rebuild on edits, without a server
  -h, --help       show this help`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: LOOPBACK },
    force: { type: "boolean", default: false },
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
  const host = values.host;
  if (values.child) {
    await runWatchBuild({ root, output, port, host, pathPrefix: values["path-prefix"] });
  } else {
    try {
      checkAddressSettings();
      const paths = defaultPaths(process.env.CONTENT_ROOT || root);
      checkOutput(output, { root, content: [paths.root, paths.dataDir, paths.articlesDir], force: values.force });
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new BuildRefusal(`--port ${values.port}: give a port number from 1 to 65535, e.g. 8080`);
    } catch (e) {
      const refusal = findRefusal(e);
      if (!refusal) throw e;
      console.error(refusal.message);
      process.exit(1);
    }
    if (port !== undefined && !/^(127\.|::1$|localhost$)/.test(host))
      console.warn(
        `[start] warning: listening on ${host}, not only this machine: anyone on the network can read the site, drafts included`,
      );
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const args = (pathPrefix: string) => [
      tsx,
      fileURLToPath(import.meta.url),
      "--child",
      "--output",
      output,
      "--path-prefix",
      pathPrefix,
      ...(port === undefined ? ["--watch-only"] : ["--port", String(port), "--host", host]),
    ];
    const supervisor = superviseWatchBuild(root, { command: process.execPath, args });
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.on(signal, () => void supervisor.stop().then(() => process.exit(0)));
  }
}
