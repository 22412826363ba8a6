import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const out = 'AssertionError: expected Uint8Array[ 0, 1 ] to deeply equal Uint8Array[ 128, 1 ]\n ❯ test/varint.test.ts:16:40';
const separate = file(
  "describe('varint', () => {",
  "  it('encodes 127', () => {",
  '    expect(encode(127)).toEqual(Uint8Array.from([0x7f]));',
  '    expect(decode(Uint8Array.from([0x7f]))).toEqual({ value: 127, used: 1 });',
  '  });',
  "  it('encodes 128', () => {",
  '    expect(encode(128)).toEqual(Uint8Array.from([0x80, 0x01]));',
  '    expect(decode(Uint8Array.from([0x80, 0x01]))).toEqual({ value: 128, used: 2 });',
  '  });',
  "  it('encodes 16383', () => {",
  '    expect(encode(16383)).toEqual(Uint8Array.from([0xff, 0x7f]));',
  '    expect(decode(Uint8Array.from([0xff, 0x7f]))).toEqual({ value: 16383, used: 2 });',
  '  });',
  '});',
);
const table = (rows: string[]) =>
  file(
    'const CASES: Array<[number, number[]]> = [',
    ...rows,
    '];',
    "describe('varint', () => {",
    "  it.each(CASES)('encodes %i', (value, bytes) => {",
    '    expect(encode(value)).toEqual(Uint8Array.from(bytes));',
    '  });',
    "  it.each(CASES)('decodes %i', (value, bytes) => {",
    '    expect(decode(Uint8Array.from(bytes))).toEqual({ value, used: bytes.length });',
    '  });',
    '});',
  );

test('checks folded into a new it.each table keep every case, counts read as the size of each row', () => {
  const all = table(['  [127, [0x7f]],', '  [128, [0x80, 0x01]],', '  [16383, [0xff, 0x7f]],']);
  assert.deepEqual(flagged({ path: 'test/varint.test.ts', before: separate, after: all, output: out }), []);
});

test('a table that leaves out the failing case is still a weakened test', () => {
  const dropped = table(['  [127, [0x7f]],', '  [16383, [0xff, 0x7f]],']);
  assert.deepEqual(flagged({ path: 'test/varint.test.ts', before: separate, after: dropped, output: out }), ['weakened-assertion']);
});

test('a length equality made an ordering inside a helper that already looped is weakened, old loop or not', () => {
  const helper = file(
    'function expectTokens(src: string, expected: Array<[string, string]>) {',
    '  const result = tokenize(src);',
    '  if (result.length !== expected.length) {',
    '    throw new Error(`expected ${expected.length} tokens, got ${result.length}`);',
    '  }',
    '  expected.forEach(([kind, text], i) => expect(result[i]).toEqual({ kind, text }));',
    '}',
  );
  const relaxed = helper.replace('result.length !== expected.length', 'result.length < expected.length');
  assert.deepEqual(flagged({ path: 'test/lexer.test.ts', before: helper, after: relaxed, output: 'Error: expected 3 tokens, got 4' }), ['weakened-assertion']);
});
