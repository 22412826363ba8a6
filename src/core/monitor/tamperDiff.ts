/**
 * The lines an edit added and removed, from a real line diff of the whole old
 * and new content (jsdiff's Myers diff). Lines are compared without their
 * indentation, trailing whitespace and line endings, so re-indents and CRLF/LF
 * flips are no change at all.
 */
import { diffArrays } from 'diff';
import { CodeLine, codeLines, looksBinary } from './tamperLines';

/** Content beyond this size (per side) is not analysed; the edit is skipped with a reason. */
export const MAX_ANALYSED_CHARS = 1024 * 1024;
/** The Myers diff gives up after this long on pathological input; a cheaper line-set diff takes over. */
const DIFF_TIMEOUT_MS = 50;
/** Changed regions longer than this (lines a side) go straight to the line-set diff: a rewrite, not an edit. */
const MYERS_MAX_LINES = 20_000;

/** Removed lines followed by the added lines that replace them (either may be empty). */
export interface ChangeBlock {
  removed: CodeLine[];
  added: CodeLine[];
}

export interface ChangeSet {
  before: CodeLine[];
  after: CodeLine[];
  added: CodeLine[];
  removed: CodeLine[];
  blocks: ChangeBlock[];
  /** False when the content before the edit is unknown and the whole new text counts as added. */
  beforeKnown: boolean;
}

export type DiffResult = { ok: true; changes: ChangeSet } | { ok: false; reason: string };

/** Diffs `before` (undefined: unknown) against `after`. */
export function diffContent(before: string | undefined, after: string): DiffResult {
  for (const [side, text] of [['new', after], ['old', before]] as const) {
    if (text === undefined) continue;
    if (text.length > MAX_ANALYSED_CHARS) return { ok: false, reason: `the ${side} content is ${megabytes(text.length)}, above the ${megabytes(MAX_ANALYSED_CHARS)} analysed per edit` };
    if (looksBinary(text)) return { ok: false, reason: `the ${side} content is binary` };
  }
  const afterLines = codeLines(after);
  if (before === undefined) {
    const added = afterLines.filter((l) => l.text !== '');
    return { ok: true, changes: { before: [], after: afterLines, added, removed: [], blocks: [{ removed: [], added }], beforeKnown: false } };
  }
  const beforeLines = codeLines(before);
  const blocks = myersBlocks(beforeLines, afterLines) ?? multisetBlocks(beforeLines, afterLines);
  const nonBlank = (ls: CodeLine[]) => ls.filter((l) => l.text !== '');
  const cleaned = blocks.map((b) => ({ removed: nonBlank(b.removed), added: nonBlank(b.added) })).filter((b) => b.removed.length + b.added.length > 0);
  return {
    ok: true,
    changes: {
      before: beforeLines,
      after: afterLines,
      added: cleaned.flatMap((b) => b.added),
      removed: cleaned.flatMap((b) => b.removed),
      blocks: cleaned,
      beforeKnown: true,
    },
  };
}

function myersBlocks(before: CodeLine[], after: CodeLine[]): ChangeBlock[] | undefined {
  // Lines equal at both ends are common for sure; only the middle needs the diff (most edits touch a few lines).
  let head = 0;
  while (head < before.length && head < after.length && before[head].text === after[head].text) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail].text === after[after.length - 1 - tail].text) tail++;
  const oldMiddle = before.slice(head, before.length - tail);
  const newMiddle = after.slice(head, after.length - tail);
  if (oldMiddle.length > MYERS_MAX_LINES || newMiddle.length > MYERS_MAX_LINES) return undefined;
  const parts = diffArrays(
    oldMiddle.map((l) => l.text),
    newMiddle.map((l) => l.text),
    { timeout: DIFF_TIMEOUT_MS },
  );
  if (!parts) return undefined;
  const blocks: ChangeBlock[] = [];
  let current: ChangeBlock | undefined;
  let i = head;
  let j = head;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      i += n;
      j += n;
      current = undefined;
      continue;
    }
    if (!current) {
      current = { removed: [], added: [] };
      blocks.push(current);
    }
    if (part.removed) {
      current.removed.push(...before.slice(i, i + n));
      i += n;
    } else {
      current.added.push(...after.slice(j, j + n));
      j += n;
    }
  }
  return blocks;
}

/** Fallback for huge rewrites: lines present on one side more often than on the other, in order. */
function multisetBlocks(before: CodeLine[], after: CodeLine[]): ChangeBlock[] {
  const surplus = (from: CodeLine[], against: CodeLine[]) => {
    const left = new Map<string, number>();
    for (const l of against) left.set(l.text, (left.get(l.text) ?? 0) + 1);
    return from.filter((l) => {
      const n = left.get(l.text) ?? 0;
      if (n > 0) {
        left.set(l.text, n - 1);
        return false;
      }
      return true;
    });
  };
  return [{ removed: surplus(before, after), added: surplus(after, before) }];
}

function megabytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}
