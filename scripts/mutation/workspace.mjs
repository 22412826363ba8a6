// A throwaway copy of the repository under the system's temp folder: mutants are
// written there, never into the checkout. node_modules and dist/ are linked,
// not copied (the tests only read them).
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LINKED = new Set(['node_modules', 'dist']);
const SKIPPED = new Set(['.git', '.vscode-test', 'out', 'coverage']);

export function makeWorkspace(repo) {
  const dir = mkdtempSync(join(tmpdir(), 'el-mutation-'));
  cpSync(repo, dir, {
    recursive: true,
    filter: (src) => {
      const top = relative(repo, src).split(/[\\/]/)[0];
      return !LINKED.has(top) && !SKIPPED.has(top);
    },
  });
  for (const name of LINKED) if (existsSync(join(repo, name))) symlinkSync(join(repo, name), join(dir, name));
  return dir;
}

export function removeWorkspace(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes a mutated text, runs `work`, and puts the original back whatever happens. */
export async function withMutation(workspace, file, mutatedText, work) {
  const path = join(workspace, file);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, mutatedText);
  try {
    return await work();
  } finally {
    writeFileSync(path, original);
  }
}

const running = new Set();

const LOADER = fileURLToPath(new URL('./loadTests.mjs', import.meta.url));

/**
 * Runs test files in one node process (node:test runs a file's tests when it is
 * loaded and exits non-zero if one fails), stopping at the first failing test.
 * Resolves to { outcome: 'pass' | 'fail' | 'timeout', ms, output }.
 */
export function runTests(workspace, testFiles, timeoutMs) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    // Its own process group, so a timeout ends the tests and anything they started.
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=tap', LOADER, ...testFiles], {
      cwd: workspace,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test', FORCE_COLOR: '0' },
    });
    running.add(child);
    let output = '';
    let failed = false;
    const keep = (chunk) => {
      output = (output + chunk).slice(-4000);
      // One failing test is enough to kill the mutant: stop there.
      if (!failed && /^\s*not ok /m.test(output)) {
        failed = true;
        killGroup(child);
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      const outcome = failed ? 'fail' : timedOut ? 'timeout' : code === 0 ? 'pass' : 'fail';
      resolvePromise({ outcome, ms: Date.now() - started, output });
    });
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Ends the test processes this run started (on Ctrl-C). */
export function stopRunning() {
  for (const child of running) killGroup(child);
}
