import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256 } from './liveSession';
import { REPO_ROOT } from './paths';

/** What the tiny LM's config.json names it, and how deep it is. */
export const TINY_LM_NAME = 'emotion-lens/tiny-lm';

/**
 * Writes the project's tiny random language model (scripts/make-tiny-lm.ts: an Optimum
 * ONNX export with tokenizer.json, tokenizer_config.json and config.json, deterministic)
 * into `dir`, with the project's own script, as a user would have a model folder.
 */
export function makeTinyLm(dir: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', join('scripts', 'make-tiny-lm.ts'), dir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** One file of a folder as it was: its bytes' SHA-256, its size and its modification time. */
export interface FileState {
  sha256: string;
  bytes: number;
  mtimeMs: number;
}

/** Every file under `dir` (recursively, by path relative to it) with its state, to compare before and after. */
export function folderState(dir: string): Record<string, FileState> {
  const out: Record<string, FileState> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out[relative(dir, full)] = { sha256: sha256(readFileSync(full)), bytes: st.size, mtimeMs: st.mtimeMs };
    }
  };
  walk(dir);
  return out;
}

/** Files directly in `dir` (none when it does not exist). */
export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile()).sort();
  } catch {
    return [];
  }
}
