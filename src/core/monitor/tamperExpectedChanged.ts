/**
 * An expected value changed to the actual one: a test line whose value the failing run printed,
 * replaced by the same line holding the other printed value (read by tamperAssertions).
 */
import { EditContext, explainedByAuthority, isTestLine, movedWithinPrecision, printedLiterals, quoteLine } from './tamperContext';
import { CodeLine, distinctiveness, Literal, literalsOf } from './tamperLines';
import { printed, printedAsActual, printedOrPaired } from './tamperOutput';
import { tolerancesOf } from './tamperToleranceRead';
import { listIn, unionInOrder } from './grouping';
import { ASSERTION } from './tamperAssertionLine';

/**
 * A test line whose value the failing output printed is replaced by the same
 * line with another printed value: the expected value became the actual one.
 * Position by position when the two lines have the same shape, so a date's
 * day or month that did not change is never mistaken for the expected value.
 */
export function expectedChangedToActual(ctx: EditContext): string | undefined {
  for (const block of ctx.changes.blocks) {
    // An expectation the session wrote itself earlier (a test it is adding) is its to correct.
    const removed = block.removed.filter((l) => !l.comment && isTestLine(ctx, l, 'before') && !ctx.ownLines.has(l.text));
    const added = block.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
    // Shapes and callees once per line: a rewritten test file pairs thousands of lines.
    // Added lines by shape and by assertion callee, so each removed line meets only its look-alikes;
    // and apart, those holding a value the run printed: only they can show an expected value changed
    // to a printed one, unless the removed line is the failing check the run showed itself. Without
    // that, thousands of look-alike checks (`t.Errorf(...)` in a Go file) meet each other: seconds.
    const byShape = new Map<string, CodeLine[]>();
    const byCallee = new Map<string, CodeLine[]>();
    const printedByShape = new Map<string, CodeLine[]>();
    const printedByCallee = new Map<string, CodeLine[]>();
    const shapes = new Map<CodeLine, string>();
    for (const a of added) {
      const shape = skeleton(a.text);
      const holdsPrinted = literalsOf(a.text).some((l) => printedOrPaired(ctx.output, l));
      shapes.set(a, shape);
      listIn(byShape, shape).push(a);
      if (holdsPrinted) listIn(printedByShape, shape).push(a);
      if (!ASSERTION.test(a.text)) continue;
      listIn(byCallee, callee(a.text)).push(a);
      if (holdsPrinted) listIn(printedByCallee, callee(a.text)).push(a);
    }
    for (const r of removed) {
      const wasShape = skeleton(r.text);
      const [shaped, called] = inOutput(ctx, r.text) ? [byShape, byCallee] : [printedByShape, printedByCallee];
      for (const a of unionInOrder(shaped.get(wasShape), ASSERTION.test(r.text) ? called.get(callee(r.text)) : undefined)) {
        const sameShape = shapes.get(a) === wasShape;
        // An assertion, or a row of a table-driven test (`{"1h30m", 90 * time.Minute},`).
        const asserts = ASSERTION.test(a.text) || /^[{([]/.test(a.text);
        const change = sameShape ? positionalChange(ctx, r.text, a.text, asserts) : setChange(ctx, r.text, a.text);
        if (!change || movedWithinPrecision(ctx, change.from, change.to)) continue;
        if (explainedByAuthority(ctx)) return undefined;
        return `expected ${change.from} changed to ${change.to}, a value the failing run printed: ${quoteLine(a.text)}`;
      }
    }
  }
  return undefined;
}

type Change = { from: string; to: string };

function positionalChange(ctx: EditContext, was: string, now: string, asserts: boolean): Change | undefined {
  const old = literalsOf(was);
  const neu = literalsOf(now);
  if (old.length !== neu.length) return undefined;
  for (let i = 0; i < old.length; i++) {
    if (old[i].value === neu[i].value || statedTolerance(was, old[i]) || statedTolerance(now, neu[i])) continue;
    if (swapsPrintedValues(ctx, old[i], neu[i])) return { from: old[i].value, to: neu[i].value };
    // The test writes the value in its own notation (minutes) and the runner prints the code's
    // answer in another (`PT30M`): the new expectation is the answer the run printed.
    if (asserts && printedAsActual(ctx.output, neu[i]) && !printedAsActual(ctx.output, old[i])) return { from: old[i].value, to: neu[i].value };
    // A bare traceback shows the failing check itself (`assert solve(17, 4) == 2380`) but not the answer:
    // changing that very check's expected value is moving the goalposts all the same.
    if (asserts && inOutput(ctx, was) && printed(ctx.output, old[i]) && !printed(ctx.output, neu[i]) && distinctiveness(old[i]) >= 1 && expectedSide(was, old[i]) && expectedSide(now, neu[i])) {
      return { from: old[i].value, to: neu[i].value };
    }
  }
  return undefined;
}

/** The literal sits on the expected side of an exact check (`== 2380`, `toBe(2380)`), not among the inputs or a tolerance. */
function expectedSide(text: string, lit: Literal): boolean {
  if (tolerancesOf(text).length > 0) return false;
  const at = Math.max(text.lastIndexOf('=='), text.lastIndexOf('.toBe('), text.lastIndexOf('.toEqual('), text.lastIndexOf('.toStrictEqual('));
  return at >= 0 && literalsOf(text.slice(at)).some((l) => l.value === lit.value);
}

/** The failing run shows this line of the test (a traceback's source line), spacing aside. */
function inOutput(ctx: EditContext, line: string): boolean {
  const squash = (t: string) => t.replace(/\s+/g, '');
  return line.length >= 8 && squash(ctx.output.raw).includes(squash(line));
}

function setChange(ctx: EditContext, was: string, now: string): Change | undefined {
  const old = printedLiterals(ctx, was).filter((l) => !statedTolerance(was, l));
  const neu = printedLiterals(ctx, now).filter((l) => !statedTolerance(now, l));
  const gone = old.filter((o) => !neu.some((n) => n.value === o.value));
  const came = neu.filter((n) => !old.some((o) => o.value === n.value));
  for (const g of gone) for (const c of came) if (swapsPrintedValues(ctx, g, c)) return { from: g.value, to: c.value };
  return undefined;
}

/** The literal is a tolerance the line states (`max_relative = 1e-6`, `abs_tol=0.01`): a tolerance is not an expected value. */
function statedTolerance(text: string, lit: Literal): boolean {
  if (lit.kind !== 'number') return false;
  const value = Number(lit.value.replace(/_/g, ''));
  return tolerancesOf(text).some((t) => t.value === value);
}

/** The old and new value are the two sides of a printed comparison, or both telling values the run printed. */
function swapsPrintedValues(ctx: EditContext, old: Literal, neu: Literal): boolean {
  if (old.kind === 'number' && neu.kind === 'number') {
    const [a, b] = [Number(old.value), Number(neu.value)];
    if (ctx.output.pairs.some((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))) return true;
  }
  return printed(ctx.output, old) && printed(ctx.output, neu) && distinctiveness(old) > 0 && distinctiveness(neu) > 0;
}

function skeleton(text: string): string {
  return text.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, 'S').replace(/-?\b\d[\d_.eE+-]*\b/g, 'N').replace(/\s+/g, '');
}

function callee(text: string): string {
  return /^[^(]*/.exec(text)?.[0].replace(/\s+/g, '') ?? '';
}
