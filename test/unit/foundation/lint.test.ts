import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// Lints probe sources as if they stood at the given paths, with the project's own
// eslint.config.mjs, so the test fails if the architecture rule is ever loosened.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const importsVscode = "import * as vscode from 'vscode';\nexport const v = vscode.version;\n";

test('a file in src/core that imports vscode fails lint', async () => {
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsVscode), ['no-restricted-imports']);
});

test('a file in webview/ that imports vscode or a Node built-in fails lint', async () => {
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsVscode), ['no-restricted-imports']);
  const importsFs = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsFs), ['no-restricted-imports']);
});

test('src/host may import vscode', async () => {
  assert.deepEqual(await ruleIdsFor('src/host/probe.ts', importsVscode), []);
});
