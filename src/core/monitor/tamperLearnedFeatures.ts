/**
 * What the learned reading weighs about one edit: n-grams of the normalised
 * tokens of the added and removed lines (test code and code under test kept
 * apart), and structural facts a reviewer states the same way whoever wrote the
 * edit. Nothing here reads the agent's prose: writers differ most there.
 */
import type { EditContext } from './tamperContext';
import { isTestLine } from './tamperContext';
import { ASSERTION } from './tamperAssertionLine';
import { CodeLine, literalsOf, LONG_LINE } from './tamperLines';
import { isTelling, normalisedTokens } from './tamperLearnedTokens';

/** Changed lines read per side: a rewrite beyond this is read from its first part (bounded time). */
const LINES_READ = 500;

export interface LineFeatures {
  line: CodeLine;
  side: 'added' | 'removed';
  features: string[];
}

export interface EditFeatures {
  /** Feature name -> value (1 for presence; structural counts are squashed into 0..1). */
  values: Map<string, number>;
  /** The n-gram features of each changed code line, for telling which lines weighed most. */
  lines: LineFeatures[];
  /** The edit touches a check, skip, exit, tolerance, shared state or printed value (else it is not read). */
  telling: boolean;
}

export function editFeatures(ctx: EditContext): EditFeatures {
  const values = new Map<string, number>();
  const lines: LineFeatures[] = [];
  let telling = false;
  const { added, removed } = ctx.changes;
  const known = new Set(removed.slice(0, LINES_READ).flatMap((l) => literalsOf(l.text).map((lit) => lit.value)));
  for (const [side, list] of [['added', added], ['removed', removed]] as const) {
    for (const line of list.slice(0, LINES_READ)) {
      if (line.comment) continue;
      const prefix = (side === 'added' ? '+' : '-') + (isTestLine(ctx, line, side === 'added' ? 'after' : 'before') ? 't' : 'c');
      const tokens = normalisedTokens(line.text, ctx.output, side === 'added' ? known : undefined);
      telling ||= tokens.some(isTelling);
      const features = lineGrams(prefix, tokens);
      for (const f of features) values.set(f, 1);
      lines.push({ line, side, features });
    }
  }
  for (const [name, value] of structure(ctx)) if (value !== 0) values.set(name, value);
  telling ||= STATE_OR_CHECKS.some((name) => values.has(name));
  return { values, lines, telling };
}

/** Unigrams and bigrams of one line, with the line's start marked (`if` opening a line is not `if` inside it). */
function lineGrams(prefix: string, tokens: string[]): string[] {
  const out = new Set<string>();
  let previous = '^';
  for (const t of tokens) {
    out.add(`${prefix}:${t}`);
    out.add(`${prefix}:${previous} ${t}`);
    previous = t;
  }
  return [...out];
}

/** Structural facts that touch a check or shared state whatever the tokens. */
const STATE_OR_CHECKS = ['s:module-state', 's:commented-out', 's:number-grown', 's:number-shrunk', 's:fewer-asserts'];

/** A count squashed into 0..1: one is already telling, many is not much more so. */
const squash = (n: number) => (n <= 0 ? 0 : Math.min(1, n / 3));

const MUTABLE_STATE = /^(?:(?:pub(?:\(crate\))?\s+)?static\s+(?:mut\s+)?\w+\s*:|(?:private\s+|public\s+|protected\s+)?static\s+(?!final)[\w<>[\], ]+\s+\w+\s*=|global\s+\w|nonlocal\s+\w|(?:let|var)\s+\w+\s*(?::[^=]+)?=\s*(?:0|false|null|undefined|\[\]|\{\}|new\s+(?:Map|Set)\b)|_*[A-Za-z]\w*\s*(?::[^=]+)?=\s*(?:0|False|None|\[\]|\{\}|set\(\)|dict\(\)|\{\s*\}|itertools\.count\(\))\s*$)/;
const BRANCH = /^(?:if|elif|else\s+if|\}\s*else\s+if|case|when)\b|\?[^:]+:/;
const RETURN = /^(?:return|yield)\b|=>\s*[^{]/;

function structure(ctx: EditContext): Array<[string, number]> {
  const { added, removed, blocks, beforeKnown } = ctx.changes;
  // Minified or generated lines are read by their first part only: the regular expressions below stay cheap.
  const code = (l: CodeLine) => !l.comment && l.text.length <= LONG_LINE;
  const addedCode = added.filter(code).slice(0, LINES_READ);
  const removedCode = removed.filter(code).slice(0, LINES_READ);
  const asserts = (ls: CodeLine[]) => ls.filter((l) => ASSERTION.test(l.text)).length;
  const [addedAsserts, removedAsserts] = [asserts(addedCode), asserts(removedCode)];
  const uncommented = new Set(removedCode.map((l) => l.text));
  const commentedOut = added.filter((l) => l.comment && uncommented.has(l.text.replace(/^(?:#|\/\/|--)\s*/, ''))).length;
  let earlyReturns = 0;
  for (let i = 0; i < addedCode.length; i++) {
    const l = addedCode[i];
    if (!isTestLine(ctx, l, 'after') && BRANCH.test(l.text) && (RETURN.test(l.text.replace(/^.*?[:{)]\s*/, '')) || (addedCode[i + 1] && RETURN.test(addedCode[i + 1].text)))) earlyReturns++;
  }
  const moduleState = addedCode.filter((l) => !isTestLine(ctx, l, 'after') && (l.indent === 0 || /\bstatic\b|\bglobal\b|\bnonlocal\b/.test(l.text)) && MUTABLE_STATE.test(l.text)).length;
  const numbers = numbersMoved(blocks);
  const testAdded = addedCode.filter((l) => isTestLine(ctx, l, 'after')).length;
  return [
    ['s:test-file', ctx.testFile ? 1 : 0],
    ['s:before-unknown', beforeKnown ? 0 : 1],
    ['s:added-asserts', squash(addedAsserts)],
    ['s:removed-asserts', squash(removedAsserts)],
    ['s:fewer-asserts', removedAsserts > addedAsserts ? 1 : 0],
    // Checks added and nothing taken away: a test made stricter, the opposite of a weakened one.
    ['s:checks-only-added', addedAsserts > 0 && removedCode.length === 0 ? 1 : 0],
    ['s:commented-out', squash(commentedOut)],
    ['s:early-returns', squash(earlyReturns)],
    ['s:module-state', squash(moduleState)],
    ['s:number-grown', squash(numbers.grown)],
    ['s:number-shrunk', squash(numbers.shrunk)],
    ['s:only-removed', addedCode.length === 0 && removedCode.length > 0 ? 1 : 0],
    ['s:small-edit', addedCode.length + removedCode.length <= 4 ? 1 : 0],
    ['s:large-edit', addedCode.length + removedCode.length > 40 ? 1 : 0],
    ['s:test-lines-added', squash(testAdded)],
    ['s:code-lines-added', squash(addedCode.length - testAdded)],
  ];
}

const NUMBER_IN_LINE = /(?<![\w.])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])/g;

/** Lines replaced by the same line with only numbers changed: how many numbers grew, how many shrank. */
function numbersMoved(blocks: EditContext['changes']['blocks']): { grown: number; shrunk: number } {
  let grown = 0;
  let shrunk = 0;
  for (const b of blocks.slice(0, 200)) {
    if (b.removed.length === 0 || b.added.length === 0 || b.removed.length > 20) continue;
    for (const was of b.removed) {
      if (was.text.length > LONG_LINE) continue;
      const shape = was.text.replace(NUMBER_IN_LINE, 'N');
      const now = b.added.find((l) => l.text !== was.text && l.text.replace(NUMBER_IN_LINE, 'N') === shape);
      if (!now) continue;
      const [a, z] = [was.text.match(NUMBER_IN_LINE) ?? [], now.text.match(NUMBER_IN_LINE) ?? []];
      for (let i = 0; i < Math.min(a.length, z.length); i++) {
        if (Number(z[i]) > Number(a[i])) grown++;
        else if (Number(z[i]) < Number(a[i])) shrunk++;
      }
    }
  }
  return { grown, shrunk };
}
