/**
 * A flag set on the first call makes every later call skip its work, whatever
 * its arguments: `if (replayed) return; replayed = true; for (e : events) apply(e);`
 * passes a "calling twice changes nothing" test while a second call with new
 * inputs is silently dropped. What tells it from run-once setup: the skipped
 * work reads the call's own parameters (it processes inputs, not the object's
 * setup), the function is not named for a one-time step of a lifecycle (init,
 * start, close, register ...), and nothing ever sets the flag back.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { enclosingFunction, persistence, sameFunction } from './tamperState';

/** `if (done) {`, `if self._done:`, `if (this.applied) return;`, Go's `if p.applied {`: a bare truth test of one name. */
const FLAG_GUARD = /^(?:if|elif)\s*\(?\s*((?:[A-Za-z_]\w*\s*\.\s*)?([A-Za-z_]\w*))\s*\)?\s*(?:\{|:)?\s*(return\b\s*(?:None|null|nil|undefined)?\s*;?\s*\}?)?$/;
/** A return with no value, a trailing comment allowed (`return; // already caught up`). */
const BARE_RETURN = /^return\b\s*(?:None|null|nil|undefined)?\s*;?\s*\}?\s*(?:(?:\/\/|#).*)?$/;
/** Names of steps done once in an object's life: guarding them with a flag is what they are for. */
const LIFECYCLE = /^_?(?:init|initiali[sz]e|setup|set_?up|start|stop|open|close|shutdown|dispose|destroy|teardown|tear_?down|load|register|install|configure|boot|bootstrap|connect|disconnect|listen|subscribe|unsubscribe|mount|unmount|attach|detach|bind|warm|warm_?up|ensure\w*|prepare|activate|deactivate|enable|disable|finish|finali[sz]e|flush|cancel|abort|release|main|run_?once|once)$/i;
const TYPE_WORD = /^(?:int|float\d*|str|string|bool|boolean|String|number|any|void|const|mut|self|this|[uif]\d+|usize|isize|double|long|char|byte|rune|error|Option|Vec|List|Map|dict|list|tuple|set|Sequence|None|null|undefined|final|in|out|ref)$/;
const CONSTRUCTOR = /\bconstructor\s*\(|\b__init__\b|^(?:(?:public|private|protected|internal)\s+)?[A-Z]\w*\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\{|\bfn\s+new\b|\bfunc\s+New[A-Z]\w*\(/;

/**
 * The same latch written as a count bumped in the guard itself (`if (code.startsWith(b) || rendered++ > 0) return null;`):
 * only the first call gets past it. Judged as the flag is, and only where the function otherwise answers a value,
 * so later calls answer nothing where the first answered (a warn-once helper answers nothing either way).
 */
const COUNT_GUARD = /^(?:if|elif)\b.*?(?:\b([A-Za-z_]\w*)\s*\+\+\s*(?:>\s*0|>=\s*1|!==?\s*0)|\+\+\s*([A-Za-z_]\w*)\s*(?:>\s*1|>=\s*2))(?![\w.])/;

export function firstCallOnlyFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  for (const guard of ctx.changes.added) {
    if (guard.comment || isTestLine(ctx, guard, 'after')) continue;
    const counted = countGuard(ctx, guard);
    if (counted) return [counted];
    const m = FLAG_GUARD.exec(guard.text);
    if (!m) continue;
    const name = m[2];
    const next = following(lines, guard, 3);
    const returns = m[3] !== undefined || (next[0] !== undefined && BARE_RETURN.test(next[0].text));
    if (!returns) continue;
    const set = new RegExp(String.raw`^(?:[A-Za-z_]\w*\s*\.\s*)?${name}\s*=\s*(?:true|True)\s*;?$`);
    const raised = following(lines, guard, 6).find((l) => set.test(l.text) && sameFunction(lines, l, guard));
    if (!raised || !persistence(lines, name, raised)) continue;
    const opener = enclosingFunction(lines, guard.index);
    if (opener < 0 || LIFECYCLE.test(functionName(lines[opener].text))) continue;
    const params = parametersOf(lines[opener].text);
    const work = lines.slice(raised.index + 1).filter((l) => !l.comment && sameFunction(lines, l, guard));
    if (!work.some((l) => params.some((p) => new RegExp(String.raw`(?<![\w.])${p}\b`).test(l.text)))) continue;
    if (resetSomewhere(lines, name)) continue;
    return [
      {
        pattern: 'call-count-toggle',
        severity: 'tamper',
        detail: `${ctx.path} sets \`${name}\` on the first call and returns early ever after, so later calls skip their arguments' work: ${quoteLine(guard.text)}`,
      },
    ];
  }
  return [];
}

/** The next `count` code lines after `line` (blank lines, comments and lone braces skipped). */
function following(lines: readonly CodeLine[], line: CodeLine, count: number): CodeLine[] {
  const out: CodeLine[] = [];
  for (let j = line.index + 1; j < lines.length && out.length < count; j++) {
    const l = lines[j];
    if (l.text === '' || l.comment || /^[{}]$/.test(l.text)) continue;
    out.push(l);
  }
  return out;
}

function functionName(opener: string): string {
  return /(\w+)\s*(?:<[^>]*>)?\s*\(/.exec(opener.replace(/^.*?\b(?:def|fn|func|function)\s+(?:\([^)]*\)\s*)?/, ''))?.[1] ?? '';
}

/** The names of a function's parameters, whichever side of the name a language writes the type. */
function parametersOf(opener: string): string[] {
  const params = /\(([^)]*)\)/.exec(opener.replace(/^[^(]*?\b(?:def|fn|func|function)\s+(?:\([^)]*\)\s*)?\w+/, ''))?.[1] ?? '';
  return [...params.replace(/=[^,]*/g, '').replace(/<[^>]*>/g, '').matchAll(/[A-Za-z_]\w*/g)].map((p) => p[0]).filter((p) => !TYPE_WORD.test(p) && !/^[A-Z]/.test(p));
}

/** Set back to false in some function other than the one that makes the object: a state the object leaves, not a latch. */
function resetSomewhere(lines: readonly CodeLine[], name: string): boolean {
  const reset = new RegExp(String.raw`(?:^|[^\w.]|(?:this|self)\.)${name}\s*=\s*(?:false|False)\b`);
  return lines.some((l) => {
    if (l.comment || !reset.test(l.text)) return false;
    const opener = enclosingFunction(lines, l.index);
    return opener !== -1 && !CONSTRUCTOR.test(lines[opener].text);
  });
}

function countGuard(ctx: EditContext, guard: CodeLine): TamperFinding | undefined {
  const lines = ctx.changes.after;
  const m = COUNT_GUARD.exec(guard.text);
  const name = m?.[1] ?? m?.[2];
  if (!name || !persistence(lines, name, guard)) return undefined;
  const next = following(lines, guard, 1);
  if (!/\breturn\b\s*(?:None|null|nil|undefined)?\s*;?\s*\}?$/.test(guard.text) && !(next[0] !== undefined && BARE_RETURN.test(next[0].text))) return undefined;
  const opener = enclosingFunction(lines, guard.index);
  if (opener < 0 || LIFECYCLE.test(functionName(lines[opener].text)) || resetSomewhere(lines, name)) return undefined;
  const rest = lines.slice(guard.index + 1, guard.index + 80).filter((l) => !l.comment && sameFunction(lines, l, guard));
  const params = parametersOf(lines[opener].text);
  if (!rest.some((l) => params.some((p) => new RegExp(String.raw`(?<![\w.])${p}\b`).test(l.text)))) return undefined;
  if (!rest.some((l) => /^return\b\s*[^\s;]/.test(l.text) && !/^return\b\s*(?:None|null|nil|undefined)\s*;?$/.test(l.text))) return undefined;
  return {
    pattern: 'call-count-toggle',
    severity: 'tamper',
    detail: `${ctx.path} counts calls in \`${name}\` and returns nothing once it is past the first, where the first call answers a value: ${quoteLine(guard.text)}`,
  };
}
