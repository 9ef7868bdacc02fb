/**
 * The problems of `npm run check`, in the three forms it prints: lines for a terminal, GitHub
 * workflow commands (annotations on the pull request's files, and a job-summary table), JSON
 * for editors' tools. https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { formatProblem, isError, printable, type Problem } from "../content/problems.ts";

export type ReportFormat = "text" | "github" | "json";

const severity = (p: Problem) => (isError(p) ? "error" : "warning");

/** `file:line:column: field: message`; warnings say so after the position. */
function textLine(p: Problem): string {
  return isError(p) ? formatProblem(p) : formatProblem({ ...p, field: p.field ? `warning: ${p.field}` : "warning" });
}

/** Workflow-command escaping: the message and, more strictly, the properties. */
const escapeData = (s: string) => printable(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function githubLine(p: Problem): string {
  const props = [`file=${escapeProperty(p.file)}`];
  if (p.line) props.push(`line=${p.line}`);
  if (p.column) props.push(`col=${p.column}`);
  props.push(`title=${escapeProperty(p.field ?? "content")}`);
  return `::${severity(p)} ${props.join(",")}::${escapeData(p.message)}`;
}

export function counts(problems: Problem[]): string {
  const errors = problems.filter(isError).length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}

/**
 * JSON that a log reads as it is: besides JSON's own escapes (C0 controls), C1 controls, U+2028/2029
 * and bidi controls are written as \u escapes, so the value is the same and no line is reordered.
 */
export function jsonLines(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/** What the command prints on standard output. */
export function formatReport(problems: Problem[], format: ReportFormat): string {
  if (format === "json") {
    const out = problems.map((p) => ({
      file: p.file,
      line: p.line ?? null,
      column: p.column ?? null,
      field: p.field ?? null,
      message: p.message,
      severity: severity(p),
    }));
    return jsonLines(out);
  }
  if (format === "github") return problems.map(githubLine).join("\n");
  return problems.map(textLine).join("\n");
}

/** The job summary: every problem in one Markdown table (GitHub shows only the first annotations per step). */
export function summaryTable(problems: Problem[], heading: string): string {
  const cell = (s: string | number | undefined) => printable(String(s ?? "")).replace(/\|/g, "\\|");
  const rows = problems.map(
    (p) =>
      `| ${severity(p)} | \`${cell(p.file)}\` | ${cell(p.line)} | ${cell(p.column)} | ${cell(p.field)} | ${cell(p.message)} |`,
  );
  return [
    `### ${heading}`,
    "",
    `${counts(problems)}.`,
    "",
    ...(rows.length
      ? ["| | file | line | column | field | problem |", "| --- | --- | --- | --- | --- | --- |", ...rows]
      : ["No problems."]),
    "",
  ].join("\n");
}
