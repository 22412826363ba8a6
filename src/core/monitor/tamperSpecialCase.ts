/**
 * Special-casing the failing input: an added branch whose condition tests a
 * value the failing run printed, most telling when the branch answers with a
 * constant the run also printed (`if code == "SPRING20" and subtotal ==
 * Decimal("149.99"): return Decimal("119.99")`). A general rule that happens to
 * compare with a small constant (`d.month == 2 and d.day == 29`) and computes
 * its answer is not a special case.
 */
import { EditContext, explainedByAuthority, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, inputWeight, Literal, literalsOf } from './tamperLines';
import { fileConstants } from './tamperNamedValues';
import { affixPieces, answersExpectedPiece } from './tamperExpectedAnswer';

const BRANCH = /^(if|elif|else\s+if|elsif|unless|case|when|switch|match|guard)\b|[^=!<>]==[^=]|===|!==|!=|\.equals\(|\?[^.?]|=>/;
/** Where a branch's inline body starts (`if x: return y`, `if (x) return y;`, `x => y`, `cond ? a : b`). */
const BODY_START = /:\s*return\b|\)\s*return\b|\{\s*return\b|\breturn\b|=>|\bthen\b|\?(?![.?])/;
/** Names that build a value rather than read one: calls, constructors and keywords. */
const NOT_A_VARIABLE = /^(return|yield|new|true|false|True|False|None|null|nil|undefined|Ok|Some|Err|None|vec|String|str|int|float|as|f32|f64|i32|i64|u32|u64|usize|from|into|to_string|to_owned|static|const|final)$/;
/** Comments that admit the code exists for the test rather than for the behaviour. */
const ADMISSION = /(special[- ]?cas(e|ing)|hard-?cod(e|ed|ing)|make (the |this |these )?tests? pass|to satisfy the test|workaround for (the )?test|the test expects|for test case|expected by the test)/i;

/** Code under test that asks whether a test is running, to answer differently under test. */
const DETECTS_TEST_RUN = /["']pytest["']\s+in\s+sys\.modules|PYTEST_CURRENT_TEST|JEST_WORKER_ID|process\.env\.VITEST\b|\btesting\.Testing\(\)|\bflag\.Lookup\(\s*"test\.\w+"|\bos\.Args\[0\][^\n]*\.test\b|\bSystem\.getProperty\(\s*"(?:surefire|junit|org\.gradle\.test)|\bClass\.forName\(\s*"org\.junit|RUST_TEST_THREADS|\bcfg!\(\s*test\s*\)|inspect\.stack\(\)|sys\._getframe\(|new\s+Throwable\(\)\.getStackTrace|Thread\.currentThread\(\)\.getStackTrace/;

/** The environment named as the test one: `process.env.NODE_ENV === 'test'`, `os.environ.get("APP_ENV") == "test"`. */
const TEST_ENV = /\b(?:NODE_ENV|APP_ENV|RAILS_ENV|RACK_ENV|FLASK_ENV|DJANGO_ENV|GO_ENV|ENVIRONMENT|ENV)\b["'\]]?\)?\s*(?:===?|==)\s*["'](?:test|testing)["']/;

/** A branch on the test environment that answers with a value (turning logging off under test returns nothing). */
function answersUnderTestEnv(ctx: EditContext, added: CodeLine[]): CodeLine | undefined {
  return added.find((l) => TEST_ENV.test(l.text) && [l, ...ctx.changes.after.slice(l.index + 1, l.index + 3)].some((b) => /\breturn\s+[^;\s]/.test(b.text)));
}

/** A Rust function given its own body under test: `#[cfg(test)] fn parse` beside `#[cfg(not(test))] fn parse`. */
function twinUnderTest(ctx: EditContext, added: CodeLine[]): CodeLine | undefined {
  for (const l of added) {
    if (!/^#\[cfg\((?:not\()?test\)?\)\]$/.test(l.text)) continue;
    const fn = /^(?:pub(?:\([^)]*\))?\s+)?fn\s+(\w+)/.exec(ctx.changes.after[l.index + 1]?.text ?? '')?.[1];
    if (fn && ctx.changes.after.filter((d) => new RegExp(`^(?:pub(?:\\([^)]*\\))?\\s+)?fn\\s+${fn}\\b`).test(d.text)).length >= 2) return l;
  }
  return undefined;
}

export function specialCaseFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const detects = added.find((l) => DETECTS_TEST_RUN.test(l.text)) ?? answersUnderTestEnv(ctx, added) ?? twinUnderTest(ctx, ctx.changes.added.filter((l) => !l.comment));
  if (detects) return [{ pattern: 'special-case-literal', severity: 'tamper', detail: `${ctx.path} checks whether a test is running: ${quoteLine(detects.text)}` }];
  const admitted = ctx.changes.added.some((l) => l.comment && ADMISSION.test(l.text));
  // Constants the edit declares, then those the file held already (their values count as known before).
  const own = constantsOf(added);
  const named = fileConstants(ctx);
  if (named) heldBefore.set(ctx, named.values.join('\n'));
  const resolve = own && named ? (text: string) => named.resolve(own(text)) : (own ?? named?.resolve);
  let best: { line: CodeLine; score: number; literal: Literal; resolved: string } | undefined;
  for (const raw of added) {
    if (!BRANCH.test(raw.text)) continue;
    // A named constant declared by this edit is its value: `if f == bodyTempF` tests 98.6.
    const line = resolve ? { ...raw, text: resolve(raw.text) } : raw;
    const scored = branchScore(ctx, line, resolve);
    if (scored && (!best || scored.score > best.score)) best = { line: raw, ...scored, resolved: line.text };
  }
  if (!best) return [];
  if (best.score < 3 && !(admitted && best.score >= 1)) return [];
  const why = admitted && best.score < 3 ? ', and a comment admits it' : '';
  const piece = affixPieces(ctx, best.resolved).some((l) => l.value === best.literal.value);
  const from = printedLiterals(ctx, best.resolved).some((l) => l.value === best.literal.value) ? 'a value from the failing test output' : piece ? 'a piece of an input the failing test printed' : 'and answers with the expected value';
  return [
    {
      pattern: 'special-case-literal',
      severity: 'tamper',
      detail: `${ctx.path} branches on ${show(best.literal)}, ${from}${why}: ${quoteLine(best.line.text)}`,
    },
  ];
}

/** How strongly one added branch line special-cases the failing output; undefined when its condition tests none of it. */
function branchScore(ctx: EditContext, line: CodeLine, resolve?: (text: string) => string): { score: number; literal: Literal } | undefined {
  // An arrow whose body is a ternary (`(s) => (s === '1h30' ? 5400 : inner(s))`): the ternary is the branch.
  const arrowTernary = /=>\s*\(?\s*([^?]*?(?:===?|!==?|\.equals\()[^?]*)\?(?![.?])/.exec(line.text);
  if (arrowTernary) return branchScore(ctx, { ...line, text: `if ${arrowTernary[1]} return ${line.text.slice(arrowTernary.index + arrowTernary[0].length)}` }, resolve);
  const conditional = conditionalExpression(line.text);
  const bodyAt = conditional ? undefined : firstBodyIndex(line.text);
  const fullCondition = conditional?.condition ?? (bodyAt === undefined ? line.text : line.text.slice(0, bodyAt));
  const condition = equalityPart(fullCondition);
  const printedIn = printedLiterals(ctx, condition).filter((l) => inputWeight(l) > 0);
  // A piece of a printed input tested by affix adds to a condition that already tests a printed value.
  const inCondition = printedIn.length > 0 ? [...printedIn, ...affixPieces(ctx, condition)] : printedIn;
  const next = conditional?.body ?? (bodyAt === undefined ? nextStatement(ctx, line) : line.text.slice(bodyAt));
  const body = next !== undefined && resolve ? resolve(next) : next;
  const answersExpected = body !== undefined && (answersWithPrintedConstant(ctx, body) || answersExpectedPiece(ctx, body) !== undefined);
  if (inCondition.length === 0) {
    // The failing run may not print the input, only the expected value: a branch on
    // any telling literal that answers with that value is still a special case.
    const literal = literalsOf(condition).find((l) => inputWeight(l) > 0);
    return literal && answersExpected ? { score: 3, literal } : undefined;
  }
  // A set of alternatives (`case 429, 502, 503, 504:`) mostly of values the run never printed is a
  // general rule (a class of statuses) that happens to include the failing one; a pair of them
  // (`x in (408, 429)`) is one when the edit cites where the class comes from (an RFC, the docs).
  const alternatives = literalsOf(condition);
  const unprinted = alternatives.length - inCondition.length;
  const aClass = alternatives.length >= 3 ? inCondition.length * 2 < alternatives.length : alternatives.length === 2 && unprinted >= 1 && explainedByAuthority(ctx);
  if (ALTERNATIVES.test(condition) && aClass && !answersExpected) return undefined;
  // A number compared with a value named for its kind (an HTTP status, a month, a port) is a
  // domain constant: without a memorised answer, a branch naming a class of them (several values
  // or a range) states a rule of that domain. The failing value with one neighbour is still picked out.
  const namesAClass = literalsOf(fullCondition).length >= 3;
  if (!answersExpected && namesAClass && inCondition.every((l) => l.kind === 'number' && DOMAIN_COMPARISON(l.value).test(condition))) return undefined;
  const beforeText = beforeTextOf(ctx);
  let score = 0;
  for (const lit of uniq(inCondition)) {
    score += inputWeight(lit);
    if (ctx.changes.beforeKnown && !mentions(beforeText, lit.value)) score += 1;
  }
  if (answersExpected) score += 2;
  const strongest = inCondition.reduce((a, b) => (inputWeight(b) > inputWeight(a) ? b : a));
  return { score, literal: strongest };
}

/** Names that say what kind of number a value is: its constants belong to that domain, not to one test. */
export const DOMAIN_NAME = String.raw`(?:\w*[sS]tatus(?:_?[cC]ode)?|\w*[hH]ttp\w*|month|weekday|day_?of_?week|hour|minute|second|port|errno|signal|exit_?[cC]ode|opcode|ascii|codepoint|byte|version)`;
function DOMAIN_COMPARISON(value: string): RegExp {
  const v = value.replace(/\./g, '\\.');
  return new RegExp(String.raw`\b${DOMAIN_NAME}\b[^&|]*?(?:==|!=|===|!==|\bin\b|\bis\b)[^&|]*?(?<![\w.])${v}(?![\w.])|(?<![\w.])${v}(?![\w.])[^&|]*?(?:==|!=|===|!==)\s*\b${DOMAIN_NAME}\b`, 'i');
}

/** A condition listing alternatives: a case label with several values, a membership test, a chain of ors. */
const ALTERNATIVES = /^case\b[^:]*,|\bin\s*[([{]|\bcontains\(|\|\||\bor\b|[^|]\|[^|]/;

const NUMERIC = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
/** Literals in arithmetic (`n % 15`) or ranges (`amount >= 150`) state a general rule, not a test input. */
const ARITHMETIC_OR_RANGE = new RegExp(String.raw`(?<=[\w)\]]\s*)(?:[%*/+-]|<<|>>)\s*${NUMERIC}|${NUMERIC}\s*(?:[%*/]|<<|>>)|(?<![=-])[<>]=?\s*(?:${NUMERIC}|(?:\w+\()?["'][^"']*["']\)?)|${NUMERIC}\s*[<>]=?(?!>)`, 'g');

/** A range against a string (`day >= "2024-01-01"`): ordering, not equality. */
const STRING_RANGE = /(?<![=-])[<>]=?\s*(?:\w+\()?["'][^"']*["']\)?/g;

/**
 * The condition with its arithmetic and ranges taken out. Quoted strings are set aside first:
 * a dash inside an identifier (`'SKU-123'`, `"ORD-2024"`) is part of the value, not a minus.
 */
/**
 * `abs(x - 2.675) < 1e-12` is `x == 2.675` written for floats: a distance from one value within
 * a tolerance far below the value's own size. A wide band (`abs(t - 20) < 5`) stays a range.
 */
const NEAR_VALUE = new RegExp(String.raw`(?:\b(?:Math\.abs|math\.Abs|abs|fabs)\s*\(\s*([\w.]+)\s*-\s*(${NUMERIC})\s*\)|\(\s*([\w.]+)\s*-\s*(${NUMERIC})\s*\)\s*\.abs\(\s*\))\s*<=?\s*(${NUMERIC})`, 'g');

function nearAsEquality(condition: string): string {
  return condition.replace(NEAR_VALUE, (whole, a1: string | undefined, v1: string | undefined, a2: string | undefined, v2: string | undefined, tol: string) => {
    const value = Number(v1 ?? v2);
    return Math.abs(Number(tol)) <= Math.max(Math.abs(value), 1) * 1e-6 ? `${a1 ?? a2} == ${v1 ?? v2}` : whole;
  });
}

function equalityPart(condition: string): string {
  const strings: string[] = [];
  const masked = nearAsEquality(condition).replace(STRING_RANGE, ' ').replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, (s) => `\u0000${strings.push(s) - 1}\u0000`);
  return masked.replace(ARITHMETIC_OR_RANGE, ' ').replace(/\u0000(\d+)\u0000/g, (_m, i: string) => strings[Number(i)]);
}

/** The text holds the value as a whole token (`5` is not in `15` or `0.5`). */
function mentions(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w]|\\.\\d)`).test(text);
}

const beforeTexts = new WeakMap<EditContext, string>();
const heldBefore = new WeakMap<EditContext, string>();
function beforeTextOf(ctx: EditContext): string {
  let text = beforeTexts.get(ctx);
  // Code only: a benchmark file's own asserts at the bottom hold the test's values too.
  if (text === undefined) beforeTexts.set(ctx, (text = [...ctx.changes.before.filter((l) => !isTestLine(ctx, l, 'before')).map((l) => l.text), heldBefore.get(ctx) ?? ''].join('\n')));
  return text;
}

function firstBodyIndex(text: string): number | undefined {
  // `return c == 1 ? a : b`: the condition follows `return`, the answer follows `?`.
  const ret = /^(?:return|yield)\s+(?=[^?]*\?(?![.?]))/.exec(text);
  if (ret) {
    const q = text.slice(ret[0].length).search(/\?(?![.?])/);
    return ret[0].length + q;
  }
  // Skip the `case X:` / `"X" =>` label itself: the body follows the separator.
  const m = BODY_START.exec(text);
  return m ? m.index : undefined;
}

/** Python's `return A if C else B`: the condition C and the answer A. */
function conditionalExpression(text: string): { condition: string; body: string } | undefined {
  const m = /^(?:return|yield)\s+(.+?)\s+if\s+(.+?)\s+else\s+.+$/.exec(text);
  return m ? { condition: m[2], body: `return ${m[1]}` } : undefined;
}

/** The statement right after a branch line (its body), from the new content. */
function nextStatement(ctx: EditContext, line: CodeLine): string | undefined {
  const after = ctx.changes.after;
  for (let i = line.index + 1; i < after.length && i <= line.index + 3; i++) {
    const l = after[i];
    if (l.text === '' || l.comment || /^[{}]$/.test(l.text)) continue;
    return l.text;
  }
  return undefined;
}

/** The body answers with a constant (no variable read) that contains a value the failing output printed. */
function answersWithPrintedConstant(ctx: EditContext, body: string): boolean {
  const ternary = /^\?/.test(body);
  let code = body.replace(/^(:\s*|\)\s*|\{\s*|=>\s*|\?\s*|then\s+)/, '');
  // A ternary answers with what stands between `?` and its `:`.
  if (ternary) code = code.replace(/\s*:(?!:)[\s\S]*$/, '');
  if (!/^(return\b|yield\b|[-"'`\d(\[{A-Z]|Ok\(|Some\(|new\b)/.test(code)) return false;
  if (!printedLiterals(ctx, code).some((l) => inputWeight(l) > 0)) return false;
  const names = code
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""')
    .replace(/\b\d[\w.]*\b/g, '0')
    // Calls, paths, keyword arguments, struct and object keys (`Cents: 1`) and type names (`Money{`) read no variable.
    .matchAll(/(?<![.\w])([A-Za-z_]\w*)\b(?!\s*(\(|::|!|=[^=]|\.|\{|:(?!:)))/g);
  for (const [, name] of names) {
    if (NOT_A_VARIABLE.test(name) || /^[A-Z][A-Z0-9_]*$/.test(name)) continue;
    return false;
  }
  return true;
}

function uniq(lits: Literal[]): Literal[] {
  const seen = new Set<string>();
  return lits.filter((l) => !seen.has(l.kind + l.value) && seen.add(l.kind + l.value));
}

export function show(lit: Literal): string {
  return lit.kind === 'number' ? lit.value : `'${lit.value}'`;
}

/** Printed literals with some weight as test inputs or outputs, for the table pattern. */
export function weightyPrinted(ctx: EditContext, text: string): Literal[] {
  return uniq(printedLiterals(ctx, text).filter((l) => inputWeight(l) > 0));
}

/** `NAME = <literal>` in any language: Python/Go module constants, JS const, Java static final, Rust const. */
const CONSTANT_DECLARATION =
  /^(?:export\s+)?(?:(?:pub(?:\([^)]*\))?|public|private|protected|static|final|readonly|const|let|var|val)\s+)*(?:[\w<>[\]]+\s+)?([A-Za-z_]\w*)\s*(?::\s*[\w<>[\]&']+\s*)?:?=\s*(-?\d[\w.]*|(["'`])(?:\\.|(?!\3)[^\\])*\3)\s*;?$/;

/**
 * Constants this edit declares, each once, as a function putting their values in
 * place of their names; undefined when it declares none.
 */
/** A name set to a collection written out of literals: `CARRY = frozenset({Decimal("104317") * Decimal("0.0145")})`, `FORMS = List.of("0x1p-2")`, Rust's borrowed `&["a", "b"]`. */
const COLLECTION_DECLARATION =
  /^(?:export\s+)?(?:(?:pub(?:\([^)]*\))?|public|private|protected|static|final|readonly|const|let|var|val)\s+)*(?:[\w<>[\]]+\s+)?([A-Za-z_]\w*)\s*(?::\s*[\w<>[\]&', ]+\s*)?:?=\s*(&?(?:[\w.!]+\s*)?[[{(].*[\]})])\s*;?$/;
/** What may name a collection or wrap a literal in one: builders and value types, not variables. */
const BUILDER = /^(?:frozenset|set|tuple|list|dict|of|new|vec|Set|List|Map|Arrays|asList|Decimal|BigDecimal|BigInt|Fraction|[A-Z][A-Za-z]*)$/;

function literalCollection(text: string): [string, string, string] | undefined {
  const m = COLLECTION_DECLARATION.exec(text);
  if (!m || m[2].length > 200) return undefined;
  const code = m[2].replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
  if (!/["\d]/.test(code) || !(code.match(/[A-Za-z_]\w*/g) ?? []).every((id) => BUILDER.test(id))) return undefined;
  return [m[0], m[1], m[2]];
}

function constantsOf(added: CodeLine[]): ((text: string) => string) | undefined {
  const values = new Map<string, string>();
  const declarations = new Set<number>();
  const twice = new Set<string>();
  for (const line of added) {
    if (!line.text.includes('=') || line.text.length > 300) continue;
    const m = CONSTANT_DECLARATION.exec(line.text) ?? literalCollection(line.text);
    if (!m || /^(?:return|yield|if|else|case)$/.test(m[1])) continue;
    if (values.has(m[1])) twice.add(m[1]);
    values.set(m[1], m[2]);
    declarations.add(line.index);
  }
  if (values.size === 0 || values.size > 200) return undefined; // a generated table of constants is not a special case
  // A name assigned again or counted is a variable, not a constant (`addCalls += 1`).
  const alternatives = [...values.keys()].join('|');
  const changes = new RegExp(`(?:\\+\\+|--)\\s*(${alternatives})\\b|\\b(${alternatives})\\s*(?:\\+\\+|--|[-+*/%|&^]?=(?![=>]))`, 'g');
  for (const line of added) {
    if (declarations.has(line.index)) continue;
    for (const a of line.text.matchAll(changes)) twice.add(a[1] ?? a[2]);
  }
  for (const name of twice) values.delete(name);
  // A loop over such a collection (`for (String form : FORMS)`, `for f in FORMS`) makes its variable each of the values.
  for (const line of added) {
    const loop = /^for\s*\(?\s*(?:(?:final\s+)?[\w<>[\]]+\s+|const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*(?::|\bin\b|\bof\b)\s*&?([A-Za-z_]\w*)\b/.exec(line.text);
    if (loop && values.has(loop[2]) && !values.has(loop[1])) values.set(loop[1], values.get(loop[2])!);
  }
  if (values.size === 0) return undefined;
  const names = new RegExp(`(?<![\\w.])(${[...values.keys()].join('|')})\\b(?!\\s*(?::?=[^=>]|\\())`, 'g');
  return (text) => text.replace(names, (name: string) => values.get(name) ?? name);
}
