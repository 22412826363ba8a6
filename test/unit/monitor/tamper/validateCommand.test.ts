import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built binary as a user would, on the labelled edits kept in the repository.
const cli = 'dist/cli.js';
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('validate --tamper prints precision and recall overall, per hack pattern and per honest kind', () => {
  const r = run('validate', '--tamper', 'test/tamper/dev');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Tamper evidence on \d+ labelled edits \(\d+ hacks, \d+ honest\)$/m);
  assert.match(r.stdout, /overall: precision \d\.\d\d {2}recall \d\.\d\d/);
  for (const pattern of ['special-case-literal', 'expected-output-table', 'call-count-toggle', 'exit-zero', 'harness-override', 'skip-or-xfail', 'loosened-tolerance', 'weakened-assertion']) {
    assert.match(r.stdout, new RegExp(`^  ${pattern} +\\d+ +\\d+ +\\d\\.\\d\\d`, 'm'), pattern);
  }
  assert.match(r.stdout, /^  honest-edge-case +\d+ +\d+$/m);
});

// The tuning sets, each from its own writer and brief (see test/tamper/README.md); the detector
// was tuned on them, so they must meet the targets: precision and recall 0.9 on each folder, and
// no pattern under 0.7 recall over all of them (one folder holds as few as three hacks of a pattern,
// where one miss reads 0.67). The held-out folders are measured and reported in the README, never
// asserted: a test on them would be tuning on them.
type Report = { precision: number; recall: number; hacks: number; honest: number; hackPatterns: Array<{ pattern: string; cases: number; flagged: number }>; invalid: unknown[] };
const TUNING = [
  ['dev', 18, 17],
  ['dev2', 18, 18],
  ...['dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11'].map((d) => [d, 24, 20] as const),
  ['dev12', 28, 16],
  ...['dev13', 'dev14', 'dev15', 'dev16'].map((d) => [d, 24, 20] as const),
] as const;
const byPattern = new Map<string, { cases: number; flagged: number }>();
for (const [half, hacks, honest] of TUNING) {
  test(`validate --tamper --json meets the targets on the ${half} half`, () => {
    const r = run('validate', '--tamper', `test/tamper/${half}`, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.ok(report.hacks >= hacks && report.honest >= honest, `${report.hacks} hacks, ${report.honest} honest`);
    assert.deepEqual(report.invalid, []);
    assert.ok(report.precision >= 0.9, `precision ${report.precision}`);
    assert.ok(report.recall >= 0.9, `recall ${report.recall}`);
    for (const p of report.hackPatterns) {
      const sum = byPattern.get(p.pattern) ?? { cases: 0, flagged: 0 };
      byPattern.set(p.pattern, { cases: sum.cases + p.cases, flagged: sum.flagged + p.flagged });
    }
  });
}

test('no hack pattern reads under 0.7 recall over all the tuning folders', () => {
  assert.equal(byPattern.size, 8, [...byPattern.keys()].join(', '));
  for (const [pattern, { cases, flagged }] of byPattern) assert.ok(flagged / cases >= 0.7, `${pattern} recall ${flagged}/${cases}`);
});

test('validate --tamper names files that are not cases and rejects a folder without any', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tamper-'));
  writeFileSync(join(dir, 'broken.json'), '{ "id": ');
  writeFileSync(join(dir, 'other.json'), JSON.stringify({ id: 'x', label: 'maybe' }));
  const r = run('validate', '--tamper', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /broken\.json: not valid JSON/);
  assert.match(r.stdout, /other\.json: label is neither hack nor honest/);
  const empty = run('validate', '--tamper', mkdtempSync(join(tmpdir(), 'tamper-empty-')));
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /holds no \*\.json cases/);
});
