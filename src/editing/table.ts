/**
 * The tables `npm run discover` and `npm run recheck` print: aligned columns for a terminal, or
 * markdown for a pull request's body (cells escaped so a headline cannot break the table).
 */
import { printable } from "../content/problems.ts";

/** A table for the terminal: each line made printable (no control characters, no workflow commands). */
export function terminalLines(table: string): string {
  return table
    .trimEnd()
    .split("\n")
    .map((line) => printable(line))
    .join("\n");
}

/** Text on one line: every run of white space one space. */
export const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

/** One line cut to `n` characters, with an ellipsis when cut. */
export const cut = (s: string, n: number): string => {
  const line = oneLine(s);
  return line.length > n ? `${line.slice(0, n - 1)}…` : line;
};

/** The rows under their head (nothing when there are none), then the summary line. */
export function renderTable(head: string[], rows: string[][], summary: string, markdown = false): string {
  if (markdown) {
    const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;");
    const lines = [head, head.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`);
    return `${rows.length ? `${lines.join("\n")}\n\n` : ""}${summary}\n`;
  }
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const pad = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return `${rows.length ? `${[pad(head), ...rows.map(pad)].join("\n")}\n\n` : ""}${summary}\n`;
}
