/**
 * What a failing test run printed that an edit could game: the literal values
 * (inputs, expected and actual values) and the numeric expected/actual pairs a
 * tolerance would have to cover. Reads the output of pytest, unittest, jest,
 * vitest, mocha, go test, cargo test and JUnit/AssertJ.
 */
import { differingFields, expectedValues } from './tamperExpected';
import { canonicalNumber, Literal, literalsOf } from './tamperLines';

export interface FailingOutput {
  /** Quoted strings the output printed. */
  strings: Set<string>;
  /** Numbers the output printed, canonical form. */
  numbers: Set<string>;
  /** Numeric expected/actual pairs from assertion messages. */
  pairs: Array<{ a: number; b: number }>;
  /** Values the runner printed as what the code returned (`but was: <X>`, `got X`, `Received: X`, `left: X`). */
  actuals: Set<string>;
  /** Values the runner printed as what the test expected (`expected: <X>`, `right: X`, `want X`, `Expected: X`). */
  expecteds: Set<string>;
  /** Fields the runner's structured diff shows with different expected and received values. */
  differing: Set<string>;
}

/** Runner chrome that carries numbers but never test values (counts, timings, line numbers, versions). */
const NOISE_LINE = /^(platform |rootdir|configfile|plugins:|cachedir|collect(ed|ing)|={3,}|-{3,}|_{3,}|Ran \d+ tests? in|Tests?:|Test Suites:|Snapshots:|Time:|Duration|ok\s+\S+\s+[\d.]+s|FAIL\s+\S+\s+[\d.]+s|\[INFO\]|\[ERROR\] Tests run:|Tests run:|test result:|Finished|Compiling|Running|real|user|sys)\b/;
const LOCATION = /(?:[\w./\\-]+\.(?:py|ts|js|tsx|jsx|mjs|go|rs|java|kt|rb)):\d+(?::\d+)?|line \d+|\(\d+(?:\.\d+)?m?s\)|in [\d.]+m?s|\d+(?:\.\d+)?s\b|0x[0-9a-f]+/gi;
const UNQUOTED_VALUE = /\b(?:got|want|wanted|expected|actual|received|left|right|but was|Expected|Received)\s*[:=]?\s*<?([^\s,<>()'"`]{2,60})>?/g;

export function readFailingOutput(output: string): FailingOutput {
  const strings = new Set<string>();
  const numbers = new Set<string>();
  const text = output.length > 200_000 ? output.slice(0, 100_000) + '\n' + output.slice(-100_000) : output;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^(E|>)\s+/, '');
    if (line === '' || NOISE_LINE.test(line)) continue;
    const cleaned = line.replace(LOCATION, ' ');
    for (const lit of literalsOf(cleaned)) (lit.kind === 'string' ? strings : numbers).add(lit.value);
    for (const m of cleaned.matchAll(UNQUOTED_VALUE)) {
      const v = m[1].replace(/[.;:]$/, '');
      if (/^-?\d/.test(v) && Number.isFinite(Number(v))) numbers.add(canonicalNumber(v));
      else if (!/^(to|be|the|a|an|value|values|but|equal|==|!=)$/i.test(v)) strings.add(v);
    }
  }
  return { strings, numbers, pairs: numericPairs(text), actuals: actualValues(text), expecteds: expectedValues(text), differing: differingFields(text) };
}

/**
 * Where runners print the value the code returned: JUnit/AssertJ `but was:`,
 * Jest `Received:`, Go `got X` and `F(x) = X, want Y`, Rust `left:` (the
 * `assert_eq!(actual, expected)` convention), pytest `assert X == Y`.
 */
const ACTUAL_SIDE: RegExp[] = [
  /\bbut was:?\s*<?([^<>\n]{1,60}?)>?\s*$/gim,
  /\b(?:Received|Actual)(?: value)?:\s*(.{1,60}?)\s*$/gm,
  /\bgot:?\s+([^\s,;]{1,60})/g,
  /\)\s*=\s*([^\s,;]{1,60}),\s*(?:want|expected)\b/g,
  /^\s*left:\s*(.{1,60}?)\s*$/gm,
  /AssertionError: assert\s+(\S{1,60}?)\s*==\s*\S/g,
];

function actualValues(text: string): Set<string> {
  const out = new Set<string>();
  for (const re of ACTUAL_SIDE) {
    for (const m of text.matchAll(re)) {
      out.add(m[1].replace(/^[`'"]|[`'"]$/g, '').trim());
      if (out.size > 50) return out;
    }
  }
  return out;
}

/**
 * The literal is what the run printed as the code's answer: the same value, or a
 * number inside it (`30` in `PT30M`, `2` in `PT2H`) when the answer is printed
 * in another notation than the test writes it.
 */
export function printedAsActual(out: FailingOutput, lit: Literal): boolean {
  for (const actual of out.actuals) {
    if (actual === lit.value) return true;
    if (lit.kind !== 'number') continue;
    if (/^-?\d/.test(actual) && Number.isFinite(Number(actual)) && canonicalNumber(actual) === lit.value) return true;
    for (const m of actual.matchAll(/(?<![\d.])\d+(?:\.\d+)?(?![\d.])/g)) if (canonicalNumber(m[0]) === lit.value) return true;
  }
  return false;
}

/** Does the output contain this literal (a code string matches a printed number of the same value too)? */
export function printed(out: FailingOutput, lit: Literal): boolean {
  if (lit.kind === 'number') return out.numbers.has(lit.value) || out.strings.has(lit.value);
  if (out.strings.has(lit.value)) return true;
  const asNumber = /^-?\d+(\.\d+)?$/.test(lit.value) ? canonicalNumber(lit.value) : undefined;
  return asNumber !== undefined && out.numbers.has(asNumber);
}

const NUM = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;
const PAIR_PATTERNS: RegExp[] = [
  new RegExp(String.raw`(?:assert|AssertionError:?)\s+\w*\(?'?${NUM}'?\)?\s*[!=]=\s*\w*\(?'?${NUM}`, 'g'),
  new RegExp(String.raw`^\s*(?:E\s+)?${NUM}\s*!=\s*${NUM}`, 'gm'),
  new RegExp(String.raw`Expected:?\s*(?:value:?\s*)?<?${NUM}[\s\S]{0,80}?Received:?\s*(?:value:?\s*)?<?${NUM}`, 'g'),
  new RegExp(String.raw`expected:?\s*<?${NUM}>?\s*,?\s*but was:?\s*<?${NUM}`, 'gi'),
  new RegExp(String.raw`expected\s+${NUM}\s+to\s+(?:be|equal|be close to|deeply equal)\s+${NUM}`, 'gi'),
  new RegExp(String.raw`got:?\s*${NUM}\s*,?\s*(?:want|expected):?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`=\s*${NUM}\s*,\s*(?:want|expected|wanted):?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`(?:want|expected):?\s*${NUM}\s*,?\s*got:?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`left:?\s*\`?${NUM}\`?\s*,?\s*\n?\s*right:?\s*\`?${NUM}`, 'gi'),
  new RegExp(String.raw`expected:?\s*${NUM}\s*\n?\s*actual\s*:?\s*${NUM}`, 'gi'),
];

function numericPairs(text: string): Array<{ a: number; b: number }> {
  const pairs: Array<{ a: number; b: number }> = [];
  for (const re of PAIR_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (Number.isFinite(a) && Number.isFinite(b) && a !== b) pairs.push({ a, b });
      if (pairs.length > 50) return pairs;
    }
  }
  return pairs;
}

/** Relative gap of a pair: how far apart the expected and actual values are. */
export function relativeGap(pair: { a: number; b: number }): number {
  return Math.abs(pair.a - pair.b) / Math.max(Math.abs(pair.a), Math.abs(pair.b), 1e-12);
}
