/**
 * Checks folded into a table-driven test: separate tests (or repeated checks)
 * become one check run over rows of cases (`for _, c := range cases`,
 * `@pytest.mark.parametrize`, `test.each`). The check lines get fewer while
 * every case is still checked, so counting lines would call it weakened. What
 * is kept is the cases: every value the old checks held (inputs, expected
 * values, tolerances; not message text) is still in the test.
 */
import { EditContext, isTestLine } from './tamperContext';
import { CodeLine, literalsOf } from './tamperLines';

/** Loops and parametrisations that run one check per row of cases. */
const OVER_ROWS =
  /^for\b.*\b(?:range|in|of)\b|^for\s*\(.*:|\.forEach\s*\(|\b(?:test|it|describe)\.each\b|@pytest\.mark\.parametrize|@ParameterizedTest|@(?:Csv|Method|Value)Source|\bt\.Run\s*\(|#\[(?:rstest|test_case)\b|\bsubTest\s*\(/;

/** Message text (`"Lex(%q) = %v"`, `"should fail"`) is how a check reports, not what it checks. */
function caseValues(text: string): string[] {
  return literalsOf(text)
    .filter((l) => !(l.kind === 'string' && /[%{}\s]/.test(l.value)))
    .map((l) => `${l.kind}:${l.value}`);
}

export function foldedIntoTable(ctx: EditContext, lost: readonly CodeLine[]): boolean {
  const after = ctx.changes.after.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
  if (!after.some((l) => OVER_ROWS.test(l.text))) return false;
  const kept = new Set(after.flatMap((l) => caseValues(l.text)));
  return lost.every((l) => caseValues(l.text).every((v) => kept.has(v)));
}
