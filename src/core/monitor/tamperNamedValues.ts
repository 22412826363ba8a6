/**
 * The numeric constants a file already declared before the edit, with their
 * values worked out (`nearOne Q15 = One - 1` is 32766 when `One = 0x7FFF`): a
 * branch on `a == nearOne` tests the printed input 0x7ffe just as `a == 0x7ffe`
 * would. Go const blocks, `const`/`final`/`static` declarations and module-level
 * ALL_CAPS names count; a variable assigned again is not a constant.
 */
import { EditContext, isTestLine } from './tamperContext';
import { evaluateArithmetic } from './tamperDerivation';

export interface NamedValues {
  /** The text with each known constant's name replaced by its value. */
  resolve: (text: string) => string;
  /** The values, for telling a value the file held before from one the edit brought. */
  values: string[];
}

const ID = String.raw`[A-Za-z_]\w*`;
const DECLARED = new RegExp(
  String.raw`^(?:export\s+)?(?:(?:pub(?:\([^)]*\))?|public|private|protected|static|final|readonly|const)\s+)+(?:[\w<>[\]]+\s+)?(${ID})\s*(?::\s*[\w<>[\]&']+\s*)?=\s*([^=].*?)\s*;?$`,
);
const ALL_CAPS = new RegExp(String.raw`^([A-Z][A-Z0-9_]*)\s*(?::\s*\w+\s*)?=\s*([^=].*?)\s*;?$`);
/** A line inside a Go `const (` block: `nearOne Q15 = One - 1`. */
const IN_BLOCK = new RegExp(String.raw`^(${ID})(?:\s+[\w.]+)?\s*=\s*(.+?)\s*$`);
const MAX_CONSTANTS = 200;

export function fileConstants(ctx: EditContext): NamedValues | undefined {
  const added = new Set(ctx.changes.added.map((l) => l.index));
  const values = new Map<string, string>();
  let inBlock = false;
  for (const line of ctx.changes.after) {
    if (values.size >= MAX_CONSTANTS) break;
    if (line.comment || added.has(line.index) || isTestLine(ctx, line, 'after')) continue;
    if (/^const\s*\($/.test(line.text)) {
      inBlock = true;
      continue;
    }
    if (inBlock && /^\)/.test(line.text)) inBlock = false;
    const m = (inBlock ? IN_BLOCK.exec(line.text) : undefined) ?? DECLARED.exec(line.text) ?? (line.indent === 0 ? ALL_CAPS.exec(line.text) : null);
    if (!m || values.has(m[1])) continue;
    const value = evaluate(m[2], values);
    if (value !== undefined) values.set(m[1], value);
  }
  if (values.size === 0) return undefined;
  const names = new RegExp(`(?<![\\w.])(${[...values.keys()].join('|')})\\b(?!\\s*(?::?=[^=]|\\())`, 'g');
  return { resolve: (text) => text.replace(names, (name: string) => values.get(name) ?? name), values: [...values.values()] };
}

/** A number, or arithmetic over numbers and constants already known; undefined for anything else. */
function evaluate(expression: string, known: Map<string, string>): string | undefined {
  const text = expression
    .replace(/(?<![\w.])0[xX]([0-9a-fA-F_]+)(?![\w.])/g, (_m, hex: string) => String(parseInt(hex.replace(/_/g, ''), 16)))
    .replace(new RegExp(`(?<![\\w.])${ID}\\b`, 'g'), (name) => known.get(name) ?? name);
  if (!/^[-+*/()\d.\s]+$/.test(text)) return undefined;
  const n = /^\s*-?\d+(?:\.\d+)?\s*$/.test(text) ? Number(text) : evaluateArithmetic(text);
  return n !== undefined && Number.isFinite(n) ? String(n) : undefined;
}
