/**
 * Text measures the corpus tests apply: sentence counting, whole-word banned
 * form matching and near-duplicate detection over word 5-grams.
 */

/** Straightens curly apostrophes so "don’t" and "don't" compare equal. */
function normalise(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
}

/**
 * Sentences end at . ! or ? (plus any closing quote or bracket) followed by
 * whitespace and a character that is not a lower-case letter, so file names
 * (auth.test.ts), versions (v1.2) and "e.g. the" do not split a sentence.
 */
export function countSentences(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const ends = trimmed.match(/[.!?]+["'\u201d\u2019)\]]*\s+(?=[^\s\p{Ll}])/gu);
  return (ends?.length ?? 0) + 1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A case-insensitive matcher for a word or phrase as a whole: "hope" matches
 * "Hope," and "hope-filled" but not "hopeful" or "ahoped". Spaces and dashes
 * inside a phrase are interchangeable ("self-critical" also matches "self critical").
 */
const patterns = new Map<string, RegExp>();

export function wholeFormPattern(form: string): RegExp {
  let pattern = patterns.get(form);
  if (!pattern) {
    pattern = buildPattern(form);
    patterns.set(form, pattern);
  }
  return pattern;
}

function buildPattern(form: string): RegExp {
  const parts = normalise(form.trim().toLowerCase()).split(/[\s-]+/).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** " a b c ": the text's letter/digit runs, lower case, so word sequences can be found with includes(). */
function tokenKey(text: string): string {
  const tokens = normalise(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return ` ${tokens.join(' ')} `;
}

const formKeys = new Map<string, string>();

/**
 * The forms (from `forms`) that occur in `text` as whole words/phrases. A
 * cheap token-sequence check rules most forms out before the exact pattern
 * runs, which keeps thousands of texts times hundreds of forms fast.
 */
export function findForms(text: string, forms: readonly string[]): string[] {
  const t = normalise(text);
  const key = tokenKey(t);
  return forms.filter((form) => {
    let formKey = formKeys.get(form);
    if (formKey === undefined) {
      formKey = tokenKey(form);
      formKeys.set(form, formKey);
    }
    return key.includes(formKey) && wholeFormPattern(form).test(t);
  });
}

function wordTokens(text: string): string[] {
  return normalise(text).toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

export function wordFiveGrams(text: string): Set<string> {
  const tokens = wordTokens(text);
  const grams = new Set<string>();
  for (let i = 0; i + 5 <= tokens.length; i++) grams.add(tokens.slice(i, i + 5).join(' '));
  return grams;
}

export interface NearDuplicate {
  a: string;
  b: string;
  /** Shared distinct 5-grams over the smaller text's distinct 5-gram count. */
  overlap: number;
}

/**
 * Pairs of texts sharing more than `threshold` of their word 5-grams (measured
 * against the text with fewer 5-grams), plus exact duplicates of texts too
 * short to have any. An inverted index from 5-gram to texts keeps this near
 * linear: only pairs that share at least one 5-gram are ever compared.
 */
export function findNearDuplicates(
  items: readonly { id: string; text: string }[],
  threshold: number,
): NearDuplicate[] {
  const found: NearDuplicate[] = [];
  const index = new Map<string, number[]>();
  const sizes: number[] = [];
  const shortTexts = new Map<string, string>();
  items.forEach((item, i) => {
    const grams = wordFiveGrams(item.text);
    sizes.push(grams.size);
    if (grams.size === 0) {
      const key = wordTokens(item.text).join(' ');
      const earlier = shortTexts.get(key);
      if (earlier !== undefined) found.push({ a: earlier, b: item.id, overlap: 1 });
      else shortTexts.set(key, item.id);
      return;
    }
    const shared = new Map<number, number>();
    for (const gram of grams) {
      const holders = index.get(gram);
      if (holders) for (const j of holders) shared.set(j, (shared.get(j) ?? 0) + 1);
      else index.set(gram, []);
      index.get(gram)!.push(i);
    }
    for (const [j, count] of shared) {
      const overlap = count / Math.min(grams.size, sizes[j]);
      if (overlap > threshold) found.push({ a: items[j].id, b: item.id, overlap });
    }
  });
  return found;
}
