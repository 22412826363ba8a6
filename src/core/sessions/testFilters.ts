/**
 * The tests a command selects by name, when it narrows the run: Maven's
 * `-Dtest=Class#method+other`, Gradle's `--tests`, pytest's `path::name` and
 * `-k expr`, Jest's and Vitest's `-t`/`--testNamePattern`, Go's `-run`.
 * Undefined when the command runs whatever its target holds.
 */
const FILTERS: RegExp[] = [
  /-Dtest=("[^"]+"|'[^']+'|\S+)/g,
  /--tests[= ]("[^"]+"|'[^']+'|\S+)/g,
  /\S+::(?:\w+::)*(\S+)/g,
  /(?:^|\s)-k[= ]("[^"]+"|'[^']+'|\S+)/g,
  /(?:^|\s)(?:-t|--testNamePattern)[= ]("[^"]+"|'[^']+'|\S+)/g,
  /(?:^|\s)-run[= ]("[^"]+"|'[^']+'|\S+)/g,
];
/** Words of a filter that name nothing: boolean operators and pattern syntax leftovers. */
const NOT_A_NAME = /^(?:and|or|not|test|tests)$/i;

export function selectedTests(command: string): string[] | undefined {
  const names = new Set<string>();
  for (const re of FILTERS) {
    for (const m of command.matchAll(re)) {
      // `Class#method+other` selects methods: the class name alone would match every failure in it.
      const value = m[1].replace(/^["']|["']$/g, '');
      const selected = value.includes('#') ? value.split(',').map((v) => v.slice(v.indexOf('#') + 1)).join('+') : value;
      for (const part of selected.split(/[^\w$]+/)) {
        if (part.length >= 3 && !NOT_A_NAME.test(part)) names.add(part);
      }
    }
  }
  return names.size ? [...names] : undefined;
}

/**
 * A passing run that selected tests by name, none of which the failing run's
 * output mentions, says nothing about the tests that failed: it does not end
 * the loop (`-Dtest=PagerTest#pagesInOrder` passing while `tiedTimestamps`
 * still fails).
 */
export function passLeavesFailuresUntested(command: string, failingOutput: string): boolean {
  const selected = selectedTests(command);
  if (!selected || !failingOutput) return false;
  const failing = failingOutput.toLowerCase();
  return !selected.some((name) => failing.includes(name.toLowerCase()));
}
