/**
 * Shared by the model tests: a freshly converted model (built once per test
 * process with the real converter, so the tests never run a stale dist/ copy and
 * a fresh clone needs no build step), the worker script, and seeded text
 * generators.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertModel, type ConvertResult } from '../../../scripts/model/convert';

let built: ConvertResult | undefined;
let dir: string | undefined;

export function testModel(): ConvertResult {
  if (!built) {
    dir = mkdtempSync(join(tmpdir(), 'emotion-lens-model-'));
    built = convertModel(dir);
    process.on('exit', () => rmSync(dir as string, { recursive: true, force: true }));
  }
  return built;
}

export function testModelDir(): string {
  testModel();
  return dir as string;
}

export const WORKER_PATH = resolve('src/core/model/worker.ts');

/** Deterministic PRNG so generated strings are the same on every run. */
export { seeded } from '../../support/seeded';

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}
