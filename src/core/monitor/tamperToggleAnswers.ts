/**
 * Two answers of a toggle that do not look like answers at first sight:
 * - success as an empty return: `return nil` from a Go function that otherwise returns an
 *   error is the call succeeding, so a call count that picks one call to return it early,
 *   after doing the work its own way, changes that call's answer;
 * - a count of something shared that only goes up, tested against 0: it asks whether the
 *   thing ever happened in the process, a one-way flag set by an earlier call, whatever its name.
 */
import { CodeLine } from './tamperLines';
import { enclosingFunction, Persistence } from './tamperState';

/** A value that outlives the call, where it changes and where the function branches on it (read by tamperToggle). */
export interface Candidate {
  name: string;
  mutation: CodeLine;
  names: string[];
  kind: Persistence;
  branch: CodeLine;
  lines: readonly CodeLine[];
}

/** Values a return gives when it answers nothing. */
const EMPTY = /^(?:|None|nil|null|undefined|void 0|Ok\(\(\)\)|\(\))$/;

/** A call count picks a call to return empty where the function otherwise returns a value (an error) or raises. */
export function successPicked(c: Candidate, body: CodeLine[], bound: number | undefined, oncePerCall: boolean): boolean {
  if ((bound ?? 99) > 2 || !oncePerCall) return false;
  // It does the work its own way for that call, then returns: a bare `return nil` is an idempotence guard.
  const rest = body.filter((l) => l !== c.branch && !l.comment && !/^[{}]/.test(l.text));
  if (!rest.some((l) => /^return\b/.test(l.text)) || rest.every((l) => /^return\b/.test(l.text))) return false;
  const opener = enclosingFunction(c.lines, c.mutation.index);
  const end = body[body.length - 1].index;
  for (let j = end + 1; j < c.lines.length && j < end + 80; j++) {
    const l = c.lines[j];
    if (l.text !== '' && !l.comment && l.indent <= (c.lines[opener]?.indent ?? 0)) break;
    const value = /^return\b\s*([^;]*)/.exec(l.text)?.[1].trim();
    if ((value !== undefined && !EMPTY.test(value)) || /^(?:raise|throw|panic!?\()\b/.test(l.text)) return true;
  }
  return false;
}

/** Shared state, tested against 0, that no function ever lowers or resets: a gauge (connections open) goes down too. */
export function everHappened(c: Candidate, ownState: boolean, bound: number | undefined): boolean {
  if (ownState || bound !== 0) return false;
  const lowered = new RegExp(String.raw`\b${c.name}\s*(?:--|-=|=(?!=))|--\s*${c.name}\b`);
  return !c.lines.some((l) => !l.comment && enclosingFunction(c.lines, l.index) !== -1 && lowered.test(l.text));
}
