/** `npm run bench`'s options: what to build, how often, and what to skip. */
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run bench [-- options]

Builds a synthetic archive with the full site build and with bare Eleventy, and prints times,
memory, page sizes and each target as OK or MISSED.

  (no options)    N = 1,000 and 4,000, 3 runs each after a warm-up, + an incremental edit at 4,000
                  and the full build at 4,000 with BUILD_WORKERS=1 and BUILD_WORKERS=2
  --full          also N = 10,000
  --n <N>         only the given N (repeatable, or comma-separated); 50000 also
                  builds 10,000 and runs once, without a warm-up
  --runs <k>      runs per build kind (default 3)
  --quick         N = 200, one run, no warm-up, every target judged at 200 (what npm test runs)
  --no-watch      skip the incremental-edit measurement
  --no-names      skip the builds with 0, 1,000 and 10,000 entities on 1,000 articles
  --no-workers    skip the full builds with BUILD_WORKERS=1 and 2
  --keep          keep the temporary corpus and outputs (paths printed)
  -h, --help      show this help`;

/** Archives this large are built once, without a warm-up, judged against the 10,000 build, and may fail. */
export const HUGE_AT = 50_000;
/** The size a huge build's wall time is judged against (built in the same run). */
export const HUGE_BASE = 10_000;
/** Entity counts built on NAMES_ON articles (name matching must not grow with the spellings). */
export const NAMES_ON = 1000;
export const NAME_COUNTS = [0, 1000, 10000] as const;
/** BUILD_WORKERS values the full build is run with, once more each, at the workers' size. */
export const WORKER_COUNTS = [1, 2] as const;
const QUICK_N = 200;
/** Where the incremental edit and the worker builds are measured when that size is built. */
const PREFERRED_AT = 4000;

export interface BenchOptions {
  quick: boolean;
  /** Archive sizes built, ascending. */
  sizes: number[];
  runs: number;
  warmup: boolean;
  /** The size whose watch build is edited; none with --no-watch. */
  watchN?: number;
  /** The size built again with each of WORKER_COUNTS; none with --no-workers or when 4,000 is not built. */
  workersN?: number;
  names: boolean;
  keep: boolean;
}

/** The options in `argv` (without node and the script), or "help"; throws on an unknown option or a bad value. */
export function parseOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      n: { type: "string", multiple: true, default: [] },
      runs: { type: "string", default: "3" },
      "no-watch": { type: "boolean", default: false },
      "no-names": { type: "boolean", default: false },
      "no-workers": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const given = values.n.flatMap((v) => v.split(","));
  const explicitN = given.map((v) => Number(v.replace(/_/g, "")));
  if (explicitN.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--n expects whole numbers, got ${given.join(", ")}`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs expects a whole number of at least 1, got ${values.runs}`);
  const quick = values.quick;
  const asked = quick ? [QUICK_N] : explicitN.length ? explicitN : values.full ? [1000, 4000, 10000] : [1000, 4000];
  // the huge build is judged against the 10,000 one: measured in the same run
  const sizes = [...new Set(asked.includes(HUGE_AT) ? [...asked, HUGE_BASE] : asked)].sort((a, b) => a - b);
  const at = (preferred: number) => (quick ? QUICK_N : sizes.includes(preferred) ? preferred : undefined);
  return {
    quick,
    sizes,
    runs: quick ? 1 : runs,
    warmup: !quick,
    watchN: values["no-watch"] ? undefined : (at(PREFERRED_AT) ?? sizes[sizes.length - 1]),
    workersN: values["no-workers"] ? undefined : at(PREFERRED_AT),
    names: !quick && !values["no-names"] && sizes.includes(NAMES_ON),
    keep: values.keep,
  };
}
