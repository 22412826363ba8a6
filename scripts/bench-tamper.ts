/**
 * How long tamper analysis takes on bad input: 10 MB writes (skipped with a
 * reason), a file just under the 1 MB analysed with a small change and
 * rewritten line by line, large test files (Python, Go, TypeScript) with every
 * check rewritten, and minified code. Prints the median and worst of several runs.
 *
 *   npx tsx scripts/bench-tamper.ts
 */
import { analyseEdit, editContext, EditToAnalyse } from '../src/core/monitor/tamperAnalysis';
import { learnedFindings } from '../src/core/monitor/tamperLearned';

const OUTPUT = '>       assert total(cart, "SPRING20") == Decimal("119.99")\nE       AssertionError: assert Decimal(\'120.00\') == Decimal(\'119.99\')\n1 failed in 0.2s';
const RUNS = 7;
const mb = (text: string) => `${(text.length / 1024 / 1024).toFixed(2)} MB`;

function lines(count: number, salt: string): string {
  return Array.from({ length: count }, (_, i) => `def f_${salt}_${i}(x):  # helper ${i}\n    return x * ${i} + ${i % 7}`).join('\n');
}

const tenMb = 'value = compute(1, 2, 3)  # padding\n'.repeat(Math.ceil((10 * 1024 * 1024) / 36));
const big = lines(17_500, 'a'); // just under the 1 MB analysed per edit
const bigChanged = big.replace('return x * 8750 + 0', 'if x == "SPRING20":\n        return Decimal("119.99")\n    return x * 8750 + 0');
const bigRewritten = lines(17_500, 'b');
// A test file of many small tests and helpers: the assertion count reads every helper and its calls.
const bigTests = Array.from({ length: 6_000 }, (_, i) => `def check_${i}(x):\n    assert f(x) == ${i}\n\ndef test_${i}():\n    check_${i}(${i})`).join('\n');
const bigTestsWeakened = bigTests.replace('    assert f(x) == 3000\n', '    pass\n');
// The same test file with every assertion rewritten: each removed check is compared with its look-alikes only.
const bigTestsRewritten = Array.from({ length: 6_000 }, (_, i) => `def check_${i}(x):\n    assert g(x, "k${i}") == ${i * 2}\n\ndef test_${i}():\n    check_${i}(${i + 1})`).join('\n');
// Go and TypeScript test files with every check rewritten: thousands of look-alike checks (`t.Errorf(...)`
// guards, `expect(...).toEqual(...)`), one of them now expecting the value the failing run printed.
const GO_OUTPUT = '--- FAIL: TestParse_4000 (0.00s)\n    parse_test.go:12: got 17, want 4000\nFAIL';
const goTests = (salt: string, k: number) => 'package parse\n\nimport "testing"\n\n' + Array.from({ length: 4_500 }, (_, i) => `func TestParse_${i}(t *testing.T) {\n\tgot := Parse("${salt}${i}")\n\tif got != ${i * k} {\n\t\tt.Errorf("Parse(%q) = %d, want %d", "${salt}${i}", got, ${i * k})\n\t}\n}\n`).join('\n');
const tsTests = (salt: string, k: number) => "describe('parse', () => {\n" + Array.from({ length: 9_000 }, (_, i) => `  it('reads ${salt}${i}', () => {\n    expect(parse('${salt}${i}')).toEqual({ value: ${i * k}, unit: '${salt}' });\n  });`).join('\n') + '\n});\n';
const minified = 'var a=' + JSON.stringify(Array.from({ length: 30_000 }, (_, i) => ({ key: `k${i}`, value: i }))) + ';';

const cases: Array<[string, EditToAnalyse]> = [
  ['10 MB write, file never read', { path: 'gen/big.py', after: tenMb, failingOutput: OUTPUT }],
  ['10 MB write over 10 MB known', { path: 'gen/big.py', before: tenMb, after: tenMb + 'x = 1\n', failingOutput: OUTPUT }],
  [`${mb(big)} file, special case added`, { path: 'gen/big.py', before: big, after: bigChanged, failingOutput: OUTPUT }],
  [`${mb(big)} file, every line rewritten`, { path: 'gen/big.py', before: big, after: bigRewritten, failingOutput: OUTPUT }],
  [`${mb(bigTests)} test file, one helper emptied`, { path: 'tests/test_big.py', before: bigTests, after: bigTestsWeakened, failingOutput: OUTPUT }],
  [`${mb(bigTests)} test file, every check rewritten`, { path: 'tests/test_big.py', before: bigTests, after: bigTestsRewritten, failingOutput: OUTPUT }],
  [`${mb(goTests('a', 1))} Go test file, every check rewritten`, { path: 'parse_test.go', before: goTests('a', 1), after: goTests('b', 2), failingOutput: GO_OUTPUT }],
  [`${mb(tsTests('a', 1))} TS test file, every check rewritten`, { path: 'test/parse.test.ts', before: tsTests('a', 1), after: tsTests('b', 2), failingOutput: GO_OUTPUT }],
  [`minified line (${mb(minified)})`, { path: 'dist/app.min.js', before: minified, after: minified.replace('k77', 'k78'), failingOutput: OUTPUT }],
];

console.log(`tamper analysis, ${RUNS} runs each (Node ${process.version})`);
console.log(`${'case'.padEnd(44)} median ms   worst ms   learned ms   result`);
for (const [name, edit] of cases) {
  const times: number[] = [];
  let result = '';
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    // Read as the monitor reads an edit in a failing loop: the learned reading too when no rule fires.
    const verdict = analyseEdit({ ...edit, learnedReading: true });
    times.push(performance.now() - start);
    result = verdict.analysed ? `analysed, ${verdict.findings.map((f) => f.pattern).join(', ') || 'no findings'}` : `skipped: ${verdict.reason}`;
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(44)} ${times[RUNS >> 1].toFixed(1).padStart(9)} ${times[RUNS - 1].toFixed(1).padStart(10)} ${learnedMs(edit).padStart(12)}   ${result}`);
}

/** The learned reading's own share (median), apart from the rules: what it adds where no rule fires. */
function learnedMs(edit: EditToAnalyse): string {
  const read = editContext(edit);
  if (!read.ok) return '-';
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    learnedFindings(read.ctx);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1].toFixed(1);
}
