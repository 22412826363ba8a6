/**
 * Writes one VSIX per platform: `npm run package [-- --target linux-x64] [--out-dir DIR]`.
 * Type-checks and lints first, builds the production bundles and the model, stages
 * only the target's onnxruntime binaries, then lets vsce write the VSIX.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hostTarget, isTarget, TARGETS } from './lib/platforms';
import { stageRuntime } from './lib/stageRuntime';

const { values } = parseArgs({ options: { target: { type: 'string' }, 'out-dir': { type: 'string' }, 'skip-checks': { type: 'boolean' } } });
const target = values.target ?? hostTarget() ?? 'linux-x64';
if (!isTarget(target)) {
  console.error(`package: unknown --target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd: string, args: string[]): void => {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
};

if (!values['skip-checks']) {
  run(npm, ['run', '--silent', 'typecheck']);
  run(npm, ['run', '--silent', 'lint']);
}
run(process.execPath, ['scripts/build.mjs']);

try {
  const staged = stageRuntime(target, 'dist');
  console.log(`package: staged ${staged.length} onnxruntime files for ${target}`);
} catch (error) {
  console.error(`package: ${(error as Error).message}`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const outDir = values['out-dir'] ?? '.';
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `emotion-lens-${version}-${target}.vsix`);
// --no-dependencies: the runtime is staged under dist/node_modules above, so vsce
// must not add the project's node_modules (dev tools, every platform's binaries).
run(process.execPath, [
  'node_modules/@vscode/vsce/vsce',
  'package',
  '--target',
  target,
  '--no-dependencies',
  '--allow-missing-repository',
  '--out',
  out,
]);
const megabytes = (statSync(out).size / 1024 / 1024).toFixed(1);
console.log(`\nWrote ${out} (${megabytes} MB).\nInstall it with:\n  code --install-extension ${out}\n`);
