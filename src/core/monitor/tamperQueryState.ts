/**
 * Asking changes the answer: a query (a function named for what it reports: remaining, get,
 * is, has, count, peek, status ...) now records state, and another function branches on that
 * state to return a constant, so a call answers differently because a query ran before it
 * (`remaining()` stores the slot it advertised, `tryConsume()` then returns true past the limit).
 * A cache that a later call answers from (its branch returns the state itself or a value read
 * from it) is not this: the branch here answers a fixed value the state does not hold.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { enclosingFunction, persistence } from './tamperState';
import { mutationsOf } from './tamperToggle';

/** First words of names that report rather than act. */
const QUERY_WORD = /^(?:get|is|has|can|should|would|remaining|available|count|size|len|length|peek|check|status|exists|contains|find|lookup|describe|estimate|preview|quote|left|capacity|allowed|will|current|show|list|query)$/;
/** An answer fixed in the code: a boolean, a number, a string. */
const CONSTANT = /^(?:true|false|True|False|-?\d[\w.]*|"[^"]*"|'[^']*'|`[^`$]*`)$/;
const OPENER_NAME = /(?:\b(?:def|fn|func|function)\s+(?:\([^)]*\)\s*)?|^(?:(?:public|private|protected|static|async|override|final|synchronized)\s+)*(?:[\w<>[\],.? ]+\s+)?)([A-Za-z_]\w*)\s*(?:<[^>]*>)?\(/;

export function queryStateFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const before = ctx.changes.before.map((l) => l.text).join('\n');
  for (const [name, mutation] of mutationsOf(added).slice(0, 200)) {
    const query = enclosingFunction(lines, mutation.index);
    if (query === -1 || !isQuery(lines[query]) || new RegExp(`\\b${name}\\b`).test(before)) continue;
    const kind = persistence(lines, name, mutation);
    if (!kind) continue;
    const reads = new RegExp(`\\b${name}\\b`);
    for (const branch of added) {
      if (!/^(?:if|elif|else\s+if|unless)\b/.test(branch.text) || !reads.test(branch.text)) continue;
      const other = enclosingFunction(lines, branch.index);
      if (other === -1 || other === query) continue;
      const answer = constantAnswer(lines, branch);
      if (answer === undefined) continue;
      return [
        {
          pattern: 'call-count-toggle',
          severity: 'tamper',
          detail: `${ctx.path} records ${kind} \`${name}\` in a query and another call answers ${answer} when it is set: ${quoteLine(branch.text)}`,
        },
      ];
    }
  }
  return [];
}

function isQuery(opener: CodeLine): boolean {
  const name = OPENER_NAME.exec(opener.text)?.[1];
  if (name === undefined) return false;
  const first = name.replace(/^_+/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/)[0];
  return QUERY_WORD.test(first);
}

/** The constant the branch's body returns, if it returns one. */
function constantAnswer(lines: readonly CodeLine[], branch: CodeLine): string | undefined {
  for (let j = branch.index + 1; j < lines.length && j < branch.index + 20; j++) {
    const l = lines[j];
    if (l.text === '' || l.comment) continue;
    if (l.indent <= branch.indent) break;
    const value = /^return\s+([^;]+?);?$/.exec(l.text)?.[1].trim();
    if (value !== undefined) return CONSTANT.test(value) ? value : undefined;
  }
  return undefined;
}
