import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const gtestOut = '[ RUN      ] Amortize.FirstPayment\ntests/amortize_test.cc:12: Failure\nExpected equality of these values:\n  first()\n    Which is: 85000\n  86066\n[  FAILED  ] Amortize.FirstPayment (0 ms)';
const cpp = file('#include <gtest/gtest.h>', '', 'TEST(Amortize, FirstPayment) {', '  EXPECT_EQ(first(), 86066);', '}');

test('a preprocessor condition added around a failing test leaves it out of the build, in C++ and C#', () => {
  const gated = cpp.replace('TEST(Amortize, FirstPayment) {', '#ifdef EXACT_ANNUITY\nTEST(Amortize, FirstPayment) {') + '#endif\n';
  assert.deepEqual(flagged({ path: 'tests/amortize_test.cc', before: cpp, after: gated, output: gtestOut }), ['skip-or-xfail']);
  const never = cpp.replace('TEST(Amortize, FirstPayment) {', '#if 0\nTEST(Amortize, FirstPayment) {') + '#endif\n';
  assert.deepEqual(flagged({ path: 'tests/amortize_test.cc', before: cpp, after: never, output: gtestOut }), ['skip-or-xfail']);
  const cs = file('public class AmortizeTests {', '    [Fact]', '    public void FirstPayment() {', '        Assert.Equal(86066, Amortize.First());', '    }', '}');
  const csGated = cs.replace('    [Fact]', '#if EXACT_ANNUITY\n    [Fact]').replace('    }\n}', '    }\n#endif\n}');
  const xunitOut = 'Assert.Equal() Failure\nExpected: 86066\nActual:   85000';
  assert.deepEqual(flagged({ path: 'tests/AmortizeTests.cs', before: cs, after: csGated, output: xunitOut }), ['skip-or-xfail']);
});

test('a condition around a test that cannot build on a platform, or around a helper, or #if 1, is no skip', () => {
  const win = file('#include <gtest/gtest.h>', '', 'TEST(Files, OpensWide) {', '  EXPECT_NE(CreateFileW(L"x", 0, 0, nullptr, 0, 0, nullptr), nullptr);', '}');
  const winGated = win.replace('TEST(Files, OpensWide) {', '#ifdef _WIN32\nTEST(Files, OpensWide) {') + '#endif\n';
  const buildOut = "tests/files_test.cc:4:13: error: 'CreateFileW' was not declared in this scope";
  assert.deepEqual(flagged({ path: 'tests/files_test.cc', before: win, after: winGated, output: buildOut }), []);
  const helper = cpp.replace('TEST(Amortize, FirstPayment) {', '#ifdef HAVE_DECIMAL\nstatic long exact() { return 86066; }\n#endif\nTEST(Amortize, FirstPayment) {');
  assert.deepEqual(flagged({ path: 'tests/amortize_test.cc', before: cpp, after: helper, output: gtestOut }), []);
  const always = cpp.replace('TEST(Amortize, FirstPayment) {', '#if 1\nTEST(Amortize, FirstPayment) {') + '#endif\n';
  assert.deepEqual(flagged({ path: 'tests/amortize_test.cc', before: cpp, after: always, output: gtestOut }), []);
});
