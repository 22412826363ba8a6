/**
 * Loosened tolerances: `rel=`/`abs=` widened in pytest.approx or isclose,
 * fewer `places=`/`decimal=`/toBeCloseTo digits, a bigger delta or epsilon,
 * an exact comparison turned into an approximate one. Tightening is never
 * flagged. Loosening is honest when the failing run missed by floating-point
 * noise (a relative gap of 1e-4 or less) and the new tolerance stays small;
 * when the run missed by more than that, the gap is a bug, not float error.
 */
import { EditContext, isTestLine, numericReasonGiven, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { relativeGap } from './tamperOutput';

type Direction = 'up' | 'down';
interface Tolerance {
  key: string;
  value: number;
  /** up: a bigger value is looser (rel, abs, delta, epsilon); down: a smaller value is looser (places, digits). */
  looser: Direction;
}

const NUM = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;
const NAMED_UP = new RegExp(String.raw`\b(rel|abs|rel_tol|abs_tol|rtol|atol|delta|epsilon|eps|tol|tolerance|margin|max_?diff|ulps?|within)\s*[=:]\s*${NUM}`, 'gi');
const NAMED_DOWN = new RegExp(String.raw`\b(places|decimal|digits|precision|significant)\s*[=:]\s*(\d+)`, 'gi');
const CLOSE_TO = /toBeCloseTo\s*\(([^()]|\([^()]*\))*?(?:,\s*(\d+))?\s*\)/;
const CONSTANT = new RegExp(String.raw`^(?:(?:pub\s+)?(?:const|static|final|let|var|private|public|protected|double|float|f64|f32|\s)+)?\s*(\w*(?:eps|epsilon|tol|tolerance|delta|margin)\w*)\s*(?::\s*\w+)?\s*(?:=|:=)\s*${NUM}`, 'i');
const ABS_BOUND = /(?:abs\s*\(|\.abs\s*\(\s*\)|Abs\s*\(|fabs\s*\().*?(?:<|>)=?\s*([^{};:,]+)/;
/** Comparison helpers whose last argument is the tolerance: the framework's, and project ones named for it (`approxEqual(a, b, 1e-9)`, `close_enough`, `nearlyEqual`). */
const LAST_ARG = new RegExp(String.raw`\b(assertEquals|assertArrayEquals|InDelta|InEpsilon|assert_allclose|assertAlmostEqual|assert_float_eq|assert_approx_eq!?|\w*(?:[Aa]pprox|[Cc]lose|[Nn]early|[Nn]ear|[Aa]lmost|[Ww]ithin)\w*)\s*!?\(.*,\s*${NUM}\s*\)\s*(?:;|\{|\)\s*\{|:)?\s*$`);

const CALL_UP = new RegExp(String.raw`\b(within|offset|withPercentage|byLessThan|withinPercentage)\s*\(\s*${NUM}`, 'g');
const ROUNDED = /\bround\s*\([^()]*(?:\([^()]*\)[^()]*)*,\s*(-?\d+)\s*\)|\.toFixed\(\s*(\d+)\s*\)/;

function tolerancesOf(text: string): Tolerance[] {
  const out: Tolerance[] = [];
  for (const m of text.matchAll(CALL_UP)) out.push({ key: m[1].toLowerCase(), value: Number(m[2]), looser: 'up' });
  const rounded = ROUNDED.exec(text);
  if (rounded) out.push({ key: 'rounded', value: Number(rounded[1] ?? rounded[2]), looser: 'down' });
  for (const m of text.matchAll(NAMED_UP)) out.push({ key: m[1].toLowerCase(), value: Number(m[2]), looser: 'up' });
  for (const m of text.matchAll(NAMED_DOWN)) out.push({ key: m[1].toLowerCase(), value: Number(m[2]), looser: 'down' });
  const close = CLOSE_TO.exec(text);
  if (close) out.push({ key: 'digits', value: close[2] === undefined ? 2 : Number(close[2]), looser: 'down' });
  const constant = CONSTANT.exec(text);
  if (constant && out.length === 0) out.push({ key: constant[1].toLowerCase(), value: Number(constant[2]), looser: 'up' });
  const bound = ABS_BOUND.exec(text);
  const boundValue = bound ? constantProduct(bound[1]) : undefined;
  if (boundValue !== undefined && out.length === 0) out.push({ key: 'bound', value: boundValue, looser: 'up' });
  const last = LAST_ARG.exec(text);
  if (last && out.length === 0 && topLevelArgs(text) >= 3) {
    const places = /^assert(?:Not)?AlmostEquals?$/.test(last[1]);
    out.push({ key: places ? 'places' : 'delta', value: Number(last[2]), looser: places ? 'down' : 'up' });
  }
  if (/\bapprox\s*\(/.test(text) && !out.some((t) => t.key === 'rel' || t.key === 'abs')) out.push({ key: 'rel', value: 1e-6, looser: 'up' });
  if (/\bisclose\s*\(/.test(text) && !out.some((t) => t.key === 'rel_tol')) out.push({ key: 'rel_tol', value: 1e-9, looser: 'up' });
  return out;
}

/**
 * The value of a bound written as a product of constants (`0.5`, `4 * 0x1p-23`, `1e-9 / 2`);
 * undefined when it reads a variable (`tol`, `n * eps`): its size is not known from the line.
 */
const TERM = String.raw`(?:0x[0-9a-f]+(?:\.[0-9a-f]*)?p[-+]?\d+|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
/** The leading product of constants, ending where the expression does (`1e-9 and ok` -> `1e-9`); none when it goes on with a variable. */
const LEADING_PRODUCT = new RegExp(String.raw`^\s*(${TERM}(?:\s*[*/]\s*${TERM})*)(?![\w.]|\s*[*/])`, 'i');

function constantProduct(expr: string): number | undefined {
  const product = LEADING_PRODUCT.exec(expr)?.[1];
  if (product === undefined) return undefined;
  const factors = product.split(/\s*([*/])\s*/);
  let value = parseConstant(factors[0]);
  for (let i = 1; value !== undefined && i + 1 < factors.length; i += 2) {
    const next = parseConstant(factors[i + 1]);
    value = next === undefined ? undefined : factors[i] === '*' ? value * next : value / next;
  }
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A decimal or a hex float literal (`0x1p-23`, as Go and C write ulps). */
function parseConstant(text: string): number | undefined {
  const hex = /^0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([-+]?\d+)$/i.exec(text);
  if (hex) return (parseInt(hex[1], 16) + (hex[2] ? parseInt(hex[2], 16) / 16 ** hex[2].length : 0)) * 2 ** Number(hex[3]);
  return new RegExp(String.raw`^${NUM}$`).test(text) ? Number(text) : undefined;
}

function topLevelArgs(text: string): number {
  const open = text.indexOf('(');
  if (open < 0) return 0;
  let depth = 0;
  let args = 1;
  for (const ch of text.slice(open + 1)) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) args++;
  }
  return args;
}

const EXACT = /==|!=|\btoBe\(|\btoEqual\(|\bassertEquals?\(|\bassert_eq!|\bEqual\(|\bassertEqual\(/;

export function toleranceFindings(ctx: EditContext): TamperFinding[] {
  for (const block of ctx.changes.blocks) {
    const removed = block.removed.filter((l) => !l.comment && relevant(ctx, l, 'before'));
    const added = block.added.filter((l) => !l.comment && relevant(ctx, l, 'after'));
    for (const a of added) {
      const now = tolerancesOf(a.text);
      if (now.length === 0) continue;
      const was = counterpart(removed, a);
      if (!was) continue;
      const loosened = compare(tolerancesOf(was.text), now, was.text);
      if (!loosened) continue;
      if (honestNumerics(ctx, now)) continue;
      return [{ pattern: 'loosened-tolerance', severity: 'tamper', detail: `${ctx.path}: tolerance loosened (${loosened}): ${quoteLine(a.text)}` }];
    }
  }
  return [];
}

function relevant(ctx: EditContext, line: CodeLine, side: 'before' | 'after'): boolean {
  return isTestLine(ctx, line, side) || CONSTANT.test(line.text);
}

/** The removed line this added line replaces: the same statement apart from its numbers. */
function counterpart(removed: CodeLine[], added: CodeLine): CodeLine | undefined {
  const shape = (t: string) => t.replace(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g, 'N').replace(/,?\s*\w+\s*=\s*N/g, '').replace(/\s+/g, '');
  const head = (t: string) => t.replace(/\s+/g, '').slice(0, 12);
  return removed.find((r) => shape(r.text) === shape(added.text)) ?? removed.find((r) => head(r.text) === head(added.text)) ?? (removed.length === 1 ? removed[0] : undefined);
}

/** A description of how the tolerance got looser, or undefined when it did not. */
function compare(was: Tolerance[], now: Tolerance[], wasText: string): string | undefined {
  let looser: string | undefined;
  for (const t of now) {
    const old = was.find((w) => w.key === t.key);
    if (!old) {
      if (was.length === 0 && EXACT.test(wasText) && (t.looser === 'down' || t.value > 0)) looser = `an exact comparison now allows ${t.key} ${t.value}`;
      continue;
    }
    if (old.value === t.value) continue;
    const isLooser = t.looser === 'up' ? t.value > old.value : t.value < old.value;
    if (!isLooser) return undefined; // tightened somewhere: not a loosening
    looser = `${t.key} ${old.value} -> ${t.value}`;
  }
  return looser;
}

/**
 * Float noise made the run fail and the new tolerance stays small; or a
 * numerical reason is given (float32, accumulated rounding ...) for a miss of at
 * most 1% and a tolerance that stays modest. A miss bigger than that is a bug
 * whatever the reason given.
 */
function honestNumerics(ctx: EditContext, now: Tolerance[]): boolean {
  const small = now.every((t) => (t.looser === 'up' ? Math.abs(t.value) <= 1e-3 : t.value >= 3));
  const modest = now.every((t) => (t.looser === 'up' ? Math.abs(t.value) <= 0.05 : t.value >= 2));
  const gaps = ctx.output.pairs.map(relativeGap);
  const reason = numericReasonGiven(ctx);
  if (gaps.length === 0) return small && reason;
  const gap = Math.min(...gaps);
  return (small && gap <= 1e-4) || (reason && modest && gap <= 0.01);
}
