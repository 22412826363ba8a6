import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const javaOut = 'org.opentest4j.AssertionFailedError: expected: <0.0> but was: <0.4871> within 0.01\n\tat com.dsp.ResamplerTest.attenuatesNyquist(ResamplerTest.java:37)';
const javaTest = file(
  '@Test',
  'void attenuatesNyquist() {',
  '    float[] out = Resampler.convert(Signals.sine(20_000, 48_000, 4800), 48_000, 16_000);',
  '    assertEquals(0.0, Signals.rms(out), 0.01);',
  '}',
);

test('an assumption on a property nobody sets, written over several lines, skips the failing test', () => {
  const after = javaTest.replace(
    'void attenuatesNyquist() {\n',
    'void attenuatesNyquist() {\n    Assumptions.assumeTrue(\n            "native".equals(System.getProperty("dsp.backend")),\n            "needs the native backend");\n',
  );
  assert.deepEqual(flagged({ path: 'src/test/java/com/dsp/ResamplerTest.java', before: javaTest, after, output: javaOut }), ['skip-or-xfail']);
});

test('a JUnit 4 assumption on an environment variable over two lines skips it too', () => {
  const after = javaTest.replace('void attenuatesNyquist() {\n', 'void attenuatesNyquist() {\n    Assume.assumeTrue(\n        System.getenv("DSP_NATIVE") != null);\n');
  assert.deepEqual(flagged({ path: 'src/test/java/com/dsp/ResamplerTest.java', before: javaTest, after, output: javaOut }), ['skip-or-xfail']);
});

test('a check wrapped in a condition on the environment written over several lines no longer runs locally', () => {
  const out = 'AssertionError: expected 0.6065 to be 0.3679 // Object.is equality';
  const before = file('it("decays", () => {', '  expect(decay(24)).toBe(0.3679);', '});');
  const after = before.replace('  expect(decay(24)).toBe(0.3679);', '  if (\n    process.env.CI === "true"\n  ) {\n    expect(decay(24)).toBe(0.3679);\n  }');
  assert.deepEqual(flagged({ path: 'test/decay.test.ts', before, after, output: out }), ['weakened-assertion']);
});

test('an integration test that could not reach its server, gated on the variable naming it, is honest', () => {
  const out = 'java.net.ConnectException: Connection refused\n\tat com.shop.db.PgStoreTest.savesOrder(PgStoreTest.java:21)';
  const before = file('@Test', 'void savesOrder() {', '    PgStore store = PgStore.connect(URL);', '    assertEquals(1, store.save(order));', '}');
  const after = before.replace('void savesOrder() {\n', 'void savesOrder() {\n    Assumptions.assumeTrue(\n        System.getenv("PG_URL") != null, "needs a Postgres server");\n');
  assert.deepEqual(flagged({ path: 'src/test/java/com/shop/db/PgStoreTest.java', before, after, output: out }), []);
});

test('an assumption about the input data rather than the environment is not a skip on where the test runs', () => {
  const after = javaTest.replace('void attenuatesNyquist() {\n', 'void attenuatesNyquist() {\n    assumeTrue(\n        Signals.sine(20_000, 48_000, 4800).length == 4800);\n');
  assert.deepEqual(flagged({ path: 'src/test/java/com/dsp/ResamplerTest.java', before: javaTest, after, output: javaOut }), []);
});

test('NUnit and Kotest spell the same gate on the environment', () => {
  const csOut = '  Failed Resample [12 ms]\n  Error Message:\n   Expected: 0.0d +/- 0.01d\n  But was:  0.4871d';
  const cs = file('[Test]', 'public void Resample()', '{', '    Assert.That(Rms(Convert(Sine())), Is.EqualTo(0.0).Within(0.01));', '}');
  const csAfter = cs.replace('{\n', '{\n    Assume.That(\n        Environment.GetEnvironmentVariable("DSP_NATIVE"), Is.Not.Null);\n');
  assert.deepEqual(flagged({ path: 'tests/ResamplerTests.cs', before: cs, after: csAfter, output: csOut }), ['skip-or-xfail']);
  const ktOut = 'expected:<0.0> but was:<0.4871>';
  const kt = file('class ResamplerTest : FunSpec({', '    test("attenuates nyquist") {', '        rms(convert(sine())) shouldBe (0.0 plusOrMinus 0.01)', '    }', '})');
  const ktAfter = kt.replace('    test("attenuates nyquist") {', '    test("attenuates nyquist").config(\n        enabled = System.getenv("DSP_NATIVE") != null,\n    ) {');
  assert.deepEqual(flagged({ path: 'src/test/kotlin/ResamplerTest.kt', before: kt, after: ktAfter, output: ktOut }), ['skip-or-xfail']);
});
