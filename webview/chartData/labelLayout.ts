/**
 * Which labels of the valence/arousal map to draw: 171 names cannot all fit, so
 * labels are placed in priority order and one that would overlap a label already
 * placed is left out (its point stays, and its name is in the point's tooltip).
 */
export interface LabelBox {
  id: number;
  /** Top-left corner and size in pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Higher goes first: plotted emotions, then the selected completion's top emotions. */
  priority: number;
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The ids of the labels to draw. Stable: equal priorities keep their input order. */
export function placeLabels(boxes: readonly LabelBox[], bounds?: { width: number; height: number }): Set<number> {
  const order = boxes.map((b, i) => [b, i] as const).sort((a, b) => b[0].priority - a[0].priority || a[1] - b[1]);
  const placed: LabelBox[] = [];
  for (const [box] of order) {
    if (bounds && (box.x < 0 || box.y < 0 || box.x + box.w > bounds.width || box.y + box.h > bounds.height)) continue;
    if (placed.some((p) => overlaps(p, box))) continue;
    placed.push(box);
  }
  return new Set(placed.map((b) => b.id));
}
