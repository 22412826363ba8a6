import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describeCycle, findImportCycles, importGraph, projectFiles } from '../../../scripts/lib/importCycles';

test('src/ and webview/ have no import cycles, type-only imports included', () => {
  const root = process.cwd();
  const { files, options } = projectFiles(root, ['src', 'webview']);
  assert.ok(files.length > 100, `expected the project's files, found ${files.length}`);
  const cycles = findImportCycles(importGraph(files, options)).map((c) => describeCycle(c, root));
  assert.deepEqual(cycles, []);
});

test('the check finds a type-only cycle, a re-export cycle and a dynamic-import cycle, and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  try {
    const files: Record<string, string> = {
      'a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
      'c.ts': "export { d } from './d';\nexport const c = 1;\n",
      'd.ts': "export const d = 2;\nexport const load = () => import('./c');\n",
      'uses.ts': "import type { A } from './a';\nimport { c } from './c';\nexport const u: A = { b: { a: {} } };\nexport { c };\n",
      'self.ts': "export * from './self';\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    const graph = importGraph(Object.keys(files).map((name) => join(dir, name)), options);
    assert.deepEqual(
      findImportCycles(graph).map((c) => describeCycle(c, dir)),
      ['a.ts -> b.ts -> a.ts', 'c.ts -> d.ts -> c.ts', 'self.ts -> self.ts'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
