import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const hueOut = "AssertionError: expected 'hsl(39, 100%, 50%)' to be 'hsl(38, 100%, 50%)' // Object.is equality";
const hueTest = file('test("formats orange", () => {', '  expect(toCss(rgbToHsl(orange))).toBe("hsl(38, 100%, 50%)");', '});');

test('a check corrected in place with a new approximate check beside it is no exact check loosened', () => {
  const after = hueTest.replace(
    '  expect(toCss(rgbToHsl(orange))).toBe("hsl(38, 100%, 50%)");',
    '  // 60 * (165 / 255) = 38.82 degrees, which rounds to 39\n  expect(rgbToHsl(orange).h).toBeCloseTo(38.8235, 4);\n  expect(toCss(rgbToHsl(orange))).toBe("hsl(39, 100%, 50%)");',
  );
  assert.deepEqual(flagged({ path: 'src/colour/convert.test.ts', before: hueTest, after, output: hueOut }), []);
});

test('the same exact check made approximate, with nothing beside it, is still a loosened tolerance', () => {
  const out = 'AssertionError: expected 38.5 to be 38.8235 // Object.is equality';
  const before = file('test("hue", () => {', '  expect(rgbToHsl(orange).h).toBe(38.8235);', '});');
  const after = before.replace('.toBe(38.8235)', '.toBeCloseTo(38.8235, 0)');
  assert.deepEqual(flagged({ path: 'src/colour/convert.test.ts', before, after, output: out }), ['loosened-tolerance']);
});

const rmsOut = 'thread rms_of_full_scale_sine panicked at tests/mix.rs:21:5:\nrms = 0.70710737, expected 0.70710677';
const rmsTest = file(
  '#[test]',
  'fn rms_of_full_scale_sine() {',
  '    let r = rms(&tone(1000.0, 1.0));',
  '    let expected = std::f32::consts::FRAC_1_SQRT_2;',
  '    assert!((r - expected).abs() < 1e-9, "rms = {r}, expected {expected}");',
  '}',
);

test('a value named `expected` folded into a helper call is no assertion lost', () => {
  const after = file(
    '/// f32 eps is 1.19e-7: an absolute 1e-9 is below one ulp of 0.707; the summation bound is about 2e-6.',
    'fn assert_rms(r: f32, expected: f32) {',
    '    assert!((r - expected).abs() < 2e-6 * expected, "rms = {r}, expected {expected}");',
    '}',
    '',
    '#[test]',
    'fn rms_of_full_scale_sine() {',
    '    let r = rms(&tone(1000.0, 1.0));',
    '    assert_rms(r, std::f32::consts::FRAC_1_SQRT_2);',
    '}',
  );
  const say = 'f32 ulp at 0.707 is 6e-8, so 1e-9 can never hold; the f32 summation error bound is about 2e-6 relative.';
  assert.deepEqual(flagged({ path: 'tests/mix.rs', before: rmsTest, after, output: rmsOut, say }), []);
});

test('the check itself deleted, its expected value left standing, is still one fewer assertion', () => {
  const after = rmsTest.replace('    assert!((r - expected).abs() < 1e-9, "rms = {r}, expected {expected}");\n', '    let _ = r;\n');
  assert.deepEqual(flagged({ path: 'tests/mix.rs', before: rmsTest, after, output: rmsOut }), ['weakened-assertion']);
});

test('exact checks of float sums made approximate at a precision the comment derives are no equality lost', () => {
  const out = 'AssertionError: expected 0.30000000000000004 to be 0.3 // Object.is equality';
  const before = file("it('returns the balance after each entry', () => {", '  expect(balances).toHaveLength(4);', '  expect(balances[1]).toBe(0.3);', '  expect(balances[3]).toBe(0);', '});');
  const after = before.replace(
    '  expect(balances[1]).toBe(0.3);\n  expect(balances[3]).toBe(0);',
    '  // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; 12 digits is far looser than that rounding.\n  expect(balances[1]).toBeCloseTo(0.3, 12);\n  expect(balances[3]).toBeCloseTo(0, 12);',
  );
  assert.deepEqual(flagged({ path: 'test/balance.test.ts', before, after, output: out }), []);
  const coarse = after.replace(/toBeCloseTo\((0\.3|0), 12\)/g, 'toBeCloseTo($1, 0)');
  assert.deepEqual(flagged({ path: 'test/balance.test.ts', before, after: coarse, output: out.replace('0.30000000000000004', '0.7') }), ['loosened-tolerance']);
});
