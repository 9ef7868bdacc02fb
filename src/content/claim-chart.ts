/**
 * The small inline chart of a moving figure (a `changes: true` claim): its values in time order
 * as a line, drawn when the site is built (an SVG in the page, no script). The geometry only;
 * the fact grid's template draws it and gives its text equivalent.
 */
import type { PubDate } from "./dates.ts";

/** The drawing's size in px (its viewBox); the line keeps PAD px from each edge. */
const CHART_WIDTH = 120;
const CHART_HEIGHT = 32;
const PAD = 4;

interface ChartPoint {
  x: number;
  y: number;
  /** The value as the report gives it. */
  value: string;
}

export interface ClaimChart {
  width: number;
  height: number;
  /** The SVG polyline's points, "x,y x,y …". */
  line: string;
  points: ChartPoint[];
}

/**
 * The figure in a value: its first number, thousands separators and spaces within it removed
 * ("around 150,000" → 150000, "12" → 12); undefined when it has none ("three").
 */
export function figureOf(value: string): number | undefined {
  const m = /\d[\d,\u00a0\u202f ]*(?:\.\d+)?/.exec(value);
  if (!m) return undefined;
  const n = Number(m[0].replace(/[,\u00a0\u202f ]/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The chart of values in time order, x by the report's time, y by the figure (higher is more).
 * Undefined unless two values or more carry a figure: one point is no movement.
 */
export function claimChart(series: readonly { value?: string; date: PubDate }[]): ClaimChart | undefined {
  const data = series.flatMap((s) => {
    const n = s.value === undefined ? undefined : figureOf(s.value);
    return n === undefined ? [] : [{ n, t: s.date.epochMs, value: s.value! }];
  });
  if (data.length < 2) return undefined;
  const t0 = data[0]!.t;
  const t1 = data[data.length - 1]!.t;
  const lo = Math.min(...data.map((d) => d.n));
  const hi = Math.max(...data.map((d) => d.n));
  const round = (v: number) => Math.round(v * 10) / 10;
  const points = data.map((d, i) => ({
    // reports with the same time (or no time) are spread evenly rather than stacked
    x: round(PAD + (CHART_WIDTH - 2 * PAD) * (t1 > t0 ? (d.t - t0) / (t1 - t0) : i / (data.length - 1))),
    y: round(hi > lo ? CHART_HEIGHT - PAD - (CHART_HEIGHT - 2 * PAD) * ((d.n - lo) / (hi - lo)) : CHART_HEIGHT / 2),
    value: d.value,
  }));
  return { width: CHART_WIDTH, height: CHART_HEIGHT, line: points.map((p) => `${p.x},${p.y}`).join(" "), points };
}
