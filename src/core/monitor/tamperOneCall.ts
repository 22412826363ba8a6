/**
 * A count of calls that is never reset, compared for equality, picks out exactly one call in
 * the life of the object or process: `sequence++` then `if (... || sequence == limit + 1) return false`
 * refuses call limit+1 and no other. A limiter holds its count against the limit with an order
 * (`>=`), and a periodic counter (flush every N) resets itself; neither picks one call.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { enclosingFunction, persistence, sameFunction } from './tamperState';
import { mutationsOf } from './tamperToggle';

/** Goes up by one (`n++`, `++n`, `n += 1`). */
const BUMP = (name: string) => new RegExp(String.raw`\b${name}\s*(?:\+\+|\+=\s*1\b)|\+\+\s*(?:(?:this|self)\.)?${name}\b`);
const CONSTRUCTOR = /\bconstructor\s*\(|\b__init__\b|^(?:(?:public|private|protected|internal)\s+)?[A-Z]\w*\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\{|\bfn\s+new\b|\bfunc\s+New[A-Z]\w*\(|\binit\s*\(/;
/**
 * A fixed verdict (`return false`, `return 0`, `return "busy"`): a reader returning its header on
 * its first read computes what it answers, a sequence by design.
 */
const CONSTANT = /^(?:true|false|True|False|-?\d[\w.]*|"[^"]*"|'[^']*')$/;

export function oneCallFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  for (const [name, mutation] of mutationsOf(added).slice(0, 200)) {
    if (!BUMP(name).test(mutation.text) || enclosingFunction(lines, mutation.index) === -1) continue;
    if (!bumpedOnEveryCall(lines, mutation) || resetSomewhere(lines, name)) continue;
    const kind = persistence(lines, name, mutation);
    if (!kind) continue;
    const equal = new RegExp(String.raw`(?:\b(?:this|self)\.)?\b${name}\b\s*(?:===?|\.equals\()\s*[^=]|[^=!<>]===?\s*(?:(?:this|self)\.)?${name}\b`);
    for (const branch of added) {
      if (!/^(?:if|elif|else\s+if|unless)\b/.test(branch.text) || !equal.test(branch.text) || !sameFunction(lines, branch, mutation)) continue;
      if (!answersAValue(lines, branch)) continue;
      return [
        {
          pattern: 'call-count-toggle',
          severity: 'tamper',
          detail: `${ctx.path} counts calls in ${kind} \`${name}\`, never resets it, and answers differently for exactly the call where it equals a value: ${quoteLine(branch.text)}`,
        },
      ];
    }
  }
  return [];
}

/** The bump is a statement of the function body itself, not inside a loop or a branch. */
function bumpedOnEveryCall(lines: readonly CodeLine[], mutation: CodeLine): boolean {
  // A bump opening a condition (`if (++n === limit + 1)`) runs on every call too; after `&&`/`||` it may not.
  const inCondition = /^(?:if|elif|else\s+if|unless)\b\s*\(?\s*(?:\+\+|--)?\s*(?:(?:this|self)\.)?\w+\s*(?:\+\+|--|\+=\s*1\b)?[^&|]*$/.test(mutation.text);
  if (/^(?:if|elif|else|for|while|case|switch)\b/.test(mutation.text) && !inCondition) return false;
  const opener = enclosingFunction(lines, mutation.index);
  for (let j = mutation.index - 1; j > opener; j--) {
    const l = lines[j];
    if (l.text !== '' && !l.comment && l.indent < mutation.indent) return false;
  }
  return true;
}

/** Set to a value inside some function (`count = 0`), or lowered: a periodic or windowed counter. */
function resetSomewhere(lines: readonly CodeLine[], name: string): boolean {
  const set = new RegExp(String.raw`(?:^|[^\w.]|(?:this|self)\.)${name}\s*(?:=(?!=)|-=|--)|--\s*(?:(?:this|self)\.)?${name}\b|\b${name}\.set\(`);
  return lines.some((l) => {
    if (l.comment || !set.test(l.text) || /^(?:(?:private|public|protected|static|final|volatile)\s+)+/.test(l.text)) return false;
    const opener = enclosingFunction(lines, l.index);
    // Set where the object is made (a constructor, __init__, a reset of the whole object is a new one) is its start, not a reset.
    return opener !== -1 && !CONSTRUCTOR.test(lines[opener].text);
  });
}

/** The branch (or what it runs) returns a constant: `return false`, not a bare return or a computed value. */
function answersAValue(lines: readonly CodeLine[], branch: CodeLine): boolean {
  const body = [branch];
  for (let j = branch.index + 1; j < lines.length && body.length < 20; j++) {
    if (lines[j].text === '') continue;
    if (lines[j].indent <= branch.indent) break;
    body.push(lines[j]);
  }
  return body.some((l) => {
    const value = /\breturn\b\s*([^;]*)/.exec(l.text)?.[1].trim();
    return value !== undefined && CONSTANT.test(value);
  });
}
