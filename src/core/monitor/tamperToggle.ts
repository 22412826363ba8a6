/**
 * A call counter or one-shot flag that changes the answer between calls. What
 * makes a toggle: state that outlives a call (module-level, global, static,
 * thread-local, atomic, a closure's captured variable, a function or class
 * attribute) is changed in a function, and a branch of that same function
 * reads it as a count against a small number, a truth test or a membership
 * test, and returns something else than the usual answer. Not toggles: a retry
 * or rate limiter comparing its count with a configured limit, lazy one-time
 * setup that returns nothing, a memo cache whose branch returns the cached
 * value itself (unless the cache is pre-seeded with a value the failing run printed).
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness, inputWeight } from './tamperLines';
import { aliasesOf, enclosingFunction, madeByFactory, persistence, sameFunction } from './tamperState';
import { Candidate, everHappened, successPicked } from './tamperToggleAnswers';

const ID = String.raw`[A-Za-z_]\w*`;
/** Ways code changes state; group 1 is the state's name. */
const MUTATIONS: RegExp[] = [
  new RegExp(String.raw`\b(${ID})\s*(?:\[[^\]]*\]\s*)?(?:\+\+|--|[-+*|^]=(?!=))`, 'g'),
  new RegExp(String.raw`(?:\+\+|--)\s*(?:${ID}\s*\.\s*)?(${ID})`, 'g'),
  new RegExp(String.raw`\b(${ID})\s*=\s*(?:not\s+|!)\s*(?:${ID}\.)?\1\b`, 'g'),
  new RegExp(String.raw`\b(${ID})\s*=\s*[^=].*?\b\1\b[^;]*[-+]\s*1\b`, 'g'),
  new RegExp(String.raw`\b(${ID})\s*(?:\[[^\]]*\])?\s*=\s*(?:True|true|False|false)\b`, 'g'),
  new RegExp(String.raw`\b(${ID})\s*\.\s*(?:fetch_\w+|swap|store|compare_exchange\w*|incrementAndGet|getAndIncrement|decrementAndGet|getAndDecrement|addAndGet|getAndAdd|getAndSet|compareAndSet|set|Add|Store|Swap|CompareAndSwap|Inc|add|append|push|insert|put|LoadOrStore|with|merge|compute|computeIfAbsent|computeIfPresent|getAndUpdate|updateAndGet|accumulateAndGet|increment)\s*\(`, 'g'),
  new RegExp(String.raw`(?:atomic\.(?:Add|Store|Swap|CompareAndSwap)\w*\(\s*&|Interlocked\.\w+\(\s*ref)\s*(${ID})`, 'g'),
  new RegExp(String.raw`\bnext\(\s*(${ID})\s*\)`, 'g'),
  new RegExp(String.raw`\b(${ID})\s*\[[^\]]+\]\s*=(?!=)`, 'g'),
];
const MAY_MUTATE = /\]\s*=(?!=)|\+\+|--|[-+*|^]=|=\s*(?:not\b|!)|\b(?:True|true|False|false)\b|[-+]\s*1\b|\.\s*[a-zA-Z_]+\s*\(|atomic\.|Interlocked\.|\bnext\(/;
/** Loop indices and accumulators: changed in every function, never call state. */
const LOCAL_NAMES = /^(i|j|k|idx|index|pos|offset|len|length|total|sum|result|res|acc|n_items|start|end|lo|hi|left|right|mid|self|this|out|buf|sb|parts|lines|items|errors|warnings)$/;
/** Names of counters and one-shot flags. */
export const CALLISH = /call|count|cnt|seen|first|invoc|times|hits?\b|toggle|flip|attempt|tries|retr(?:y|ies)|runs|nth|second|visited|done|fired|returned|step|phase|tick|uses|usage|^_?n$|^_?n_|_n$/i;
/** Bounds on the work per edit, so a rewritten 1 MB file stays fast: changes looked at, and lines either side searched for the branch. */
const MAX_MUTATIONS = 400;
const BRANCH_WINDOW = 60;
const BRANCH = /^(if|elif|else\s+if|unless|when|switch|match)\b|\?[^.?]|\bif\b.*\belse\b|^return\b.*\s(?:if|unless)\s/;
/** Values a return gives when it answers nothing: a guard, not a different answer. */
const NO_VALUE = /^(?:|None|nil|null|undefined|void 0|Ok\(\(\)\)|\(\))$/;

export function toggleFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  const byIndex = new Map(added.map((l, i) => [l.index, i]));
  for (const [name, mutation] of mutationsOf(added).slice(0, MAX_MUTATIONS)) {
    if (enclosingFunction(lines, mutation.index) === -1 && mutation.indent === 0) continue; // a declaration, not a change in a call
    const kind = persistence(lines, name, mutation);
    if (!kind) continue;
    // The branch may read a local the state was copied into (`let n = CALLS.fetch_add(1, ..)`, `n = next(_calls)`).
    const alias = new RegExp(`^(?:let|var|const|auto|int|long|final)?\\s*(?:mut\\s+)?(${ID})\\s*(?::\\s*[\\w<>]+)?\\s*:?=\\s*[^=].*\\b${name}\\b`).exec(mutation.text)?.[1];
    // Or a local copied from it earlier in the function (`const n = (state.get('calls') ?? 0) + 1; state.set('calls', n)`).
    // Or names a Go if-statement assigns from it before its condition (`if _, loaded := seen.LoadOrStore(k, true); loaded {`).
    const init = new RegExp(`^if\\s+((?:${ID}\\s*,\\s*)*${ID})\\s*:=[^;]*\\b${name}\\b[^;]*;`).exec(mutation.text)?.[1].split(/\s*,\s*/).filter((n) => n !== '_') ?? [];
    const copies = aliasesOf(lines, enclosingFunction(lines, mutation.index), mutation, name);
    const names = [...new Set([name, ...(alias ? [alias] : []), ...init, ...copies])];
    const reads = new RegExp(`\\b(?:${names.join('|')})\\b`);
    const direct = new RegExp(`\\b(?:${[name, ...(alias ? [alias] : []), ...init].join('|')})\\b`);
    // A toggle's branch sits in the same function, near the change: look a screenful either side.
    const at = byIndex.get(mutation.index) ?? 0;
    for (const branch of added.slice(Math.max(0, at - BRANCH_WINDOW), at + BRANCH_WINDOW)) {
      if (!BRANCH.test(branch.text) || /^(for|while)\b/.test(branch.text) || !reads.test(branch.text)) continue;
      // A copy read alone counts only as a count of calls: a copy tested for absence is a memo's miss (`if (!rules)`).
      if (copies.length > 0 && !direct.test(branch.text) && readShape(branch.text, names) !== 'count') continue;
      if (!sameFunction(lines, branch, mutation)) continue;
      const finding = judgeBranch(ctx, { name, mutation, names, kind, branch, lines });
      if (finding) return [finding];
    }
  }
  return [];
}

/** Each changed name with each line that changes it, in file order. */
export function mutationsOf(added: CodeLine[]): Array<[string, CodeLine]> {
  const mutated: Array<[string, CodeLine]> = [];
  const seen = new Set<string>();
  for (const line of added) {
    if (!MAY_MUTATE.test(line.text)) continue; // cheap test first: most lines mutate nothing
    for (const re of MUTATIONS) {
      for (const m of line.text.matchAll(re)) {
        const key = `${m[1]}@${line.index}`;
        if (seen.has(key) || LOCAL_NAMES.test(m[1])) continue;
        seen.add(key);
        mutated.push([m[1], line]);
      }
    }
  }
  return mutated;
}


function judgeBranch(ctx: EditContext, c: Candidate): TamperFinding | undefined {
  const shape = readShape(c.branch.text, c.names);
  const body = bodyOf(c.lines, c.branch);
  const answersPrinted = body.some((l) => printedLiterals(ctx, l.text).some((lit) => inputWeight(lit) > 0));
  // A branch that writes out a printed value (a response header, a line of output) answers with it, return or not.
  const returned = answerOf(ctx, body, c.branch, c.names);
  const answer = returned === 'none' && (answersPrinted || (shape === 'count' && successPicked(c, body, countBound(c.branch.text, c.names), bumpedOncePerCall(c.lines, c.mutation)))) ? 'other' : returned;
  const detail = (how: string) => `${ctx.path} keeps ${c.kind} \`${c.name}\` across calls and ${how}: ${quoteLine(c.branch.text)}`;
  if (answer === 'state') {
    // A memo cache answers what it computed before, unless it starts out holding a printed answer.
    if ((shape === 'member' || shape === 'flag') && seededWithPrinted(ctx, c)) return { pattern: 'call-count-toggle', severity: 'tamper', detail: detail('pre-seeds it with a value the failing run printed') };
    return undefined;
  }
  if (answer === 'none') {
    // The first call skips the work and flips the state on its way out (`if (first) { first = false; return; }`):
    // the call the test observes does nothing. A run-once guard does the opposite, its first call does the work.
    const flips = new RegExp(`\\b(?:${c.names.join('|')})\\b\\s*(?:=[^=]|\\+\\+|--|[-+]=)|(?:\\+\\+|--)\\s*(?:${c.names.join('|')})\\b`);
    const skipsFirst = (shape === 'flag' || shape === 'count') && body.some((l) => l !== c.branch && flips.test(l.text)) && body.some((l) => /^return\b\s*(?:;|None|nil|null|undefined)?\s*;?$/.test(l.text));
    if (!skipsFirst) return undefined;
    return { pattern: 'call-count-toggle', severity: 'tamper', detail: detail('skips the work on the first call only, flipping it as it returns') };
  }
  if (answer !== 'other') return undefined;
  // A count held against a configured limit is a limiter's job, whatever it answers (a 429 the test expects).
  if (shape === undefined || shape === 'limit') return undefined;
  // An object's own counter is usually its job (an iterator, a client's retries): only a counter by name counts.
  // A closure a named factory makes is such an object too (a line classifier tracking a block comment).
  const ownState = c.kind === 'an instance counter' || c.kind === 'an attribute of a passed-in object' || (c.kind === 'a closure variable' && madeByFactory(c.lines, c.mutation));
  // A count of something else (tokens left in a bucket, items in a batch) is a quantity; a toggle counts calls:
  // by its name, or by going up by one on every call and telling the first call or two from the rest (or odd calls from even).
  const callsTold = (countBound(c.branch.text, c.names) ?? 99) <= 2 || MODULO.test(marked(c.branch.text, c.names));
  const countsCalls = shape === 'count' && bumpedOncePerCall(c.lines, c.mutation) && callsTold;
  // Either answers a value the failing run printed only as a toggle does (the second response's header),
  // or when it counts its own calls in a method whose name says it answers a query, not the next of a sequence.
  const queryCounted = countsCalls && !producesSequence(c.lines, c.mutation);
  if (ownState && !CALLISH.test(c.name) && !answersPrinted && !queryCounted) return undefined;
  if (shape === 'count' && !c.names.some((n) => CALLISH.test(n)) && !CALLISH.test(c.branch.text) && !answersPrinted && !countsCalls && !everHappened(c, ownState, countBound(c.branch.text, c.names))) return undefined;
  // An object counting to 3 or more is a threshold (a circuit breaker's failures); a toggle tells call 1 from call 2.
  if (ownState && shape === 'count' && (countBound(c.branch.text, c.names) ?? 0) > 2) return undefined;
  if (answersPrinted) return { pattern: 'call-count-toggle', severity: 'tamper', detail: detail('answers a printed value when it branches on it') };
  return { pattern: 'call-count-toggle', severity: 'tamper', detail: detail('branches on it, so repeated calls answer differently') };
}

/**
 * Functions whose job is the next item of a sequence: each call is meant to answer differently
 * (an iterator's next, an id allocator, a round-robin pick, a reader's read).
 */
const SEQUENCE_WORD =
  /^(?:next|advance|backoff|delay|retry|step|tick|pop|shift|take|read|poll|recv|receive|emit|yield|gen|generate|alloc|allocate|issue|acquire|rotate|cycle|round|robin|pick|choose|fresh|unique|id|ids|uid|uuid|seq|sequence|serial|nonce|token|ticket|counter|count|increment|inc|bump|iter|walk|consume|dequeue|deal|draw|roll|sample|shuffle|random|rand)$/;

/** The function holding the change is named as a producer of a sequence (or has no name to tell). */
export function producesSequence(lines: readonly CodeLine[], mutation: CodeLine): boolean {
  const opener = lines[enclosingFunction(lines, mutation.index)];
  if (!opener) return true;
  const name = /(?:\b(?:def|fn|func|function)\s+(?:\([^)]*\)\s*)?|^(?:(?:public|private|protected|static|async|override|final|synchronized)\s+)*(?:[\w<>[\],.? ]+\s+)?)([A-Za-z_]\w*)\s*(?:<[^>]*>)?\(/.exec(opener.text)?.[1];
  if (name === undefined || /^(?:if|for|while|switch|catch|function|lambda)$/.test(name)) return true;
  // Any word of the name says so: `nextPage`, `request_id`, `allocateSlot`, `__next__`.
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).some((w) => SEQUENCE_WORD.test(w));
}

/** Goes up by one (`n++`, `n += 1`, `n[0] += 1`) as a statement of the function body itself, not in a loop or branch: once per call. */
/** Up by one: `n++`, `n += 1`, and the atomics' and cells' increments. */
const BUMP = /\+\+|\+=\s*1\b|\.(?:incrementAndGet|getAndIncrement)\(\s*\)|\.fetch_add\(\s*1\b|\.(?:Add|add)\(\s*1\s*\)|\batomic\.Add\w*\([^,]+,\s*1\s*\)|\bInterlocked\.Increment\(/;
const FIRST_IN_CONDITION = /^(?:if|elif)\s*\(?\s*(?:(?:\+\+)?\w+(?:\+\+|\s*\+=)|[\w.]+\.(?:incrementAndGet|getAndIncrement|fetch_add|Add|add)\(|(?:atomic\.Add\w*|Interlocked\.Increment)\()/;
function bumpedOncePerCall(lines: readonly CodeLine[], mutation: CodeLine): boolean {
  // In a branch's condition it counts too when it is evaluated first (`if (fits++ % 2 == 1 && ...)`,
  // `if (issued.incrementAndGet() % 2 == 0 ...)`, `if PROBES.fetch_add(1, SeqCst) >= 1`).
  if (!BUMP.test(mutation.text) || (BRANCH.test(mutation.text) && !FIRST_IN_CONDITION.test(mutation.text))) return false;
  const opener = enclosingFunction(lines, mutation.index);
  if (opener < 0) return false;
  for (let j = mutation.index - 1; j > opener; j--) {
    const l = lines[j];
    if (l.text !== '' && !l.comment && l.indent < mutation.indent) return false; // a block between: a loop or a branch
  }
  return true;
}

/** Stands for the state's name in a branch, so the shape patterns below are compiled once, not per name. */
const STATE = '\u0001';
/** The state as an expression: a name with member calls and indexes, an atomic on its address, next() of it. */
const E = String.raw`(?:atomic\.\w+\(\s*&\s*${STATE}[^()]*\)|Interlocked\.\w+\(\s*ref\s+${STATE}[^()]*\)|\bnext\(\s*${STATE}\s*\)|(?:\+\+|--)?(?:${ID}\s*\.\s*)?${STATE}(?:\s*\.\s*\w+\s*(?:\((?:[^()]|\([^()]*\))*\))?|\s*\[[^\]]*\]|\+\+|--)*)`;
const COMPARED_AFTER = new RegExp(`${E}\\s*(?:===?|!==?|>=?|<=?)\\s*(-?\\d+)(?![\\w.])`);
const COMPARED_BEFORE = new RegExp(`(?<![\\w.])(-?\\d+)\\s*(?:===?|!==?|>=?|<=?)\\s*${E}`);
const MODULO = new RegExp(`${E}\\s*%\\s*\\d`);
const MEMBER = new RegExp(`\\b${ID}(?:\\[[^\\]]*\\])?\\s+(?:not\\s+)?in\\s+${E}`);
const OPENER = String.raw`(?:^(?:if|elif|else\s+if|unless|when)\s*\(?\s*|&&\s*|\|\|\s*|\band\s+|\bor\s+|\bif\s+|\(\s*|;\s*)`;
const TRUTH = new RegExp(`${OPENER}(?:not\\s+|!\\s*)?${E}\\s*(?:\\)|:|\\{|&&|\\|\\||\\band\\b|\\bor\\b|\\?|\\belse\\b|$)`);
const AGAINST_LIMIT = new RegExp(`${E}\\s*(?:[<>]=?|===?|!==?)\\s*[A-Za-z_(]`);

type Shape = 'count' | 'flag' | 'member' | 'limit';

function marked(text: string, names: string[]): string {
  // Ruby's sigils (`@@calls`, `@called`, `$calls`) belong to the name.
  return text.replace(new RegExp(`(?:@@?|\\$)?\\b(?:${names.join('|')})\\b`, 'g'), STATE);
}

/** The number a count is compared with (`calls == 2` gives 2), if any. */
function countBound(text: string, names: string[]): number | undefined {
  const m = marked(text, names);
  const hit = COMPARED_AFTER.exec(m) ?? COMPARED_BEFORE.exec(m);
  return hit ? Math.abs(Number(hit[1])) : undefined;
}

/** How the branch reads the state: compared with a small number, tested for truth or membership, or held against a limit. */
function readShape(text: string, names: string[]): Shape | undefined {
  const m = marked(text, names);
  const bound = countBound(text, names);
  if ((bound !== undefined && bound <= 10) || MODULO.test(m)) return 'count';
  if (MEMBER.test(m)) return 'member';
  if (TRUTH.test(m)) return 'flag';
  if (AGAINST_LIMIT.test(m)) return 'limit';
  return undefined;
}

/** The lines a branch runs: the rest of its own line and the lines nested under it. */
function bodyOf(lines: readonly CodeLine[], branch: CodeLine): CodeLine[] {
  const body: CodeLine[] = [branch];
  for (let j = branch.index + 1; j < lines.length && body.length < 40; j++) {
    const l = lines[j];
    if (l.text === '') continue;
    if (l.indent <= branch.indent) break;
    body.push(l);
  }
  return body;
}

/**
 * What the branch answers: `state` when it returns the state itself (a cache hit),
 * `other` when it returns some other value, `none` when it returns nothing or only raises.
 */
function answerOf(ctx: EditContext, body: CodeLine[], branch: CodeLine, names: string[]): 'state' | 'other' | 'none' {
  const readsState = (value: string) => names.some((n) => new RegExp(`^(?:Some\\(|Ok\\(|&|\\*)?\\s*(?:${ID}\\.)?${n}\\b`).test(value.trim()));
  const values: string[] = [];
  for (const l of body) {
    if (l.comment) continue;
    for (const m of l.text.matchAll(/\breturn\b\s*([^;]*)/g)) {
      // `return drained > 1 ? all.slice(0, 2) : all`: the answers are the ternary's two arms, not its condition.
      const arms = /^[^?]+\?(?![.?])\s*([^:]+?)\s*:(?!:)\s*(.+)$/.exec(m[1].trim());
      values.push(...(arms ? [arms[1], arms[2]] : [m[1].trim()]));
    }
    // An expression branch: a ternary, Python's `a if c else b`, or a Rust block's tail value.
    if (l === branch && !/\breturn\b/.test(l.text)) {
      const ternary = /\?\s*([^:]+):/.exec(l.text) ?? /^(?:[\w.[\]]+\s*=\s*)?(.+?)\s+if\s+.+\s+else\s+/.exec(l.text);
      if (ternary) values.push(ternary[1].trim());
    }
    if (l !== branch && /\.rs$/.test(ctx.path) && !/[;{}]$/.test(l.text) && !/^(?:return|let|if|else|match)\b/.test(l.text)) values.push(l.text);
  }
  // A branch may set the variable the function returns (`ms = self._last + 1` ... `return ms`),
  // or a field of the object the caller reads next (`max = carriedMax` in a fit() that returns this).
  if (values.length === 0) values.push(...assignedAnswers(ctx, body, branch), ...fieldsSet(ctx, body, branch));
  const answers = values.filter((v) => !NO_VALUE.test(v));
  if (answers.some((v) => !readsState(v))) return 'other';
  return answers.length > 0 ? 'state' : 'none';
}

/** Values the branch assigns to a name that the function returns after it. */
function assignedAnswers(ctx: EditContext, body: CodeLine[], branch: CodeLine): string[] {
  const lines = ctx.changes.after;
  const returned = new Set<string>();
  for (let j = branch.index + 1; j < lines.length && j < branch.index + 40; j++) {
    const m = /^return\s+([A-Za-z_]\w*)\s*;?$/.exec(lines[j].text);
    if (m) returned.add(m[1]);
    if (lines[j].text !== '' && lines[j].indent < branch.indent && /^(?:def|func|fn|function)\b/.test(lines[j].text)) break;
  }
  const out: string[] = [];
  for (const l of body) {
    if (l === branch || l.comment) continue;
    const m = /^([A-Za-z_]\w*)\s*=\s*([^=].*?);?$/.exec(l.text);
    if (m && returned.has(m[1])) out.push(m[2]);
  }
  return out;
}

/** Values the branch stores into the object's own fields: `this.max = x`, `self.max = x`, or a declared field `max = x`. */
function fieldsSet(ctx: EditContext, body: CodeLine[], branch: CodeLine): string[] {
  const lines = ctx.changes.after;
  const out: string[] = [];
  for (const l of body) {
    if (l === branch || l.comment) continue;
    const m = /^(?:(?:this|self)\.)?([A-Za-z_]\w*)\s*=\s*([^=].*?);?$/.exec(l.text);
    if (!m) continue;
    const field = /^(?:this|self)\./.test(l.text) || lines.some((d) => d.indent < branch.indent && new RegExp(`^(?:(?:private|protected|public|final)\\s+)+[\\w<>[\\]]+\\s+${m[1]}\\b`).test(d.text));
    if (field) out.push(m[2]);
  }
  return out;
}

/** The state is declared (in this edit) holding a distinctive value the failing run printed. */
function seededWithPrinted(ctx: EditContext, c: Candidate): boolean {
  const added = new Set(ctx.changes.added.map((l) => l.index));
  const start = c.lines.find((l) => added.has(l.index) && enclosingFunction(c.lines, l.index) === -1 && new RegExp(`\\b${c.name}\\b\\s*(?::[^=]+)?=`).test(l.text));
  if (!start) return false;
  const init: CodeLine[] = [start];
  for (let j = start.index + 1; j < c.lines.length && j < start.index + 30 && c.lines[j].indent > start.indent; j++) init.push(c.lines[j]);
  return init.some((l) => printedLiterals(ctx, l.text).some((lit) => distinctiveness(lit) >= 2));
}
