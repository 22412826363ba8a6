/**
 * A call counter or global flag that changes the answer between calls: state
 * that outlives a call (module-level, static, global, a function attribute, an
 * instance counter) is bumped or flipped, and a branch reads it, so the second
 * call of a test gets a different answer than the first. A retry loop's local
 * counter or a cache is not that: local state, or no answer that depends on it.
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, inputWeight } from './tamperLines';

const MUTATIONS: RegExp[] = [
  /(?:\b(?:self|this|cls|[A-Za-z_]\w*)\.)?\b([A-Za-z_]\w*)\s*(?:\+\+|--|[+-]=\s*\d|\|=|\^=)/g,
  /(?:\+\+|--)\s*(?:(?:self|this)\.)?([A-Za-z_]\w*)/g,
  /\b([A-Za-z_]\w*)\s*=\s*(?:not\s+|!)\s*\1\b/g,
  /\b([A-Za-z_]\w*)\s*=\s*\1\s*[+-]\s*1\b/g,
  /\b([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*=\s*(?:True|true|False|false)\b/g,
  /\b([A-Za-z_]\w*)\.(?:fetch_add|fetch_sub|fetch_xor|incrementAndGet|getAndIncrement|addAndGet|getAndSet|store|swap|set|compareAndSet|compare_exchange|Add|Store|Swap|CompareAndSwap)\s*\(/g,
  /atomic\.(?:Add|Store|Swap|CompareAndSwap)\w*\(\s*&([A-Za-z_]\w*)/g,
  /\b([A-Za-z_]\w*)\s*\[[^\]]+\]\s*(?:\+=|-=)/g,
  /\b([A-Za-z_]\w*)\s*=\s*getattr\([^)]*\)\s*\+\s*1/g,
  /\b([A-Za-z_]\w*)\.(?:add|append|push|insert)\s*\(/g,
];
const MAY_MUTATE = /\+\+|--|[-+|^]=|=\s*(?:not\b|!)|\b(?:True|true|False|false)\b|fetch_|increment|getAnd|addAnd|\.(?:store|set|swap|add|append|push|insert)\s*\(|compare|atomic\.|getattr|[+-]\s*1\b/;
/** Names of counters and one-shot flags. */
const CALLISH = /call|count|cnt|seen|first|invoc|times|hits|toggle|flip|attempt|tries|runs|nth|second|visited|done|fired|returned|^_?n$|^_?n_|_n$/i;
const BRANCH = /^(if|elif|else\s+if|unless|when|switch|match)\b|\?[^.?]|\bif\b.*\belse\b/;

export function toggleFindings(ctx: EditContext): TamperFinding[] {
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const mutated = new Map<string, CodeLine>();
  for (const line of added) {
    if (!MAY_MUTATE.test(line.text)) continue; // cheap test first: most lines mutate nothing
    for (const re of MUTATIONS) {
      for (const m of line.text.matchAll(re)) if (!mutated.has(m[1])) mutated.set(m[1], line);
    }
  }
  for (const [name, mutation] of mutated) {
    if (/^(i|j|k|idx|index|pos|offset|len|length|total|sum|result|res|acc|n_items|start|end|lo|hi|left|right|mid)$/.test(name)) continue;
    const shared = sharedState(ctx, name, mutation);
    if (!shared) continue;
    // The branch reads the state itself or a local it was copied into (`let n = CALLS.fetch_add(1, ..)`).
    const alias = new RegExp(`^(?:let|var|const|auto|int|long|final)?\\s*(?:mut\\s+)?([A-Za-z_]\\w*)\\s*(?::\\s*[\\w<>]+)?\\s*:?=\\s*[^=].*\\b${name}\\b`).exec(mutation.text)?.[1];
    const word = new RegExp(`\\b(?:${name}${alias ? `|${alias}` : ''})\\b`);
    // The branch may bump the counter itself: `if CALLS.fetch_add(1, ..) == 1 {`, `if (++calls == 2)`.
    const bumpsAndCompares = (l: CodeLine) => l !== mutation || new RegExp(`\\b${name}\\b[^=<>!]*[=!<>]=`).test(l.text);
    const branch = added.find((l) => bumpsAndCompares(l) && BRANCH.test(l.text) && word.test(l.text) && !/^(for|while)\b/.test(l.text));
    if (!branch) continue;
    const answersPrinted = ctx.changes.after.slice(branch.index, branch.index + 4).some((l) => printedLiterals(ctx, l.text).some((lit) => inputWeight(lit) > 0));
    // A counter compared with a small number or a flag tested for truth, as a toggle does;
    // a rate limiter compares its count with a configured limit instead.
    const names = alias ? `${name}|${alias}` : name;
    const toggled = new RegExp(`(?:!|\\bnot\\s+)(?:${names})\\b|\\b(?:${names})\\b(?:\\.\\w+\\((?:[^()]|\\([^()]*\\))*\\))?\\s*(?:[=!<>]=?=?\\s*-?\\d|%|&&|\\|\\||\\)|:|\\{|$)`).test(branch.text);
    // Per-instance and captured state may be per request or per operation (a retry closure):
    // only a branch that answers with a value from the failing output counts there.
    const perInstance = shared === 'an instance counter' || shared === 'a field' || shared === 'a variable captured by a closure';
    if (!answersPrinted && !(CALLISH.test(name) && toggled && !perInstance)) continue;
    return [
      {
        pattern: 'call-count-toggle',
        severity: 'tamper',
        detail: `${ctx.path} keeps ${shared} \`${name}\` across calls and branches on it, so repeated calls answer differently: ${quoteLine(branch.text)}`,
      },
    ];
  }
  return [];
}

/** How `name` outlives a call, or undefined when it is local to the function. */
function sharedState(ctx: EditContext, name: string, mutation: CodeLine): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  if (new RegExp(`(?:self|this|cls)\\.${escaped}\\b`).test(mutation.text)) return CALLISH.test(name) ? 'an instance counter' : undefined;
  if (new RegExp(`\\b[A-Za-z_]\\w*\\.${escaped}\\b`).test(mutation.text) && !/\.(fetch_|increment|getAnd|addAnd|store|swap|set|compare|Add|Store)/.test(mutation.text)) return 'a function or class attribute';
  const declared = new RegExp(
    [
      `^(?:global|nonlocal)\\s+(?:\\w+\\s*,\\s*)*${escaped}\\b`,
      `^(?:pub(?:\\([^)]*\\))?\\s+)?static\\s+(?:mut\\s+)?${escaped}\\b`,
      `\\bstatic\\b[^=;(]*\\b${escaped}\\s*(?:=|;)`,
      `^(?:private|protected|public|internal)\\b[^=;(]*\\b${escaped}\\s*(?:[=;:]|$)`,
      `^(?:export\\s+)?(?:let|var|const)\\s+${escaped}\\b`,
      `^var\\s+${escaped}\\b|^var\\s*\\(`,
      `^${escaped}\\s*(?::[^=]+)?=[^=]`,
    ].join('|'),
  );
  for (const line of ctx.changes.after) {
    if (line.comment || !declared.test(line.text)) continue;
    const topLevel = line.indent === 0 || /^(global|nonlocal|private|protected|public|internal)\b/.test(line.text) || /\bstatic\b/.test(line.text);
    if (topLevel) return /^(global|nonlocal)\b/.test(line.text) ? 'a global' : /^(private|protected|public|internal)\b/.test(line.text) && !/\bstatic\b/.test(line.text) ? 'a field' : 'module-level state';
  }
  // Go: a package-level var block `var ( calls int )`.
  const inVarBlock = ctx.changes.after.some((l, i, all) => l.indent > 0 && new RegExp(`^${escaped}\\s+\\w`).test(l.text) && all.slice(Math.max(0, i - 5), i).some((p) => p.indent === 0 && /^var\s*\($/.test(p.text)));
  if (inVarBlock) return 'module-level state';
  return capturedByClosure(ctx, escaped, mutation) ? 'a variable captured by a closure' : undefined;
}

/** A line that opens a function body: a callback, a lambda, a nested def or func literal. */
const FUNCTION_HEAD = /=>\s*\{?\s*$|\bfunction\b[^{]*\{\s*$|\bfunc\s*\([^)]*\)[^{]*\{\s*$|^(?:async\s+)?def\s+\w+\s*\(.*:\s*$|\|[^|]*\|\s*\{\s*$|->\s*\{\s*$|\bmove\s*\|/;

/**
 * The mutation sits in a function (a route handler, a callback, a lambda) and the variable is
 * declared outside it, in the enclosing function: it outlives each call of the inner one, as a
 * module-level counter does (`let addCalls = 0; router.post(..., (req, res) => { addCalls += 1 })`).
 */
function capturedByClosure(ctx: EditContext, escaped: string, mutation: CodeLine): boolean {
  const after = ctx.changes.after;
  let head: CodeLine | undefined;
  for (let i = mutation.index - 1, indent = mutation.indent; i >= 0; i--) {
    const l = after[i];
    if (l.text === '' || l.comment || l.indent >= indent) continue;
    if (FUNCTION_HEAD.test(l.text)) {
      head = l;
      break;
    }
    indent = l.indent;
    if (indent === 0) break;
  }
  if (!head) return false;
  const declaration = new RegExp(`^(?:let|var|const|final|auto|mut|[A-Z]\\w*(?:<[^>]*>)?|int|long)\\s+(?:mut\\s+)?${escaped}\\s*(?::\\s*[\\w<>]+)?\\s*=|^${escaped}\\s*:=`);
  for (let i = head.index - 1; i >= 0; i--) {
    const l = after[i];
    if (l.comment || l.text === '') continue;
    if (l.indent <= head.indent && declaration.test(l.text)) return true;
    // Past the start of the function that holds both: stop looking.
    if (l.indent < head.indent && FUNCTION_HEAD.test(l.text)) return false;
  }
  return false;
}
