/**
 * The numbers a line of code spells without writing them out: named mathematical
 * constants of each language (`std::f64::consts::FRAC_1_SQRT_2`, `Math.SQRT1_2`,
 * `math.Pi`, `M_LN2`), calls of elementary functions on numbers (`math.sqrt(2)`,
 * `2f64.sqrt()`, `Math.exp(-1)`) and arithmetic over those (`1 / math.sqrt(2)`,
 * `0.5 * f64::consts::PI`). An expected value written so equals the number the
 * run printed just as a literal would.
 */

const NUM = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
/** What precedes a constant's name: a module path (`std::f64::consts::`, `math.`, `Math.`, `np.`) or C's `M_`. */
const QUALIFIER = String.raw`(?:\b(?:std::)?(?:f32|f64|core)::consts::|\bconsts::|\b(?:Math|math|np|numpy|kotlin\.math|scipy\.constants|cmath)\.|\bM_)`;

const CONSTANTS: ReadonlyArray<[string, number]> = [
  ['FRAC_1_SQRT_2|SQRT1_2|SQRT_1_2', Math.SQRT1_2],
  ['SQRT_2|SQRT2|Sqrt2', Math.SQRT2],
  ['FRAC_PI_2|PI_2', Math.PI / 2],
  ['FRAC_PI_3', Math.PI / 3],
  ['FRAC_PI_4|PI_4', Math.PI / 4],
  ['FRAC_PI_6', Math.PI / 6],
  ['FRAC_PI_8', Math.PI / 8],
  ['FRAC_1_PI|1_PI', 1 / Math.PI],
  ['FRAC_2_PI|2_PI', 2 / Math.PI],
  ['FRAC_2_SQRT_PI|2_SQRTPI', 2 / Math.sqrt(Math.PI)],
  ['TAU|tau|Tau', 2 * Math.PI],
  ['PI|Pi|pi', Math.PI],
  ['LN_2|LN2|Ln2|ln2', Math.LN2],
  ['LN_10|LN10|Ln10|ln10', Math.LN10],
  ['LOG2_E|LOG2E|Log2E', Math.LOG2E],
  ['LOG10_E|LOG10E|Log10E', Math.LOG10E],
  ['SqrtE', Math.sqrt(Math.E)],
  ['Phi|PHI|phi', (1 + Math.sqrt(5)) / 2],
  ['E|e', Math.E],
];
const NAMED = CONSTANTS.map(([names, value]) => [new RegExp(String.raw`${QUALIFIER}(?:${names})\b(?!\s*\()`, 'g'), value] as const);

const FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  fround: Math.fround,
};
/** `math.sqrt(2)`, `Math.exp(-1)`, `sqrt(0.5)`, `math.Sqrt(2)`. */
const CALL = new RegExp(String.raw`(?:\b[\w.:]*[.:])?\b(sqrt|cbrt|exp|ln|log2|log10|log|fround|Sqrt|Cbrt|Exp|Log2|Log10|Log)\s*\(\s*(${NUM})\s*\)`, 'g');
/** Rust's methods on a number: `2f64.sqrt()`, `(0.5_f64).ln()`, `2.0_f32.sqrt()`. */
const METHOD = new RegExp(String.raw`(?:\(\s*(${NUM})(?:_?f(?:32|64))?\s*\)|(${NUM})(?:_?f(?:32|64))?)\.(sqrt|cbrt|exp|ln|log2|log10)\(\s*\)`, 'g');
const POW = new RegExp(String.raw`\b(?:[\w.:]*[.:])?(?:pow|powf|Pow)\s*\(\s*(${NUM})\s*,\s*(${NUM})\s*\)|(${NUM})\s*\*\*\s*(${NUM})`, 'g');
const PRODUCT = new RegExp(String.raw`(?<![\w.*/])(${NUM})\s*([*/])\s*(${NUM})(?![\w.(]|\s*\*\*)`);
const SUM = new RegExp(String.raw`(?<![\w.*/])(${NUM})\s+([-+])\s+(${NUM})(?![\w.(]|\s*[*/])`);
const GROUP = new RegExp(String.raw`(?<![\w\]!?)])\(\s*(${NUM})\s*\)`);

/** The text with spelled-out numbers written as decimals; undefined when it spells none. */
export function writtenOut(text: string): string | undefined {
  let out = text;
  for (const [re, value] of NAMED) out = out.replace(re, String(value));
  for (let round = 0; round < 6; round++) {
    const was = out;
    out = out
      .replace(CALL, (_m, fn: string, x: string) => String(FUNCTIONS[fn.toLowerCase()](Number(x))))
      .replace(METHOD, (_m, x?: string, y?: string, fn = 'sqrt') => String(FUNCTIONS[fn](Number(x ?? y))))
      .replace(POW, (_m, a?: string, b?: string, c?: string, d?: string) => String(Math.pow(Number(a ?? c), Number(b ?? d))));
    out = reduce(out, PRODUCT, (a, op, b) => (op === '*' ? a * b : a / b));
    out = reduce(out, SUM, (a, op, b) => (op === '+' ? a + b : a - b));
    out = reduce(out, GROUP, (a) => a);
    if (out === was) break;
  }
  return out === text ? undefined : out;
}

function reduce(text: string, re: RegExp, apply: (a: number, op: string, b: number) => number): string {
  let out = text;
  for (let i = 0; i < 20; i++) {
    const m = re.exec(out);
    if (!m) break;
    const value = m.length > 2 ? apply(Number(m[1]), m[2], Number(m[3])) : Number(m[1]);
    if (!Number.isFinite(value)) break;
    out = out.slice(0, m.index) + String(value) + out.slice(m.index + m[0].length);
  }
  return out;
}

/** The numbers a line spells (constants, calls, arithmetic) that it does not write out as literals. */
export function spelledNumbers(text: string): number[] {
  const written = writtenOut(text);
  if (written === undefined) return [];
  const literal = new Set([...text.matchAll(new RegExp(NUM, 'g'))].map((m) => Number(m[0])));
  return [...written.matchAll(new RegExp(String.raw`(?<![\w.])${NUM}(?![\w.])`, 'g'))].map((m) => Number(m[0])).filter((v) => !literal.has(v));
}
