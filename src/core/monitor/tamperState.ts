/**
 * Where a name lives, read from source lines without a parser: whether state
 * outlives one call of a function (module-level, global, static, thread-local,
 * a function or class attribute, a variable captured by a closure, an instance
 * field) and which function a line belongs to. The toggle pattern needs both:
 * a toggle is state that persists across calls and is read where it is changed.
 */
import { CodeLine } from './tamperLines';

export type Persistence =
  | 'module-level state'
  | 'a global'
  | 'a static'
  | 'a closure variable'
  | 'a function or class attribute'
  | 'an instance counter'
  | 'an attribute of a passed-in object'
  | 'a mutable default argument';

/** A line that opens a function: def, fn, func, function, a Java/C# method, a TS class method, an arrow or lambda. */
const FUNCTION_OPENER =
  /^(?:(?:public|private|protected|static|async|override|readonly)\s+)*(?!(?:if|for|while|switch|catch|return|else|do|try|with)\b)\w+\s*(?:<[^>]*>)?\([^;]*\)\s*(?::\s*[^{=;]+)?\{\s*$|^(?:(?:export|pub(?:\([^)]*\))?|async|static|public|private|protected|final|synchronized|override|internal|default)\s+)*(?:def|fn|func|function)\b|=>\s*[{(]?\s*$|(?:^return\s+|[=(,]\s*)(?:async\s+)?function\b[^{]*\{\s*$|\blambda\b[^:]*:|\bfunc\s*\([^)]*\)[^{]*\{\s*$|^(?:(?:public|private|protected|static|final|synchronized|override)\s+)*[\w.<>[\], ?]+\s+\w+\s*\([^;]*\)\s*(?:throws\s+[\w., ]+)?\{\s*$/;

/** Index of the line that opens the function holding line `index`, or -1 at module level. */
export function enclosingFunction(lines: readonly CodeLine[], index: number): number {
  let indent = lines[index]?.indent ?? 0;
  for (let j = index - 1; j >= 0; j--) {
    const l = lines[j];
    if (l.text === '' || l.comment || l.indent >= indent) continue;
    indent = l.indent;
    if (FUNCTION_OPENER.test(l.text)) return j;
    if (indent === 0) return -1;
  }
  return -1;
}

/** Two lines run in the same call: the same line, or the same innermost function. */
export function sameFunction(lines: readonly CodeLine[], a: CodeLine, b: CodeLine): boolean {
  return a.index === b.index || enclosingFunction(lines, a.index) === enclosingFunction(lines, b.index);
}

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}

/** A local holding a lock guard or borrow of other state: `let mut calls = CALLS.lock().unwrap();`. */
const GUARD_OF = /=\s*&?(?:mut\s+)?([A-Za-z_]\w*)\s*\.\s*(?:lock|borrow_mut|borrow|write|get_mut|lock_owned)\s*\(/;

/** How `name`, changed on line `mutation`, outlives a call; undefined when it is local. */
export function persistence(lines: readonly CodeLine[], name: string, mutation: CodeLine, depth = 0): Persistence | undefined {
  const n = escape(name);
  // Python's mutable default, evaluated once: `def next_id(_calls=[0]):`.
  const opener = lines[enclosingFunction(lines, mutation.index)];
  if (opener && new RegExp(`[(,]\\s*${n}\\s*(?::[^=,)]+)?=\\s*(?:\\[|\\{|dict\\(|list\\(|set\\()`).test(opener.text)) return 'a mutable default argument';
  if (new RegExp(`(?:self|this)\\s*\\.\\s*${n}\\b`).test(mutation.text)) return 'an instance counter';
  // Ruby: `@@calls` is the class's, `$calls` the process's; `@calls` in a `def self.` method is the module's or class's own.
  if (new RegExp(`@@${n}\\b`).test(mutation.text)) return 'a static';
  if (new RegExp(`(?<![\\w@])@${n}\\b`).test(mutation.text)) return /^def\s+self\./.test(opener?.text ?? '') ? 'a function or class attribute' : 'an instance counter';
  const owner = new RegExp(`\\b([A-Za-z_]\\w*)\\s*\\.\\s*${n}\\b(?!\\s*\\()`).exec(mutation.text)?.[1];
  if (owner && owner !== 'cls' && !/^(?:atomic|Ordering|std|sync)$/.test(owner)) {
    // A class or a function declared in this file keeps the attribute for the whole process;
    // any other object (a request, a job) keeps it for as long as the caller holds the object.
    const declared = new RegExp(`^(?:export\\s+)?(?:(?:public|private|final|abstract|static)\\s+)*(?:class|def|function|func|fn|struct)\\s+${escape(owner)}\\b|^(?:export\\s+)?(?:const|let|var)\\s+${escape(owner)}\\s*=\\s*(?:async\\s*)?(?:function|\\()`);
    if (/^[A-Z]/.test(owner) || lines.some((l) => declared.test(l.text))) return 'a function or class attribute';
    return 'an attribute of a passed-in object';
  }
  if (/^cls$/.test(owner ?? '')) return 'a function or class attribute';
  const declaration = new RegExp(
    [
      `^(?:global)\\s+(?:\\w+\\s*,\\s*)*${n}\\b`,
      `\\bstatic\\s+(?:mut\\s+|ref\\s+)?${n}\\s*:`,
      `\\bstatic\\b[^=;(]*\\b${n}\\s*(?:=|;)`,
      `^(?:private|protected|public|internal)\\b[^=;(]*\\b${n}\\s*(?:[=;:]|$)`,
      `^(?:export\\s+)?(?:let|var|const)\\s+(?:mut\\s+)?${n}\\b`,
      `^var\\s+${n}\\b`,
      `^\\$?${n}\\s*(?::[^=]+)?=[^=]`,
      `^nonlocal\\s+(?:\\w+\\s*,\\s*)*${n}\\b`,
      // Go: `calls := 0` before a closure that changes it.
      `^${n}\\s*:=`,
    ].join('|'),
  );
  for (const line of lines) {
    if (line.comment || !line.text.includes(name) || !declaration.test(line.text)) continue;
    const guarded = GUARD_OF.exec(line.text)?.[1];
    if (guarded && guarded !== name && depth === 0) return persistence(lines, guarded, line, 1);
    if (/^global\b/.test(line.text)) return 'a global';
    if (line.indent > 0 && insideObjectDeclaration(lines, line)) return 'a static';
    if (/\bstatic\b/.test(line.text)) return 'a static';
    if (/^nonlocal\b/.test(line.text)) return 'a closure variable';
    if (/^(?:private|protected|public|internal)\b/.test(line.text)) return 'an instance counter';
    if (line.indent === 0) return 'module-level state';
    if (capturedByClosure(lines, line, mutation)) return 'a closure variable';
  }
  // Go: a package-level var block `var ( calls int )`.
  const inVarBlock = lines.some((l, i, all) => l.indent > 0 && l.text.startsWith(name) && new RegExp(`^${n}\\s+\\w`).test(l.text) && all.slice(Math.max(0, i - 8), i).some((p) => p.indent === 0 && /^var\s*\($/.test(p.text)));
  return inVarBlock ? 'module-level state' : undefined;
}

/**
 * A variable declared inside one function and changed inside a function nested
 * in it (`let n = 0; return () => ++n`, Python `count = [0]` and an inner def):
 * the inner function keeps it between its calls.
 */
function capturedByClosure(lines: readonly CodeLine[], declaration: CodeLine, mutation: CodeLine): boolean {
  if (mutation.index <= declaration.index) return false;
  const inner = enclosingFunction(lines, mutation.index);
  const outer = enclosingFunction(lines, declaration.index);
  if (inner > declaration.index) return lines[inner].indent >= declaration.indent;
  // The closure opens on the mutation line itself: `return () => (++n === 2 ? 42 : real())`.
  return inner === outer && /=>|\blambda\b|\bfunc\s*\(|\|[^|]*\|\s*[{(]?/.test(mutation.text) && mutation.indent >= declaration.indent;
}

/** A named function that builds things (`function makeClassifier()`, `def make_parser():`, `func NewNext()`), not an IIFE run once. */
const NAMED_FACTORY = /^(?:export\s+)?(?:(?:pub|async|default)\s+)*(?:function\*?\s+\w+|def\s+\w+|func\s+\w+|fn\s+\w+)|^(?:export\s+)?(?:const|let|var)\s+\w+\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\b|\w+\s*=>|\((?!\()[^)]*\)\s*(?::[^=]+)?=>)/;

/**
 * The closure that changes the state is made by a named factory: every call of
 * the factory (`makeClassifier()`) starts a fresh copy, as every `new` starts an
 * object, so the state belongs to that instance (a parser's position in its input).
 */
export function madeByFactory(lines: readonly CodeLine[], mutation: CodeLine): boolean {
  const inner = enclosingFunction(lines, mutation.index);
  const outer = inner === -1 ? -1 : enclosingFunction(lines, inner);
  // The closure may open on the mutation line itself (`return () => ++n`): its maker holds that line.
  const maker = outer !== -1 ? lines[outer] : inner !== -1 && /=>|\blambda\b/.test(mutation.text) ? lines[inner] : undefined;
  return maker !== undefined && NAMED_FACTORY.test(maker.text);
}

/** Kotlin `companion object { var calls = 0 }`, `object Counter { ... }` or a Java enum constant's body: one instance for the process. */
function insideObjectDeclaration(lines: readonly CodeLine[], line: CodeLine): boolean {
  for (let j = line.index - 1; j >= 0; j--) {
    const l = lines[j];
    if (l.text === '' || l.comment || l.indent >= line.indent) continue;
    // A Java enum constant's body (`DOLLAR {`) is one instance for the process too.
    return /^(?:(?:private|internal|public)\s+)?(?:companion\s+)?object\b|^[A-Z][A-Z0-9_]*\s*(?:\([^)]*\))?\s*\{$/.test(l.text);
  }
  return false;
}

/** Locals the function copies the state into (`n = seen.get(seed, 0)`, `let n = CALLS.fetch_add(1)`). */
export function aliasesOf(lines: readonly CodeLine[], opener: number, mutation: CodeLine, name: string): string[] {
  const copy = new RegExp(`^(?:let|var|const|auto|int|long|final)?\\s*(?:mut\\s+)?([A-Za-z_]\\w*)\\s*(?::\\s*[\\w<>]+)?\\s*:?=\\s*[^=].*\\b${escape(name)}\\b`);
  const out: string[] = [];
  for (const l of lines.slice(opener + 1, opener + 80)) {
    if (l.comment || !sameFunction(lines, l, mutation)) continue;
    const m = copy.exec(l.text);
    if (m && m[1] !== name) out.push(m[1]);
  }
  return out;
}
