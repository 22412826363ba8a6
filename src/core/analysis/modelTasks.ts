/**
 * Long model jobs for the editor, each in a worker thread of its own: preparing a
 * model (hashing gigabytes, decoding and cutting its graph) and calibrating it
 * (reading ~3,500 corpus texts, then PCA over the hidden width). Both compute
 * synchronously in stretches that would freeze the VS Code extension host.
 * Cancelling terminates the worker, and with it the model worker it started.
 */
import { AbortError } from '../abortError';
import { spawnWorker } from '../model/spawn-worker';
import type { PrepareOptions } from '../lm/prepare';
import type { PreparedLm } from '../lm/types';
import { deserializeError, type SerializedError } from '../model/workerErrors';
import type { ValidationReport } from './validation';

export type ModelTask =
  | { task: 'prepare'; dir: string; options: PrepareOptions }
  | { task: 'calibrate'; prepared: PreparedLm; cacheDir: string; corpusDir: string; lmWorkerPath: string };

export interface CalibrationSummary {
  path: string;
  bytes: number;
  seconds: number;
  reason: string;
  validation: ValidationReport;
}

export type TaskReply =
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'prepared'; prepared: PreparedLm }
  | { type: 'calibrated'; summary: CalibrationSummary }
  | { type: 'failed'; error: SerializedError };

function runTask<T>(workerPath: string, task: ModelTask, pick: (reply: TaskReply) => T | undefined, options: TaskOptions): Promise<T> {
  if (options.signal?.aborted) return Promise.reject(new AbortError('cancelled'));
  const worker = spawnWorker(workerPath, task);
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(new AbortError('cancelled')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: TaskReply) => {
      if (reply.type === 'progress') return options.onProgress?.(reply.done, reply.total, reply.stage);
      if (reply.type === 'failed') return finish(() => reject(deserializeError(reply.error)));
      const value = pick(reply);
      if (value !== undefined) finish(() => resolve(value));
    });
    worker.on('error', (error) => finish(() => reject(new Error(`the model task failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`the model task stopped (exit code ${code})`))));
  });
}

export interface TaskOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** prepareLm off the caller's thread; the error keeps its name and message (which names the problem and the fix). */
export function prepareInWorker(workerPath: string, dir: string, options: PrepareOptions, task: TaskOptions = {}): Promise<PreparedLm> {
  return runTask(workerPath, { task: 'prepare', dir, options }, (r) => (r.type === 'prepared' ? r.prepared : undefined), task);
}

/** Calibrates and validates a prepared model off the caller's thread. */
export function calibrateInWorker(
  workerPath: string,
  job: Omit<Extract<ModelTask, { task: 'calibrate' }>, 'task'>,
  task: TaskOptions = {},
): Promise<CalibrationSummary> {
  return runTask(workerPath, { task: 'calibrate', ...job }, (r) => (r.type === 'calibrated' ? r.summary : undefined), task);
}
