/**
 * Text patterns of test tampering, from what users report and research measured
 * (agents skip, delete or weaken tests, or special-case the failing input).
 * Patterns only look at lines an edit adds or removes, never at whole files.
 */

/** Markers that switch a test off or narrow a run to a few tests, across common frameworks. */
const SKIP_MARKERS: ReadonlyArray<[RegExp, string]> = [
  [/@pytest\.mark\.(skip|skipif|xfail)\b/, 'pytest skip/xfail marker'],
  [/\bpytest\.(skip|xfail)\s*\(/, 'pytest.skip()'],
  [/@unittest\.(skip|skipIf|skipUnless|expectedFailure)\b/, 'unittest skip decorator'],
  [/\braise\s+(unittest\.)?SkipTest\b/, 'raise SkipTest'],
  [/\b(it|test|describe|context)\.(skip|only|todo)\s*\(/, '.skip/.only'],
  [/\b(xit|xdescribe|xtest|fit|fdescribe)\s*\(/, 'xit/fit'],
  [/\bt\.Skip(Now|f)?\s*\(/, 'Go t.Skip'],
  [/@(Disabled|Ignore)\b/, 'JUnit @Disabled/@Ignore'],
  [/#\[ignore\]/, 'Rust #[ignore]'],
  [/\bmarkTestSkipped\s*\(|@group\s+skip/, 'PHPUnit skip'],
  [/\bskip\s*:\s*true\b/, 'skip: true'],
];

/** Assertion calls across common frameworks: fewer of them after an edit is a weakened test. */
const ASSERTION = /\b(assert\w*|expect|should|t\.(Error|Fatal|Equal|Assert)\w*|require\.\w+|XCTAssert\w*|check)\s*[(.!\s]/g;

/** Assertions that can never fail. */
const TRIVIAL_ASSERTIONS: readonly RegExp[] = [
  /\bassert\s+True\b/,
  /\bassert\s*\(?\s*(1\s*==\s*1|true)\s*\)?/i,
  /\bor\s+True\b/,
  /\|\|\s*true\b/,
  /expect\s*\(\s*true\s*\)/,
  /\.toBeTruthy\(\)\s*;?\s*$/,
  /assertTrue\s*\(\s*(True|true)\s*\)/,
  /\bsys\.exit\s*\(\s*0\s*\)/,
  /\bprocess\.exit\s*\(\s*0\s*\)/,
];

/** Comments that admit the code exists for the test rather than the behaviour. */
const ADMISSION = /(special[- ]?cas(e|ing)|hard-?cod(e|ed|ing)|make (the |this |these )?tests? pass|for the (failing )?test|to satisfy the test|workaround for test)/i;

export function addedAndRemovedLines(oldText = '', newText = ''): { added: string[]; removed: string[] } {
  const count = (lines: string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const split = (t: string) => t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const oldLines = split(oldText);
  const newLines = split(newText);
  const oldCount = count(oldLines);
  const newCount = count(newLines);
  const added = newLines.filter((l) => {
    const left = oldCount.get(l) ?? 0;
    if (left > 0) {
      oldCount.set(l, left - 1);
      return false;
    }
    return true;
  });
  const removed = oldLines.filter((l) => {
    const left = newCount.get(l) ?? 0;
    if (left > 0) {
      newCount.set(l, left - 1);
      return false;
    }
    return true;
  });
  return { added, removed };
}

export function skipMarkersIn(lines: readonly string[]): string[] {
  return lines.flatMap((line) => SKIP_MARKERS.filter(([re]) => re.test(line)).map(([, name]) => name));
}

export function assertionCount(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + (line.match(ASSERTION)?.length ?? 0), 0);
}

export function trivialAssertionsIn(lines: readonly string[]): string[] {
  return lines.filter((line) => TRIVIAL_ASSERTIONS.some((re) => re.test(line)));
}

export function admissionsIn(lines: readonly string[]): string[] {
  return lines.filter((line) => ADMISSION.test(line));
}

/**
 * Literal values a failing test run printed (quoted strings and multi-digit or
 * decimal numbers): the inputs and expected values a special case would test for.
 */
export function literalsFromOutput(output: string): Set<string> {
  const literals = new Set<string>();
  for (const m of output.matchAll(/(["'`])([^"'`\n]{2,80})\1/g)) literals.add(m[2]);
  for (const m of output.matchAll(/(?<![\w.])(-?\d+\.\d+|-?\d{2,})(?![\w.])/g)) literals.add(m[1]);
  return literals;
}

/**
 * Added lines that branch on one of the failing run's literals
 * (`if (input === 'abc')`, `case 42:`, `elif x == "abc"`).
 */
export function literalBranches(lines: readonly string[], literals: ReadonlySet<string>): Array<{ line: string; literal: string }> {
  const found: Array<{ line: string; literal: string }> = [];
  for (const line of lines) {
    if (!/\b(if|elif|else if|case|when|switch|match)\b|\?\s*[^:]+:|===?|!==?/.test(line)) continue;
    for (const literal of literals) {
      const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const quoted = new RegExp(`(["'\`])${escaped}\\1`);
      const numeric = /^-?[\d.]+$/.test(literal) ? new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`) : undefined;
      if (quoted.test(line) || numeric?.test(line)) {
        found.push({ line, literal });
        break;
      }
    }
  }
  return found;
}
