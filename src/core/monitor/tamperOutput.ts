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
  /** The output's value lines (runner chrome and file locations left out), for values printed unquoted inside a longer token. */
  valueText: string;
  /** Function names (and `module:<file stem>`) of the project code the failing run's tracebacks went through. */
  frames: Set<string>;
  /** The output itself (head and tail when long), for values printed without quotes (`next after 2024-03-10T01:50`). */
  raw: string;
  /** Values the runner printed as what the test expected (`expected: <X>`, `right: X`, `want X`, `Expected: X`). */
  expecteds: Set<string>;
  /** Fields the runner's structured diff shows with different expected and received values. */
  differing: Set<string>;
}

/** How much of the output is searched for unquoted values: runners print the failing values near the top and the bottom. */
const RAW_KEPT = 20_000;

/** Runner chrome that carries numbers but never test values (counts, timings, line numbers, versions). */
const NOISE_LINE = /^(platform |rootdir|configfile|plugins:|cachedir|collect(ed|ing)|={3,}|-{3,}|_{3,}|Ran \d+ tests? in|Tests?:|Test Suites:|Snapshots:|Time:|Duration|ok\s+\S+\s+[\d.]+s|FAIL\s+\S+\s+[\d.]+s|\[INFO\]|\[ERROR\] Tests run:|Tests run:|test result:|Finished|Compiling|Running|real|user|sys|Start(?:ed)? at)\b/;
const LOCATION = /(?:[\w./\\-]+\.(?:py|ts|js|tsx|jsx|mjs|go|rs|java|kt|rb)):\d+(?::\d+)?|line \d+|\(\d+(?:\.\d+)?m?s\)|in [\d.]+m?s|\d+(?:\.\d+)?s\b|0x[0-9a-f]{9,}|Time elapsed:\s*[\d.]+\s*s\b/gi;
const UNQUOTED_VALUE = /\b(?:got|want|wanted|expected|actual|received|left|right|but was|Expected|Received)\s*[:=]?\s*<?([^\s,<>()'"`]{2,60})>?/g;

export function readFailingOutput(output: string): FailingOutput {
  const strings = new Set<string>();
  const numbers = new Set<string>();
  const valueLines: string[] = [];
  const text = output.length > 200_000 ? output.slice(0, 100_000) + '\n' + output.slice(-100_000) : output;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/^(E|>)\s+/, '');
    if (line === '' || NOISE_LINE.test(line)) continue;
    const cleaned = line.replace(LOCATION, ' ');
    valueLines.push(cleaned);
    for (const lit of literalsOf(cleaned)) (lit.kind === 'string' ? strings : numbers).add(lit.value);
    for (const m of cleaned.matchAll(UNQUOTED_VALUE)) {
      const v = m[1].replace(/[.;:]$/, '');
      if (/^-?\d/.test(v) && Number.isFinite(Number(v))) numbers.add(canonicalNumber(v));
      else if (!/^(to|be|the|a|an|value|values|but|equal|==|!=)$/i.test(v)) strings.add(v);
    }
  }
  const raw = text.length > RAW_KEPT ? `${text.slice(0, RAW_KEPT / 2)}\n${text.slice(-RAW_KEPT / 2)}` : text;
  return {
    strings,
    numbers,
    pairs: numericPairs(text),
    actuals: actualValues(text),
    expecteds: expectedValues(text),
    differing: differingFields(text),
    valueText: valueLines.join('\n'),
    frames: failingFrames(text),
    raw,
  };
}

/**
 * Where runners print the value the code returned: JUnit/AssertJ `but was:`,
 * Jest `Received:`, Go `got X` and `F(x) = X, want Y`, Rust `left:` (the
 * `assert_eq!(actual, expected)` convention), pytest `assert X == Y`.
 */
const ACTUAL_SIDE: RegExp[] = [
  /\bbut was:?\s*<?([^<>\n]{1,60}?)>?\s*$/gim,
  /\b(?:Received|Actual)(?: value)?:\s*(.{1,60}?)\s*$/gm,
  /\b[Gg]ot:?\s+([^\s,;]{1,60})/g,
  /\b(?:Your output|Output|Obtained):\s*(.{1,60}?)\s*$/gm,
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

/** The value was printed, printed as the actual one, or is a side of a printed numeric pair. */
export function printedOrPaired(out: FailingOutput, lit: Literal): boolean {
  if (printed(out, lit) || printedAsActual(out, lit)) return true;
  const n = Number(lit.value);
  return lit.kind === 'number' && out.pairs.some((p) => p.a === n || p.b === n);
}

/** Does the output contain this literal (a code string matches a printed number of the same value too)? */
export function printed(out: FailingOutput, lit: Literal): boolean {
  if (lit.kind === 'number') return out.numbers.has(lit.value) || out.strings.has(lit.value);
  if (out.strings.has(lit.value)) return true;
  const asNumber = /^-?\d+(\.\d+)?$/.test(lit.value) ? canonicalNumber(lit.value) : undefined;
  if (asNumber !== undefined) return out.numbers.has(asNumber);
  return printedInsideToken(out, lit.value) || printedUnquoted(out, lit.value) || printedInParts(out, lit.value);
}

/**
 * A string with digits (a version, a date, an id) printed unquoted as part of a longer token:
 * `2.4.0` in `picked 2.4.0+build.9`. Plain words and one-digit strings (`utf-8`) are everywhere.
 */
function printedInsideToken(out: FailingOutput, value: string): boolean {
  if (value.length < 3 || value.length > 60 || (value.match(/\d/g) ?? []).length < 2 || /\s/.test(value)) return false;
  // Every occurrence, not at the end or start of a longer word or number (`(?<![\w.])value(?![\w]|\.\w)`):
  // found with indexOf, since building a regular expression per value costs more than the search
  // when a rewritten file asks for thousands of values.
  const text = out.valueText;
  const word = (c: string | undefined) => c !== undefined && /\w/.test(c);
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    const end = at + value.length;
    if (word(text[at - 1]) || text[at - 1] === '.' || word(text[end]) || (text[end] === '.' && word(text[end + 1]))) continue;
    return true;
  }
  return false;
}

/** A data value (digits and punctuation, 5+ characters: a date, a flag, a version) the output shows as a whole token, quoted or not. */
function printedUnquoted(out: FailingOutput, value: string): boolean {
  if (value.length < 5 || value.length > 120 || !/\d/.test(value) || !/[^\w\s]/.test(value) || !out.raw.includes(value)) return false;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w])${escaped}(?![\\w])`).test(out.raw);
}

/**
 * A string joined from printed values (`'--retries=3 -v config.yaml'` from the
 * argv `['--retries=3', '-v', 'config.yaml']`, `"15@2024-03-10T01:50"`): every
 * telling part was printed. Small numbers between them (a step, an index) need not be.
 */
function printedInParts(out: FailingOutput, value: string): boolean {
  const pieces = value.split(/[\s@|,;]+/);
  const parts = pieces.filter((p) => p.length >= 2 && !/^\d{1,2}$/.test(p));
  // One piece is the value itself, already looked for whole.
  if (pieces.length < 2 || parts.length === 0) return false;
  return parts.every((p) => out.strings.has(p) || printedUnquoted(out, p));
}

const NUM = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;
const PAIR_PATTERNS: RegExp[] = [
  // A wrapper name may come before each value (`Decimal('0.12')`); it starts with a letter, so it never eats the value's digits.
  new RegExp(String.raw`(?:assert|AssertionError:?)\s+(?:[A-Za-z_][\w.]*)?\(?'?${NUM}'?\)?\s*[!=]=\s*(?:[A-Za-z_][\w.]*)?\(?'?${NUM}`, 'g'),
  new RegExp(String.raw`^\s*(?:E\s+)?${NUM}\s*!=\s*${NUM}`, 'gm'),
  new RegExp(String.raw`Expected:?\s*(?:value:?\s*)?<?${NUM}[\s\S]{0,80}?Received:?\s*(?:value:?\s*)?<?${NUM}`, 'g'),
  new RegExp(String.raw`expected:?\s*<?${NUM}>?\s*,?\s*but was:?\s*<?${NUM}`, 'gi'),
  new RegExp(String.raw`expected\s+${NUM}\s+to\s+(?:be|equal|be close to|deeply equal)\s+${NUM}`, 'gi'),
  new RegExp(String.raw`got:?\s*${NUM}\s*,?\s*(?:want|expected):?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`=\s*${NUM}\s*,\s*(?:want|expected|wanted):?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`(?:want|expected):?\s*${NUM}\s*,?\s*got:?\s*${NUM}`, 'gi'),
  new RegExp(String.raw`left:?\s*\`?${NUM}\`?\s*,?\s*\n?\s*right:?\s*\`?${NUM}`, 'gi'),
  new RegExp(String.raw`expected:?\s*${NUM}\s*\n?\s*actual\s*:?\s*${NUM}`, 'gi'),
  // testify InDelta/InEpsilon: `Max difference between 36.2 and 45.8 allowed is ...`.
  new RegExp(String.raw`difference between\s+${NUM}\s+and\s+${NUM}`, 'gi'),
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

/** Frames of project code in a failing run's traceback (not the runner's, the standard library's or installed packages'). */
const FRAMES: RegExp[] = [
  /^\s*([\w./\\-]+\.py):\d+: in (\w+)/gm, // pytest's short traceback
  /File "([^"]+)", line \d+, in (\w+)/g, // Python's own traceback
  /\bat (?:[\w$]+\.)*?([\w$]+) \(((?:[\w./\\-]+)\.[cm]?[jt]sx?):\d+:\d+\)/g, // V8: at fn (src/x.ts:3:5)
];
const NOT_PROJECT = /site-packages|dist-packages|[\\/]lib[\\/]python\d|[\\/]usr[\\/]lib|node_modules|^node:|^internal[\\/]|_pytest|pluggy/;
const TEST_FUNCTION = /^(?:test\w*|Test\w*|<module>|setUp|tearDown|it|describe)$/;

/** Function names of the project frames the failing run went through. */
function failingFrames(output: string): Set<string> {
  const names = new Set<string>();
  for (const re of FRAMES) {
    for (const m of output.matchAll(re)) {
      // The V8 pattern captures the name first, the others the path first.
      const [path, name] = re === FRAMES[2] ? [m[2], m[1]] : [m[1], m[2]];
      if (NOT_PROJECT.test(path) || TEST_FUNCTION.test(name) || /(?:^|[\\/])(?:tests?[\\/]|test_|conftest)|\.(?:test|spec)\.\w+$/.test(path)) continue;
      names.add(name);
      // The module too (`src/money.ts` -> `money`): a whole module can be mocked.
      names.add(`module:${path.replace(/^.*[\\/]/, '').replace(/\.\w+$/, '')}`);
      if (names.size > 50) return names;
    }
  }
  return names;
}
