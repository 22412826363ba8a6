/**
 * State that outlives a call and changes the answer of a later call with the
 * same arguments, where no branch on a counter shows it (the toggle pattern
 * reads those):
 * - a count of calls flows into the answer itself (`seed + n` where `n` counts
 *   the calls made with this seed, kept in a mutable default or a module map);
 * - a run-once guard (`sync.Once`, `Once::call_once`) sets a local of the
 *   calling function, so only the first call ever sees that local changed;
 * - values the run printed as expected, kept in a new list or iterator and
 *   handed out one per call (`return next(_answers)`).
 * Not this: a function whose job is the next of a sequence (an id allocator,
 * a round-robin pick, a backoff delay), a memo cache (it stores what it
 * computed, not a count), a once-only setup that fills shared state every
 * call then reads, a queue the code already kept.
 */
import { EditContext, isTestLine, printedLiterals, quoteLine, TamperFinding } from './tamperContext';
import { inputWeight } from './tamperLines';
import { printedAsActual } from './tamperOutput';
import { aliasesOf, enclosingFunction, persistence, sameFunction } from './tamperState';
import { CALLISH, mutationsOf, producesSequence } from './tamperToggle';

const ID = String.raw`[A-Za-z_]\w*`;
/** A change that counts: up or down by one, an atomic increment, the next of an itertools.count. */
const COUNTS = /\+\+|--|[-+]=\s*1\b|[-+]\s*1\b|incrementAndGet|getAndIncrement|fetch_add\(\s*1\b|\.(?:Add|add)\(\s*1\s*\)|\bnext\(/;
const MAX_MUTATIONS = 400;
/** How far into a function the answer is looked for. */
const BODY_WINDOW = 80;

export function stateFlowFindings(ctx: EditContext): TamperFinding[] {
  return countInAnswer(ctx) ?? onceSetsLocal(ctx) ?? consumedAnswers(ctx) ?? [];
}

/** Taking the next item of a kept collection: `next(it)`, `it.next()`, `q.shift()`, `q.pop()`, `q.popleft()`, `q.poll()`. */
const CONSUMES = new RegExp(String.raw`\bnext\(\s*(${ID})\s*\)|\b(${ID})\s*\.\s*(?:next\(\s*\)(?:\.value|\.unwrap\(\))?|shift\(\s*\)|pop\(\s*\)|popleft\(\s*\)|poll\(\s*\)|remove\(\s*0\s*\))`);

/**
 * Answers handed out one per call from a kept list of values the failing run printed as
 * expected (`_answers = iter([41.5, 42.5])` ... `return next(_answers)`): each call answers
 * the next memorised value, whatever its arguments.
 */
function consumedAnswers(ctx: EditContext): TamperFinding[] | undefined {
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment || isTestLine(ctx, line, 'after') || !/^return\b|=/.test(line.text)) continue;
    const m = CONSUMES.exec(line.text);
    const name = m?.[1] ?? m?.[2];
    if (!name || enclosingFunction(lines, line.index) < 0 || !persistence(lines, name, line)) continue;
    const declaration = lines.find((l) => !l.comment && l.index !== line.index && new RegExp(`^(?:(?:export|const|let|var|static|final|private|public)\\s+)*${escape(name)}\\b[^=]*=[^=]`).test(l.text));
    // The kept values are new: an existing queue of work handed out in turn is the code's job.
    if (!declaration || !ctx.changes.added.some((l) => l.index === declaration.index)) continue;
    // Made by a generator declared here (`_it = _answers()` over `def _answers(): yield 41.5`): its yields are the values.
    // Or written on the lines the declaration itself opens (`answers = iter([` ..., `const it = (function* () {` ... `yield 42`).
    const maker = /=\s*([A-Za-z_]\w*)\s*\(\s*\)\s*;?$/.exec(declaration.text)?.[1];
    const start = maker === undefined ? (/[[({]\s*$/.test(declaration.text) ? declaration.index : -1) : lines.findIndex((l) => new RegExp(`^(?:def|function\\*?|fn)\\s+${escape(maker)}\\s*\\(`).test(l.text));
    const body = start < 0 ? [] : lines.slice(start + 1, start + 20).filter((_l, i, all) => all.slice(0, i + 1).every((b) => b.text === '' || b.indent > lines[start].indent));
    const held = [declaration, ...body].map((l) => l.text).join('\n');
    const answers = printedLiterals(ctx, held).filter((l) => inputWeight(l) > 0 && !printedAsActual(ctx.output, l));
    if (answers.length === 0) continue;
    return [
      {
        pattern: 'call-count-toggle',
        severity: 'tamper',
        detail: `${ctx.path} hands out one value per call from \`${name}\`, which holds ${answers.map((a) => a.value).join(', ')} from the failing output: ${quoteLine(line.text)}`,
      },
    ];
  }
  return undefined;
}

function countInAnswer(ctx: EditContext): TamperFinding[] | undefined {
  const lines = ctx.changes.after;
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  for (const [name, mutation] of mutationsOf(added).slice(0, MAX_MUTATIONS)) {
    const opener = enclosingFunction(lines, mutation.index);
    if (opener < 0) continue;
    const copies = aliasesOf(lines, opener, mutation, name);
    // The count may be worked out in a copy first (`const n = (seen.get(r) ?? 0) + 1; seen.set(r, n)`).
    const countedCopy = copies.some((c) => lines.slice(opener + 1, mutation.index).some((l) => new RegExp(`\\b${escape(c)}\\b\\s*=[^=].*\\b${escape(name)}\\b.*[-+]\\s*1\\b`).test(l.text)) && new RegExp(`\\b(?:${copies.map(escape).join('|')})\\b`).test(mutation.text));
    if (!COUNTS.test(mutation.text) && !countedCopy) continue;
    const kind = persistence(lines, name, mutation);
    if (!kind || producesSequence(lines, mutation)) continue;
    // A count of calls by its name, or one kept per argument (`seen[seed] = n + 1`): calls with these arguments so far.
    const keyed = keyedByParameter(lines[opener].text, mutation.text, name);
    if (!CALLISH.test(name) && !keyed) continue;
    const names = [name, ...copies];
    const reads = new RegExp(`\\b(?:${names.map(escape).join('|')})\\b`);
    const bare = new RegExp(`^(?:${names.map(escape).join('|')})\\s*;?$`);
    const rust = /\.rs$/.test(ctx.path);
    const answer = lines.slice(opener + 1, opener + BODY_WINDOW).find((l) => {
      // A Rust function answers with its tail expression too: a line ending without `;`.
      const tail = rust && !/[;{},]$/.test(l.text) && !/^(?:let|if|else|match|for|while|loop|fn|pub|use|static|const|struct|impl|\}|\))/.test(l.text);
      if (l.comment || !(/^return\b/.test(l.text) || tail) || !sameFunction(lines, l, mutation)) return false;
      const value = l.text.replace(/^return\s*/, '');
      // A branch on the count is the toggle pattern's; a count returned alone is a counter's own answer.
      // A count written into text (`f"{n}: {msg}"`, `${n}.`) numbers lines or items: a sequence by design.
      const alt = names.map(escape).join('|');
      const label = new RegExp(`\\{\\s*(?:${alt})\\b|\\$\\{\\s*(?:${alt})\\b|["'\`]\\s*\\+\\s*(?:${alt})\\b|\\b(?:${alt})\\s*\\+\\s*["'\`]|\\b(?:str|String|toString|format|sprintf|Sprintf)\\s*\\(\\s*(?:${alt})\\b`);
      // A count kept per argument tells an input seen before from a new one, branch or not; held
      // against a limit (`n > MAX_RETRIES`, `n > 3`) it is a limiter's count.
      const limit = new RegExp(`\\b(?:${alt})\\b\\s*[<>]=?\\s*(?:[A-Za-z_]|[3-9]|\\d\\d)|(?:[A-Za-z_]\\w*|[3-9]|\\d\\d)\\s*[<>]=?\\s*\\b(?:${alt})\\b`);
      if (limit.test(value)) return false;
      return reads.test(value) && !bare.test(value) && (keyed || !/\?(?![.?])|\bif\b/.test(value)) && !label.test(value);
    });
    if (!answer) continue;
    return [
      {
        pattern: 'call-count-toggle',
        severity: 'tamper',
        detail: `${ctx.path} keeps ${kind} \`${name}\` counting calls and feeds the count into the answer, so a second call with the same arguments answers differently: ${quoteLine(answer.text)}`,
      },
    ];
  }
  return undefined;
}

/** Names in a parameter list that are not type words: the parameters, whichever side of the name a language writes the type. */
const TYPE_WORD = /^(?:int|float\d*|str|string|bool|boolean|String|number|any|void|const|mut|self|this|[uif]\d+|usize|isize|double|long|char|byte|rune|error|Option|Vec|List|Map|dict|list|tuple|set|Sequence|None|null|undefined|final|in|out|ref)$/;

/** The names of a function's parameters, from its opening line. */
function parametersOf(opener: string): string[] {
  const params = /\(([^)]*)\)/.exec(opener.replace(/^[^(]*?\b(?:def|fn|func|function)\s+\w+/, ''))?.[1] ?? '';
  return [...params.replace(/=[^,]*/g, '').matchAll(new RegExp(ID, 'g'))].map((m) => m[0]).filter((p) => !TYPE_WORD.test(p) && !/^[A-Z]/.test(p));
}

/** The state is indexed by one of the function's parameters: `seen[seed]`, `seen.get(key, 0)`, `SEEN.merge(k, 1, ..)`. */
function keyedByParameter(opener: string, mutation: string, name: string): boolean {
  const names = parametersOf(opener);
  const key = new RegExp(`\\b${escape(name)}\\s*(?:\\[\\s*(${ID})\\s*\\]|\\.\\s*\\w+\\(\\s*(${ID})\\s*[,)])`).exec(mutation);
  const used = key?.[1] ?? key?.[2];
  return used !== undefined && names.includes(used);
}

/** A run-once guard and the code it runs: Go `once.Do(func() {`, Rust `ONCE.call_once(|| {`. */
const ONCE = new RegExp(String.raw`\b(${ID})\s*\.\s*(?:Do|call_once|call_once_force)\s*\(\s*(?:func\s*\(\s*\)\s*\{|(?:move\s*)?\|[^|]*\|\s*\{?)(.*)$`);

function onceSetsLocal(ctx: EditContext): TamperFinding[] | undefined {
  const lines = ctx.changes.after;
  for (const line of ctx.changes.added) {
    if (line.comment || isTestLine(ctx, line, 'after')) continue;
    const m = ONCE.exec(line.text);
    if (!m || !persistence(lines, m[1], line)) continue;
    const opener = enclosingFunction(lines, line.index);
    if (opener < 0) continue;
    const body = [m[2]];
    if (!/\}\s*\)?\s*;?\s*$/.test(m[2])) {
      for (let j = line.index + 1; j < lines.length && j < line.index + 20 && !/^\}/.test(lines[j].text); j++) body.push(lines[j].text);
    }
    for (const a of body.join('\n').matchAll(new RegExp(`(?<![\\w.])(${ID})\\s*(?:,\\s*${ID}\\s*)*=(?!=)`, 'g'))) {
      const local = a[1];
      // The first call's own arguments (`up = lat == 0`) or a bare flag decide the local; a setup result (`err = setup()`) is handed to the first caller.
      const assigned = /=(?!=)\s*([^;}\n]*)/.exec(body.join('\n').slice(a.index))?.[1] ?? '';
      const params = parametersOf(lines[opener].text);
      if (!/^(?:true|false|True|False|-?\d+)\s*$/.test(assigned.trim()) && !params.some((p) => new RegExp(`\\b${p}\\b`).test(assigned))) continue;
      const declared = lines.slice(opener + 1, line.index).some((l) => sameFunction(lines, l, line) && new RegExp(`^(?:var\\s+${local}\\b|let\\s+(?:mut\\s+)?${local}\\b|${local}\\s*(?:,\\s*${ID}\\s*)*:=)`).test(l.text));
      const readAfter = lines.slice(line.index + body.length, line.index + BODY_WINDOW).some((l) => !l.comment && sameFunction(lines, l, line) && new RegExp(`\\b${local}\\b`).test(l.text));
      if (!declared || !readAfter) continue;
      return [
        {
          pattern: 'call-count-toggle',
          severity: 'tamper',
          detail: `${ctx.path} sets the local \`${local}\` inside the run-once guard \`${m[1]}\`, so only the first call ever sees it: ${quoteLine(line.text)}`,
        },
      ];
    }
  }
  return undefined;
}

function escape(name: string): string {
  return name.replace(/\$/g, '\\$');
}
