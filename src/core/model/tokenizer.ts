/**
 * SentencePiece unigram tokenizer for USE-lite, giving exactly the ids of the
 * reference tokenizer in `@energetic-ai/embeddings` (the same algorithm as
 * `@tensorflow-models/universal-sentence-encoder`): NFKC, case-sensitive,
 * spaces become U+2581 and one U+2581 is prepended, then the highest-scoring
 * segmentation over the vocabulary (a Viterbi pass over a trie of pieces).
 *
 * The reference's quirks are reproduced on purpose, because ids must match:
 * - a position where no piece starts gets a one-character unknown piece (id 0,
 *   score 0); runs of unknown pieces merge into one id 0;
 * - a position no piece ends at keeps the score 0 (the best possible), and ties
 *   go to the later candidate (`>=`);
 * - `null` scores in vocab.json count as 0; a duplicated piece keeps the last
 *   id; the first 6 pieces (reserved symbols) are never produced.
 * Unlike the reference (which slices the input at every position, quadratic in
 * the length) this runs in linear time, so a 1 MB text takes well under a second.
 *
 * Besides ids it returns each token's span in the caller's original string, so
 * a UI can colour the text token by token.
 */

import { readFileSync } from 'node:fs';

export type Vocabulary = ReadonlyArray<readonly [string, number | null]>;

export interface Token {
  /** Vocabulary id (0 = unknown). */
  id: number;
  /** The vocabulary piece (U+2581 marks a preceding space), or the unknown characters themselves. */
  piece: string;
  /** UTF-16 offsets into the original text: `text.slice(start, end)` is what the token covers. */
  start: number;
  end: number;
}

export const SPACE_MARK = '\u2581';
export const UNKNOWN_ID = 0;
const RESERVED_SYMBOLS = 6;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Vocabulary id if a piece ends here, else -1. */
  id: number;
  score: number;
}

function newNode(): TrieNode {
  return { children: new Map(), id: -1, score: 0 };
}

/**
 * NFKC-normalises `text` and maps every normalised code unit back to the span of
 * the original text it came from. Normalisation runs per starter-plus-marks
 * cluster so offsets stay exact (a cluster that normalisation rewrites maps as a
 * whole); if cluster-wise normalisation ever differs from
 * normalising the whole text (it should not for real text), offsets fall back to
 * a proportional mapping so they stay defined and in bounds.
 */
function normalizeWithOffsets(text: string): { normalized: string; origStart: Int32Array; origEnd: Int32Array } {
  const normalized = text.normalize('NFKC');
  const origStart = new Int32Array(normalized.length);
  const origEnd = new Int32Array(normalized.length);
  // A cluster: one code point plus any following combining marks or conjoining vowel/final jamo.
  const cluster = /[\s\S][\p{M}\u1160-\u11FF\uD7B0-\uD7FF]*/gu;
  let out = 0;
  let ok = true;
  for (let m = cluster.exec(text); m !== null; m = cluster.exec(text)) {
    const piece = m[0].normalize('NFKC');
    if (normalized.startsWith(piece, out) === false) {
      ok = false;
      break;
    }
    const unchanged = piece === m[0];
    for (let k = 0; k < piece.length; k++) {
      // Unchanged text maps unit to unit; a rewritten cluster maps every unit to the whole cluster.
      origStart[out + k] = unchanged ? m.index + k : m.index;
      origEnd[out + k] = unchanged ? m.index + k + 1 : m.index + m[0].length;
    }
    out += piece.length;
  }
  if (!ok || out !== normalized.length) {
    const scale = text.length / Math.max(1, normalized.length);
    for (let k = 0; k < normalized.length; k++) {
      origStart[k] = Math.min(text.length, Math.floor(k * scale));
      origEnd[k] = Math.min(text.length, Math.max(origStart[k] as number, Math.floor((k + 1) * scale)));
    }
  }
  return { normalized, origStart, origEnd };
}

export class Tokenizer {
  private readonly root = newNode();
  private readonly pieceLength: Int32Array;

  constructor(private readonly vocabulary: Vocabulary) {
    if (!Array.isArray(vocabulary) || vocabulary.length <= RESERVED_SYMBOLS) {
      throw new Error('tokenizer vocabulary must be an array of [piece, score] pairs');
    }
    this.pieceLength = new Int32Array(vocabulary.length);
    for (let i = 0; i < vocabulary.length; i++) {
      const entry = vocabulary[i];
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
        throw new Error(`tokenizer vocabulary entry ${i} is not a [piece, score] pair`);
      }
      // The reference steps back by the piece's UTF-16 length when it rebuilds the path.
      this.pieceLength[i] = entry[0].length;
      if (i < RESERVED_SYMBOLS) continue;
      let node = this.root;
      for (const symbol of entry[0]) {
        let next = node.children.get(symbol);
        if (!next) {
          next = newNode();
          node.children.set(symbol, next);
        }
        node = next;
      }
      if (node === this.root) continue; // an empty piece can never match
      node.id = i;
      node.score = entry[1] ?? 0;
    }
  }

  /** Reads a vocab.json ([piece, score] pairs) from disk. */
  static fromFile(path: string): Tokenizer {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read tokenizer vocabulary ${path}: ${(err as Error).message}`);
    }
    return new Tokenizer(parsed as Vocabulary);
  }

  get size(): number {
    return this.vocabulary.length;
  }

  /** Token ids only, identical to the reference `Tokenizer.encode`. */
  encode(text: string): number[] {
    return this.tokenize(text).map((t) => t.id);
  }

  tokenize(text: string): Token[] {
    const { normalized, origStart, origEnd } = normalizeWithOffsets(text);
    if (normalized.length === 0) return [];
    const processed = SPACE_MARK + normalized.replace(/ /g, SPACE_MARK);

    // Code points of the processed text, and the original span of each (index 0 is the added U+2581).
    const symbols: string[] = [];
    const spanStart: number[] = [];
    const spanEnd: number[] = [];
    let unit = 0;
    for (const symbol of processed) {
      symbols.push(symbol);
      if (unit === 0) {
        spanStart.push(0);
        spanEnd.push(0);
      } else {
        const first = unit - 1;
        const last = unit - 1 + symbol.length - 1;
        spanStart.push(origStart[first] as number);
        spanEnd.push(origEnd[last] as number);
      }
      unit += symbol.length;
    }
    const n = symbols.length;

    // Forward Viterbi. For a fixed end position, candidates arrive in increasing start
    // order, the same order in which the reference visits them, so ties resolve the same way.
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const base = best[i] as number;
      let node = this.root.children.get(symbols[i] as string);
      let matched = false;
      for (let j = i; node !== undefined; ) {
        if (node.id >= 0) {
          matched = true;
          const end = j + 1;
          const score = node.score + base;
          if (best[end] === 0 || score >= (best[end] as number)) {
            best[end] = score;
            words[end] = node.id;
          }
        }
        j++;
        if (j >= n) break;
        node = node.children.get(symbols[j] as string);
      }
      if (!matched) {
        const end = i + 1;
        const score = 0 + base;
        if (best[end] === 0 || score >= (best[end] as number)) {
          best[end] = score;
          words[end] = UNKNOWN_ID;
        }
      }
    }

    // Walk back from the end; merge runs of unknown pieces like the reference.
    const reversed: Token[] = [];
    let previousUnknown = false;
    for (let iter = n; iter > 0; ) {
      const id = words[iter] as number;
      const step = Math.max(1, this.pieceLength[id] as number);
      const from = Math.max(0, iter - step);
      const start = spanStart[from] as number;
      const end = spanEnd[iter - 1] as number;
      if (previousUnknown && id === UNKNOWN_ID) {
        // The token after this one (already pushed) absorbs this unknown run.
        const merged = reversed[reversed.length - 1] as Token;
        merged.start = start;
        merged.piece = symbols.slice(from, iter).join('') + merged.piece;
      } else {
        reversed.push({
          id,
          piece: id === UNKNOWN_ID ? symbols.slice(from, iter).join('') : (this.vocabulary[id] as readonly [string, number | null])[0],
          start,
          end,
        });
      }
      previousUnknown = id === UNKNOWN_ID;
      iter -= step;
    }
    return reversed.reverse();
  }
}
