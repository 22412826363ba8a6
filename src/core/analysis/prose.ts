/**
 * The prose of a completion, cut into sentences. The embedded model is a
 * sentence encoder: affect is usually one sentence inside a technical paragraph,
 * and code, tool JSON, stack traces and long paths carry none of it but would
 * dominate a mean over all tokens. They are left out here; what remains is split
 * into sentences, and sentences too short to read on their own are joined to
 * their neighbour.
 */
export interface ProseSegment {
  text: string;
  /** Character span in the completion's text. */
  start: number;
  end: number;
}

export interface Prose {
  segments: ProseSegment[];
  /** Characters left out as code, tool output, traces or paths. */
  skippedChars: number;
  /** True when the text was longer than the reader reads (see PROSE_LIMITS). */
  truncated: boolean;
}

/** Bounds on the work one completion can cause, whatever its size. */
export const PROSE_LIMITS = {
  /** Only this many characters of a completion are looked at (the first ones). */
  maxChars: 20_000,
  /** At most this many segments are read; the rest are dropped (and `truncated` says so). */
  maxSegments: 48,
};

/** Segments shorter than this many words are joined to the next sentence (or the previous one at the end). */
export const MIN_SEGMENT_WORDS = 6;

const FENCE = /(^|\n)[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(\n[ \t]*\2[ \t]*(?=\n|$)|$)/g;
const STACK_LINE = /^\s*(at\s+\S.*(\(|:\d+)|File\s+"[^"]+",\s+line\s+\d+|Traceback \(most recent call last\)|\w+(\.\w+)*(Error|Exception):\s|#\d+\s+0x[0-9a-f]+|\s*\^+\s*$)/;
const JSON_LINE = /^\s*[[{].*[\]}],?\s*$|^\s*"[^"]+"\s*:\s*.+,?\s*$|^\s*[\]}],?\s*$/;
const FILE_NAME_LINE = /^\s*`?[\w@~.-]*(?:[\\/][\w@~.-]+)*\.[A-Za-z][\w-]{0,9}`?:?\s*$/;
const DIFF_OR_PROMPT = /^(\+\+\+|---|@@|[+-]\s|\$\s|>>>\s|PS [A-Z]:\\)/;
/** Inline JSON objects/arrays with quoted keys, and long paths or URLs. */
const INLINE_JSON = /\{[^{}\n]*"[^"\n]*"\s*:[^{}\n]*\}|\[[^[\]\n]*\{[^\n]*\}[^[\]\n]*\]/g;
const LONG_PATH = /(?:[A-Za-z]:)?(?:[\w.@~-]*[\\/]){2,}[\w.@~-]*|https?:\/\/\S+|[\x21-\x7e]{40,}/g;

export function extractProse(text: string): Prose {
  const truncated = text.length > PROSE_LIMITS.maxChars;
  const source = truncated ? text.slice(0, PROSE_LIMITS.maxChars) : text;
  const kept = blankNonProse(source);
  const skippedChars = countNonSpace(source) - countNonSpace(kept);

  const sentences = splitSentences(kept);
  const segments = joinShort(sentences, kept);
  const capped = segments.length > PROSE_LIMITS.maxSegments;
  return { segments: capped ? segments.slice(0, PROSE_LIMITS.maxSegments) : segments, skippedChars, truncated: truncated || capped };
}

/**
 * The text with everything that is not prose (code, tool JSON, traces, diffs, long
 * paths) replaced by spaces, so every offset still points at the same character.
 */
export function blankNonProse(text: string): string {
  let kept = text.replace(FENCE, (m) => blank(m));
  kept = kept
    .split('\n')
    .map((line) => (isCodeLine(line) ? blank(line) : line))
    .join('\n');
  return kept.replace(INLINE_JSON, blank).replace(LONG_PATH, blank);
}

function isCodeLine(line: string): boolean {
  if (line.trim() === '') return false;
  if (/^( {4,}|\t)/.test(line)) return true; // an indented code block
  if (STACK_LINE.test(line) || JSON_LINE.test(line) || DIFF_OR_PROMPT.test(line)) return true;
  // A line that is only a file name (aider writes one above each edit block) names a file, it says nothing.
  if (FILE_NAME_LINE.test(line)) return true;
  // Lines with more symbols than letters are code or data, not prose.
  const letters = (line.match(/\p{L}/gu) ?? []).length;
  const symbols = (line.match(/[{}()[\];=<>|&$#\\/*_`"']/g) ?? []).length;
  return symbols > 6 && symbols > letters / 2;
}

/** Sentence spans: ends at . ! ? followed by space or end, at line ends of list items, and at blank lines. */
function splitSentences(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const boundary = /[.!?]+["')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    pushSpan(spans, text, start, end);
    start = end;
  }
  pushSpan(spans, text, start, text.length);
  return spans;
}

function pushSpan(spans: Array<{ start: number; end: number }>, text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  // A span of list markers, numbers or punctuation alone is no sentence.
  if (e > s && /\p{L}{2,}/u.test(text.slice(s, e))) spans.push({ start: s, end: e });
}

/** Joins sentences of fewer than MIN_SEGMENT_WORDS words to the following one (the last to the previous). */
function joinShort(spans: Array<{ start: number; end: number }>, kept: string): ProseSegment[] {
  const source = kept;
  const words = (s: { start: number; end: number }) => source.slice(s.start, s.end).split(/\s+/).filter(Boolean).length;
  const joined: Array<{ start: number; end: number; parts: Array<{ start: number; end: number }> }> = [];
  let open: (typeof joined)[number] | undefined;
  for (const span of spans) {
    if (!open) open = { start: span.start, end: span.end, parts: [span] };
    else {
      open.end = span.end;
      open.parts.push(span);
    }
    if (open.parts.reduce((n, p) => n + words(p), 0) >= MIN_SEGMENT_WORDS) {
      joined.push(open);
      open = undefined;
    }
  }
  if (open) {
    const last = joined.at(-1);
    if (last) {
      last.end = open.end;
      last.parts.push(...open.parts);
    } else joined.push(open);
  }
  // The segment's text is its sentences only (what was left out between them stays out).
  return joined.map((j) => ({ start: j.start, end: j.end, text: j.parts.map((p) => source.slice(p.start, p.end)).join(' ').replace(/\s+/g, ' ') }));
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

function countNonSpace(s: string): number {
  return s.replace(/\s/g, '').length;
}

/** Common English function words: a text of many words with almost none of them is not English. */
const ENGLISH_WORDS = new Set('the a an is are was be to of and in on for with it this that not i we you can will have has from by at as or but if so do no'.split(' '));

/**
 * Why a text cannot be read by an English sentence encoder, or undefined when it
 * can: mostly non-Latin script, or many words with almost no English function words.
 */
export function languageProblem(text: string): string | undefined {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return undefined;
  const latin = letters.filter((c) => /[A-Za-z\u00C0-\u024F]/.test(c)).length;
  if (latin / letters.length < 0.5) return 'not English text (the embedded model reads English only)';
  const words = text.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  if (words.length >= 12 && words.filter((w) => ENGLISH_WORDS.has(w)).length / words.length < 0.04) {
    return 'does not look like English text (the embedded model reads English only)';
  }
  return undefined;
}
