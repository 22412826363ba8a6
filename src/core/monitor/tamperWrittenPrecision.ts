/**
 * A tolerance set to the precision the expected constant is written to: the
 * test writes `52.44` (8·log2 94 = 52.4367… rounded to two places) and a check
 * that demanded more digits than that could never pass against the exact
 * value. Widening it to half a unit in the constant's last written place, no
 * more, still demands every digit the test wrote; the value printed as actual
 * rounds to the constant. Only constants with at least three significant
 * digits count (a relative precision of 0.5% or finer): `52` with a tolerance
 * of 0.5 would pass a real miss.
 */
import type { EditContext } from './tamperContext';
import { Tolerance, tolerancesOf } from './tamperToleranceRead';

export function withinWrittenPrecision(ctx: EditContext, now: string): boolean {
  // Read as written, not canonical: `52.40` is written to two places, not one.
  for (const [written] of now.matchAll(/(?<![\w.])-?\d+\.\d+(?![\w.])/g)) {
    const constant = Number(written);
    const significant = written.replace(/^-?0*\.?0*|\./g, '').length;
    if (significant < 3) continue;
    const pair = ctx.output.pairs.find((p) => p.a === constant || p.b === constant);
    if (!pair) continue;
    const half = 0.5 * 10 ** -(written.split('.')[1].length);
    const slack = half * (1 + 1e-9);
    if (Math.abs(pair.a - pair.b) > slack) continue;
    // The check asks for exactly the digits the constant holds (a tighter old one asked for more than it has).
    const after = absoluteOf(tolerancesOf(now), constant);
    if (after !== undefined && after <= slack) return true;
  }
  return false;
}

/** The largest absolute miss the tolerances let through around `value`; undefined when one cannot be read so. */
function absoluteOf(tolerances: Tolerance[], value: number): number | undefined {
  if (tolerances.length === 0 || tolerances.some((t) => t.kind === 'ulps' || t.key.endsWith(' times'))) return undefined;
  const sizes = tolerances.map((t) => (t.kind === 'relative' ? t.value * Math.abs(value) : t.kind === 'digits' ? 0.5 * 10 ** -t.value : Math.abs(t.value)));
  return Math.max(...sizes);
}
