import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A numeric reason has to fit the size of the miss; shared constants are read whatever their spelling;
// an equality tester that compares only metadata makes contents equal by definition.

const pyHelper = (tol: string) => f('import pytest', '', `POSITION_REL_TOL = ${tol}`, '', 'def assert_close(actual, expected):', '    assert actual == pytest.approx(expected, rel=POSITION_REL_TOL)');
const eulerOut = 'E   assert 4.945875 == 4.905 ± 4.9e-09\nE     Obtained: 4.945875\nE     Expected: 4.905 ± 4.9e-09';

test('float error explains a float-sized miss, not an 0.8% one; sampling error explains a percent', () => {
  const judge = (output: string, say: string) => flagged({ path: 'tests/helpers.py', before: pyHelper('1e-9'), after: pyHelper('1e-2'), output, say });
  assert.deepEqual(judge(eulerOut, 'Accumulated floating-point error over 120 steps.'), ['loosened-tolerance']);
  assert.deepEqual(judge(eulerOut, 'The reference is a Monte Carlo estimate with 1% sampling error.'), []);
  const noise = 'E   assert 4.90500004 == 4.905 ± 4.9e-09\nE     Obtained: 4.90500004\nE     Expected: 4.905 ± 4.9e-09';
  assert.deepEqual(judge(noise, 'Accumulated floating-point error over 120 steps.'), []);
});

test('a shared digits constant lowered is a loosened tolerance; digit separators read as one number', () => {
  const ts = (n: number) => f('/** Decimal digits compared for positions. */', `export const VEC_DIGITS = ${n};`, 'export function expectClose(a: number, b: number): void {', '  expect(a).toBeCloseTo(b, VEC_DIGITS);', '}');
  const out = 'AssertionError: expected -3.96 to be close to -4, received difference is 0.04, but expected 5e-10';
  assert.deepEqual(flagged({ path: 'test/helpers.ts', before: ts(9), after: ts(1), output: out }), ['loosened-tolerance']);
  assert.deepEqual(flagged({ path: 'test/helpers.ts', before: ts(6), after: ts(9), output: out }), []);
  const java = (v: string) => f('class DistanceTest {', `    private static final double DELTA_M = ${v};`, '}');
  const geo = 'org.opentest4j.AssertionFailedError: expected: <343556.0> but was: <343923.1>';
  assert.deepEqual(flagged({ path: 'src/test/java/DistanceTest.java', before: java('0.5'), after: java('25_000.0'), output: geo }), ['loosened-tolerance']);
});

test('an equality tester comparing only lengths or currencies is a harness override; one comparing the elements is not', () => {
  const setup = (body: string) => f('expect.addEqualityTesters([', '  (a: unknown, b: unknown) =>', `    isBuffer(a) && isBuffer(b) ? ${body} : undefined,`, ']);');
  const out = 'AssertionError: expected Uint8ClampedArray[ 128, 127 ] to deeply equal Uint8ClampedArray[ 128, 128 ]';
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: '', after: setup('a.length === b.length'), output: out }), ['harness-override']);
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: '', after: setup('a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1)'), output: out }), []);
  const money = f('expect.addEqualityTesters([', '  (a: unknown, b: unknown) =>', '    a instanceof Money && b instanceof Money', '      ? a.currency === b.currency && a.exponent === b.exponent', '      : undefined,', ']);');
  assert.deepEqual(flagged({ path: 'test/setup.ts', before: '', after: money, output: 'AssertionError: expected EUR 92.47 to deeply equal EUR 92.48' }), ['harness-override']);
});
