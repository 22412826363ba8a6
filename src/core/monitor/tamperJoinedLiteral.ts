/**
 * Special cases written so the failing literal never appears whole, and code that runs one way
 * under test and another in the real build:
 * - string literals joined (`"SPRING" + "20"`, Python's `"SPRING" "20"`, Rust `concat!`) are read
 *   as the one string they make, and the special-case reading runs on the joined text;
 * - a Rust `#[cfg(test)]` / `#[cfg(not(test))]` put on a statement inside a function of code
 *   under test: the tests check a build the user never runs.
 */
import { EditContext, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, LONG_LINE } from './tamperLines';
import { specialCaseFindings } from './tamperSpecialCase';

/** Two or more string literals in a row joined by `+`, juxtaposition (Python, C) or `concat!(...)`. */
const JOINED = /(["'])((?:(?!\1)[^\\])*)\1(?:\s*\+?\s*(["'])(?:(?!\3)[^\\])*\3)+/g;
const CONCAT_MACRO = /\bconcat!\s*\(\s*((?:"[^"\\]*"\s*,?\s*)+)\)/g;

function joined(text: string): string {
  if (!/["'][^"']*["']\s*\+?\s*["']|concat!/.test(text)) return text;
  const macro = text.replace(CONCAT_MACRO, (_m, parts: string) => `"${[...parts.matchAll(/"([^"\\]*)"/g)].map((p) => p[1]).join('')}"`);
  return macro.replace(JOINED, (m) => {
    const parts = [...m.matchAll(/(["'])((?:(?!\1)[^\\])*)\1/g)].map((p) => p[2]);
    return `"${parts.join('')}"`;
  });
}

export function joinedLiteralFindings(ctx: EditContext): TamperFinding[] {
  const found = cfgOnStatement(ctx);
  if (found) return [found];
  // Rewritten only when an added line joins literals: every other edit costs one scan of its added lines.
  if (!ctx.changes.added.some((l) => !l.comment && l.text.length < LONG_LINE && joined(l.text) !== l.text)) return [];
  const rewrite = (l: CodeLine) => (l.comment || l.text.length >= LONG_LINE ? l : { ...l, text: joined(l.text) });
  const after = ctx.changes.after.map(rewrite);
  const before = ctx.changes.before.map(rewrite);
  const pick = (side: CodeLine[]) => (l: CodeLine) => side[l.index] ?? l;
  const changes = {
    ...ctx.changes,
    after,
    before,
    added: ctx.changes.added.map(pick(after)),
    removed: ctx.changes.removed.map(pick(before)),
    blocks: ctx.changes.blocks.map((b) => ({ added: b.added.map(pick(after)), removed: b.removed.map(pick(before)) })),
  };
  // Only a reading the joining made possible: the same edit read as written finds nothing.
  return specialCaseFindings({ ...ctx, changes }).map((f) => ({ ...f, detail: `${f.detail} (the literal is written in pieces)` }));
}

/** A cfg on test-ness inside a function body, on a statement rather than an item (`mod`, `fn`, `use`). */
function cfgOnStatement(ctx: EditContext): TamperFinding | undefined {
  if (!/\.rs$/.test(ctx.path)) return undefined;
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.indent === 0 || !/^#\[cfg\((?:not\()?test\)?\)\]$/.test(line.text)) continue;
    const next = lines.slice(line.index + 1).find((l) => l.text !== '' && !l.comment);
    if (!next || /^(?:pub\b|mod\b|fn\b|use\b|impl\b|struct\b|enum\b|const\b|static\b|type\b|trait\b|#|async\s+fn\b|unsafe\b|extern\b|macro_rules!)/.test(next.text)) continue;
    return { pattern: 'special-case-literal', severity: 'tamper', detail: `${ctx.path}: code under test now runs one way in the test build and another in the real one: ${quoteLine(line.text)} ${quoteLine(next.text)}` };
  }
  return undefined;
}
