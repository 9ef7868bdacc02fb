/** A count from the environment (BUILD_SLICE_PAGES, SEARCH_PART_PAGES, BUILD_WORKERS): a whole number ≥ 1, or the default when unset. */
export function pagesFromEnv(
  name: string,
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
  unit = "pages",
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number${unit ? ` of ${unit}` : ""}, at least 1 (it is "${raw}").`);
  return n;
}
