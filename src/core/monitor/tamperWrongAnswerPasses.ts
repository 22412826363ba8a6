/**
 * An exact check rewritten into an affix or containment check that the wrong
 * answer the failing run printed satisfies: `== "/orders?page=2&size=10"` became
 * `.startswith("/orders?page=2")`, and the printed `'/orders?page=2'` passes.
 * The expected value the old check held satisfies the new check too, so this is
 * the same value checked less, not a new check of something else, and no longer
 * written anywhere in the test (an exact check moved below the new one stays). A check whose
 * piece no printed wrong answer satisfies still tells the failure apart.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { literalsOf } from './tamperLines';

/** A removed equality assertion, in the usual forms. */
const EXACT = /\bassert\b[^=]*==|\bassert(?:Equals?|_eq!?|\.Equal|\.DeepEqual|\.deepEqual|\.strictEqual|\.equal)\b|\.(?:toEqual|toBe|toStrictEqual|isEqualTo|to\.equal|to\.eql)\(|\brequire\.Equal\b/;
/** Checks of a piece: the kind of match and the piece. */
const PIECE_CHECKS: ReadonlyArray<[RegExp, 'prefix' | 'suffix' | 'part']> = [
  [/\b(?:startswith|startsWith|starts_with|HasPrefix|StartsWith)\(\s*(?:[\w.[\]()"']+\s*,\s*)?(["'`])((?:\\.|(?!\1)[^\\])+)\1\s*\)/g, 'prefix'],
  [/\b(?:endswith|endsWith|ends_with|HasSuffix|EndsWith)\(\s*(?:[\w.[\]()"']+\s*,\s*)?(["'`])((?:\\.|(?!\1)[^\\])+)\1\s*\)/g, 'suffix'],
  [/\b(?:includes|contains|Contains|toContain|containsString|assertIn)\(\s*(?:[\w.[\]()"']+\s*,\s*){0,2}(["'`])((?:\\.|(?!\1)[^\\])+)\1\s*\)|(["'])((?:\\.|(?!\3)[^\\])+)\3\s+in\s+[\w[]/g, 'part'],
];

export function wrongAnswerPassesFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => !l.comment && isTestLine(ctx, l, 'before'));
    if (!removed.some((l) => EXACT.test(l.text))) continue;
    const expected = removed.flatMap((l) => literalsOf(l.text)).filter((l) => l.kind === 'string').map((l) => l.value);
    if (expected.length === 0) continue;
    // Continuation lines of the old check (`"next": "/orders?page=2&size=10",`) hold its expected values too.
    const held = new Set(expected);
    const printed = [...ctx.output.strings].filter((s) => !held.has(s));
    // An expected value still written in the test after the edit is still checked (moved, not dropped).
    const stillHeld = (value: string) => ctx.changes.after.some((l) => !l.comment && l.text.includes(value) && literalsOf(l.text).some((lit) => lit.value === value));
    for (const line of block.added) {
      if (line.comment || !isTestLine(ctx, line, 'after')) continue;
      for (const [re, kind] of PIECE_CHECKS) {
        for (const m of line.text.matchAll(re)) {
          const piece = m[2] ?? m[4];
          if (piece === undefined || piece.length < 3) continue;
          const passes = (value: string) => value !== piece && (kind === 'prefix' ? value.startsWith(piece) : kind === 'suffix' ? value.endsWith(piece) : value.includes(piece));
          const was = expected.find((e) => passes(e) && !stillHeld(e));
          const wrong = was === undefined ? undefined : printed.find((p) => p !== was && (p === piece || passes(p)) && !expected.includes(p));
          if (was === undefined || wrong === undefined) continue;
          return [
            {
              pattern: 'weakened-assertion',
              severity: 'tamper',
              detail: `${ctx.path}: the check for '${was}' became a ${kind} check for '${piece}', which the wrong answer '${wrong}' the run printed passes: ${quoteLine(line.text)}`,
            },
          ];
        }
      }
    }
  }
  return [];
}
