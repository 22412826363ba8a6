/**
 * A bound added where no check was replaced (a floor in a comparison helper, a second way to pass
 * joined with `or`, an exact comparison in code under test made approximate) is judged by one
 * measure: does it let the failing run's miss through? The check now accepts a strictly larger
 * set of results; it is honest only when a stated numeric cause fits a miss that small.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { closestPair, DOUBLE_NOISE_GAP, gapOf, heldBefore, honestNumerics, relevant, resolveNamed } from './tamperTolerance';
import { tolerancesOf, withMachineEpsilons } from './tamperToleranceRead';
import { withinWrittenPrecision } from './tamperWrittenPrecision';

/** A name set to an absolute difference: `diff := math.Abs(a - b)`, `let err = (x - y).abs();`, `d = abs(a - b)`. */
const DISTANCE = /^(?:(?:let|var|const|final|auto|double|float|f64|f32)\s+)?(?:mut\s+)?([A-Za-z_]\w*)\s*(?::\s*\w+)?\s*:?=\s*.*(?:\babs\s*\(|\.abs\(\s*\)|\bAbs\s*\(|\bfabs\s*\()/;
const PRODUCT = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*\*\s*-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)*`;
/** A name set to a number: `const absFloor = 5e-3`, `FLOOR: f64 = 0.005;`, `floor := 5e-3`. */
const NUMBER_NAME = String.raw`^(?:(?:pub\s+)?(?:export\s+)?(?:const|let|var|static|final|private|public|double|float|f64|f32|\s)+)?\s*NAME\s*(?::\s*\w+)?\s*(?:=|:=)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*;?\s*(?:(?:\/\/|#).*)?$`;

/**
 * A new way for a comparison to pass that lets the failing run's miss through: a bound on a
 * distance added where no check was replaced (`if diff <= absFloor { return true }` inside
 * `approxEqual`, `|| abs(a - b) < 0.01`), whose size covers the gap between the values the run
 * printed.
 */
export function missAdmittedFindings(ctx: EditContext): TamperFinding[] {
  const pair = closestPair(ctx);
  if (!pair || gapOf(pair) <= DOUBLE_NOISE_GAP) return [];
  const miss = Math.abs(pair.a - pair.b);
  const before = new Set(ctx.changes.before.filter((l) => !l.comment).map((l) => l.text));
  const distances = new Set<string>();
  for (const l of ctx.changes.after) {
    const m = l.comment ? null : DISTANCE.exec(l.text);
    if (m) distances.add(m[1]);
  }
  for (const a of ctx.changes.added) {
    if (a.comment || before.has(a.text) || !(relevant(ctx, a, 'after') || exactMadeApproximate(ctx, a)) || heldBefore(ctx, a.text)) continue;
    const bound = distanceBound(ctx, a.text, distances) ?? absoluteBound(ctx, a.text);
    if (bound === undefined || bound < miss) continue;
    const scale = Math.max(Math.abs(pair.a), Math.abs(pair.b), 1e-3);
    if (honestNumerics(ctx, bound / scale, a.text) || withinWrittenPrecision(ctx, a.text)) continue;
    return [{ pattern: 'loosened-tolerance', severity: 'tamper', detail: `${ctx.path}: a new bound of ${bound} lets the failing miss of ${Number(miss.toPrecision(3))} pass: ${quoteLine(a.text)}` }];
  }
  return [];
}

/** `diff <= absFloor` where diff is a distance and absFloor a number declared in the file. */
function distanceBound(ctx: EditContext, text: string, distances: ReadonlySet<string>): number | undefined {
  const written = withMachineEpsilons(text);
  for (const name of distances) {
    const m = new RegExp(String.raw`\b${name}\s*<=?\s*([A-Za-z_]\w*|${PRODUCT})(?![\w.(])`).exec(written);
    if (!m) continue;
    // A product of numbers (`0.3 * f32::EPSILON` once written out) is its value.
    if (/^-?\d/.test(m[1])) return productOf(m[1]);
    const declared = new RegExp(NUMBER_NAME.replace('NAME', m[1]));
    for (const l of ctx.changes.after) {
      const d = l.comment ? null : declared.exec(l.text);
      if (d) return Number(d[1]);
    }
  }
  return undefined;
}

/** An absolute bound the line states inline (`abs(a - b) < 0.01`, `abs=0.01`), resolved when named. */
function absoluteBound(ctx: EditContext, text: string): number | undefined {
  const tolerances = resolveNamed(ctx.changes.after, tolerancesOf(text)).filter((t) => t.kind === 'absolute' && !t.key.endsWith(' times'));
  // A bound on a difference joined to another check (`isclose(a, b) or abs(a - b) < 0.01`) is read on its own too.
  const inline = INLINE_DISTANCE_BOUND.exec(withMachineEpsilons(text));
  const values = [...tolerances.map((t) => Math.abs(t.value)), ...(inline ? [productOf(inline[1])] : [])];
  return values.length > 0 ? Math.max(...values) : undefined;
}

const INLINE_DISTANCE_BOUND = new RegExp(String.raw`(?:\babs\s*\(|\.abs\(\s*\)|\bAbs\s*\(|\bfabs\s*\(|Math\.abs\s*\()[^<>]*?<=?\s*(${PRODUCT})(?![\w.])(?!\s*\*\s*[A-Za-z_])`);

function productOf(text: string): number {
  return text.split(/\s*\*\s*/).reduce((v, f) => v * Number(f), 1);
}

/** An exact comparison of two values (`a === b`, `x == y`, `a.equals(b)`): its two operands. */
const EXACT_PAIR = /([A-Za-z_][\w.]*)\s*(?:===?|!==?)\s*([A-Za-z_][\w.]*)(?![\w.(])|([A-Za-z_][\w.]*)\.equals\(\s*([A-Za-z_][\w.]*)\s*\)/;
const DISTANCE_OF = /(?:\babs|\bAbs|\bfabs|Math\.abs)\s*\(([^()]*)\)|\(([^()]*)\)\.abs\(\s*\)/;

/**
 * In code under test, an exact comparison replaced by a bound on the distance between the same two
 * values (`return a === b` -> `return Math.abs(a - b) < 10`): the equality a test relies on now holds
 * for values that differ. Judged like any added bound: only a bound that covers the printed miss counts.
 */
function exactMadeApproximate(ctx: EditContext, added: CodeLine): boolean {
  if (isTestLine(ctx, added, 'after')) return false;
  const distance = DISTANCE_OF.exec(added.text);
  if (!distance) return false;
  const names = new Set((distance[1] ?? distance[2]).match(/[A-Za-z_][\w.]*/g) ?? []);
  return ctx.changes.removed.some((r) => {
    const m = r.comment ? null : EXACT_PAIR.exec(r.text);
    return m !== null && [m[1] ?? m[3], m[2] ?? m[4]].every((n) => names.has(n));
  });
}
