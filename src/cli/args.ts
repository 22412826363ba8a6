import { UsageError } from './command';

/** Parses a numeric option; anything else is a usage error that names the option. */
export function numberOption(flag: string, raw: string, { integer = false, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, exclusiveMin = false } = {}): number {
  const n = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(n) && (!integer || Number.isInteger(n)) && (exclusiveMin ? n > min : n >= min) && n <= max;
  if (!ok) {
    const range = Number.isFinite(max) ? ` from ${min} to ${max}` : exclusiveMin ? ` above ${min}` : Number.isFinite(min) ? ` of at least ${min}` : '';
    throw new UsageError(`${flag} takes a ${integer ? 'whole ' : ''}number${range}, not '${raw}'`);
  }
  return n;
}
