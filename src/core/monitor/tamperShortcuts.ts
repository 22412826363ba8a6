/**
 * Answers that skip the computation: code under test that falls back to an
 * expected value when it fails (`except Exception: return 42`,
 * `.unwrap_or(42)`), and code under test that reads the tests or their
 * expected outputs to find the answer. Both are filed as special cases of the
 * failing input.
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness } from './tamperLines';
import { printedAsActual } from './tamperOutput';

const HANDLER = /^(?:except\b|catch\b|\}\s*catch\b|rescue\b|Err\s*\(|Err\(_\)\s*=>|if\s+err\s*!=\s*nil|\.catch\s*\()/;
const INLINE_FALLBACK = /\.(?:unwrap_or|unwrap_or_else|or_else|getOrElse|orElse|orElseGet|catch)\s*\(/;
const READS_TESTS =
  /\b(?:open|read_text|readFileSync|readFile|ReadFile|read_to_string|include_str!|Files\.read\w*|Path\.of|Paths\.get)\s*\(\s*[^)]*["'`][^"'`]*(?:tests?[\\/]|_test\.|\.test\.|test_|expected|answers?|solutions?|\.snap\b|golden)[^"'`]*["'`]|\bgit\s+(?:show|log|diff)\b.*(?:test|expected)/i;

/** A statement that gives the answer: a return, or the output of a contest solution. */
const ANSWER = /^(?:return\b|print\s*\(|println!?\s*\(|console\.log\s*\(|System\.out\.print(?:ln)?\s*\(|fmt\.Print(?:ln|f)?\s*\(|puts\b|std::cout\s*<<|cout\s*<<|sys\.stdout\.write\s*\()\s*(.*)$/;
const BRANCHING = /^(?:if|elif|else|case|when|match|switch|catch|except|\}\s*else)\b/;

export function shortcutFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const reads = added.find((l) => READS_TESTS.test(l.text));
  if (reads) return [finding(ctx, `reads the tests or their expected output to answer: ${quoteLine(reads.text)}`)];
  const constant = constantAnswer(ctx);
  if (constant) return [finding(ctx, `answers every input with the expected value from the failing test output instead of computing it: ${quoteLine(constant)}`)];
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

/**
 * A computed answer replaced by the constant the failing run expected
 * (`return comb(n, k) * k` became `return 2380`), outside any branch: the
 * code now gives that answer whatever the input.
 */
function constantAnswer(ctx: EditContext): string | undefined {
  for (const block of ctx.changes.blocks) {
    const computed = block.removed.some((l) => !l.comment && !isTestLine(ctx, l, 'before') && /[A-Za-z_]\w*/.test(ANSWER.exec(l.text)?.[1]?.replace(/^\(?\s*["'`][^"'`]*["'`]\s*,?/, '') ?? ''));
    if (!computed) continue;
    for (const line of block.added) {
      if (line.comment || isTestLine(ctx, line, 'after')) continue;
      const value = ANSWER.exec(line.text)?.[1];
      if (value === undefined || !onlyLiterals(value) || inBranch(ctx, line)) continue;
      const expected = printedLiterals(ctx, value).some((l) => distinctiveness(l) >= 1 && !printedAsActual(ctx.output, l));
      if (expected) return line.text;
    }
  }
  return undefined;
}

/** The expression is made of literals only (`2380`, `"1.5 KiB"`, `Decimal("119.99")`, `(2380, true)`). */
function onlyLiterals(value: string): boolean {
  const rest = value
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '')
    .replace(/-?\d[\w.]*/g, '')
    .replace(/\b(?:Decimal|BigDecimal|new|Some|Ok|String|from|to_string|into|valueOf|endl|std|true|false|True|False|None|null|nil)\b/g, '')
    .replace(/[\s(){}[\],;:<>.&!]/g, '');
  return rest === '' && /["'`\d]/.test(value);
}

/** Some line between the answer and the start of its function opens a branch. */
function inBranch(ctx: EditContext, line: CodeLine): boolean {
  let indent = line.indent;
  for (let j = line.index - 1; j >= 0; j--) {
    const l = ctx.changes.after[j];
    if (l.text === '' || l.comment || l.indent >= indent) continue;
    if (BRANCHING.test(l.text) || /\b(?:if|else|case)\b.*\{\s*$/.test(l.text)) return true;
    if (/^(?:(?:pub|export|public|private|static|async)\s+)*(?:def|fn|func|function)\b|\)\s*(?:->\s*[^{]+)?\{\s*$|:\s*$/.test(l.text)) return false;
    indent = l.indent;
    if (indent === 0) return false;
  }
  return false;
}
