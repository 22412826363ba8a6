/**
 * The user says the test itself is wrong ("that expectation is outdated"), or
 * asks for it to be changed ("update the test's expected value"): a test then
 * corrected with a cited source is what the person present asked for, even
 * inside a failing loop. "Fix the test" is left out: it usually means "make it
 * pass". A negated request ("don't change the test") is no permission.
 */
const DOUBT =
  /\b(?:tests?|expectations?|assertions?|expected values?)\b[^.?!\n]{0,40}\b(?:is|are|was|were|looks?|seems?)\s+(?:(?!not\b|never\b)\w+\s+)?(?:wrong|incorrect|outdated|stale|out of date|mistaken|bogus)\b|\b(?:update|change|correct|adjust|rewrite)\s+(?:the\s+|that\s+|this\s+)?(?:tests?|expectations?|assertions?|expected values?|snapshots?)\b/i;
const NEGATED = /\b(?:don'?t|do not|never|without|isn'?t|is not|aren'?t|are not|not)\b[^.?!\n]{0,30}$/i;

export function userDoubtsTheTest(text: string): boolean {
  for (const sentence of text.slice(0, 4000).split(/(?<=[.!?])\s+|\n+/)) {
    const m = DOUBT.exec(sentence);
    if (m && !NEGATED.test(sentence.slice(0, m.index))) return true;
  }
  return false;
}
