/**
 * The framework surface a tolerance is written through, beyond named arguments:
 * helpers' defaults (pytest.approx, numpy, torch, pandas, unittest, approx),
 * matchers that take the expected value and a tolerance (Hamcrest closeTo,
 * FluentAssertions BeApproximately, Catch2 WithinAbs/WithinRel/WithinULP),
 * digits kept by a format before an exact comparison (`f"{x:.2f}"`, `"%.3f"`,
 * `format!("{:.2}")`, `toPrecision`, C# `ToString("F2")`), xUnit's precision
 * argument, durations written as units (`time.Millisecond`, `timedelta(hours=1)`,
 * `ChronoUnit.SECONDS`) and Ruby's calls without brackets.
 */

/** A number, or a product or quotient of numbers (`1e-9 * 1e10`), after machine epsilons are written out. */
export const NUM = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*[*/]\s*-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)*)`;

export function evaluate(expr: string): number {
  const [first, ...rest] = expr.split(/\s*([*/])\s*/);
  let value = Number(first);
  for (let i = 0; i < rest.length; i += 2) value = rest[i] === '*' ? value * Number(rest[i + 1]) : value / Number(rest[i + 1]);
  return value;
}

type Add = (key: string, value: number) => void;

/** The tolerances a helper applies when the line does not name them. */
export function defaults(text: string, add: Add): void {
  if (/\bapprox\s*\(/.test(text) && !/\bapprox\s*\([^)]*\b(?:rel|abs)\s*=/.test(text)) {
    add('rel', 1e-6);
    add('abs', 1e-12);
  } else if (/\bapprox\s*\(/.test(text)) {
    add(/\brel\s*=/.test(text) ? 'abs' : 'rel', /\brel\s*=/.test(text) ? 1e-12 : 1e-6);
  }
  if (/\b(?:np|numpy)\.isclose\s*\(|\ballclose\s*\(/.test(text) && !/\bassert_allclose/.test(text)) {
    add('rtol', 1e-5);
    add('atol', 1e-8);
  } else if (/\bassert_allclose\s*\(/.test(text)) {
    add('rtol', 1e-7);
    add('atol', 0);
  } else if (/\bisclose\s*\(/.test(text)) {
    add('rel_tol', 1e-9);
    add('abs_tol', 0);
  }
  // torch.testing.assert_close on float32; pandas compares floats within rtol/atol unless told check_exact=True.
  if (/\bassert_close\s*\(/.test(text)) {
    add('rtol', 1.3e-6);
    add('atol', 1e-5);
  }
  if (/\bassert_(?:frame|series|index|extension_array)_equal\s*\(/.test(text) && !/\bcheck_exact\s*=\s*True\b/.test(text)) {
    add('rtol', 1e-5);
    add('atol', 1e-8);
  }
  if (/\bassert(?:Not)?AlmostEqual\s*\(/.test(text) && !/\bdelta\s*=/.test(text)) add('places', 7);
  if (/\bassert_almost_equal\s*\(/.test(text)) add('decimal', 7);
  if (/\bassert_array_almost_equal\s*\(/.test(text)) add('decimal', 6);
  if (/\b(?:assert_)?(?:abs_diff_eq|relative_eq)!\s*\(/.test(text)) add('epsilon', 2.220446e-16);
  if (/\b(?:assert_)?ulps_eq!\s*\(/.test(text)) add('max_ulps', 4);
}

/** Matchers of two arguments, the expected value and the tolerance, and what kind the tolerance is. */
const TWO_ARGS: Record<string, string> = {
  closeTo: 'delta',
  approximately: 'delta',
  BeApproximately: 'delta',
  NotBeApproximately: 'delta',
  isCloseTo: 'delta',
  WithinAbs: 'delta',
  WithinRel: 'rel',
  WithinULP: 'ulps',
};

/** `closeTo(36.2, 0.001)`, `BeApproximately(36.2, 0.01)`, `WithinRel(36.2, 0.001)`: the second argument. */
export function twoArgTolerance(name: string, args: string[], add: Add): void {
  const key = TWO_ARGS[name];
  const value = key !== undefined && args.length === 2 ? new RegExp(`^${NUM}f?$`).exec(args[1]) : null;
  if (key !== undefined && value) add(key, evaluate(value[1]));
}

/**
 * xUnit's `Assert.Equal(expected, actual, precision)`: decimal places compared, fewer is looser.
 * Go's testify writes `assert.Equal(t, ...)` in lower case and never takes a precision.
 */
export function xunitPrecision(text: string, args: (from: number) => string[], add: Add): void {
  const m = /\bAssert\.(?:Not)?Equal\s*\(/.exec(text);
  if (!m) return;
  const named = /\bprecision\s*:\s*(-?\d+)\b/.exec(text);
  if (named) return add('precision', Number(named[1]));
  const a = args(m.index + m[0].length - 1);
  if (a.length >= 3 && /^-?\d+$/.test(a[2])) add('precision', Number(a[2]));
}

/** Digits a format keeps before the strings are compared: `{x:.2f}`, `{:.2}`, `"%.3f"`, `format(x, ".2f")`, `toPrecision(3)`, `ToString("F2")`. */
const FORMAT_DIGITS = /\{[^{}]*:[-+ #0-9,_]*\.(\d+)[fFeEgG%]?\}|%[-+ #0-9]*\.(\d+)[fFeEgG]|\bformat\s*\([^,]*,\s*["'][-+ #0-9,_]*\.(\d+)[fFeEgG%]?["']|\.toPrecision\(\s*(\d+)\s*\)|\.ToString\(\s*"[FfNnEeGg](\d+)"/;

export function formatDigits(text: string): number | undefined {
  const m = FORMAT_DIGITS.exec(text);
  if (!m) return undefined;
  return Number(m.slice(1).find((d) => d !== undefined));
}

/** Seconds in each unit a duration is written in. */
const SECONDS: Record<string, number> = {
  nanosecond: 1e-9, nanos: 1e-9, microsecond: 1e-6, micros: 1e-6, millisecond: 1e-3, millis: 1e-3, milliseconds: 1e-3,
  second: 1, seconds: 1, minute: 60, minutes: 60, hour: 3600, hours: 3600, day: 86400, days: 86400, weeks: 604800,
};

/**
 * Durations written out as numbers, so a time tolerance reads as one: Go's in nanoseconds as Go
 * counts them (`float64(50*time.Millisecond)` is 5e7, as testify prints it), Python
 * `timedelta(seconds=5)`, Java `Duration.ofMillis(5)` and `within(5, ChronoUnit.MILLIS)` in seconds.
 */
export function withDurations(text: string): string {
  if (!/\btime\.[A-Z]|\btimedelta\(|\bDuration\.of|\b(?:ChronoUnit\.)?(?:NANOS|MICROS|MILLIS|SECONDS|MINUTES|HOURS|DAYS)\b/.test(text)) return text;
  const unit = (u: string) => SECONDS[u.toLowerCase()];
  return text
    .replace(/\b(?:(-?\d+(?:\.\d+)?)\s*\*\s*)?time\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)\b/g, (_m, n: string | undefined, u: string) => String((n === undefined ? 1 : Number(n)) * unit(u) * 1e9))
    .replace(/\btimedelta\(\s*(\w+)\s*=\s*(-?\d+(?:\.\d+)?)\s*\)/g, (m, u: string, n: string) => (unit(u) === undefined ? m : String(Number(n) * unit(u))))
    .replace(/\bDuration\.of(Nanos|Millis|Seconds|Minutes|Hours|Days)\(\s*(\d+)L?\s*\)/g, (_m, u: string, n: string) => String(Number(n) * unit(u)))
    .replace(/(-?\d+(?:\.\d+)?)L?\s*,\s*(?:ChronoUnit\.)?(NANOS|MICROS|MILLIS|SECONDS|MINUTES|HOURS|DAYS)\b/g, (_m, n: string, u: string) => String(Number(n) * unit(u)));
}

/** Ruby's minitest asserts written without brackets (`assert_in_delta 36.2, tax, 0.01`), read as calls. */
export function withRubyCalls(text: string): string {
  if (!text.startsWith('assert_') && !text.startsWith('refute_')) return text;
  return text.replace(/^((?:assert|refute)_(?:in_delta|in_epsilon|equal))\s+(?!\()(.+?)\s*$/, '$1($2)');
}

/** A range a matcher accepts between two numbers: Jest-extended `toBeWithin(35, 37)`, chai `within(35, 37)`, RSpec `be_between(35, 37)`, AssertJ `isBetween(35, 37)`. */
const RANGE_CALL = new RegExp(String.raw`\b(?:toBeWithin|within|be_between|isBetween|isStrictlyBetween|inRange|InRange)\s*\(\s*${NUM}\s*,\s*${NUM}\s*[,)]`);

export function rangeOf(text: string): { lower: number; upper: number } | undefined {
  const m = RANGE_CALL.exec(text);
  return m ? { lower: evaluate(m[1]), upper: evaluate(m[2]) } : undefined;
}
