/**
 * A build worker (src/build/workers.ts): `build-worker.ts <task as JSON>`, forked with an IPC
 * channel. Loads the content with its own build session, then renders the runs the parent hands
 * it, one at a time, into the staging folder; reports each run and its peak memory to the parent.
 */
import { findContentError } from "../content/problems.ts";
import { writeRun } from "./eleventy-run.ts";
import { forgetEleventyLayouts, limitHeapGrowth } from "./runtime-patches.ts";
import { BuildSession, sessionOptions } from "./session.ts";
import type { WorkerAssignment, WorkerMessage, WorkerTask } from "./workers.ts";

const send = (m: WorkerMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
/** The parent's answer to the last message: the next run, or none. */
const assignments: WorkerAssignment[] = [];
let waiting: ((a: WorkerAssignment) => void) | undefined;
process.on("message", (a: WorkerAssignment) => {
  const resolve = waiting;
  waiting = undefined;
  if (resolve) resolve(a);
  else assignments.push(a);
});
const nextRun = () =>
  new Promise<WorkerAssignment>((resolve) =>
    assignments.length ? resolve(assignments.shift()!) : (waiting = resolve),
  );

const task = JSON.parse(process.argv[2] ?? "{}") as WorkerTask;
try {
  limitHeapGrowth();
  // the first worker says the content's warnings; the others load the same content
  const session = new BuildSession({ ...sessionOptions(task.root, "build"), showWarnings: task.worker === 0 });
  const content = session.load();
  const articlesPerRun = session.articlesPerRun();
  await send({
    kind: "ready",
    runs: session.runs,
    articlesPerRun,
    articles: content.articles.map((a) => ({ href: a.href })),
  });
  for (let run = await nextRun(); run.index !== undefined; run = await nextRun()) {
    session.useRun(run.index);
    // a run's cached layouts hold the last run's pages' data: let them go
    await forgetEleventyLayouts();
    const pages = await writeRun({ root: task.root, output: task.output, pathPrefix: task.pathPrefix, session });
    await send({ kind: "run", index: run.index, pages });
  }
  await send({ kind: "done", peakBytes: process.resourceUsage().maxRSS * 1024 });
  process.exit(0);
} catch (error) {
  const contentError = findContentError(error);
  await send({ kind: "failed", message: (error as Error)?.message ?? String(error), problems: contentError?.problems });
  process.exit(1);
}
