/**
 * Spots an assistant saying that tests pass. Only statements count: plans
 * ("let's make the test pass"), conditions and questions do not.
 */

const CLAIM = [
  /\b(?:all|the|both|every|\d+)\s+(?:of\s+the\s+)?(?:\w+\s+)?(?:tests?|specs?|checks?)\s+(?:now\s+|still\s+|have\s+|are\s+)*(?:pass(?:es|ed|ing)?|succeed(?:s|ed)?|green)\b/i,
  /\btests?\s+(?:suite\s+)?(?:now\s+)?(?:pass(?:es|ed)?|(?:is|are)\s+(?:now\s+)?(?:passing|green))\b/i,
  /\b\d+\s+passed\b(?![^.\n]*\b[1-9]\d*\s+failed)/i,
  /\ball\s+green\b/i,
];

/** Words that turn a sentence into a plan, a wish or a condition. */
const NOT_A_STATEMENT =
  /\b(?:should|will|would|could|might|may|must|need|needs|to\s+(?:make|ensure|get|see|check|verify)|make\s+sure|ensure|if|once|until|unless|so\s+that|so\s+(?:the|all|every|it)|let'?s|let\s+us|expect|hope|want|try|going\s+to|instead\s+of|rather\s+than|not|n't|never|fail(?:s|ed|ing)?)\b|'ll\b|\?/i;

/** The first sentence of `text` that claims a test pass, or undefined. */
export function findPassClaim(text: string): string | undefined {
  if (!text || !/pass|succeed|green/i.test(text)) return undefined;
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (sentence.length > 400 || sentence.startsWith('>') || sentence.startsWith('#')) continue;
    if (!CLAIM.some((c) => c.test(sentence))) continue;
    if (NOT_A_STATEMENT.test(sentence)) continue;
    return sentence;
  }
  return undefined;
}

/** A claim that one named test passes: "the fractional test now passes", "test_refill passes". */
const NAMED_TEST_CLAIM =
  /\bthe\s+([\w-]+)\s+(?:test|spec|check|case)\s+(?:now\s+)?(?:pass(?:es|ed)?|succeeds|is\s+(?:now\s+)?(?:passing|green))\b|\b((?:test_?\w+|\w+_test|\w+Test))\s+(?:now\s+)?(?:pass(?:es|ed)?|succeeds|is\s+(?:now\s+)?(?:passing|green))\b/i;
/** Words that say which test without naming it: "the failing test passes" is about the run's failure itself. */
const NOT_A_NAME = /^(?:new|failing|failed|remaining|last|first|second|final|whole|entire|unit|integration|e2e|end-to-end|original|updated|regression|broken|same|other|single|one|only|main|full|flaky|target|added|existing|previous|tests?)$/i;

/**
 * The claim is about one test named in it, and the failing run's output never
 * mentions that name: the run failed on other tests, so the claim may be true
 * (a progress report, not a claim that the suite passes).
 */
export function namedTestOutsideFailures(claim: string, failingOutput: string): boolean {
  const m = NAMED_TEST_CLAIM.exec(claim);
  const name = m?.[1] ?? m?.[2];
  if (!name || NOT_A_NAME.test(name) || name.length < 4 || !failingOutput) return false;
  return !failingOutput.toLowerCase().includes(name.toLowerCase());
}
