/**
 * Checks folded into a table-driven test: separate tests (or repeated checks)
 * become one check run over rows of cases (`for _, c := range cases`,
 * `@pytest.mark.parametrize`, `test.each`). The check lines get fewer while
 * every case is still checked, so counting lines would call it weakened. What
 * is kept is the cases: every value the old checks held (inputs, expected
 * values, tolerances; not message text) is still in the test.
 */
import { EditContext, isTestLine } from './tamperContext';
import { canonicalNumber, CodeLine, literalsOf } from './tamperLines';

/** Loops and parametrisations that run one check per row of cases. */
const OVER_ROWS =
  /^for\b.*\b(?:range|in|of)\b|^for\s*\(.*:|\.forEach\s*\(|\b(?:test|it|describe)\.each\b|@pytest\.mark\.parametrize|@ParameterizedTest|@(?:Csv|Method|Value)Source|\bt\.Run\s*\(|#\[(?:rstest|test_case)\b|\bsubTest\s*\(/;

/** Message text (`"Lex(%q) = %v"`, `"should fail"`) is how a check reports, not what it checks. */
function caseValues(text: string): string[] {
  return literalsOf(text)
    .filter((l) => !(l.kind === 'string' && /[%{}\s]/.test(l.value)))
    .map((l) => `${l.kind}:${l.value}`);
}

/** `loopAdded`: only a loop over rows the edit wrote counts (an old `forEach` is no fold of the lost check). */
export function foldedIntoTable(ctx: EditContext, lost: readonly CodeLine[], loopAdded = false): boolean {
  const after = ctx.changes.after.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
  const loops = loopAdded ? ctx.changes.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after')) : after;
  if (!loops.some((l) => OVER_ROWS.test(l.text))) return false;
  const kept = new Set(after.flatMap((l) => caseValues(l.text)));
  // A count the old checks wrote out (`used: 2`) is kept when the new check reads the size of the row's value (`bytes.length`).
  if (after.some((l) => SIZE_READ.test(l.text))) for (const n of listSizes(after)) kept.add(`number:${canonicalNumber(String(n))}`);
  return lost.every((l) => caseValues(l.text).every((v) => kept.has(v)));
}

const SIZE_READ = /\.length\b|\blen\s*\(|\.(?:size|len|count)\s*\(\s*\)|\.(?:Length|Count|count)\b/;

/** The item counts of the bracketed lists written in the lines (`[0x80, 0x01]` holds 2). */
function listSizes(lines: readonly CodeLine[]): Set<number> {
  const sizes = new Set<number>();
  for (const l of lines) {
    for (const m of l.text.matchAll(/\[([^[\]]*)\]/g)) if (m[1].trim() !== '') sizes.add(m[1].split(',').filter((item) => item.trim() !== '').length);
  }
  return sizes;
}
