/**
 * Starts a worker thread from a script path. A bundled .js worker starts as is.
 * A .ts worker (running from source under tsx: tests, `npx tsx` CLI) needs tsx
 * inside the worker too, and Node 20 does not apply `--import tsx` hooks to a
 * worker's entry file, so the worker first registers tsx's require hook (found
 * from the worker file's own folder), then loads the file.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { disableOnnxTelemetry } from './noTelemetry';

/** `workerData` reaches the worker as node:worker_threads' workerData. */
export function spawnWorker(scriptPath: string, workerData?: unknown): Worker {
  // Before the worker loads onnxruntime: see noTelemetry.ts.
  disableOnnxTelemetry();
  const path = resolve(scriptPath);
  if (!path.endsWith('.ts')) return new Worker(path, { workerData });
  let tsx: string;
  try {
    tsx = createRequire(path).resolve('tsx/cjs');
  } catch {
    throw new Error(`cannot start worker ${path}: a .ts worker needs the tsx package (or use the bundled .js worker)`);
  }
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(path)});`, { eval: true, workerData });
}
