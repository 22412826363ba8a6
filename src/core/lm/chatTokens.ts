/**
 * Where each token of an encoded text sits in that text. @huggingface/tokenizers
 * gives no offsets, so the tokens are decoded one at a time (the way streaming
 * generation does it: decode a short window, keep what is new) and the decoded
 * pieces are walked along the text.
 *
 * Byte-level vocabularies split a multi-byte character over several tokens; each
 * of those decodes to U+FFFD alone. Such tokens are held back until the character
 * is complete and then all attached to it (they share its span). A piece that
 * differs from the text only in case, NFKC form or leading whitespace (a
 * normalizer or decoder changed it) still gets its span; anything else gets a
 * zero-width span where the walk stands. This never throws.
 */
import type { Tokenizer } from '@huggingface/tokenizers';
import type { Token } from '../model/tokenizer';

const REPLACEMENT = '\uFFFD';
/** A UTF-8 character has at most 4 bytes: a longer pending run is not a split character. */
const MAX_PENDING = 4;

export function tokenSpans(ids: ReadonlyArray<number>, text: string, tokenizer: Tokenizer): Token[] {
  const tokens: Token[] = ids.map((id) => ({ id, piece: tokenizer.id_to_token(id) ?? '', start: 0, end: 0 }));
  const decode = (from: number, to: number): string =>
    to > from ? tokenizer.decode(ids.slice(from, to), { skip_special_tokens: false, clean_up_tokenization_spaces: false }) : '';
  let pos = 0;
  // Window [prefix, read) was decoded already; tokens [read, i] are pending.
  let prefix = 0;
  let read = 0;
  /** Where `piece` sits at `pos`: exactly, past whitespace the decoder wrote differently, or up to case/NFKC. */
  const match = (piece: string): [number, number] | undefined => {
    if (text.startsWith(piece, pos)) return [pos, pos + piece.length];
    const bare = piece.replace(/^\s+/, '');
    let q = pos;
    while (q < text.length && /\s/.test(text[q] as string)) q++;
    if (bare.length > 0 && text.startsWith(bare, q)) return [pos, q + bare.length];
    const here = text.slice(pos, pos + piece.length);
    if (here.toLowerCase() === piece.toLowerCase() || here.normalize('NFKC') === piece.normalize('NFKC')) {
      return [pos, pos + piece.length];
    }
    return undefined;
  };
  const attach = (from: number, to: number, piece: string): void => {
    const [start, end] = (piece.length > 0 && match(piece)) || [pos, pos];
    for (let t = from; t < to; t++) {
      (tokens[t] as Token).start = start;
      (tokens[t] as Token).end = end;
    }
    pos = end;
  };
  for (let i = 0; i < ids.length; i++) {
    const before = decode(prefix, read);
    const now = decode(prefix, i + 1);
    const pending = i + 1 - read;
    if (now.endsWith(REPLACEMENT) && pending < MAX_PENDING && i + 1 < ids.length) continue;
    const piece = now.startsWith(before) ? now.slice(before.length) : now.slice(Math.min(before.length, now.length));
    attach(read, i + 1, piece);
    prefix = read;
    read = i + 1;
  }
  return tokens;
}
