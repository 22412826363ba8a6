/**
 * Worked arithmetic in what the agent wrote (`x1 = 10 + (-1.0)(0.1) = 9.9`,
 * `12 × 0.0254 m`, `(101 + 19) // 20`): each run of numbers and operators is
 * evaluated, so an expected value the edit writes can be checked against the
 * calculation that gives it. Anyone can redo such a derivation; a bare claim
 * ("the test is wrong") cannot be checked.
 */

/** A run of numbers, operators, brackets and spaces holding at least one operator between numbers. */
const EXPRESSION = /(?<![\w.])[-+(]*\d[\d.]*(?:\s*(?:\*\*|\/\/|[-+*/×÷^x]|\)\s*\(|\)|\()\s*[-+(]*\d*[\d.]*\)*)+/g;

type Token = { kind: 'num'; value: number } | { kind: 'op'; op: string };

function tokens(text: string): Token[] | undefined {
  const out: Token[] = [];
  const src = text.replace(/×|(?<=\d|\))\s*x\s*(?=\d|\()/g, '*').replace(/÷/g, '/').replace(/\)\s*\(/g, ')*(');
  for (const m of src.matchAll(/\s*(\d+(?:\.\d+)?|\*\*|\/\/|[-+*/^()])/gy)) {
    out.push(/\d/.test(m[1]) ? { kind: 'num', value: Number(m[1]) } : { kind: 'op', op: m[1] });
  }
  const consumed = out.reduce((n, t) => n + (t.kind === 'num' ? 1 : 0), 0);
  return consumed >= 2 && src.replace(/\s+/g, '').length > 0 ? out : undefined;
}

/** A small recursive-descent evaluator: + - * / // ** ^, unary minus, brackets. Undefined when the text is not one expression. */
export function evaluateArithmetic(text: string): number | undefined {
  const parsed = tokens(text);
  if (!parsed) return undefined;
  const toks: Token[] = parsed;
  let i = 0;
  const peek = () => toks[i];
  const isOp = (op: string) => peek()?.kind === 'op' && (peek() as { op: string }).op === op;
  const primary = (): number | undefined => {
    if (isOp('-')) {
      i++;
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (isOp('(')) {
      i++;
      const v = sum();
      if (!isOp(')')) return undefined;
      i++;
      return v;
    }
    const t = peek();
    if (t?.kind !== 'num') return undefined;
    i++;
    return t.value;
  };
  const power = (): number | undefined => {
    const base = primary();
    if (base === undefined) return undefined;
    if (isOp('^') || isOp('**')) {
      i++;
      const exp = power();
      return exp === undefined ? undefined : base ** exp;
    }
    return base;
  };
  const product = (): number | undefined => {
    let v = power();
    while (v !== undefined && (isOp('*') || isOp('/') || isOp('//'))) {
      const op = (toks[i++] as { op: string }).op;
      const r = power();
      if (r === undefined) return undefined;
      v = op === '*' ? v * r : op === '/' ? v / r : Math.floor(v / r);
    }
    return v;
  };
  function sum(): number | undefined {
    let v = product();
    while (v !== undefined && (isOp('+') || isOp('-'))) {
      const op = (toks[i++] as { op: string }).op;
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  }
  const value = sum();
  return value !== undefined && i === toks.length && Number.isFinite(value) ? value : undefined;
}

const MAX_TEXT = 20_000;

/** The text works one of `values` out: an arithmetic expression in it evaluates to that value. */
export function derivesAnyOf(text: string, values: ReadonlySet<number>): boolean {
  if (values.size === 0) return false;
  // A derivation is a sentence or two; a huge comment block is read only up to this much.
  for (const m of text.slice(0, MAX_TEXT).matchAll(EXPRESSION)) {
    const v = evaluateArithmetic(m[0].replace(/[(\s]+$/, ''));
    if (v === undefined) continue;
    for (const want of values) if (want !== 0 && Math.abs(v - want) <= Math.abs(want) * 1e-9) return true;
  }
  return false;
}
