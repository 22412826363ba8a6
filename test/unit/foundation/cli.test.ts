import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Runs the built binary exactly as a user would (`dist/cli.js` is what `npx emotion-lens` runs).
const cli = 'dist/cli.js';

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the CLI bundle has been built', () => {
  assert.ok(existsSync(cli), 'run `npm run build` first (npm ci does it through prepare)');
});

test('--help lists every subcommand and exits 0', () => {
  const r = run('--help');
  assert.equal(r.code, 0);
  for (const name of ['scan', 'score', 'vectors', 'validate', 'bench', 'sessions']) {
    assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'), `${name} listed`);
  }
});

test('no arguments prints the help to stderr and exits 2', () => {
  const r = run();
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Usage: emotion-lens <command>/);
});

test('an unknown command exits 2 and names the command and the known ones', () => {
  const r = run('nonsense');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'nonsense'/);
  assert.match(r.stderr, /scan/);
  assert.equal(r.stdout, '');
});

test('an unknown option exits 2 with the command usage', () => {
  const r = run('sessions', '--no-such-option');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Usage: emotion-lens sessions/);
});

test('a subcommand --help prints its usage', () => {
  const r = run('score', '--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: emotion-lens score/);
});
