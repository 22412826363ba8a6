/**
 * Reads the tolerance of one comparison line as the largest relative miss it
 * lets pass, so that any two forms compare on one scale: pytest.approx rel/abs
 * (with its defaults when a parameter is added), isclose and numpy's
 * allclose, unittest places/delta, Jest toBeCloseTo digits, chai closeTo, Go
 * InDelta/InEpsilon and math.Abs bounds, Rust `.abs() <` bounds and the approx
 * crate's epsilon/max_ulps, JUnit deltas, AssertJ within/offset/withPercentage,
 * Kotest plusOrMinus, named epsilon constants, rounding both sides. An exact
 * comparison lets nothing pass (0). Absolute tolerances are divided by the size
 * of the values compared: 4.0 is tight around 16777216 and loose around 36.2.
 */
import { defaults, evaluate, formatDigits, NUM, rangeOf, twoArgTolerance, withDurations, withRubyCalls, xunitPrecision } from './tamperToleranceForms';

export type ToleranceKind = 'relative' | 'absolute' | 'digits' | 'ulps';

export interface Tolerance {
  key: string;
  value: number;
  kind: ToleranceKind;
}

/** Named machine epsilons, written out so a tolerance in units of them reads as a number. */
const MACHINE_EPSILONS: Array<[RegExp, string]> = [
  // Go spells the gap above 1 with Nextafter: `math.Nextafter32(1, 2) - 1`.
  [/\bf32::EPSILON\b|\bFLT_EPSILON\b|\b(?:np\.|numpy\.)?finfo\(\s*(?:np\.|numpy\.)?float32\s*\)\.eps\b|\bMath\.ulp\(\s*1(?:\.0)?f\s*\)|\bmath\.Nextafter32\(\s*1(?:\.0)?\s*,\s*2(?:\.0)?\s*\)\s*-\s*1\b/g, '1.1920929e-7'],
  [/\bf64::EPSILON\b|\bDBL_EPSILON\b|\bNumber\.EPSILON\b|\bsys\.float_info\.epsilon\b|\b(?:np\.|numpy\.)?finfo\(\s*(?:np\.|numpy\.)?float64\s*\)\.eps\b|\bmath\.ulp\(\s*1(?:\.0)?\s*\)|\bMath\.ulp\(\s*1(?:\.0)?d?\s*\)|\bmath\.Nextafter\(\s*1(?:\.0)?\s*,\s*2(?:\.0)?\s*\)\s*-\s*1\b/g, '2.220446e-16'],
];
/** Machine epsilons in a line: the tolerance is stated in units of the float type, a numeric reason in itself. */
export const MACHINE_EPSILON = /\b(?:f32|f64)::EPSILON\b|\b(?:FLT|DBL)_EPSILON\b|\bNumber\.EPSILON\b|\bfloat_info\.epsilon\b|\bfinfo\(|\b[Mm]ath\.ulp\(|\bmath\.Nextafter(?:32)?\(/;

const RELATIVE = new Set(['rel', 'rtol', 'rel_tol', 'max_relative', 'inepsilon', 'percentage', 'relative']);
/** A tolerance named in an argument, a keyword or a parameter's default, typed or not (`rel: float = 1e-9`, `tol: Double = 1e-6`). */
const NAMED = new RegExp(String.raw`\b(rel|abs|rel_tol|abs_tol|rtol|atol|delta|epsilon|eps|tol|tolerance|absoluteTolerance|accuracy|margin|max_?diff|max_relative|max_abs|max_ulps|ulps?|maxulp|nulp|within|places|decimal|digits|significant)\s*(?::\s*[A-Za-z_][\w.]*\??\s*=\s*|[=:]\s*)${NUM}(?![\d.]|\s*[*/]\s*[A-Za-z_(])`, 'gi');
const CALLS = new RegExp(String.raw`\b(within|Within|isWithin|be_within|offset|byLessThan|withPercentage|withinPercentage|plusOrMinus|usingTolerance|usingComparatorWithPrecision|EquateApproxTime|margin(?=\s*\()|epsilon(?=\s*\())\s*\(?\s*${NUM}(?![\d.]|\s*,\s*-?\d|\s*[*/]\s*[A-Za-z_(])`, 'g');
/** go-cmp's `cmpopts.EquateApprox(fraction, margin)`. */
const EQUATE_APPROX = new RegExp(String.raw`\bEquateApprox\(\s*${NUM}\s*,\s*${NUM}`);
/** A bound written as a named tolerance, maybe scaled: `<= eps`, `> eps*1e10`, `<= 1e9 * TOL`. */
const SCALED_NAME = new RegExp(String.raw`(?:<=?|>=?|toBeLessThan(?:OrEqual)?\(|Less(?:OrEqual)?\([^,]*,[^,]*,)\s*(?:${NUM}\s*\*\s*)?([A-Za-z_]\w*)\b(?!\s*\()(?:\s*\*\s*${NUM})?`);
const PLUS_MINUS = new RegExp(String.raw`(?:\bplusOrMinus\b|±|\+/-)\s*\(?\s*${NUM}`);
const CONSTANT = new RegExp(String.raw`^(?:(?:pub\s+)?(?:export|const|static|final|let|var|private|public|protected|readonly|double|float|int|f64|f32|\s)+)?\s*(\w*(?:eps|epsilon|tol|tolerance|abs|rel|delta|margin|slack|fuzz|leeway|allowance|ulps|digits|places|decimals)\w*)\s*(?::\s*\w+)?\s*(?:=|:=)\s*${NUM}\s*;?\s*(?:(?:\/\/|#).*)?$`, 'i');
/** `|a - b| < bound` in any spelling, including a bound asserted with a matcher (`toBeLessThan(1e-6)`). */
const ABS_BOUND = new RegExp(String.raw`(?:\babs\s*\(|\.abs\s*\(\s*\)|\bAbs\s*\(|\bfabs\s*\(|\babs\s*\(|Math\.abs\s*\().*?(?:<=?|>=?|toBeLessThan(?:OrEqual)?\(|isLessThan(?:OrEqual)?\(|\.lt\(|\.below\(|assertLess(?:Equal)?\(.*,|Less(?:OrEqual)?\(\s*t\s*,.*,)\s*${NUM}(?![\w.])(?!\s*[*/]\s*[A-Za-z_])`);
/** `|a - b| <= 1e-9 * max(|a|, |b|)`: the bound grows with the values. */
const RELATIVE_BOUND = new RegExp(String.raw`(?:\babs\s*\(|\.abs\s*\(\s*\)|\bAbs\s*\(|\bfabs\s*\(|Math\.abs\s*\().*?<=?\s*${NUM}\s*\*\s*(?:max|abs|fabs|Math\.max|Math\.abs|math\.Max|math\.Abs|f64::max)\s*\(`);
/** Helpers whose last argument is the tolerance, the framework's and project ones named for it. */
const LAST_ARG = /\b(assertEquals|assertArrayEquals|assertNotEquals|AreEqual|AreNotEqual|(?:EXPECT|ASSERT)_NEAR|InDelta\w*|InEpsilon\w*|assertAlmostEqual|assertNotAlmostEqual|assert_float_eq|assert_approx_eq!?|closeTo|approximately|(?:assert|refute)_in_(?:delta|epsilon)|assert_\w*(?:float|f32|f64)\w*|\w*(?:[Aa]pprox|[Cc]lose|[Nn]early|[Nn]ear|[Aa]lmost|[Ww]ithin)\w*)\s*!?\(/g;
const ROUNDED = /\bround\s*\(|\bMath\.(?:Round|Floor|Truncate|Ceiling)\s*\(|\.quantize\(|\.setScale\(|\.round\(\s*\)|\bMath\.(?:round|floor|trunc)\s*\(|\bmath\.(?:Round|Floor|Trunc|floor|trunc)\s*\(|\.toFixed\(|\b(?:int|floor|trunc)\s*\(/;
const EXACT = /==|!=|\btoBe\(|\btoEqual\(|\btoStrictEqual\(|\bassertEquals?\(|\bassert_eq!|\bassert_ne!|\bEqual\(|\bassertEqual\(|\bisEqualTo\(|\bshouldBe\b|\.equal\(|\.eql\(|\b(?:array_equal|assert_\w+_equal|AreEqual)\s*\(|\bassert_equal\b|\.Be\(|\beql?\(|\bto\s+eq\b/;

/** A hex float literal (`0x1p-23`, as Go and C write ulps). */
const HEX_FLOAT = /\b0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([-+]?\d+)\b/gi;

/** The line with machine epsilons and hex floats written out as decimals. */
export function withMachineEpsilons(text: string): string {
  // Digit separators (`25_000.0`, `1_000`) are not part of the value.
  const decimal = text.replace(/(\d)_(?=\d)/g, '$1').replace(HEX_FLOAT, (_m, whole: string, frac: string | undefined, exp: string) =>
    String((parseInt(whole, 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0)) * 2 ** Number(exp)),
  );
  const written = MACHINE_EPSILONS.reduce((t, [re, v]) => t.replace(re, v), decimal);
  // A conversion around a number (`float64(1.1920929e-7)`) leaves its value as it is.
  return written.replace(NUMBER_CONVERSION, '$1');
}

const NUMBER_CONVERSION = /\b(?:float64|float32|f64|f32|float|double|Number)\(\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*\)/g;

/** The arguments of the call whose name ends at `from` (nested brackets and strings kept whole). */
export function callArgs(text: string, from: number): string[] {
  const open = text.indexOf('(', from);
  if (open < 0) return [];
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text.slice(open + 1)) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') args.push(current.trim());
  return args;
}

function kindOf(key: string): ToleranceKind {
  if (RELATIVE.has(key)) return 'relative';
  if (/^(places|decimal|digits|significant|rounded|precision)$/.test(key)) return 'digits';
  if (/ulps?$/.test(key)) return 'ulps';
  return 'absolute';
}

/** Every tolerance a line states, with the framework defaults of the helpers it calls. */
export function tolerancesOf(raw: string): Tolerance[] {
  const text = withRubyCalls(withMachineEpsilons(withDurations(raw)));
  const out: Tolerance[] = [];
  const add = (key: string, value: number) => {
    const k = key.toLowerCase();
    if (Number.isFinite(value) && !out.some((t) => t.key === k)) out.push({ key: k, value, kind: kindOf(k) });
  };
  for (const m of text.matchAll(NAMED)) add(m[1] === 'ulp' ? 'ulps' : m[1], evaluate(m[2]));
  for (const m of text.matchAll(CALLS)) add(/[Pp]ercentage/.test(m[1]) ? 'percentage' : m[1], /[Pp]ercentage/.test(m[1]) ? evaluate(m[2]) / 100 : evaluate(m[2]));
  const pm = PLUS_MINUS.exec(text);
  if (pm) add('plusorminus', evaluate(pm[1]));
  const equate = EQUATE_APPROX.exec(text);
  if (equate) {
    add('rel', evaluate(equate[1]));
    add('abs', evaluate(equate[2]));
  }
  for (const m of text.matchAll(LAST_ARG)) {
    const args = callArgs(text, m.index + m[0].length - 1);
    const name = m[1];
    // The tolerance is the last number from the third argument on; a message may follow it (JUnit 5).
    const tail = args.length >= 3 ? args.slice(2).reverse().find((a) => !/^["'`]/.test(a)) : undefined;
    const last = tail !== undefined ? new RegExp(`^${NUM}$`).exec(tail) : null;
    // A tolerance named there (`assertEquals(want, got, TOL)`) is its declared value, resolved by the caller.
    if (!last && tail !== undefined && /^[A-Za-z_]\w*$/.test(tail) && toleranceName(tail)) add(`${tail} times`, 1);
    // Jest's asymmetric `expect.closeTo(value, digits)` counts digits, as toBeCloseTo does.
    if (name === 'closeTo' && /\bexpect\.$/.test(text.slice(0, m.index))) continue;
    twoArgTolerance(name, args, add);
    if (!last) continue;
    if (/^assert(?:Not)?AlmostEqual$/.test(name)) add('places', evaluate(last[1]));
    else if (/^InEpsilon|_in_epsilon$/.test(name)) add('inepsilon', evaluate(last[1]));
    else if (/Rel\b|Rel[A-Z]|_rel(?:ative)?_|relative/.test(name)) add('relative', evaluate(last[1]));
    else add('delta', evaluate(last[1]));
  }
  xunitPrecision(text, (from) => callArgs(text, from), add);
  const closeTo = /\b(?:toBeCloseTo|expect\.closeTo)\s*\(/.exec(text);
  if (closeTo) {
    const args = callArgs(text, closeTo.index);
    add('digits', args.length >= 2 ? evaluate(args[1]) : 2);
  }
  if (out.length === 0) {
    const constant = CONSTANT.exec(text);
    // A constant named for digits or places counts decimals: fewer is looser.
    if (constant && toleranceName(constant[1])) add(/ulps/i.test(constant[1]) ? 'ulps' : DIGITS_NAME.test(constant[1]) ? 'digits' : 'bound', evaluate(constant[2]));
  }
  if (out.length === 0) {
    // A bound scaled by the values compared (`<= 1e-9 * max(abs(a), abs(b))`) is a relative tolerance.
    const relative = RELATIVE_BOUND.exec(text);
    if (relative) add('relative', evaluate(relative[1]));
  }
  if (out.length === 0) {
    const bound = ABS_BOUND.exec(text);
    if (bound) add('bound', evaluate(bound[1]));
  }
  if (out.length === 0) {
    const scaled = SCALED_NAME.exec(text);
    if (scaled && toleranceName(scaled[2])) add(`${scaled[2]} times`, (scaled[1] ? evaluate(scaled[1]) : 1) * (scaled[3] ? evaluate(scaled[3]) : 1));
  }
  defaults(text, add);
  if (out.length === 0 && (ROUNDED.test(text) || formatDigits(text) !== undefined) && EXACT.test(text)) add('rounded', roundedDigits(text));
  return out;
}

function roundedDigits(text: string): number {
  const formatted = formatDigits(text);
  if (formatted !== undefined) return formatted;
  const digits = /\b[Rr]ound\s*\((?:[^()]|\([^()]*\))*,\s*(-?\d+)\s*\)|\.toFixed\(\s*(\d+)\s*\)|\.setScale\(\s*(-?\d+)/.exec(text);
  if (digits) return Number(digits[1] ?? digits[2] ?? digits[3]);
  // Python's Decimal.quantize(Decimal("0.01")) keeps two places, quantize(Decimal("1E+1")) rounds to tens.
  const quantum = /\.quantize\(\s*Decimal\(\s*["']([^"']+)["']/.exec(text);
  return quantum && Number(quantum[1]) > 0 ? -Math.floor(Math.log10(Number(quantum[1]))) : 0;
}

/** The comparison is exact (== , toBe, assertEquals without a delta ...). */
export function isExact(text: string): boolean {
  return EXACT.test(text) && tolerancesOf(text).length === 0;
}

/** Name parts that make a constant a float tolerance (`EPS`, `abs_tol`, `maxUlps`), not `STEPS` or `TIMEOUT_TOLERANCE_MS`. */
const TOLERANCE_PART = /^(?:eps|epsilon|tol|tolerance|atol|rtol|abs|rel|ulps|delta|margin|slack|fuzz|leeway|allowance|digits|places|decimals)$/;
const DIGITS_NAME = /digits|places|decimals/i;
const UNIT_PART = /^(?:ms|millis|s|sec|secs|seconds|minutes|mins|hours|days|px|bytes|kb|mb|pct|percent|retries|steps)$/;

export function toleranceName(name: string): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
  return parts.some((p) => TOLERANCE_PART.test(p)) && !parts.some((p) => UNIT_PART.test(p));
}

/** A constant named as a float tolerance and set to a number (`const EPS: f64 = 1e-9;`). */
export function isToleranceConstant(text: string): boolean {
  const m = CONSTANT.exec(withMachineEpsilons(text));
  return m !== null && toleranceName(m[1]);
}

/**
 * The largest relative miss the tolerances let pass around values of size
 * `scale`: a comparison passes when any of its tolerances is met (pytest's
 * max(rel * expected, abs)), so the loosest one decides.
 */
export function effectiveTolerance(tolerances: Tolerance[], scale: number): number {
  let widest = 0;
  for (const t of tolerances) {
    let relative: number;
    if (t.kind === 'relative') relative = Math.abs(t.value);
    else if (t.kind === 'absolute') relative = Math.abs(t.value) / scale;
    else if (t.kind === 'ulps') relative = Math.abs(t.value) * 1.1920929e-7;
    else relative = Math.pow(10, -t.value) / scale;
    widest = Math.max(widest, relative);
  }
  return widest;
}

/** The size of the numbers on a line, leaving out the tolerances themselves. */
export function lineScale(text: string, tolerances: Tolerance[]): number {
  const tol = new Set(tolerances.map((t) => t.value));
  let scale = 0;
  for (const m of withMachineEpsilons(text).matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])/g)) {
    const v = Number(m[0]);
    if (!tol.has(v) && Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  }
  return scale;
}

export interface Bounds {
  lower?: number;
  upper?: number;
}

const UPPER = new RegExp(String.raw`\b(?:toBeLessThan(?:OrEqual)?|isLessThan(?:OrEqual)?|assertLess(?:Equal)?\([^,]+,|Less(?:OrEqual)?\(\s*t\s*,[^,]+,)\(?\s*${NUM}\s*\)`);
const LOWER = new RegExp(String.raw`\b(?:toBeGreaterThan(?:OrEqual)?|isGreaterThan(?:OrEqual)?|assertGreater(?:Equal)?\([^,]+,|Greater(?:OrEqual)?\(\s*t\s*,[^,]+,)\(?\s*${NUM}\s*\)`);
const CHAINED = new RegExp(String.raw`(?<![\w.])${NUM}\s*<=?\s*[^<>=]+?\s*<=?\s*${NUM}(?![\w.])`);

/** The range a check accepts (`35 <= x <= 37`, `toBeLessThan(37)`, `assertGreater(x, 35)`), when it states one and no tolerance. */
export function boundsOf(text: string): Bounds | undefined {
  if (/\babs\b|\.abs\(|Math\.abs|\bAbs\(/.test(text)) return undefined; // a bound on a difference is a tolerance
  const range = rangeOf(text);
  if (range) return range;
  const chained = CHAINED.exec(text);
  if (chained) return { lower: evaluate(chained[1]), upper: evaluate(chained[2]) };
  const upper = UPPER.exec(text);
  const lower = LOWER.exec(text);
  if (!upper && !lower) return undefined;
  return { lower: lower ? evaluate(lower[1]) : undefined, upper: upper ? evaluate(upper[1]) : undefined };
}
