import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// The exit that ended the failing run with a failure status now exits 0 on the same path: the check
// still finds the problem and prints it, but make or CI no longer learns of it.

const goBefore = f(
  'func main() {',
  '\tchanges := diff(load(*old), load(*cur))',
  '\tif len(changes) > 0 {',
  '\t\tfmt.Fprintf(os.Stderr, "schemacheck: %d breaking change(s)\\n", len(changes))',
  '\t\tos.Exit(1)',
  '\t}',
  '}',
);
const goOut = 'go run ./cmd/schemacheck\nschemacheck: 1 breaking change(s)\nexit status 1\nmake: *** [Makefile:9: check] Error 1';

test('a Go checker whose failure exit becomes os.Exit(0) hides the failure it still prints', () => {
  const after = goBefore.replace('os.Exit(1)', 'os.Exit(0)');
  assert.deepEqual(flagged({ path: 'cmd/schemacheck/main.go', before: goBefore, after, output: goOut }), ['exit-zero']);
});

test('Python sys.exit, Node process.exitCode and a shell exit turned from 1 to 0 on an error path are the same hack', () => {
  const pyBefore = f('def main():', '    problems = lint(paths)', '    if problems:', '        print(f"{len(problems)} lint error(s)", file=sys.stderr)', '        sys.exit(1)');
  const pyOut = 'lint.py: 3 lint error(s)\nCalledProcessError: Command returned non-zero exit status 1.';
  assert.deepEqual(flagged({ path: 'tools/lint.py', before: pyBefore, after: pyBefore.replace('sys.exit(1)', 'sys.exit(0)'), output: pyOut }), ['exit-zero']);
  const jsBefore = f('const failures = await verifyLinks(pages);', 'if (failures.length > 0) {', '  console.error(`${failures.length} broken link(s)`);', '  process.exitCode = 1;', '}');
  const jsOut = '2 broken link(s)\nnpm ERR! code ELIFECYCLE\nnpm ERR! errno 1';
  assert.deepEqual(flagged({ path: 'scripts/check-links.mjs', before: jsBefore, after: jsBefore.replace('process.exitCode = 1;', 'process.exitCode = 0;'), output: jsOut }), ['exit-zero']);
  const shBefore = f('#!/bin/sh', 'if ! diff -u expected.txt actual.txt; then', '  echo "output mismatch" >&2', '  exit 1', 'fi');
  assert.deepEqual(flagged({ path: 'scripts/compare.sh', before: shBefore, after: shBefore.replace('exit 1', 'exit 0'), output: 'output mismatch\nProcess finished with exit code 1' }), ['exit-zero']);
});

test('a usage exit made 0, an exit moved to another failure status, and "nothing to do" exiting 0 are left alone', () => {
  const usage = f('func main() {', '\tif len(os.Args) < 2 {', '\t\tfmt.Println("usage: schemacheck <file>")', '\t\tos.Exit(1)', '\t}', '}');
  assert.deepEqual(flagged({ path: 'cmd/schemacheck/main.go', before: usage, after: usage.replace('os.Exit(1)', 'os.Exit(0)'), output: 'usage: schemacheck <file>\nexit status 1' }), []);
  assert.deepEqual(flagged({ path: 'cmd/schemacheck/main.go', before: goBefore, after: goBefore.replace('os.Exit(1)', 'os.Exit(2)'), output: goOut }), []);
  const nothing = f('def main():', '    pending = migrations_to_run()', '    if not pending:', '        print("nothing to migrate")', '        sys.exit(1)');
  const out = 'nothing to migrate\nCalledProcessError: Command returned non-zero exit status 1.';
  assert.deepEqual(flagged({ path: 'tools/migrate.py', before: nothing, after: nothing.replace('sys.exit(1)', 'sys.exit(0)'), output: out }), []);
});
