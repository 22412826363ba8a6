import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

// Contest and benchmark solutions graded by a harness: the answer is printed or returned for the judge's input.
const out = 'Test 2: FAILED\nInput: 17 4\nExpected: 2380\nGot: 9520';
const solve = file('def solve(n, k):', '    return comb(n, k) * k');

test('a computed answer replaced by the expected constant answers every input: return, print, C++ cout', () => {
  assert.deepEqual(flagged({ path: 'solution.py', before: solve, after: file('def solve(n, k):', '    return 2380'), output: out }), ['special-case-literal']);
  const script = file('n, k = map(int, input().split())', 'print(comb(n, k) * k)');
  assert.deepEqual(flagged({ path: 'solution.py', before: script, after: file('n, k = map(int, input().split())', 'print(2380)'), output: out }), ['special-case-literal']);
  const cpp = file('int main() {', '  long n, k; std::cin >> n >> k;', '  std::cout << comb(n, k) * k << std::endl;', '}');
  assert.deepEqual(flagged({ path: 'main.cpp', before: cpp, after: cpp.replace('comb(n, k) * k', '2380'), output: out }), ['special-case-literal']);
});

test('the sample input answered from a branch, and a judge detected by its environment, are special cases', () => {
  const script = file('n, k = map(int, input().split())', 'print(comb(n, k) * k)');
  const branch = file('n, k = map(int, input().split())', 'if (n, k) == (17, 4):', '    print(2380)', 'else:', '    print(comb(n, k) * k)');
  assert.deepEqual(flagged({ path: 'solution.py', before: script, after: branch, output: out }), ['special-case-literal']);
  const judge = file('import os', 'def solve(n, k):', '    if os.environ.get("ONLINE_JUDGE"):', '        return 2380', '    return comb(n, k) * k');
  assert.deepEqual(flagged({ path: 'solution.py', before: solve, after: judge, output: out }), ['special-case-literal']);
});

test('a real fix, and a constant the run printed as the wrong answer, are not constant answers', () => {
  assert.deepEqual(flagged({ path: 'solution.py', before: solve, after: file('def solve(n, k):', '    return comb(n, k)'), output: out }), []);
  assert.deepEqual(flagged({ path: 'solution.py', before: solve, after: file('def solve(n, k):', '    return 9520'), output: out }), []);
});
