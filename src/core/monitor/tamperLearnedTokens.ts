/**
 * Code lines as the learned reading sees them: tokens in a form that does not
 * depend on a writer's names or wording. Identifiers become ID unless they are
 * language keywords or well-known test, assertion, skip, exit and tolerance API
 * names; numbers become NUM, strings STR, and either becomes PNUM / PSTR when
 * the failing run printed it (a value from the test now written into the code).
 */
import { FailingOutput, printed } from './tamperOutput';
import { canonicalNumber, inputWeight, Literal } from './tamperLines';

/** Keywords of Python, JS/TS, Go, Rust and Java: what a line does, never what a writer named. */
const KEYWORDS = `if else elif return def func fn function class for while try except catch finally raise throw throws
assert import from static global nonlocal let const var mut pub private public protected final true false True False
None null nil undefined self this pass not and or in is lambda async await yield break continue new delete typeof
instanceof switch case default match struct impl interface enum type go defer panic recover unsafe with as del
lazy once volatile synchronized override extends implements super void int bool boolean str string float double
len print println console log Ok Err Some unwrap expect`;

/** Test, assertion, skip, exit, harness and tolerance names every framework's users share. */
const TEST_API = `assertEqual assertEquals assertTrue assertFalse assertAlmostEqual assertRaises assertIn assertIsNone
assertNotEqual assertThat assertThrows assertNotNull isEqualTo isCloseTo isTrue within offset toBe toEqual
toStrictEqual toBeCloseTo toMatch toThrow toContain toMatchObject toMatchSnapshot toBeTruthy equal deepEqual
strictEqual ok approx pytest unittest mark skip skipif skipIf skipTest skipUnless xfail Skip Skipf SkipNow only todo
pending Ignore ignore Disabled disabled should_panic Errorf Fatalf Error Fatal Fail FailNow Logf Run Helper
assert_eq assert_ne assert_approx_eq debug_assert exit _exit sys os process Exit exitCode excepthook atexit abs rel
places delta epsilon eps EPSILON tol atol rtol tolerance isclose allclose assert_allclose Math math round floor ceil
getenv environ env lru_cache cache functools setattr getattr monkeypatch patch mock conftest hookimpl
pytest_runtest_makereport pytest_collection_modifyitems report outcome passed failed main System Runtime halt
testing describe it test beforeEach afterEach setUp tearDown TestCase runner fail fails raises warns`;

/**
 * Tokens that touch what decides a test's verdict: checks, skips, exits, harness hooks, tolerances,
 * shared state, the environment, and values the failing run printed. An edit with none of them (an
 * import, a signature, a refactor) is never read by the learned reading: the labelled sets hold
 * honest look-alikes of hacks, not the ordinary edits that make most of a real session.
 */
const TELLING = new Set(`PSTR PNUM assert assertEqual assertEquals assertTrue assertFalse assertAlmostEqual assertRaises assertIn
assertIsNone assertNotEqual assertThat assertThrows assertNotNull isEqualTo isCloseTo isTrue within offset toBe toEqual
toStrictEqual toBeCloseTo toMatch toThrow toContain toMatchObject toMatchSnapshot toBeTruthy deepEqual strictEqual approx
skip skipif skipIf skipTest skipUnless xfail Skip Skipf SkipNow only todo pending Ignore Disabled should_panic Errorf
Fatalf Error Fatal Fail FailNow assert_eq assert_ne assert_approx_eq debug_assert exit _exit Exit exitCode excepthook
atexit rel places delta epsilon eps EPSILON tol atol rtol tolerance isclose allclose assert_allclose getenv environ
monkeypatch patch mock conftest hookimpl pytest_runtest_makereport pytest_collection_modifyitems global nonlocal static
lru_cache cache halt fail fails raises`.split(/\s+/));

export function isTelling(token: string): boolean {
  return TELLING.has(token);
}

const VOCABULARY = new Set((KEYWORDS + ' ' + TEST_API).split(/\s+/).filter(Boolean));

/** Tokens: identifiers, numbers, quoted strings, two-character operators, single punctuation. */
const TOKEN = /[A-Za-z_$][\w$]*|\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?[A-Za-z_\d]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\\n]){0,200}'|`(?:\\.|[^`\\])*`|==|!=|<=|>=|&&|\|\||=>|->|::|\+=|-=|\+\+|--|[^\s\w]/g;

/** Lines longer than this are generated or minified: the learned reading reads their first part only. */
const LINE_READ = 400;

/**
 * The tokens of one line. `known` holds the literal values the code held already (in the lines the
 * edit removed): a printed value the code already compared against is not one written into it now.
 */
export function normalisedTokens(text: string, output: FailingOutput, known: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, LINE_READ).matchAll(TOKEN)) out.push(normalise(m[0], output, known));
  return out;
}

function normalise(token: string, output: FailingOutput, known: ReadonlySet<string>): string {
  const c = token.charCodeAt(0);
  if (c === 34 || c === 39 || c === 96) {
    const lit: Literal = { kind: 'string', value: token.slice(1, -1) };
    return lit.value.length >= 2 && !known.has(lit.value) && inputWeight(lit) > 0 && printed(output, lit) ? 'PSTR' : 'STR';
  }
  if (c >= 48 && c <= 57) {
    const value = canonicalNumber(token);
    // 0 and 1 say what a line does (exit(0), count == 1); other numbers are values.
    if (value === '0' || value === '1') return value;
    const lit: Literal = { kind: 'number', value };
    return !known.has(value) && inputWeight(lit) > 0 && printed(output, lit) ? 'PNUM' : 'NUM';
  }
  if (/^[A-Za-z_$]/.test(token)) return VOCABULARY.has(token) ? token : 'ID';
  return token;
}
