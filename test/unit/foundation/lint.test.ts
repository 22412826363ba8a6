import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// Lints probe sources as if they stood at the given paths, with the project's own
// eslint.config.mjs, so a test fails if an architecture rule is ever loosened. Each
// probe imports a real file of the zone it names (imports are resolved before the
// zone rule compares them) and shows both a forbidden import and a permitted one.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const ZONE = 'import-x/no-restricted-paths';
const importsVscode = "import * as vscode from 'vscode';\nexport const v = vscode.version;\n";
// As src/core/model/ortRuntime.ts loads onnxruntime: require() allowed on that line, vscode still not.
const requiresVscode = "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const v = require('vscode');\n";
const importsFrom = (path: string): string => `import { x } from '${path}';\nexport const y = x;\n`;
const importsTypeFrom = (path: string): string => `import type { X } from '${path}';\nexport type Y = X;\n`;

test('src/core never imports vscode, in any form; src/host may', async () => {
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsVscode), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', requiresVscode), ['no-restricted-syntax']);
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', "export const v = import('vscode');\n"), ['no-restricted-syntax']);
  assert.deepEqual(await ruleIdsFor('src/host/probe.ts', importsVscode), []);
});

test('src/core never imports src/host, webview/ or src/cli, not even a type; it may import src/shared and Node', async () => {
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsFrom('../host/statusBar')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/core/analysis/probe.ts', importsTypeFrom('../../../webview/chartData/timelineModel')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', "export { x } from '../cli/args';\n"), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsFrom('../shared/assistants')), []);
  assert.deepEqual(await ruleIdsFor('src/core/probe.ts', importsFrom('node:fs')), []);
});

test('src/shared imports only src/shared: no core, host, webview, package, Node built-in or vscode', async () => {
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsTypeFrom('../core/sessions/model')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsFrom('../host/statusBar')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsFrom('../../webview/rpc')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsFrom('chart.js')), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsFrom('node:path')), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsVscode), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', "export const p = import('node:path');\n"), ['no-restricted-syntax']);
  assert.deepEqual(await ruleIdsFor('src/shared/probe.ts', importsTypeFrom('./protocol')), []);
});

test('webview/ imports only webview/, src/shared and browser packages: no core, host, cli, Node built-in or vscode', async () => {
  assert.deepEqual(await ruleIdsFor('webview/timeline/probe.ts', importsFrom('../../src/core/sessions/model')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsTypeFrom('../src/host/timelinePanel')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsFrom('../src/cli/args')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsFrom('node:fs')), ['import-x/no-nodejs-modules']);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsFrom('path')), ['import-x/no-nodejs-modules']);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', importsVscode), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('webview/probe.ts', requiresVscode), ['no-restricted-syntax']);
  const permitted = "import { x } from '../../src/shared/protocol';\nimport { Chart } from 'chart.js';\nimport { el } from '../ui/dom';\nexport const y = [x, Chart, el];\n";
  assert.deepEqual(await ruleIdsFor('webview/timeline/probe.ts', permitted), []);
});

test('src/cli never imports src/host (nor vscode); it may import src/core', async () => {
  assert.deepEqual(await ruleIdsFor('src/cli/commands/probe.ts', importsFrom('../../host/exportReadings')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/cli/probe.ts', importsVscode), ['no-restricted-imports']);
  assert.deepEqual(await ruleIdsFor('src/cli/probe.ts', importsFrom('../core/sessions/model')), []);
});

test('src/host never imports webview/; it may import src/core and src/shared', async () => {
  assert.deepEqual(await ruleIdsFor('src/host/probe.ts', importsTypeFrom('../../webview/chartData/timelineModel')), [ZONE]);
  assert.deepEqual(await ruleIdsFor('src/host/probe.ts', "import { x } from '../core/sessions/model';\nimport { y } from '../shared/protocol';\nexport const z = [x, y];\n"), []);
});
