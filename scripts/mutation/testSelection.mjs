// Which test files can see a source file: the test files whose relative imports
// reach it (directly or through other modules). A mutant is only run against
// those, which keeps the run short; a source file no test reaches has its
// mutants reported as "no test reaches it" without running anything.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function resolveModule(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Relative value imports of one file (type-only imports load nothing at run time). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[1]) continue;
    const target = resolveModule(file, m[2] ?? m[3]);
    if (target) found.push(target);
  }
  return found;
}

/** Every module a file loads, itself included. */
export function closureOf(file) {
  const seen = new Set();
  const stack = [resolve(file)];
  while (stack.length) {
    const next = stack.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...importsOf(next));
  }
  return seen;
}

export function findTestFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTestFiles(full));
    else if (entry.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

/** Test file (relative to root) -> the source files (relative to root) it loads. */
export function reachMap(root, testFiles) {
  const map = new Map();
  for (const test of testFiles) {
    const reached = new Set([...closureOf(join(root, test))].map((f) => relative(root, f)));
    map.set(test, reached);
  }
  return map;
}
