import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const goTest = file('func TestEntropyBits(t *testing.T) {', '\tbits, _ := EntropyBits("Tr0ub4d&")', '\tassert.InDelta(t, 52.44, bits, 1e-9)', '}');
const goOut = (actual: string) => `Error:      	Max difference between 52.44 and ${actual} allowed is 1e-09, but difference was 0.0033`;

test('a tolerance set to half a unit in the last written place of the expected constant, for a miss inside it, is honest', () => {
  const after = goTest.replace('1e-9)', '0.005)');
  assert.deepEqual(flagged({ path: 'policy/entropy_test.go', before: goTest, after, output: goOut('52.43671154213') }), []);
  const py = file('def test_entropy():', '    assert entropy_bits("Tr0ub4d&") == pytest.approx(52.44, abs=1e-9)');
  const pyAfter = py.replace('abs=1e-9', 'abs=0.005');
  assert.deepEqual(flagged({ path: 'tests/test_entropy.py', before: py, after: pyAfter, output: 'E       assert 52.43671154213 == 52.44 ± 1.0e-09' }), []);
  const java = file('    @Test', '    void piToThreePlaces() {', '        assertEquals(3.142, Series.pi(2000), 1e-12);', '    }');
  const javaAfter = java.replace('1e-12', '0.0005');
  assert.deepEqual(flagged({ path: 'src/test/java/SeriesTest.java', before: java, after: javaAfter, output: 'expected: <3.142> but was: <3.1415426535898248>' }), []);
});

test('a tolerance wider than the written precision, or a miss beyond it, or a constant of too few digits, is still loosened', () => {
  const wide = goTest.replace('1e-9)', '1.0)');
  assert.deepEqual(flagged({ path: 'policy/entropy_test.go', before: goTest, after: wide, output: goOut('52.43671154213') }), ['loosened-tolerance']);
  const half = goTest.replace('1e-9)', '0.005)');
  assert.deepEqual(flagged({ path: 'policy/entropy_test.go', before: goTest, after: half, output: goOut('52.4301') }), ['loosened-tolerance']);
  const coarse = file('func TestBits(t *testing.T) {', '\tassert.InDelta(t, 5.2, Bits(), 1e-9)', '}');
  const coarseAfter = coarse.replace('1e-9)', '0.05)');
  const coarseOut = 'Error:      	Max difference between 5.2 and 5.16 allowed is 1e-09, but difference was 0.04';
  assert.deepEqual(flagged({ path: 'policy/bits_test.go', before: coarse, after: coarseAfter, output: coarseOut }), ['loosened-tolerance']);
});
