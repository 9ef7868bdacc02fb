/**
 * Source colours: each outlet gets a hue from its position in `_data/sources.json` (golden
 * angle steps, so neighbours differ), then the lightness is walked until the label text on it
 * passes WCAG AA (4.5:1) with margin — light mode: white text on a dark badge; dark mode: near-black
 * text on a light badge. Deterministic: the same sources file gives the same colours on every build.
 */

interface SourceColours {
  /** Badge background in light mode (white text on it). */
  light: string;
  /** Badge background in dark mode (dark text on it). */
  dark: string;
}

/** Text colours on the badges; the stylesheet uses the same values (--on-src). */
const ON_LIGHT_BADGE = "#ffffff";
const ON_DARK_BADGE = "#101114";
const TARGET = 5.5;

function sourceColours(index: number): SourceColours {
  const hue = (index * 137.508 + 12) % 360;
  let light = "#333333";
  for (let l = 46; l >= 10; l -= 1) {
    light = hslHex(hue, 62, l);
    if (contrast(light, ON_LIGHT_BADGE) >= TARGET) break;
  }
  let dark = "#dddddd";
  for (let l = 68; l <= 95; l += 1) {
    dark = hslHex(hue, 70, l);
    if (contrast(dark, ON_DARK_BADGE) >= TARGET) break;
  }
  return { light, dark };
}

function hslHex(h: number, s: number, l: number): string {
  const S = s / 100;
  const L = l / 100;
  const k = (n: number) => (n + h / 30) % 12;
  const a = S * Math.min(L, 1 - L);
  const f = (n: number) => L - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return (
    "#" +
    [f(0), f(8), f(4)]
      .map((v) =>
        Math.round(v * 255)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** One CSS rule per source (and its dark-mode twin): `[data-source="id"]{--src:#…}`. */
export function sourceColourCss(sources: readonly { id: string; index: number }[]): string {
  const light: string[] = [];
  const dark: string[] = [];
  for (const s of sources) {
    const c = sourceColours(s.index);
    // ids are slugs (lowercase letters, digits, hyphens): safe inside a quoted attribute selector
    light.push(`[data-source="${s.id}"]{--src:${c.light}}`);
    dark.push(`[data-source="${s.id}"]{--src:${c.dark}}`);
  }
  return `/* source colours, generated from _data/sources.json */\n${light.join("\n")}\n@media (prefers-color-scheme: dark){\n${dark.join("\n")}\n}\n`;
}
