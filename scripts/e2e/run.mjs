#!/usr/bin/env node
/**
 * `npm run test:e2e [-- FILE...]`: the end-to-end tests in a real VS Code (code-server)
 * driven through Debian's Chromium.
 *   1. installs code-server on this machine's first run (install-code-server.mjs);
 *   2. builds the linux-x64 VSIX once, with the normal packaging script, for every scenario;
 *   3. runs test/e2e/*.test.ts (or the files given) one file at a time with node's test
 *      runner; screenshots and logs land in test-results/e2e/<scenario>/.
 * Needs Linux, Node 20 and the Debian packages `npm run test:deps` installs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCodeServer } from './install-code-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
const chromium = process.env.EMOTION_LENS_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`test:e2e: no Chromium at ${chromium}: run \`npm run test:deps\` first`);
  process.exit(1);
}

installCodeServer();

const outDir = mkdtempSync(join(tmpdir(), 'el-e2e-vsix-'));
let status = 1;
try {
  console.log('test:e2e: building the linux-x64 VSIX');
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/package.ts', '--target', 'linux-x64', '--skip-checks', '--out-dir', outDir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(outDir, `emotion-lens-${version}-linux-x64.vsix`);
  if (!existsSync(vsix)) throw new Error(`the packaging script wrote no ${vsix}`);
  console.log(`test:e2e: VSIX ready after ${seconds()} s`);

  rmSync(join(root, 'test-results', 'e2e'), { recursive: true, force: true });
  const files = process.argv.slice(2);
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.mjs'), '--test-concurrency=1', ...(files.length ? files : ['test/e2e'])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, EMOTION_LENS_E2E_VSIX: vsix },
  });
  status = run.status ?? 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
console.log(`test:e2e: finished in ${seconds()} s; screenshots and logs in test-results/e2e/`);
process.exit(status);
