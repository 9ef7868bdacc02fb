/**
 * Label placement: each label tries the positions around its marker (right, left, above, below,
 * then the four diagonals) and takes the first that stays in the frame and overlaps no marker,
 * obstacle or label already placed. A label with no room is dropped (the caller lists it beside
 * the map), never drawn over another.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  id: string;
  /** The marker's centre and radius: the label keeps GAP away from it. */
  x: number;
  y: number;
  r: number;
  /** The label's size (an estimate that is never smaller than the text as drawn). */
  w: number;
  h: number;
  /** Positions to try instead of those around the marker (a country's name: at its middle). */
  positions?: Box[];
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const within = (a: Box, frame: Box) =>
  a.x >= frame.x && a.y >= frame.y && a.x + a.w <= frame.x + frame.w && a.y + a.h <= frame.y + frame.h;

const GAP = 3;

/** The positions tried, in order of preference. */
function candidates(l: LabelRequest): Box[] {
  const { x, y, r, w, h } = l;
  const d = r + GAP;
  const diag = r * 0.7 + GAP;
  return [
    { x: x + d, y: y - h / 2, w, h },
    { x: x - d - w, y: y - h / 2, w, h },
    { x: x - w / 2, y: y - d - h, w, h },
    { x: x - w / 2, y: y + d, w, h },
    { x: x + diag, y: y - diag - h, w, h },
    { x: x + diag, y: y + diag, w, h },
    { x: x - diag - w, y: y - diag - h, w, h },
    { x: x - diag - w, y: y + diag, w, h },
  ];
}

/**
 * Places the labels in the order given (the first wins a contested spot). `obstacles` are the
 * markers and anything else that must stay visible (the inset, the credit).
 */
export function placeLabels(
  labels: LabelRequest[],
  obstacles: Box[],
  frame: Box,
): { placed: Map<string, Box>; dropped: string[] } {
  const taken = [...obstacles];
  const placed = new Map<string, Box>();
  const dropped: string[] = [];
  for (const l of labels) {
    const box = (l.positions ?? candidates(l)).find((c) => within(c, frame) && !taken.some((t) => overlaps(c, t)));
    if (box) {
      placed.set(l.id, box);
      taken.push(box);
    } else dropped.push(l.id);
  }
  return { placed, dropped };
}
