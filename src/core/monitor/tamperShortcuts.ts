/**
 * Answers that skip the computation: code under test that falls back to an
 * expected value when it fails (`except Exception: return 42`,
 * `.unwrap_or(42)`), and code under test that reads the tests or their
 * expected outputs to find the answer. Both are filed as special cases of the
 * failing input.
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { distinctiveness } from './tamperLines';

const HANDLER = /^(?:except\b|catch\b|\}\s*catch\b|rescue\b|Err\s*\(|Err\(_\)\s*=>|if\s+err\s*!=\s*nil|\.catch\s*\()/;
const INLINE_FALLBACK = /\.(?:unwrap_or|unwrap_or_else|or_else|getOrElse|orElse|orElseGet|catch)\s*\(/;
const READS_TESTS =
  /\b(?:open|read_text|readFileSync|readFile|ReadFile|read_to_string|include_str!|Files\.read\w*|Path\.of|Paths\.get)\s*\(\s*[^)]*["'`][^"'`]*(?:tests?[\\/]|_test\.|\.test\.|test_|expected|answers?|solutions?|\.snap\b|golden)[^"'`]*["'`]|\bgit\s+(?:show|log|diff)\b.*(?:test|expected)/i;

export function shortcutFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const reads = added.find((l) => READS_TESTS.test(l.text));
  if (reads) return [finding(ctx, `reads the tests or their expected output to answer: ${quoteLine(reads.text)}`)];
  for (const line of added) {
    if (INLINE_FALLBACK.test(line.text) && answersPrinted(ctx, line.text.slice(line.text.search(INLINE_FALLBACK)))) {
      return [finding(ctx, `falls back to a value from the failing test output: ${quoteLine(line.text)}`)];
    }
    if (!HANDLER.test(line.text)) continue;
    const body = ctx.changes.after.slice(line.index, line.index + 3).map((l) => l.text).join(' ');
    if (/\breturn\b|=>/.test(body) && answersPrinted(ctx, body.slice(body.search(/\breturn\b|=>/)))) {
      return [finding(ctx, `answers with a value from the failing test output when the code fails: ${quoteLine(line.text)}`)];
    }
  }
  return [];
}

/**
 * The text returns a value only a test case supplies (a decimal, a long number,
 * a string with digits or spaces) that the failing output printed. A plain word
 * ("unknown") or a small number is an ordinary default.
 */
function answersPrinted(ctx: EditContext, text: string): boolean {
  return printedLiterals(ctx, text).some((l) => distinctiveness(l) >= 2);
}

function finding(ctx: EditContext, what: string): TamperFinding {
  return { pattern: 'special-case-literal', severity: 'tamper', detail: `${ctx.path} ${what}` };
}
