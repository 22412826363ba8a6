import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

/**
 * The linux-x64 VSIX, built with the normal packaging script (`scripts/package.ts`).
 * `scripts/e2e/run.mjs` builds it once for all scenarios and passes its path in
 * EMOTION_LENS_E2E_VSIX; a scenario file run on its own builds its own.
 */
export function linuxVsix(): string {
  const given = process.env.EMOTION_LENS_E2E_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`EMOTION_LENS_E2E_VSIX points at ${given}, which does not exist`);
    return given;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'el-e2e-vsix-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/package.ts', '--target', 'linux-x64', '--skip-checks', '--out-dir', outDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = join(outDir, `emotion-lens-${version}-linux-x64.vsix`);
  if (!existsSync(vsix)) throw new Error(`the packaging script did not write ${vsix}`);
  return vsix;
}
