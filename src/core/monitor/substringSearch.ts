/**
 * Many substring questions against the same text at once: for each needle, the
 * first text that holds it (exactly what `texts.findIndex((t) => t.includes(needle))`
 * answers). Tamper rules ask this for thousands of removed lines against a
 * rewritten file of thousands of added lines; asked one needle at a time that
 * is needles x text and blocks the editor for seconds, read this way it is one
 * pass over the text per needle length up to WINDOW.
 *
 * How: every needle is looked for through one window of at most WINDOW
 * characters (a short needle is its own window; a long one takes the window
 * fewest other needles share, so a hit rarely needs checking against many).
 * A rolling hash of each text's windows finds the positions where a window
 * occurs, and `startsWith` confirms the whole needle there.
 */

const WINDOW = 8;
const BASE = 131;
/** Hash keys kept to 30 bits so the Map holds them as small integers. */
const KEY_MASK = 0x3fffffff;

interface Wanted {
  needle: string;
  /** Where the window sits inside the needle. */
  offset: number;
}

/** For each distinct needle held by some text, the index of the first text that holds it. */
export function firstHolders(needles: readonly string[], texts: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  const unique = [...new Set(needles)];
  if (texts.length === 0) return found;
  for (const needle of unique) if (needle.length === 0) found.set(needle, 0);

  const shared = new Map<string, number>();
  for (const needle of unique) {
    if (needle.length <= WINDOW) continue;
    for (const window of windowsOf(needle)) shared.set(window, (shared.get(window) ?? 0) + 1);
  }
  // Per window length, the needles waiting for each window's hash.
  const tables = new Map<number, Map<number, Wanted[]>>();
  let waiting = 0;
  for (const needle of unique) {
    if (needle.length === 0) continue;
    const offset = needle.length <= WINDOW ? 0 : rarestWindow(needle, shared);
    const window = needle.slice(offset, offset + WINDOW);
    const table = tables.get(window.length) ?? new Map<number, Wanted[]>();
    tables.set(window.length, table);
    const key = hashOf(window, 0, window.length) & KEY_MASK;
    const list = table.get(key);
    if (list) list.push({ needle, offset });
    else table.set(key, [{ needle, offset }]);
    waiting++;
  }

  for (let t = 0; t < texts.length && waiting > 0; t++) {
    const text = texts[t];
    for (const [length, table] of tables) {
      if (text.length < length) continue;
      // BASE^(length-1), to take the leaving character out of the rolling hash.
      let lead = 1;
      for (let i = 1; i < length; i++) lead = Math.imul(lead, BASE);
      let hash = hashOf(text, 0, length);
      for (let at = 0; ; at++) {
        const list = table.get(hash & KEY_MASK);
        if (list) {
          for (const w of list) {
            if (found.has(w.needle) || at < w.offset || !text.startsWith(w.needle, at - w.offset)) continue;
            found.set(w.needle, t);
            waiting--;
          }
        }
        if (at + length >= text.length) break;
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(at), lead), BASE) + text.charCodeAt(at + length)) | 0;
      }
    }
  }
  return found;
}

function hashOf(text: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

function windowsOf(needle: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + WINDOW <= needle.length; i++) out.add(needle.slice(i, i + WINDOW));
  return out;
}

/** The offset of the needle's window that the fewest needles share (the first such, for a stable choice). */
function rarestWindow(needle: string, shared: ReadonlyMap<string, number>): number {
  let best = 0;
  let bestCount = Infinity;
  for (let i = 0; i + WINDOW <= needle.length; i++) {
    const count = shared.get(needle.slice(i, i + WINDOW)) ?? 0;
    if (count < bestCount) [best, bestCount] = [i, count];
  }
  return best;
}
