/**
 * Seeded generators of test strings for tokenizer parity: the model's own
 * vocabulary pieces, code written for these tests, runs of characters from
 * several scripts, emoji (with modifiers, ZWJ sequences and flags), text that
 * NFKC rewrites, whitespace and control characters, and lone surrogates.
 */
import type { Vocabulary } from '../../../src/core/model/tokenizer';
import { seeded } from './helpers';

const CODE = [
  'const total = items.reduce((sum, x) => sum + x.price * x.qty, 0);',
  'def retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n        except IOError as e:\n            log.warning("retry %d: %s", i, e)',
  'if [ -z "$HOME" ]; then echo "no home" >&2; exit 1; fi',
  '{"name": "emotion-lens", "version": "0.1.0", "tags": ["a", "b"], "n": null}',
  'SELECT id, COUNT(*) AS n FROM runs WHERE status = \'failed\' GROUP BY id HAVING n > 3;',
  'fn main() { let v: Vec<u32> = (0..10).map(|x| x * x).collect(); println!("{:?}", v); }',
  '#include <stdio.h>\nint main(void) { printf("%d\\n", 42); return 0; }',
  '/^(?:[a-z0-9!#$%&\'*+/=?^_`{|}~-]+)@example\\.com$/i.test(s)',
  'AssertionError: expected 3 to equal 4\n    at Context.<anonymous> (test/math.test.js:12:10)\n    at processImmediate (node:internal/timers:476:21)',
  'Traceback (most recent call last):\n  File "app.py", line 7, in <module>\n    main()\nZeroDivisionError: division by zero',
  'git rebase -i HEAD~3 && npm run build -- --watch',
  '<div class="card" data-id={id}>{title}</div>',
  'x += 1; y -= 2; z *= 3; w /= 4; v %= 5; u **= 2; t <<= 1; s >>>= 2;',
];

const RANGES: Array<[number, number]> = [
  [0x0400, 0x04ff], // Cyrillic
  [0x4e00, 0x9fff], // CJK
  [0x0600, 0x06ff], // Arabic
  [0x0900, 0x097f], // Devanagari
  [0xac00, 0xd7a3], // Hangul syllables
  [0x0370, 0x03ff], // Greek
  [0x0e00, 0x0e7f], // Thai
  [0x05d0, 0x05ea], // Hebrew
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x0020, 0x007e], // ASCII
  [0x00a0, 0x024f], // Latin-1 supplement, Latin extended
];

const EMOJI = ['😀', '😡', '😭', '🔥', '👍🏽', '👩‍💻', '🏳️‍🌈', '🇩🇪', '🇯🇵', '❤️', '🤦‍♂️', '✅', '❌', '🚀', '🧪', '👨‍👩‍👧‍👦'];
const NFKC = ['ﬁ', 'ﬂ', 'Ａ', 'ｚ', '①', '²', '½', '™', 'ℌ', 'ｶ', 'ﾞ', '㎞', 'e\u0301', 'A\u030a', '\u1100\u1161\u11a8', 'Ⅻ', '…', '\u00a0', '\u3000'];
const ODD = ['\u0000', '\t', '\n', '\r\n', '  ', '   ', '\u200b', '\u200d', '\ufeff', '\ud800', '\udfff', '\ud83d', '\u0007', '\u001b[31m', '\u2028', '\ufffd'];

export function generateStrings(vocab: Vocabulary, count: number, seed = 20240611): string[] {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const pieces = vocab.slice(6).map((p) => p[0].replace(/\u2581/g, ' '));
  const segment = (): string => {
    const r = rand();
    if (r < 0.3) return Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(pieces)).join(rand() < 0.5 ? '' : ' ');
    if (r < 0.45) {
      const code = pick(CODE);
      const start = Math.floor(rand() * code.length);
      return code.slice(start, start + 10 + Math.floor(rand() * 60));
    }
    if (r < 0.65) {
      const [lo, hi] = pick(RANGES);
      return Array.from({ length: 1 + Math.floor(rand() * 8) }, () => String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)))).join(rand() < 0.3 ? ' ' : '');
    }
    if (r < 0.75) return Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(EMOJI)).join('');
    if (r < 0.87) return pick(NFKC);
    return pick(ODD);
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(rand() * 10);
    let s = '';
    for (let k = 0; k < n; k++) s += segment() + (rand() < 0.4 ? ' ' : '');
    out.push(s);
  }
  return out;
}
