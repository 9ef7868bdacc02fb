/**
 * Counts as a newspaper prints them: thousands separated by commas ("1,000 reports"), in a fixed
 * locale so the build machine's locale never changes the output.
 */
const counts = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "1,000" */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** "1 report", "1,000 reports" */
export function formatCountOf(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
