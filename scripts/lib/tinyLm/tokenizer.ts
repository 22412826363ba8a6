/**
 * A byte-level BPE tokenizer in Hugging Face `tokenizer.json` form, shaped like Qwen2's:
 * Qwen's Split regex + ByteLevel pre-tokenizer, ByteLevel decoder, a vocabulary of the
 * 256 byte symbols plus merges learned here, deterministically, from the project's own
 * English text, and the added special tokens <|endoftext|>, <|im_start|>, <|im_end|>.
 *
 * Unlike Qwen2 it has no NFC normalizer, so any text round-trips byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Qwen2's pre-tokenizer pattern, as written in its tokenizer.json (Oniguruma syntax). */
export const QWEN2_SPLIT_REGEX =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The same pattern in JavaScript (the inline case-insensitive group spelled out). */
const SPLIT_JS =
  /'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;

/**
 * GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others for U+0100
 * upwards. Returns, in vocabulary order (GPT-2 ids 0..255), each byte and its symbol.
 */
function byteTable(): { byte: number; symbol: string }[] {
  const bytes: number[] = [];
  for (let b = 33; b <= 126; b++) bytes.push(b);
  for (let b = 161; b <= 172; b++) bytes.push(b);
  for (let b = 174; b <= 255; b++) bytes.push(b);
  const table = bytes.map((b) => ({ byte: b, symbol: String.fromCodePoint(b) }));
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bytes.includes(b)) table.push({ byte: b, symbol: String.fromCodePoint(256 + n++) });
  return table;
}

/** The 256 byte symbols in vocabulary order. */
export function byteSymbols(): string[] {
  return byteTable().map((e) => e.symbol);
}

/** byte -> symbol. */
function byteMap(): string[] {
  const map = new Array<string>(256);
  for (const e of byteTable()) map[e.byte] = e.symbol;
  return map;
}

/** The "text" fields of the project's emotion corpus, files in name order, corrupt lines skipped. */
export function corpusTexts(dir: string): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const row = JSON.parse(line) as { text?: unknown };
        if (typeof row.text === 'string') texts.push(row.text);
      } catch {
        // A corrupt line only loses itself.
      }
    }
  }
  return texts;
}

/**
 * Learns `count` merges: repeatedly joins the most frequent adjacent pair of symbols
 * within pre-tokenized words; ties go to the pair that sorts first, so the result
 * depends only on the text.
 */
export function trainMerges(texts: string[], count: number): [string, string][] {
  const toSym = byteMap();
  const encoder = new TextEncoder();
  const freq = new Map<string, number>();
  for (const text of texts) {
    for (const m of text.matchAll(SPLIT_JS)) {
      let word = '';
      for (const b of encoder.encode(m[0])) word += toSym[b];
      freq.set(word, (freq.get(word) ?? 0) + 1);
    }
  }
  const words = [...freq.keys()].sort();
  const counts = words.map((w) => freq.get(w) as number);
  const split = words.map((w) => Array.from(w));

  const pairCount = new Map<string, number>();
  const where = new Map<string, Set<number>>();
  const addPairs = (wi: number, sign: number): void => {
    const sym = split[wi] as string[];
    for (let j = 0; j + 1 < sym.length; j++) {
      const key = `${sym[j]} ${sym[j + 1]}`;
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * (counts[wi] as number));
      if (sign > 0) {
        let set = where.get(key);
        if (!set) where.set(key, (set = new Set()));
        set.add(wi);
      }
    }
  };
  for (let wi = 0; wi < words.length; wi++) addPairs(wi, 1);

  const merges: [string, string][] = [];
  while (merges.length < count) {
    let best: string | undefined;
    let bestCount = 0;
    for (const [key, c] of pairCount) {
      if (c > bestCount || (c === bestCount && c > 0 && best !== undefined && key < best)) {
        best = key;
        bestCount = c;
      }
    }
    if (!best || bestCount < 2) break; // nothing left worth merging
    const [a, b] = best.split(' ') as [string, string];
    merges.push([a, b]);
    for (const wi of [...(where.get(best) ?? [])].sort((x, y) => x - y)) {
      addPairs(wi, -1);
      const sym = split[wi] as string[];
      const next: string[] = [];
      for (let j = 0; j < sym.length; j++) {
        if (j + 1 < sym.length && sym[j] === a && sym[j + 1] === b) {
          next.push(a + b);
          j++;
        } else next.push(sym[j] as string);
      }
      split[wi] = next;
      addPairs(wi, 1);
    }
    where.delete(best);
    pairCount.delete(best);
  }
  return merges;
}

export interface BuiltTokenizer {
  json: Record<string, unknown>;
  /** Vocabulary size including the special tokens (= the model's vocab_size). */
  size: number;
  special: Record<(typeof SPECIAL_TOKENS)[number], number>;
}

export function buildTokenizer(merges: [string, string][]): BuiltTokenizer {
  const vocab: Record<string, number> = {};
  let next = 0;
  for (const sym of byteSymbols()) vocab[sym] = next++;
  for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = next++;
  const special = {} as BuiltTokenizer['special'];
  const added = SPECIAL_TOKENS.map((content) => {
    special[content] = next;
    return { id: next++, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
  });
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: QWEN2_SPLIT_REGEX }, behavior: 'Isolated', invert: false },
        byteLevel,
      ],
    },
    post_processor: byteLevel,
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
  return { json, size: next, special };
}
