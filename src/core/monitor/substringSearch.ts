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
 * A hash of each text's windows (from prefix hashes) finds the positions where a window
 * occurs, and `startsWith` confirms the whole needle there.
 */

const WINDOW = 8;
const BASE = 131;
/** Hash keys kept to 30 bits so the Map holds them as small integers. */
const KEY_MASK = 0x3fffffff;
const FILTER_SIZE = 1 << 16;
const SHARED_BUCKETS = 1 << 18;

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

  // How often long needles hold each window, counted in buckets of the window's hash: a collision
  // only makes a choice less good, never an answer wrong.
  const windowKeys = new Map<string, Int32Array>();
  const shared = new Int32Array(SHARED_BUCKETS);
  for (const needle of unique) {
    if (needle.length <= WINDOW) continue;
    const keys = windowHashes(needle);
    windowKeys.set(needle, keys);
    for (const key of keys) shared[key & (SHARED_BUCKETS - 1)]++;
  }
  // Per window length, the needles waiting for each window's hash, and a bit per low hash bits
  // that answers "no needle starts here" for most windows without a Map lookup.
  const tables = new Map<number, { wanted: Map<number, Wanted[]>; maybe: Uint8Array; lead: number }>();
  let waiting = 0;
  for (const needle of unique) {
    if (needle.length === 0) continue;
    const keys = windowKeys.get(needle);
    const offset = keys ? rarestWindow(keys, shared) : 0;
    const window = needle.slice(offset, offset + WINDOW);
    let table = tables.get(window.length);
    // lead is BASE^length, to take the prefix before a window out of its hash.
    if (!table) tables.set(window.length, (table = { wanted: new Map(), maybe: new Uint8Array(FILTER_SIZE), lead: power(window.length) }));
    const key = hashOf(window) & KEY_MASK;
    const list = table.wanted.get(key);
    if (list) list.push({ needle, offset });
    else table.wanted.set(key, [{ needle, offset }]);
    table.maybe[key & (FILTER_SIZE - 1)] = 1;
    waiting++;
  }

  // Prefix hashes: the hash of any window is then two reads and a multiply (one buffer for all texts).
  let prefix = new Int32Array(0);
  for (let t = 0; t < texts.length && waiting > 0; t++) {
    const text = texts[t];
    if (prefix.length <= text.length) prefix = new Int32Array(Math.max(text.length + 1, 2 * prefix.length));
    for (let i = 0; i < text.length; i++) prefix[i + 1] = (Math.imul(prefix[i], BASE) + text.charCodeAt(i)) | 0;
    for (const [length, { wanted, maybe, lead }] of tables) {
      for (let at = 0; at + length <= text.length; at++) {
        const key = ((prefix[at + length] - Math.imul(prefix[at], lead)) | 0) & KEY_MASK;
        if (maybe[key & (FILTER_SIZE - 1)] === 0) continue;
        const list = wanted.get(key);
        if (!list) continue;
        // A needle found is struck off, so later texts and windows no longer stop for it.
        for (let k = list.length - 1; k >= 0; k--) {
          const w = list[k];
          if (at < w.offset || !text.startsWith(w.needle, at - w.offset)) continue;
          found.set(w.needle, t);
          list.splice(k, 1);
          waiting--;
        }
        if (list.length === 0) wanted.delete(key);
      }
      if (wanted.size === 0) tables.delete(length);
    }
  }
  return found;
}

function power(exponent: number): number {
  let out = 1;
  for (let i = 0; i < exponent; i++) out = Math.imul(out, BASE);
  return out;
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The hash key of every WINDOW-long window of the needle, by offset. */
function windowHashes(needle: string): Int32Array {
  const keys = new Int32Array(needle.length - WINDOW + 1);
  const lead = power(WINDOW);
  let prefix = 0;
  let behind = 0;
  for (let i = 0; i < needle.length; i++) {
    prefix = (Math.imul(prefix, BASE) + needle.charCodeAt(i)) | 0;
    if (i + 1 < WINDOW) continue;
    // prefix(i + 1) - prefix(i + 1 - WINDOW) * BASE^WINDOW, the prefix behind kept rolling alongside.
    keys[i + 1 - WINDOW] = ((prefix - Math.imul(behind, lead)) | 0) & KEY_MASK;
    behind = (Math.imul(behind, BASE) + needle.charCodeAt(i + 1 - WINDOW)) | 0;
  }
  return keys;
}

/** The offset of the needle's window that the fewest needles share (the first such, for a stable choice). */
function rarestWindow(keys: Int32Array, shared: Int32Array): number {
  let best = 0;
  let bestCount = Infinity;
  for (let i = 0; i < keys.length; i++) {
    const count = shared[keys[i] & (SHARED_BUCKETS - 1)];
    if (count < bestCount) [best, bestCount] = [i, count];
  }
  return best;
}
