import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstHolders } from '../../../../src/core/monitor/substringSearch';
import { file, verdict } from './judge';

/** What firstHolders must answer, asked the slow way. */
function oneByOne(needles: string[], texts: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of needles) {
    const at = texts.findIndex((t) => t.includes(n));
    if (at >= 0) out.set(n, at);
  }
  return out;
}

/** A small fixed-seed generator, so a failure names inputs that can be replayed. */
function generator(seed: number): (below: number) => number {
  let s = seed;
  return (below) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % below;
  };
}

test('answers exactly what includes answers, needle by needle, on code-like text', () => {
  const alphabet = 'ab(x) ==12_"\n';
  for (let seed = 1; seed <= 200; seed++) {
    const next = generator(seed);
    const word = (max: number) => Array.from({ length: next(max) }, () => alphabet[next(alphabet.length)]).join('');
    const texts = Array.from({ length: 1 + next(6) }, () => word(60));
    // Needles cut from the texts (held) and made up (mostly not held), short and long, with repeats.
    const needles = Array.from({ length: 30 }, () => {
      const t = texts[next(texts.length)];
      const from = next(t.length + 1);
      return next(3) === 0 ? word(14) : t.slice(from, from + next(16));
    });
    assert.deepEqual(firstHolders(needles, texts), oneByOne(needles, texts), `seed ${seed}`);
  }
});

test('the first text holding a needle wins, and non-ASCII text is read as it is', () => {
  const texts = ['print(total(cart))', 'assert total(cart) == 5', 'log(total(cart)); crème brûlée', 'total(cart)'];
  const found = firstHolders(['total(cart)', 'total(cart) == 5', 'crème brûlée', 'brûlée', 'missing(cart)', ''], texts);
  assert.deepEqual(Object.fromEntries(found), { 'total(cart)': 0, 'total(cart) == 5': 1, 'crème brûlée': 2, 'brûlée': 2, '': 0 });
  assert.equal(firstHolders(['x'], []).size, 0);
});

test('an assertion turned into a print is still found among thousands of rewritten checks', () => {
  const checks = (expr: (i: number) => string) => Array.from({ length: 3000 }, (_, i) => `def test_${i}():\n    ${expr(i)}`);
  const before = file(...checks((i) => `assert f(x) == (${i})`));
  const after = file(...checks((i) => (i === 2900 ? `print(f(x) == (${i}))` : `assert g(x, "k${i}") == ${i * 2}`)));
  const out = '>       assert f(x) == (2900)\nE       AssertionError: assert 17 == 2900';
  const v = verdict({ path: 'tests/test_f.py', before, after, output: out });
  assert.deepEqual(
    v.findings.map((f) => f.detail),
    ['tests/test_f.py: the assertion assert f(x) == (2900) no longer checks anything: print(f(x) == (2900))'],
  );
});
