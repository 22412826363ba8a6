/**
 * Assertion helpers: functions in a test file that hold assertions and are
 * called from the tests (`assertParsed(raw, level, message)`, `checkSpans(t,
 * got, want)`). Moving repeated assertions into one is a refactor, not a loss:
 * each call runs every assertion of the helper, and a helper nobody calls runs none.
 */
import { CodeLine, LONG_LINE } from './tamperLines';

export interface AssertionHelper {
  /** Assertions in the helper's body. */
  assertions: number;
  /** Its body checks equality (assertEquals, ==, DeepEqual ...), not only truthiness. */
  equality: boolean;
}

export interface AssertionHelpers {
  byName: Map<string, AssertionHelper>;
  /** Indices of helper declarations and the lines of their bodies (counted through the calls instead). */
  body: Set<number>;
}

/** A function declaration in Python, Go, Rust, Java/Kotlin, JS/TS: the name it declares. */
const DECLARATION =
  /^(?:(?:public|private|protected|static|final|async|export|internal|pub(?:\([^)]*\))?)\s+)*(?:def|fn|function|func(?:\s*\([^)]*\))?)\s+(\w+)\s*(?:<[^>]*>)?\(|^(?:export\s+)?const\s+(\w+)\s*=\s*(?:async\s*)?\([^)]*\)\s*(?::\s*\w+\s*)?=>|^(?:(?:public|private|protected|static|final|synchronized)\s+)*(?!(?:return|new|throw|else|await|yield|case|assert|if|while|for|switch|catch)\b)[\w.]+(?:<[^>]*>)?(?:\[\])?\s+(\w+)\s*\([^;]*\)\s*(?:throws\s+[\w., ]+)?\{\s*$/;
/** Test functions the runner calls itself: their assertions are counted where they are. */
const RUNNER_CALLED = /^(?:test|Benchmark|Fuzz|Example|setUp|tearDown|setup|teardown|before|after)/i;

export function assertionHelpers(lines: readonly CodeLine[], assertion: RegExp, equality: RegExp): AssertionHelpers {
  const byName = new Map<string, AssertionHelper>();
  const body = new Set<number>();
  const calls = callCounts(lines);
  for (let i = 0; i < lines.length; i++) {
    const decl = lines[i];
    if (decl.comment || decl.text.length > LONG_LINE) continue;
    const m = DECLARATION.exec(decl.text);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!name || RUNNER_CALLED.test(name) || /^(?:if|for|while|switch|return|new|else)$/.test(name)) continue;
    // A test marker on the line above (@Test, #[test]) makes it a test, not a helper.
    const above = lines.slice(Math.max(0, i - 2), i).some((l) => /^(?:@(?:Test|ParameterizedTest)\b|#\[(?:tokio::)?test\])/.test(l.text));
    if (above) continue;
    const inside: CodeLine[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.text !== '' && l.indent <= decl.indent) {
        if (/^[}\])]/.test(l.text)) inside.push(l);
        break;
      }
      inside.push(l);
    }
    // Every function declared here counts through its calls: one that checks nothing (or is
    // never called) adds no assertion, however assertion-like its name.
    const checks = inside.filter((l) => !l.comment && assertion.test(l.text));
    const onDeclaration = [...decl.text.matchAll(CALL)].filter((c) => c[1] === name).length;
    const called = (calls.get(name) ?? 0) > onDeclaration;
    byName.set(name, { assertions: called ? checks.length : 0, equality: checks.some((l) => equality.test(l.text)) });
    body.add(decl.index);
    for (const l of inside) body.add(l.index);
    i = j - 1;
  }
  return { byName, body };
}

/** How often each name is called in the lines (declarations included), in one pass. */
function callCounts(lines: readonly CodeLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (l.comment || l.text.length > LONG_LINE) continue;
    for (const m of l.text.matchAll(CALL)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  return counts;
}

const CALL = /(?<![\w])(\w+)\s*\(/g;

/** The helper a line calls, if any. */
export function helperCalled(text: string, helpers: AssertionHelpers): AssertionHelper | undefined {
  for (const m of text.matchAll(/(?<![\w])(\w+)\s*\(/g)) {
    const h = helpers.byName.get(m[1]);
    if (h) return h;
  }
  return undefined;
}

/**
 * Assertions a line runs: those of the helpers declared here that it calls, plus one when
 * the rest of the line is itself an assertion (`assertEquals(5, add(2, 3))`).
 */
export function assertionsRun(text: string, helpers: AssertionHelpers, assertion: RegExp): number {
  let n = 0;
  const rest = text.replace(/(?<![\w])(\w+)(\s*\()/g, (call, name: string, paren: string) => {
    const h = helpers.byName.get(name);
    if (!h) return call;
    n += h.assertions;
    return `_${paren}`;
  });
  return n + (assertion.test(rest) ? 1 : 0);
}
