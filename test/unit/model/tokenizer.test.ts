import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Tokenizer, type Vocabulary } from '../../../src/core/model/tokenizer';
import { testModel } from './helpers';
import { generateStrings } from './strings';

const model = testModel();
const vocab = JSON.parse(readFileSync(model.vocabPath, 'utf8')) as Vocabulary;
const ours = new Tokenizer(vocab);

// The reference: @energetic-ai/embeddings builds its Tokenizer inside EmbeddingsModel.
const { EmbeddingsModel } = createRequire(__filename)('@energetic-ai/embeddings') as {
  EmbeddingsModel: new (d: { vocabulary: unknown; model: unknown }) => { tokenizer: { encode(s: string): number[] } };
};
const reference = new EmbeddingsModel({ vocabulary: vocab, model: null }).tokenizer;

describe('tokenizer parity with @energetic-ai/embeddings', () => {
  test('1,500 generated strings (vocab pieces, code, 11 scripts, emoji, NFKC forms, control chars, lone surrogates) give identical ids', () => {
    const strings = generateStrings(vocab, 1500);
    const scripts = { cyrillic: /[\u0400-\u04ff]/, cjk: /[\u4e00-\u9fff]/, arabic: /[\u0600-\u06ff]/, devanagari: /[\u0900-\u097f]/, emoji: /\p{Extended_Pictographic}/u, code: /[{};=]/ };
    for (const [name, re] of Object.entries(scripts)) {
      assert.ok(strings.filter((s) => re.test(s)).length >= 50, `at least 50 strings with ${name}`);
    }
    const mismatches: string[] = [];
    for (const s of strings) {
      const want = reference.encode(s);
      const got = ours.encode(s);
      if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${JSON.stringify(s)}: ${JSON.stringify(want)} vs ${JSON.stringify(got)}`);
    }
    assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${strings.length} differ`);
  });

  test('hand-picked edge cases give identical ids', () => {
    const cases = ['', ' ', '   ', 'a', 'hello world', 'Hello World', 'HELLO', '\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '😀', '👩‍💻 ok', 'ﬁne', '①②③', 'e\u0301', ':30:00', '”5”5', '\t\n\r', 'a'.repeat(300), '你好，世界', 'Привет, мир!'];
    for (const s of cases) assert.deepEqual(ours.encode(s), reference.encode(s), JSON.stringify(s));
  });
});

describe('tokens carry their text spans', () => {
  test('spans are in order, inside the text, and every visible character belongs to a token', () => {
    for (const s of generateStrings(vocab, 300, 7)) {
      const tokens = ours.tokenize(s);
      let last = 0;
      const covered = new Uint8Array(s.length);
      for (const t of tokens) {
        assert.ok(t.start >= 0 && t.end <= s.length && t.start <= t.end, `span in bounds in ${JSON.stringify(s)}`);
        assert.ok(t.start >= last || t.start === t.end, `spans in order in ${JSON.stringify(s)}`);
        for (let i = t.start; i < t.end; i++) covered[i] = 1;
        last = Math.max(last, t.start);
      }
      const norm = s.normalize('NFKC');
      if (norm.length > 0) {
        for (let i = 0; i < s.length; i++) {
          if (s[i] !== ' ' && s[i]!.normalize('NFKC') !== '' && /\S/.test(s[i]!)) assert.equal(covered[i], 1, `char ${i} of ${JSON.stringify(s)} covered`);
        }
      }
    }
  });

  test('a word, a space-prefixed word and an unknown run map back to the right text', () => {
    const text = 'Hello 你好 world';
    const tokens = ours.tokenize(text);
    const surface = tokens.map((t) => text.slice(t.start, t.end));
    assert.equal(surface.join(''), text);
    const unknown = tokens.find((t) => t.id === 0);
    assert.ok(unknown, 'CJK is unknown to this vocabulary');
    assert.equal(text.slice(unknown.start, unknown.end), '你好');
    assert.equal(unknown.piece, '你好');
    assert.equal(tokens.at(-1)!.piece, '\u2581world');
  });

  test('NFKC rewrites map to the original characters', () => {
    const text = 'ﬁnancial ＡＢＣ';
    const tokens = ours.tokenize(text);
    assert.equal(tokens.map((t) => text.slice(t.start, t.end)).join(''), text);
    assert.equal(tokens[0]!.piece, '\u2581financial');
    assert.equal(text.slice(tokens[0]!.start, tokens[0]!.end), 'ﬁnancial');
  });
});

describe('bad input', () => {
  test('empty and whitespace-only text', () => {
    assert.deepEqual(ours.tokenize(''), []);
    assert.deepEqual(ours.encode(' '), reference.encode(' '));
  });

  test('1 MB of text tokenises in linear time (the reference is quadratic)', () => {
    const text = 'The build failed again; I am sorry. '.repeat(29000);
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    const ids = ours.encode(text);
    const ms = performance.now() - t0;
    assert.ok(ids.length > 200_000);
    assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
    // Same ids as the reference on a prefix it can handle.
    const prefix = text.slice(0, 3700);
    assert.deepEqual(ours.encode(prefix), reference.encode(prefix));
  });

  test('fromFile loads the same vocabulary from a path; a missing file is a clear error', () => {
    assert.deepEqual(Tokenizer.fromFile(model.vocabPath).encode('hello world'), ours.encode('hello world'));
    assert.throws(() => Tokenizer.fromFile('/nonexistent/vocab.json'), /cannot read tokenizer vocabulary \/nonexistent\/vocab\.json/);
  });

  test('a vocabulary that is not [piece, score] pairs is refused with a clear error', () => {
    assert.throws(() => new Tokenizer([] as unknown as Vocabulary), /\[piece, score\] pairs/);
    assert.throws(() => new Tokenizer(Array.from({ length: 10 }, () => 5) as unknown as Vocabulary), /entry 0/);
  });
});
